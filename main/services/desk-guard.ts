// Desk sessions: an assistance agent's token resolves to the agent, checked on every desk call.
// A supplier's session is not a desk session: the desk channels refuse it in the engine.
import { PortalError } from './errors';
import type { AgentRow, DeskRepository } from '../store/desk';
import type { AccountsRepository } from '../store/accounts';
import { hashToken } from '../secrets/token-hash';
import { isLive } from './session-guard';

export interface DeskCaller {
  agent: AgentRow;
  tokenHash: string;
  mustChangePassword: boolean;
}

/** `accounts` tells a live supplier session (the wrong role: forbidden) from no session at all
 * (expired, signed out, unknown: unauthenticated, so the screen sends the agent to the login). */
export function createDeskGuard(desk: DeskRepository, now: () => Date, accounts: Pick<AccountsRepository, 'session'>) {
  return {
    /** The caller, if the token is a live desk session (null otherwise, without throwing). */
    find(token: string): DeskCaller | null {
      const tokenHash = hashToken(token);
      const session = desk.session(tokenHash);
      if (!session || !isLive(session, now())) return null;
      const agent = desk.agentById(session.agentId);
      if (!agent || agent.state !== 'active') return null;
      return { agent, tokenHash, mustChangePassword: session.mustChangePassword };
    },
    requireDesk(token: string): DeskCaller {
      const caller = this.find(token);
      if (!caller) {
        if (isLive(accounts.session(hashToken(token)), now()))
          throw new PortalError('forbidden', 'Only the portal assistance can do this.');
        throw new PortalError('unauthenticated', 'Your session has ended: log in again.');
      }
      if (caller.mustChangePassword) throw new PortalError('forbidden', 'Choose a new password first.');
      return caller;
    },
  };
}
export type DeskGuard = ReturnType<typeof createDeskGuard>;
