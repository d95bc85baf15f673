// The signed-in person, for this window only: the session token lives in memory and in
// sessionStorage (so a reload keeps you in, closing the window does not), never in localStorage.
import type { AccountView, SessionStart } from '$contract/accounts';
import type { ApiError } from '$contract/result';
import { visit } from './visit';

const KEY = 'portal.session';
const EMAILS = 'portal.knownEmails';

interface Stored {
  token: string;
  account: AccountView;
  mustChangePassword: boolean;
}

function restore(): Stored | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

let current = $state<Stored | null>(restore());
/** A message for the next screen (a remember-me problem after logging in, a session that ended). */
let flash = $state<string | null>(null);

export const session = {
  get current() {
    return current;
  },
  get token(): string {
    return current?.token ?? '';
  },
  get flash() {
    return flash;
  },
  set flash(value: string | null) {
    flash = value;
  },
  start(start: SessionStart) {
    current = { token: start.session, account: start.account, mustChangePassword: start.mustChangePassword };
    sessionStorage.setItem(KEY, JSON.stringify(current));
    visit.renew(); // drafts typed before logging in stay with the one who typed them
    rememberEmail(start.account.login, start.account.email);
  },
  /** A hand-over accepted: the person is PLSA from now on (the engine checks it at every call). */
  becamePlsa() {
    if (!current) return;
    current = { ...current, account: { ...current.account, role: 'plsa' } };
    sessionStorage.setItem(KEY, JSON.stringify(current));
  },
  passwordChanged() {
    if (!current) return;
    current = { ...current, mustChangePassword: false };
    sessionStorage.setItem(KEY, JSON.stringify(current));
  },
  end() {
    current = null;
    sessionStorage.removeItem(KEY);
    visit.renew(); // the next person starts with empty forms
  },
  /** True when the engine says the session is over: the caller sends the person to log in. */
  ended(error: ApiError): boolean {
    if (error.code !== 'unauthenticated') return false;
    session.end();
    return true;
  },
};

/**
 * The e-mail registered for a login this workstation has logged in with. Recovery forms compare
 * the typed e-mail with these to warn about a case or space difference; they never show them.
 */
function rememberEmail(login: string, email: string) {
  const known = knownEmails();
  known[login] = email;
  localStorage.setItem(EMAILS, JSON.stringify(known));
}

export function knownEmails(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(EMAILS) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

const fold = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** The typed e-mail differs from one used here only by case or spaces: worth a warning. */
export function looksLikeKnownEmail(typed: string): boolean {
  if (typed === '') return false;
  return Object.values(knownEmails()).some((known) => known !== typed && fold(known) === fold(typed));
}
