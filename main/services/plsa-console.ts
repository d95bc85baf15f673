// The PLSA console: a company's own accounts, for its PLSAs only (checked here, per call),
// never another company's. Temporary passwords are shown once to the PLSA and stored hashed.
import type { AuditEntryView, ConsoleView, IssuedTemporaryPassword, Role } from '../../preload/contract/accounts';
import { fieldError, PortalError } from './errors';
import { generateLogin, normaliseLogin } from '../portal/accounts/login-id';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { hashPassword } from '../secrets/password-hasher';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { AccountsConfig } from './accounts-config';
import type { Caller } from './session-guard';

export interface ConsoleDeps {
  db: Db;
  accounts: AccountsRepository;
  config: AccountsConfig;
  now: () => Date;
  /** Linked to a hub: the accounts are the hub's, and this console cannot change them yet. */
  throughHub?: () => boolean;
}

export type PlsaConsoleService = ReturnType<typeof createPlsaConsoleService>;

export function createPlsaConsoleService(deps: ConsoleDeps) {
  const { db, accounts, config, now } = deps;
  const throughHub = () => deps.throughHub?.() ?? false;
  /** An account made or changed here would exist on this workstation only, and could never log
   * in through the hub: refused, in words, rather than kept where nobody can use it. */
  const onlyStandalone = () => {
    if (throughHub())
      throw new PortalError(
        'needs-hub',
        "This workstation is linked to the portal hub, which holds the company's accounts: they cannot be changed from this console yet.",
        { _: 'console.through-hub' },
      );
  };

  /** The target account, only if it belongs to the caller's company: others do not "exist". */
  function colleague(caller: Caller, rawLogin: string): AccountRow {
    const login = normaliseLogin(rawLogin);
    const account = login ? accounts.byLogin(login) : null;
    if (!account || account.companyId !== caller.account.companyId) {
      throw fieldError('not-found', 'login', 'login.not-in-company', 'No account with this login in your company.');
    }
    return account;
  }

  async function issue(caller: Caller, account: AccountRow, action: string): Promise<IssuedTemporaryPassword> {
    const at = now();
    const temporary = generateTemporaryPassword();
    const expiresAt = temporaryPasswordExpiry(at, config.temporaryPasswordHours);
    const hash = await hashPassword(temporary, config.hashCost);
    db.transaction(() => {
      // A reset by the PLSA replaces the old password and ends the account's sessions.
      accounts.setPassword(account.id, null, true, at);
      accounts.endSessions(account.id);
      accounts.forgetAllDevices(account.id);
      accounts.issueTemporaryPassword(account.id, hash, at, expiresAt, caller.account.login);
      accounts.audit(
        { companyId: account.companyId, actor: caller.account.login, action, targetLogin: account.login },
        at,
      );
    })();
    return { login: account.login, temporaryPassword: temporary, expiresAt: expiresAt.toISOString() };
  }

  return {
    consoleAccounts(_input: unknown, caller: Caller): ConsoleView {
      const list = accounts.ofCompany(caller.account.companyId);
      return {
        companyName: caller.account.companyName,
        cofor: caller.account.cofor,
        accounts: list.map((a) => ({
          login: a.login,
          fullName: a.fullName,
          email: a.email,
          role: a.role,
          state: a.state,
          lastLoginAt: a.lastLoginAt,
        })),
        plsaCount: list.filter((a) => a.role === 'plsa' && a.state === 'active').length,
        throughHub: throughHub(),
      };
    },

    async createAccount(
      input: {
        session: string;
        fullName: string;
        email: string;
        role: Role;
        confirmDuplicate: boolean;
      },
      caller: Caller,
    ): Promise<IssuedTemporaryPassword> {
      onlyStandalone();
      const duplicate = accounts.sameNameOrEmail(caller.account.companyId, input.fullName, input.email);
      if ((duplicate.name || duplicate.email) && !input.confirmDuplicate) {
        const fields: Record<string, string> = {};
        if (duplicate.name) fields['fullName'] = 'account.duplicate-name';
        if (duplicate.email) fields['email'] = 'account.duplicate-email';
        throw new PortalError(
          'conflict',
          'A colleague already has this name or e-mail: confirm to create the account anyway.',
          fields,
        );
      }
      const at = now();
      const login = generateLogin(accounts.loginTaken);
      const id = db.transaction(() => {
        const created = accounts.createAccount(
          caller.account.companyId,
          { fullName: input.fullName, email: input.email, role: input.role },
          login,
          at,
        );
        accounts.audit(
          {
            companyId: caller.account.companyId,
            actor: caller.account.login,
            action: 'account-created',
            targetLogin: login,
            details: { role: input.role },
          },
          at,
        );
        return created;
      })();
      return issue(caller, accounts.byId(id)!, 'temporary-password-issued');
    },

    resetPassword(input: { session: string; login: string }, caller: Caller): Promise<IssuedTemporaryPassword> {
      onlyStandalone();
      const account = colleague(caller, input.login);
      if (account.id === caller.account.id) {
        throw fieldError('conflict', 'login', 'account.self', 'Change your own password from your private area.');
      }
      if (account.state === 'deactivated')
        throw fieldError('conflict', 'login', 'account.deactivated', 'This account is deactivated.');
      return issue(caller, account, 'password-reset');
    },

    unblockAccount(input: { session: string; login: string }, caller: Caller): { login: string } {
      onlyStandalone();
      const account = colleague(caller, input.login);
      if (account.state !== 'blocked')
        throw fieldError('conflict', 'login', 'account.not-blocked', 'This account is not blocked.');
      const at = now();
      db.transaction(() => {
        accounts.setState(account.id, 'active', at);
        accounts.clearFailures(account.login);
        accounts.audit(
          {
            companyId: account.companyId,
            actor: caller.account.login,
            action: 'account-unblocked',
            targetLogin: account.login,
          },
          at,
        );
      })();
      return { login: account.login };
    },

    deactivateAccount(input: { session: string; login: string }, caller: Caller): { login: string } {
      onlyStandalone();
      const account = colleague(caller, input.login);
      if (account.id === caller.account.id)
        throw fieldError('conflict', 'login', 'account.self', 'A PLSA cannot deactivate their own account.');
      const at = now();
      db.transaction(() => {
        accounts.setState(account.id, 'deactivated', at);
        accounts.endSessions(account.id);
        accounts.forgetAllDevices(account.id);
        accounts.audit(
          {
            companyId: account.companyId,
            actor: caller.account.login,
            action: 'account-deactivated',
            targetLogin: account.login,
          },
          at,
        );
      })();
      return { login: account.login };
    },

    companyAudit(_input: unknown, caller: Caller): { entries: AuditEntryView[] } {
      return {
        entries: accounts
          .auditOfCompany(caller.account.companyId)
          .map(({ at, actor, action, targetLogin }) => ({ at, actor, action, targetLogin })),
      };
    },
  };
}
