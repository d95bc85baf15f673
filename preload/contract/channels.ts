// Every channel, declared once: its input schema, the role it needs and what it answers. The
// rest is derived from this table: `PortalApi` (what the preload exposes and the renderer calls),
// the list of IPC channels, the router's checks (schema, then the role, resolved once per call
// into a principal), and the table of handlers, which must have one entry per channel.
//
// The renderer imports this file for types only (`import type`), so zod stays out of its bundle.
import { z } from 'zod';
import type { ApiResult } from './result';
import type { Analysis, AppInfo, DraftData, Submitted, SyncStatus, TermsOfUse } from './dto';
import type {
  AuditEntryView,
  PlsaHandOver,
  AccessReviewView,
  ConsoleView,
  IssuedTemporaryPassword,
  PrivateArea,
  RecoveryReceived,
  SessionStart,
} from './accounts';
import type {
  DeskAgentView,
  DeskCompanyHit,
  DeskHandOver,
  DeskImportProgress,
  DeskQueue,
  DeskRequestView,
  DeskTemplatesView,
  StoreBackupView,
  GuideView,
  HelpSearchHit,
  HelpTopic,
  MailSettingsView,
  OutboxStatus,
  RequestView,
  LedgerEntryView,
  WindowCapture,
} from './help';

import { ONBOARDING_SCHEMAS as O } from './schemas/onboarding';
import { companyFileSchema, coforHelpSchema, accessRequestSchema } from './schemas/forms';
import { ACCOUNT_SCHEMAS as A } from './schemas/accounts';
import { HELP_SCHEMAS as H } from './schemas/help';
import { DESK_SCHEMAS as D } from './schemas/desk';
import { session } from './schemas/accounts';

/**
 * Who may call: `anyone` (no session); `session` (any live session, supplier or desk, even one
 * that must first change its password); `supplier` (a supplier user, PLSA or not); `plsa` (a PLSA
 * of the company); `desk` (an assistance agent). All but `anyone` read `session` from the input.
 */
export type Role = 'anyone' | 'session' | 'supplier' | 'plsa' | 'desk';

export interface Channel<S extends z.ZodType = z.ZodType, T = unknown, R extends Role = Role> {
  readonly input: S;
  readonly role: R;
  /** Never set: carries the type of what the channel answers. */
  readonly answer?: T;
}

const channel = <R extends Role, S extends z.ZodType>(role: R, input: S) => ({
  answers: <T>(): Channel<S, T, R> => ({ role, input }),
});

