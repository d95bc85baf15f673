// Logging in and out, "remember me" through the OS keychain, and changing a password.
import { randomBytes } from 'node:crypto';
import type { AccountView, SessionStart } from '../../preload/contract/accounts';
import { fieldError, PortalError } from './errors';
import { attemptKey, waitBeforeAttempt } from '../portal/accounts/lockout';
import { normaliseLogin } from '../portal/accounts/login-id';
import { mails, mailLang } from '../portal/mail/templates';
import { decoyHash, hashPassword, verifyPassword } from '../secrets/password-hasher';
import { SecretStoreUnavailable, type SecretStore } from '../secrets/secret-store';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { AccountsConfig } from '../policy/accounts';
import type { Mailer } from './mailer';
import { hashToken } from '../secrets/token-hash';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import type { DeskRepository } from '../store/desk';
import type { SessionPrincipal } from './principal';
import { createDeskAuth } from './desk-auth';
import { checkPasswordChange } from './password-change';
import type { HubAccounts } from './hub-accounts';

export interface AuthDeps {
  db: Db;
  accounts: AccountsRepository;
  secrets: SecretStore;
  mailer: Mailer;
  commonPasswords: ReadonlySet<string>;
  config: AccountsConfig;
  desk: DeskRepository;
  now: () => Date;
  /** Set on a workstation that may be linked to a hub: V logins are then verified by the hub. */
  hubAccounts?: HubAccounts;
  /** Runs before a standalone login is checked (an access review's end blocks what it must first). */
  beforeLogin?: () => void;
  /** The password check (scrypt); tests count its calls to prove every attempt costs the same. */
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
}

const REMEMBER_PREFIX = 'remember:';
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000);

