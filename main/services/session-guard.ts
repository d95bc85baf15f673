// Who is calling: a session token resolves to an account, checked again on every call. Roles
// are enforced here, in the engine, not only by hiding buttons.
import { hashToken } from '../secrets/token-hash';
import { PortalError } from './errors';
import type { AccountRow, AccountsRepository } from '../store/accounts';

/** A session, supplier's or agent's, counts until it expires. */
export const isLive = (session: { expiresAt: string } | null, at: Date): boolean =>
  session !== null && Date.parse(session.expiresAt) > at.getTime();

export interface Caller {
  account: AccountRow;
  tokenHash: string;
  mustChangePassword: boolean;
}

export type SessionGuard = ReturnType<typeof createSessionGuard>;

/** `desk` tells an assistance agent's live session (the wrong role for a supplier channel:
 * forbidden) from no session at all (unauthenticated). */
export function createSessionGuard(
  accounts: AccountsRepository,
  now: () => Date,
  desk: { session(tokenHash: string): { expiresAt: string } | null },
) {
  function resolve(token: string, options: { allowMustChange?: boolean } = {}): Caller {
    const tokenHash = hashToken(token);
    const session = accounts.session(tokenHash);
    if (!session || !isLive(session, now())) {
      if (session) accounts.endSession(tokenHash);
      else if (isLive(desk.session(tokenHash), now()))
        throw new PortalError('forbidden', 'This is for suppliers: the assistance uses the desk.');
      throw new PortalError('unauthenticated', 'Your session has ended: log in again.');
    }
    const account = accounts.byId(session.accountId);
    if (
      !account ||
      account.state !== 'active' ||
      account.companyAccess !== 'open' ||
      account.companyStatus !== 'active'
    ) {
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
