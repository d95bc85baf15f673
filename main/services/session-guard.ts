// Who is calling: a session token resolves to an account, checked again on every call. Roles
// are enforced here, in the engine, not only by hiding buttons.
import { createHash } from 'node:crypto';
import { PortalError } from '../api/errors';
import type { AccountRow, AccountsRepository } from '../store/accounts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface Caller {
  account: AccountRow;
  tokenHash: string;
  mustChangePassword: boolean;
}

export type SessionGuard = ReturnType<typeof createSessionGuard>;

/** `deskSessionLive` tells an assistance agent's live session (the wrong role for a supplier
 * channel: forbidden) from no session at all (unauthenticated). */
export function createSessionGuard(accounts: AccountsRepository, now: () => Date, deskSessionLive: (tokenHash: string) => boolean = () => false) {
  function resolve(token: string, options: { allowMustChange?: boolean } = {}): Caller {
    const tokenHash = hashToken(token);
    const session = accounts.session(tokenHash);
    if (!session || Date.parse(session.expiresAt) <= now().getTime()) {
      if (session) accounts.endSession(tokenHash);
      else if (deskSessionLive(tokenHash)) throw new PortalError('forbidden', 'This is for suppliers: the assistance uses the desk.');
      throw new PortalError('unauthenticated', 'Your session has ended: log in again.');
    }
    const account = accounts.byId(session.accountId);
    if (!account || account.state !== 'active' || account.companyAccess !== 'open' || account.companyStatus !== 'active') {
      accounts.endSession(tokenHash);
      throw new PortalError('unauthenticated', 'Your session has ended: log in again.');
    }
    if (session.mustChangePassword && !options.allowMustChange) {
      throw new PortalError('forbidden', 'Choose a new password first.');
    }
    return { account, tokenHash, mustChangePassword: session.mustChangePassword };
  }

  return {
    resolve,
    requirePlsa(token: string): Caller {
      const caller = resolve(token);
      if (caller.account.role !== 'plsa') throw new PortalError('forbidden', 'Only a PLSA of the company can do this.');
      return caller;
    },
  };
}
