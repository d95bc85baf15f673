// Who did it and to whom, in a company's audit as its PLSA reads it. The engine records an actor
// as a V login, an assistance agent's user name, or a role word (`anonymous`: a recovery form
// sent from the login page; `system`/`portal`: the portal's own rules, a lockout or a review's
// end; `supplier`: a request's sender; `hub`): each is said in words, a person by their name.
import type { ConsoleAccount } from '$contract/accounts';
import { t } from './i18n/i18n.svelte';
import type { MessageKey } from './i18n/en';

const ROLE_WORDS: Record<string, MessageKey> = {
  anonymous: 'actor.anonymous',
  system: 'actor.portal',
  portal: 'actor.portal',
  supplier: 'actor.supplier',
  hub: 'actor.hub',
};

/** "Camille Sample (V100001)", or the login alone for an account the console does not list. */
export function personText(login: string, accounts: readonly ConsoleAccount[]): string {
  const name = accounts.find((a) => a.login === login)?.fullName;
  return name ? `${name} (${login})` : login;
}

export function actorText(actor: string, accounts: readonly ConsoleAccount[]): string {
  const role = ROLE_WORDS[actor];
  if (role) return t(role);
  // A V login is a person of the company; any other name is an assistance agent's.
  return /^V\d{6}$/i.test(actor) ? personText(actor.toUpperCase(), accounts) : t('actor.assistance');
}

/** The account a line is about; none: it is about the whole company (a review, say). */
export const targetText = (login: string | null, accounts: readonly ConsoleAccount[]): string =>
  login ? personText(login, accounts) : t('console.audit.company');
