// Accounts, login, recovery and the PLSA console: the data that crosses the boundary.
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

export interface LoginInput {
  login: string;
  password: string;
  remember: boolean;
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

export interface SessionInput {
  session: string;
}

export interface ChangePasswordInput {
  session: string;
  /** Empty after a temporary password: the session proves who you are. */
  currentPassword: string;
  newPassword: string;
  /** Language of the notice e-mailed to the account. */
  lang: UiLang;
}

export interface PlsaContact {
  fullName: string;
  email: string;
}

export interface PrivateArea {
  account: AccountView;
  analysis: Analysis;
  plsas: PlsaContact[];
}

export type UiLang = 'en' | 'fr' | 'pt';

export interface ForgotUsernameInput {
  email: string;
  lang: UiLang;
}
export interface ForgotPasswordInput {
  login: string;
  email: string;
  /** Given by a PLSA: login and COFOR together earn a temporary password by e-mail. */
  cofor?: string | undefined;
  lang: UiLang;
}
export interface FindPlsaInput {
  loginOrCofor: string;
  email: string;
  lang: UiLang;
}
export interface BlockedAccessInput {
  login: string;
  email: string;
  message: string;
  lang: UiLang;
}

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
}

export interface CreateAccountInput {
  session: string;
  fullName: string;
  email: string;
  role: Role;
  /** The first attempt warns about a colleague with the same name or e-mail; this confirms. */
  confirmDuplicate: boolean;
}

export interface AccountActionInput {
  session: string;
  login: string;
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
