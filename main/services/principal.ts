// Who is calling, resolved once per call by the router from the channel's declared role
// (preload/contract/channels.ts), so that no use case checks a session by hand. The guards behind
// it answer `unauthenticated` for any expired or unknown session and `forbidden` for a live
// session of the wrong kind or role.
import type { Role } from '../../preload/contract/channels';
import type { DeskCaller, DeskGuard } from './desk-guard';
import type { Caller, SessionGuard } from './session-guard';

/** Any live session: a supplier user's (PLSA or not) or an assistance agent's. */
export type SessionPrincipal = { kind: 'supplier'; caller: Caller } | { kind: 'desk'; caller: DeskCaller };

/** What a use case receives for each role. */
export type PrincipalFor<R extends Role> = R extends 'supplier' | 'plsa'
  ? Caller
  : R extends 'desk'
    ? DeskCaller
    : R extends 'session'
      ? SessionPrincipal
      : undefined;

export type Principals = ReturnType<typeof createPrincipals>;

export function createPrincipals(guard: SessionGuard, deskGuard: DeskGuard) {
  return {
    /** The live session behind a token, of either kind, or null: for channels open to anyone
     * that still treat a logged-in caller as who they are (whose draft this is). */
    find(token: string): SessionPrincipal | null {
      try {
        return this.resolve('session', token) as SessionPrincipal;
      } catch {
        return null;
      }
    },
    resolve(role: Role, token: string): PrincipalFor<Role> {
      switch (role) {
        case 'anyone':
          return undefined;
        case 'supplier':
          return guard.resolve(token);
        case 'plsa':
          return guard.requirePlsa(token);
        case 'desk':
          return deskGuard.requireDesk(token);
        case 'session': {
          // Either kind, including one that must choose a new password first (that is its use).
          const agent = deskGuard.find(token);
          return agent
            ? { kind: 'desk', caller: agent }
            : { kind: 'supplier', caller: guard.resolve(token, { allowMustChange: true }) };
        }
      }
    },
  };
}