export const CHANNELS = {
  appInfo: channel('anyone', O.appInfo).answers<AppInfo>(),
  syncStatus: channel('anyone', O.syncStatus).answers<SyncStatus>(),
  syncNow: channel('anyone', O.syncNow).answers<SyncStatus>(),
  saveHubSettings: channel('desk', O.saveHubSettings).answers<SyncStatus>(),
  analyze: channel('anyone', O.analyze).answers<Analysis>(),
  termsOfUse: channel('anyone', O.termsOfUse).answers<TermsOfUse>(),
  submitCompanyFile: channel('anyone', companyFileSchema).answers<Submitted>(),
  submitCoforHelp: channel('anyone', coforHelpSchema).answers<Submitted>(),
  submitAccessRequest: channel('anyone', accessRequestSchema).answers<Submitted>(),
  loadDraft: channel('anyone', O.loadDraft).answers<DraftData | null>(),
  saveDraft: channel('anyone', O.saveDraft).answers<{ savedAt: string }>(),
  clearDraft: channel('anyone', O.clearDraft).answers<{ cleared: boolean }>(),

  login: channel('anyone', A.login).answers<SessionStart>(),
  /** Ends whatever session the token names; an unknown or ended one answers `ended: false`. */
  logout: channel('anyone', A.logout).answers<{ ended: boolean }>(),
  rememberedLogins: channel('anyone', A.rememberedLogins).answers<{ logins: string[] }>(),
  resumeRemembered: channel('anyone', A.resumeRemembered).answers<SessionStart>(),
  forgetMe: channel('anyone', A.forgetMe).answers<{ forgotten: boolean }>(),
  privateArea: channel('supplier', A.privateArea).answers<PrivateArea>(),
  changePassword: channel('session', A.changePassword).answers<{ changed: true; otherSessionsEnded: number }>(),

  forgotUsername: channel('anyone', A.forgotUsername).answers<RecoveryReceived>(),
  forgotPassword: channel('anyone', A.forgotPassword).answers<RecoveryReceived>(),
  findPlsa: channel('anyone', A.findPlsa).answers<RecoveryReceived>(),
  reportBlockedAccess: channel('anyone', A.reportBlockedAccess).answers<RecoveryReceived>(),

  consoleAccounts: channel('plsa', A.consoleAccounts).answers<ConsoleView>(),
  createAccount: channel('plsa', A.createAccount).answers<IssuedTemporaryPassword>(),
  resetPassword: channel('plsa', A.resetPassword).answers<IssuedTemporaryPassword>(),
  unblockAccount: channel('plsa', A.unblockAccount).answers<{ login: string }>(),
  deactivateAccount: channel('plsa', A.deactivateAccount).answers<{ login: string }>(),
  companyAudit: channel('plsa', A.companyAudit).answers<{ entries: AuditEntryView[] }>(),
  handOverPlsa: channel('plsa', A.handOverPlsa).answers<PlsaHandOver>(),
  withdrawHandOver: channel('plsa', A.withdrawHandOver).answers<{ withdrawn: true }>(),
  /** The colleague named by a leaving PLSA accepts (becomes PLSA; the leaver's account ends) or declines. */
  answerHandOver: channel('supplier', A.answerHandOver).answers<{ accepted: boolean }>(),
  /** The company's access review (opened when due), answered account by account by a PLSA. */
  accessReview: channel('plsa', A.accessReview).answers<AccessReviewView>(),
  answerAccessReview: channel('plsa', A.answerAccessReview).answers<AccessReviewView>(),
  setAccessReviewInterval: channel('plsa', A.setAccessReviewInterval).answers<AccessReviewView>(),
  exportAccessReview: channel('plsa', A.exportAccessReview).answers<{
    fileName: string;
    mediaType: string;
    contentBase64: string;
  }>(),

  submitHelpRequest: channel('anyone', H.submitHelpRequest).answers<Submitted>(),
  /** Desktop only: a PNG of the app's window, taken by the main process. */
  captureWindow: channel('anyone', H.captureWindow).answers<WindowCapture>(),
  myRequests: channel('anyone', H.myRequests).answers<{ requests: RequestView[] }>(),
  retryRequest: channel('anyone', H.retryRequest).answers<{ requeued: number }>(),
  /** A request waiting for the desk for 5 working days: its sender reminds the assistance. */
  remindRequest: channel('anyone', H.remindRequest).answers<{ reference: string; at: string }>(),
  /** A request that expired waiting for its sender goes back to the desk's queue. */
  reopenRequest: channel('anyone', H.reopenRequest).answers<{ reference: string }>(),
  /** "What left this PC": every e-mail sent and every sync to the hub, masked, with the kinds of personal data. */
  privacyLedger: channel('anyone', H.privacyLedger).answers<{ entries: LedgerEntryView[] }>(),
  /** Everything this workstation holds about the signed-in person, as JSON. */
  exportMyData: channel('supplier', H.exportMyData).answers<{ fileName: string; contentBase64: string }>(),
  outboxStatus: channel('anyone', H.outboxStatus).answers<OutboxStatus>(),
  sendNow: channel('anyone', H.sendNow).answers<OutboxStatus>(),
  mailSettings: channel('anyone', H.mailSettings).answers<MailSettingsView | null>(),
  /** The relay decides where temporary passwords go: desk agents only. */
  saveMailSettings: channel('desk', H.saveMailSettings).answers<MailSettingsView>(),
  sendTestEmail: channel('desk', H.sendTestEmail).answers<{ sent: boolean; error: string | null }>(),

  helpTopic: channel('anyone', H.helpTopic).answers<HelpTopic>(),
  helpGuide: channel('anyone', H.helpGuide).answers<GuideView>(),
  searchHelp: channel('anyone', H.searchHelp).answers<{ hits: HelpSearchHit[] }>(),

  deskQueue: channel('desk', D.deskQueue).answers<DeskQueue>(),
  deskRequest: channel('desk', D.deskRequest).answers<DeskRequestView>(),
  deskAttachment: channel('desk', D.deskAttachment).answers<{
    fileName: string;
    mediaType: string;
    contentBase64: string;
  }>(),
  deskSearchCompanies: channel('desk', D.deskSearchCompanies).answers<{ hits: DeskCompanyHit[] }>(),
  deskSetState: channel('desk', D.deskSetState).answers<{ reference: string }>(),
  /** An erasure request: what this workstation holds about the person who asked is erased. */
  deskErasePerson: channel('desk', D.deskErasePerson).answers<{ requests: number; emails: number }>(),
  deskDecide: channel('desk', D.deskDecide).answers<{
    reference: string;
    cofor?: string;
    logins?: string[];
    handOver?: DeskHandOver[];
    /** Linked to a hub: the hub makes the PLSA's login and e-mails its password. */
    viaHub?: boolean;
  }>(),
  deskReplacePlsa: channel('desk', D.deskReplacePlsa).answers<{
    login: string;
    handOver?: DeskHandOver[];
    /** Linked to a hub: the hub makes the new PLSA (its login arrives with the next sync). */
    viaHub?: boolean;
  }>(),
  /** Starts a directory import; its file follows in numbered chunks (deskImportChunk). */
  deskImportStart: channel('desk', D.deskImportStart).answers<DeskImportProgress>(),
  /** One chunk of the file: read, and companies written in batches; the last one brings the report. */
  deskImportChunk: channel('desk', D.deskImportChunk).answers<DeskImportProgress>(),
  deskExport: channel('desk', D.deskExport).answers<{ fileName: string; content: string }>(),
  createDeskAgent: channel('desk', D.createDeskAgent).answers<{ username: string; temporaryPassword: string }>(),
  deskUnblockAgent: channel('desk', D.deskUnblockAgent).answers<{ username: string; unblocked: boolean }>(),
  /** The desk's agents, for the Agents screen: who they are, their state, their last login here. */
  deskAgents: channel('desk', D.deskAgents).answers<{ agents: DeskAgentView[] }>(),
  deskTemplates: channel('desk', D.deskTemplates).answers<DeskTemplatesView>(),
  saveDeskTemplates: channel('desk', D.saveDeskTemplates).answers<DeskTemplatesView>(),
  /** A backup of the local store now, next to the rolling ones (the README's example channel). */
  backupNow: channel('desk', z.strictObject({ session: session() })).answers<StoreBackupView>(),
};

export type Channels = typeof CHANNELS;
export type ApiMethod = keyof Channels;
export type ApiInput<M extends ApiMethod> = z.input<Channels[M]['input']>;
/** What the channel's schema hands the service (trimmed, defaults applied). */
export type ApiParsed<M extends ApiMethod> = z.output<Channels[M]['input']>;
export type ApiValue<M extends ApiMethod> = Channels[M] extends Channel<z.ZodType, infer T, Role> ? T : never;
export type ApiRole<M extends ApiMethod> = Channels[M]['role'];

/** The API as the preload exposes it and the renderer calls it. */
export type PortalApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiValue<M>>> };

export const API_METHODS = Object.keys(CHANNELS) as ApiMethod[];

/** IPC channel of a method: one namespace, so a stray channel name is never mistaken for ours. */
export const ipcChannel = (method: ApiMethod): string => `portal:${method}`;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(CHANNELS, name);
}
