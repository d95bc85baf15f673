// Logins and password changes on a workstation linked to a hub: the hub holds the hashes and
// says who may log in; this workstation keeps a copy of the person's account (never a hash) so
// its session and screens work as standalone. The hub's session token is kept in memory only,
// for this session's password change; an unreachable hub is said plainly ("needs the hub").
import type { HubSession } from '../hub-protocol/sessions';
import type { ConsoleAction } from '../hub-protocol/console';
import type { HubApi } from '../hub-protocol/api';
import { HubRefused, HubUnreachable } from '../hub-protocol/errors';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DirectoryRepository } from '../store/directory';
import { PortalError } from './errors';

/** The sync worker's way to call the hub as this device (it registers the device if needed). */
export type HubCall = <T>(fn: (client: HubApi, token: string) => Promise<T>) => Promise<T>;

const needsHub = () =>
  new PortalError('needs-hub', 'Logging in needs the portal hub, and this workstation cannot reach it now.');

/** The hub's refusal as the screens know it from a standalone workstation. */
export function asPortalError(error: unknown): never {
  if (error instanceof HubUnreachable) throw needsHub();
  if (error instanceof HubRefused) {
    const body = error.body as { fields?: Record<string, string>; retryAfterSeconds?: number };
    switch (error.code) {
      case 'invalid-credentials':
      case 'access-not-open':
      case 'unauthenticated':
        throw new PortalError(error.code, error.message);
      case 'too-many-attempts':
      case 'rate-limited':
        throw new PortalError('too-many-attempts', error.message, undefined, body.retryAfterSeconds ?? 60);
      case 'device-revoked':
        // A login on a revoked workstation: it says why (the header says it too).
        throw new PortalError('forbidden', error.message, { _: 'hub.device-revoked' });
      case 'invalid-input':
      case 'conflict':
      case 'not-found':
      case 'forbidden':
        throw new PortalError(error.code, error.message, body.fields);
    }
  }
  throw error;
}

export function createHubAccounts(deps: {
  db: Db;
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  linked: () => boolean;
  call: HubCall;
  /** A sync round: a linked workstation loads no directory of its own, so a person whose company
   * its first pull has not brought yet waits for one before their copy is made. */
  syncNow?: () => Promise<void>;
}) {
  const { db, accounts, directory } = deps;
  const hubSessions = new Map<string, string>();

  /** The person's account as the hub knows it, kept here without any password. */
  const mirror = db.transaction((session: HubSession, at: Date): AccountRow => {
    const { account } = session;
    const company = directory.companyByCofor(account.cofor);
    if (!company)
      throw new PortalError('access-not-open', 'This workstation does not know your company yet: sync, then log in.');
    if (company.access !== 'open') directory.setAccess(company.id, 'open', at); // the hub's truth
    const known = accounts.byLogin(account.login);
    const id = known?.id ?? accounts.createAccount(company.id, account, account.login, at);
    if (known && known.state !== 'active') accounts.setState(id, 'active', at);
    if (known && known.role !== account.role) accounts.setRole(id, account.role, at); // a hand-over, say
    return accounts.byId(id)!;
  });

  return {
    linked: deps.linked,
    async login(login: string, password: string, at: Date): Promise<{ account: AccountRow; session: HubSession }> {
      const session = await deps.call((client, token) => client.login(token, { login, password })).catch(asPortalError);
      if (!directory.companyByCofor(session.account.cofor)) await deps.syncNow?.();
      return { account: mirror(session, at), session };
    },
    /** A PLSA console call, made on the hub with this session's hub token (the hub holds the
     * company's accounts); the answer is the console's own. */
    async console<T>(localTokenHash: string, action: ConsoleAction, body: Record<string, unknown>): Promise<T> {
      const session = hubSessions.get(localTokenHash);
      if (!session) throw new PortalError('unauthenticated', 'Log in again to use the console.');
      return deps
        .call((client, token) => client.console<T>(token, action, { ...body, session }))
        .catch((error: unknown) => {
          if (error instanceof HubUnreachable)
            throw new PortalError(
              'needs-hub',
              "The console needs the portal hub, which holds your company's accounts, and this workstation cannot reach it now.",
              { _: 'console.needs-hub' },
            );
          return asPortalError(error);
        });
    },
    /** An assistance agent's user name and password, checked by the hub (which holds agents). */
    checkAgent: async (username: string, password: string) =>
      (await deps.call((client, token) => client.deskLogin(token, { username, password })).catch(asPortalError)).agent,
    /** An agent's new password, kept by the hub (which checks the current one and the policy). */
    changeAgentPassword: async (username: string, currentPassword: string, newPassword: string) =>
      void (await deps
        .call((client, token) => client.changeDeskPassword(token, { username, currentPassword, newPassword }))
        .catch(asPortalError)),
    /** Keeps the hub's token for this workstation's session (in memory: never written anywhere). */
    holdSession: (localTokenHash: string, hubSession: string) => void hubSessions.set(localTokenHash, hubSession),
    endSession: (localTokenHash: string) => void hubSessions.delete(localTokenHash),
    async changePassword(
      localTokenHash: string,
      input: { currentPassword: string; newPassword: string; lang: 'en' | 'fr' },
    ): Promise<void> {
      const session = hubSessions.get(localTokenHash);
      if (!session) throw new PortalError('unauthenticated', 'Log in again to change your password.');
      await deps.call((client, token) => client.changePassword(token, { session, ...input })).catch(asPortalError);
    },
  };
}
export type HubAccounts = ReturnType<typeof createHubAccounts>;
