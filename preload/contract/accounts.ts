// Accounts, login, recovery and the PLSA console: the data that crosses the boundary.
import type { ApiParsed } from './channels';
import type { Analysis } from './dto';

export type Role = 'user' | 'plsa';
/** Who is signed in: a supplier's user or PLSA, or an agent of the portal assistance. */
export type SignedInRole = Role | 'desk';
export type AccountState = 'active' | 'blocked' | 'deactivated';

export interface AccountView {
  login: string;
  fullName: string | null;
  /** Exactly as registered: recovery forms need it character for character. */
  email: string;
  role: SignedInRole;
  companyName: string;
  cofor: string;
}

export interface SessionStart {
  /** Bearer of the session: kept in memory by the screens, sent with each private call. */
  session: string;
  account: AccountView;
  /** A temporary password was used: the only thing to do is choose a new password. */
  mustChangePassword: boolean;
  remembered: boolean;
  rememberProblem: 'keychain-unavailable' | null;
}

export interface PlsaContact {
  fullName: string;
  email: string;
}

/** A PLSA's hand-over to a colleague, waiting for the colleague's answer. */
export interface PlsaHandOver {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  since: string;
}

/** What keeps a company from being left without a PLSA, as the signed-in person should see it. */
export interface PlsaContinuity {
  /** The person is their company's only active PLSA (no deputy yet). */
  onlyPlsa: boolean;
  /** A hand-over of this company that the person made, or is asked to accept. */
  handOver: PlsaHandOver | null;
}

export interface PrivateArea {
  account: AccountView;
  analysis: Analysis;
  plsas: PlsaContact[];
  continuity: PlsaContinuity;
}

export type { Lang as UiLang } from './languages';

export type ForgotUsernameInput = ApiParsed<'forgotUsername'>;
export type ForgotPasswordInput = ApiParsed<'forgotPassword'>;
export type FindPlsaInput = ApiParsed<'findPlsa'>;
export type BlockedAccessInput = ApiParsed<'reportBlockedAccess'>;

/** Every recovery form answers this, whatever exists: nothing can be learnt from the answer. */
export interface RecoveryReceived {
  received: true;
}

export interface ConsoleAccount {
  login: string;
  fullName: string | null;
  email: string;
  role: Role;
  state: AccountState;
  lastLoginAt: string | null;
}

export interface ConsoleView {
  companyName: string;
  cofor: string;
  accounts: ConsoleAccount[];
  plsaCount: number;
  /** The hand-over this PLSA made, while the colleague has not answered. */
  handOver: PlsaHandOver | null;
  /** Linked to a hub: the accounts are shown, and changed only on the hub (not from here yet). */
  throughHub: boolean;
}

/** Shown once to the PLSA, who hands it over; never stored in clear. */
export interface IssuedTemporaryPassword {
  login: string;
  temporaryPassword: string;
  expiresAt: string;
}

export interface AuditEntryView {
  at: string;
  actor: string;
  action: string;
  targetLogin: string | null;
}

/** A company's access review, as its PLSA answers it (an answer per account, then closed). */
export interface AccessReviewView {
  everyDays: number;
  review: {
    id: number;
    openedAt: string;
    dueAt: string;
    closedAt: string | null;
    lines: Array<{
      login: string;
      fullName: string;
      email: string;
      role: string;
      state: string;
      answer: 'confirmed' | 'left' | 'blocked-unconfirmed' | null;
      by: string | null;
      at: string | null;
    }>;
  };
  past: Array<{ id: number; openedAt: string; closedAt: string | null }>;
}
