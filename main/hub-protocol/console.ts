// The PLSA console through the hub: each action's name on the wire (POST /v1/console/<action>)
// and its body's schema, the same contract schemas a standalone console checks.
import { ACCOUNT_SCHEMAS as A } from '../../preload/contract/schemas/accounts';

export const CONSOLE_ACTIONS = {
  accounts: A.consoleAccounts,
  create: A.createAccount,
  reset: A.resetPassword,
  unblock: A.unblockAccount,
  deactivate: A.deactivateAccount,
  audit: A.companyAudit,
  // PLSA continuity (hub/plsa-continuity.ts): a PLSA hands over or withdraws; the colleague
  // named answers, and any member of the company reads where things stand.
  handover: A.handOverPlsa,
  withdraw: A.withdrawHandOver,
  answer: A.answerHandOver,
  continuity: A.consoleAccounts,
  // Access reviews (hub/access-review.ts).
  review: A.accessReview,
  confirm: A.answerAccessReview,
  interval: A.setAccessReviewInterval,
  evidence: A.exportAccessReview,
  // A person's own data, for their export (hub/my-data.ts).
  mydata: A.consoleAccounts,
} as const;

export type ConsoleAction = keyof typeof CONSOLE_ACTIONS;
export const isConsoleAction = (name: string): name is ConsoleAction => Object.hasOwn(CONSOLE_ACTIONS, name);