export const accountView = (a: AccountRow): AccountView => ({
  login: a.login,
  fullName: a.fullName,
  email: a.email,
  role: a.role,
  companyName: a.companyName,
  cofor: a.cofor,
});

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthDeps) {
  const { db, accounts, secrets, mailer, config, now } = deps;
  const verify = deps.verifyPassword ?? verifyPassword;
  const invalid = () => new PortalError('invalid-credentials', 'The login or the password is not right.');

  function startSession(account: AccountRow, mustChange: boolean, at: Date): string {
    const token = newToken();
    db.transaction(() => {
      accounts.createSession(hashToken(token), account.id, at, hours(at, config.sessionHours), mustChange);
      accounts.markLoggedIn(account.id, at);
      accounts.clearFailures(account.login);
    })();
    return token;
  }

  async function remember(
    account: AccountRow,
    at: Date,
  ): Promise<Pick<SessionStart, 'remembered' | 'rememberProblem'>> {
    const token = newToken();
    try {
      await secrets.set(`${REMEMBER_PREFIX}${account.login}`, token);
    } catch (error) {
      if (error instanceof SecretStoreUnavailable)
        return { remembered: false, rememberProblem: 'keychain-unavailable' };
      throw error;
    }
    accounts.rememberDevice(hashToken(token), account.id, at, hours(at, config.rememberDays * 24));
    return { remembered: true, rememberProblem: null };
  }

  /**
   * Counts this attempt before any password is checked, in one transaction: a burst of
   * simultaneous guesses gets at most the attempts the throttle allows, each one counted
   * before its hash runs. Refuses while the delay earned by earlier attempts runs, for known
   * and unknown logins alike. The attempts are typed here, this workstation's only source
   * (lockout.ts: the same rule as the hub's, and failures never block). Returns the attempts
   * counted so far, this one included.
   */
  const reserveAttempt = db.transaction((name: string, at: Date): number => {
    const key = attemptKey(name, null);
    const attempts = accounts.failures(key);
    const wait = waitBeforeAttempt(
      attempts && { failures: attempts.failures, lastFailureAt: new Date(attempts.lastFailureAt) },
      at,
      config.lockout,
    );
    if (wait > 0) {
      throw new PortalError(
        'too-many-attempts',
        'Too many failed attempts: wait before trying again.',
        undefined,
        Math.ceil(wait / 1000),
      );
    }
    return accounts.recordFailure(key, at);
  });

  /**
   * Always the same two hash checks, whatever exists: the password, then the temporary password
   * waiting for this account (a decoy hash stands in for what is missing), so the time of an
   * answer tells nothing about the account.
   */
  async function passwordMatches(
    account: AccountRow | null,
    password: string,
    at: Date,
  ): Promise<'password' | 'temporary' | null> {
    const temporary = account ? accounts.activeTemporaryPassword(account.id, at) : null;
    const [isPassword, isTemporary] = [
      await verify(password, account?.passwordHash ?? decoyHash()),
      await verify(password, temporary?.hash ?? decoyHash()),
    ];
    if (account?.passwordHash && isPassword) return 'password';
    if (temporary && isTemporary && accounts.useTemporaryPassword(temporary.id, at)) return 'temporary';
    return null;
  }

  const { deskLogin, changeDeskPassword } = createDeskAuth(deps, { reserveAttempt, verify, invalid, newToken, hours });

  /** A new password holds: the caller's session stays, the others end, remembered devices log in
   * again, and it is audited. Standalone, the hash is kept here and the notice queued; linked to
   * a hub, the hub keeps the hash and sends the notice. */
  function recordPasswordChange(
    caller: { account: AccountRow; tokenHash: string },
    at: Date,
    local: { hash: string; lang: ReturnType<typeof mailLang> } | null,
  ): number {
    const { account } = caller;
    return db.transaction(() => {
      if (local) accounts.setPassword(account.id, local.hash, false, at);
      accounts.clearSessionMustChange(caller.tokenHash);
      const others = accounts.endSessions(account.id, caller.tokenHash);
      accounts.forgetAllDevices(account.id);
      accounts.audit(
        { companyId: account.companyId, actor: account.login, action: 'password-changed', targetLogin: account.login },
        at,
      );
      if (local) {
        const notice = mails.passwordChanged(local.lang, account.login, at.toISOString());
        mailer.queue({ kind: 'password-changed', to: account.email, lang: local.lang, ...notice }, at);
      }
      return others;
    })();
  }

  /** A linked workstation: the hub checks the password and says whether it must change. Not
   * remembered: a remembered device would log in without the hub. */
  async function loginThroughHub(hub: HubAccounts, login: string, password: string): Promise<SessionStart> {
    const at = now();
    const { account, session } = await hub.login(login, password, at);
    const token = startSession(account, session.mustChangePassword, at);
    hub.holdSession(hashToken(token), session.session);
    return {
      session: token,
      account: accountView(account),
      mustChangePassword: session.mustChangePassword,
      remembered: false,
      rememberProblem: null,
    };
  }

  return {
    async login(input: { login: string; password: string; remember: boolean }): Promise<SessionStart> {
      const login = normaliseLogin(input.login);
      const username = input.login.trim().toLowerCase();
      if (!login && DESK_USERNAME.test(username)) return deskLogin(username, input.password);
      if (!login) throw fieldError('invalid-input', 'login', 'login.format', 'A login is V followed by 6 digits.');
      if (deps.hubAccounts?.linked()) return loginThroughHub(deps.hubAccounts, login, input.password);
      deps.beforeLogin?.();
      const at = now();
      reserveAttempt(login, at);
      const account = accounts.byLogin(login);
      const match = await passwordMatches(account, input.password, at);
      // A blocked or deactivated account answers as a wrong password does, whatever was typed:
      // the answer never confirms a password, nor that the login exists. The login screen
      // points to "Blocked access?" next to this answer. The failure was counted: it slows the
      // next attempt, and never blocks the account (lockout.ts).
      if (!account || !match || account.state !== 'active') throw invalid();
      if (account.companyStatus !== 'active' || account.companyAccess !== 'open') {
        accounts.clearFailures(login);
        throw new PortalError('access-not-open', "Your company's access to the B2B portal is not open.");
      }
      const mustChange = match === 'temporary' || account.mustChangePassword;
      if (match === 'temporary') {
        accounts.audit(
          {
            companyId: account.companyId,
            actor: account.login,
            action: 'temporary-password-used',
            targetLogin: account.login,
          },
          at,
        );
      }
      const session = startSession(account, mustChange, at);
      const remembered =
        input.remember && !mustChange ? await remember(account, at) : { remembered: false, rememberProblem: null };
      return { session, account: accountView(account), mustChangePassword: mustChange, ...remembered };
    },

    logout(input: { session: string }): { ended: boolean } {
      accounts.endSession(hashToken(input.session));
      deps.desk.endSession(hashToken(input.session));
      deps.hubAccounts?.endSession(hashToken(input.session));
      return { ended: true };
    },

    async rememberedLogins(): Promise<{ logins: string[] }> {
      try {
        const keys = await secrets.keys();
        return {
          logins: keys
            .filter((k) => k.startsWith(REMEMBER_PREFIX))
            .map((k) => k.slice(REMEMBER_PREFIX.length))
            .sort(),
        };
      } catch (error) {
        if (error instanceof SecretStoreUnavailable) return { logins: [] };
        throw error;
      }
    },

    async resumeRemembered(input: { login: string }): Promise<SessionStart> {
      const login = normaliseLogin(input.login);
      const gone = () =>
        new PortalError(
          'unauthenticated',
          'You are no longer remembered on this workstation: log in with your password.',
        );
      if (!login) throw gone();
      let token: string | null;
      try {
        token = await secrets.get(`${REMEMBER_PREFIX}${login}`);
      } catch (error) {
        if (error instanceof SecretStoreUnavailable) throw new PortalError('keychain-unavailable', error.message);
        throw error;
      }
      const at = now();
      const accountId = token ? accounts.rememberedDevice(hashToken(token), at) : null;
      const account = accountId === null ? null : accounts.byId(accountId);
      if (
        !token ||
        !account ||
        account.login !== login ||
        account.state !== 'active' ||
        account.companyAccess !== 'open'
      ) {
        if (token) await secrets.delete(`${REMEMBER_PREFIX}${login}`).catch(() => false);
        throw gone();
      }
      return {
        session: startSession(account, account.mustChangePassword, at),
        account: accountView(account),
        mustChangePassword: account.mustChangePassword,
        remembered: true,
        rememberProblem: null,
      };
    },

    async forgetMe(input: { login: string }): Promise<{ forgotten: boolean }> {
      const login = normaliseLogin(input.login);
      if (!login) return { forgotten: false };
      try {
        const token = await secrets.get(`${REMEMBER_PREFIX}${login}`);
        if (token) accounts.forgetDevice(hashToken(token));
        return { forgotten: await secrets.delete(`${REMEMBER_PREFIX}${login}`) };
      } catch (error) {
        if (error instanceof SecretStoreUnavailable) throw new PortalError('keychain-unavailable', error.message);
        throw error;
      }
    },

    async changePassword(
      input: { session: string; currentPassword: string; newPassword: string; lang: string },
      principal: SessionPrincipal,
    ) {
      if (principal.kind === 'desk') return changeDeskPassword(principal.caller, input);
      const caller = principal.caller;
      const { account } = caller;
      const at = now();
      if (deps.hubAccounts?.linked()) {
        // The hub checks the current password and the policy, keeps the hash, and sends the notice.
        await deps.hubAccounts.changePassword(caller.tokenHash, {
          currentPassword: input.currentPassword,
          newPassword: input.newPassword,
          lang: mailLang(input.lang),
        });
        const ended = recordPasswordChange(caller, at, null);
        await secrets.delete(`${REMEMBER_PREFIX}${account.login}`).catch(() => false);
        return { changed: true as const, otherSessionsEnded: ended };
      }
      await checkPasswordChange(
        input,
        { mustChange: caller.mustChangePassword, passwordHash: account.passwordHash },
        { login: account.login, companyName: account.companyName, personName: account.fullName },
        deps.commonPasswords,
      );
      if (account.passwordHash && (await verifyPassword(input.newPassword, account.passwordHash))) {
        throw fieldError('invalid-input', 'newPassword', 'password.same', 'Choose a password you have not used here.');
      }
      const hash = await hashPassword(input.newPassword, config.hashCost);
      const lang = mailLang(input.lang);
      const ended = recordPasswordChange(caller, at, { hash, lang });
      mailer.kick();
      await secrets.delete(`${REMEMBER_PREFIX}${account.login}`).catch(() => false);
      return { changed: true as const, otherSessionsEnded: ended };
    },
  };
}
