// The PLSA console: a company's own accounts, for its PLSAs only (checked here, per call),
// never another company's. Temporary passwords are shown once to the PLSA and stored hashed.
// On a workstation linked to a hub, every call is made on the hub (main/hub/console.ts).
import type {
  AuditEntryView,
  ConsoleView,
  IssuedTemporaryPassword,
  PlsaHandOver,
  Role,
} from '../../preload/contract/accounts';
import { fieldError, PortalError } from './errors';
import { DUPLICATE_MESSAGE, duplicateColleague } from '../portal/accounts/duplicate-colleague';
import { generateLogin, normaliseLogin } from '../portal/accounts/login-id';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { hashPassword } from '../secrets/password-hasher';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { AccountsConfig } from '../policy/accounts';
import type { Caller } from './session-guard';
import type { ConsoleAction } from '../hub-protocol/console';
import type { HubAccounts } from './hub-accounts';

export interface ConsoleDeps {
  db: Db;
  accounts: AccountsRepository;
  config: AccountsConfig;
  now: () => Date;
  /** Linked to a hub, the company's accounts are the hub's: the console works there. */
  hub?: Pick<HubAccounts, 'linked' | 'console'>;
  /** The hand-over this PLSA made, waiting for the colleague's answer (plsa-continuity.ts). */
  handOverOf: (account: AccountRow) => PlsaHandOver | null;
}

export type PlsaConsoleService = ReturnType<typeof createPlsaConsoleService>;

export function createPlsaConsoleService(deps: ConsoleDeps) {
  const { db, accounts, config, now } = deps;
  /** On a linked workstation, the call is the hub's (by the PLSA's hub session); null here. */
  const viaHub = <T>(action: ConsoleAction, caller: Caller, input: { session: string }): Promise<T> | null => {
    if (!deps.hub?.linked()) return null;
    const { session: _local, ...body } = input;
    return deps.hub.console<T>(caller.tokenHash, action, body);
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
    async consoleAccounts(input: { session: string }, caller: Caller): Promise<ConsoleView> {
      const onHub = viaHub<ConsoleView>('accounts', caller, input);
      if (onHub) return onHub;
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
        handOver: deps.handOverOf(caller.account),
        throughHub: false,
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
      const onHub = viaHub<IssuedTemporaryPassword>('create', caller, input);
      if (onHub) return onHub;
      const duplicate = accounts.sameNameOrEmail(caller.account.companyId, input.fullName, input.email);
      const asked = duplicateColleague(duplicate, input.confirmDuplicate);
      if (asked) throw new PortalError('conflict', DUPLICATE_MESSAGE, asked);
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
      const onHub = viaHub<IssuedTemporaryPassword>('reset', caller, input);
      if (onHub) return onHub;
      const account = colleague(caller, input.login);
      if (account.id === caller.account.id) {
        throw fieldError('conflict', 'login', 'account.self', 'Change your own password from your private area.');
      }
      if (account.state === 'deactivated')
        throw fieldError('conflict', 'login', 'account.deactivated', 'This account is deactivated.');
      return issue(caller, account, 'password-reset');
    },

    async unblockAccount(input: { session: string; login: string }, caller: Caller): Promise<{ login: string }> {
      const onHub = viaHub<{ login: string }>('unblock', caller, input);
      if (onHub) return onHub;
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

    async deactivateAccount(input: { session: string; login: string }, caller: Caller): Promise<{ login: string }> {
      const onHub = viaHub<{ login: string }>('deactivate', caller, input);
      if (onHub) return onHub;
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

    async companyAudit(input: { session: string }, caller: Caller): Promise<{ entries: AuditEntryView[] }> {
      const onHub = viaHub<{ entries: AuditEntryView[] }>('audit', caller, input);
      if (onHub) return onHub;
      return {
        entries: accounts
          .auditOfCompany(caller.account.companyId)
          .map(({ at, actor, action, targetLogin }) => ({ at, actor, action, targetLogin })),
      };
    },
  };
}
