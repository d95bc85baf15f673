// PLSA continuity: a company is never left without a PLSA. A single PLSA is reminded (at each
// login, in the private area, and in the console) until a deputy exists; a leaving PLSA hands
// over to a colleague, and stays PLSA until the colleague accepts: then, at once, the colleague
// is PLSA and the leaver's account is deactivated. Linked to a hub, the hub holds the accounts
// and does the same there (main/hub/plsa-continuity.ts).
import type { PlsaContinuity, PlsaHandOver } from '../../preload/contract/accounts';
import { normaliseLogin } from '../portal/accounts/login-id';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import { handOverView, type PlsaHandOversRepository } from '../store/plsa-handovers';
import { fieldError } from './errors';
import type { HubAccounts } from './hub-accounts';
import type { Caller } from './session-guard';

export interface ContinuityDeps {
  db: Db;
  accounts: AccountsRepository;
  handOvers: PlsaHandOversRepository;
  now: () => Date;
  hub?: Pick<HubAccounts, 'linked' | 'console'>;
}

const noHandOver = () =>
  fieldError('conflict', 'login', 'handover.none', 'No hand-over waits for an answer: it was answered or withdrawn.');

export function createPlsaContinuity(deps: ContinuityDeps) {
  const { db, accounts, handOvers, now } = deps;
  const onHub = <T>(
    action: 'continuity' | 'handover' | 'withdraw' | 'answer',
    caller: Caller,
    body: Record<string, unknown>,
  ) => (deps.hub?.linked() ? deps.hub.console<T>(caller.tokenHash, action, body) : null);

  /** What the person should see: whether they are the only PLSA, and a hand-over for them. */
  function continuityOf(account: AccountRow): PlsaContinuity {
    const plsas = accounts.ofCompany(account.companyId).filter((a) => a.role === 'plsa' && a.state === 'active');
    const handOver = account.role === 'plsa' ? handOvers.madeBy(account.id) : handOvers.offeredTo(account.id);
    return {
      onlyPlsa: account.role === 'plsa' && plsas.length === 1,
      handOver: handOver ? handOverView(handOver) : null,
    };
  }

  return {
    /** For the private area and the console (through the hub when linked). */
    continuity: (caller: Caller): Promise<PlsaContinuity> =>
      onHub<PlsaContinuity>('continuity', caller, {}) ?? Promise.resolve(continuityOf(caller.account)),
    /** The hand-over this PLSA made, for the console. */
    handOverOf: (account: AccountRow): PlsaHandOver | null => {
      const made = handOvers.madeBy(account.id);
      return made ? handOverView(made) : null;
    },

    /** The channels: a PLSA hands over or withdraws; the named colleague answers. */
    channels: {
      async handOverPlsa(input: { session: string; login: string }, caller: Caller): Promise<PlsaHandOver> {
        const viaHub = onHub<PlsaHandOver>('handover', caller, { login: input.login });
        if (viaHub) return viaHub;
        const login = normaliseLogin(input.login);
        const successor = login ? accounts.byLogin(login) : null;
        if (!successor || successor.companyId !== caller.account.companyId)
          throw fieldError('not-found', 'login', 'login.not-in-company', 'No account with this login in your company.');
        if (successor.id === caller.account.id)
          throw fieldError('conflict', 'login', 'handover.self', 'Name a colleague: you cannot hand over to yourself.');
        if (successor.state !== 'active')
          throw fieldError('conflict', 'login', 'handover.not-active', 'Hand over to an active account.');
        const at = now();
        return db.transaction(() => {
          if (!handOvers.offer(caller.account.companyId, caller.account.id, successor.id, at))
            throw fieldError(
              'conflict',
              'login',
              'handover.pending',
              'Your hand-over already waits for an answer: withdraw it first.',
            );
          accounts.audit(
            {
              companyId: caller.account.companyId,
              actor: caller.account.login,
              action: 'plsa-handover-offered',
              targetLogin: successor.login,
            },
            at,
          );
          return handOverView(handOvers.madeBy(caller.account.id)!);
        })();
      },

      async withdrawHandOver(input: { session: string }, caller: Caller): Promise<{ withdrawn: true }> {
        const viaHub = onHub<{ withdrawn: true }>('withdraw', caller, {});
        if (viaHub) return viaHub;
        const at = now();
        const made = handOvers.madeBy(caller.account.id);
        db.transaction(() => {
          if (!made || !handOvers.withdraw(caller.account.id, at)) throw noHandOver();
          accounts.audit(
            {
              companyId: caller.account.companyId,
              actor: caller.account.login,
              action: 'plsa-handover-withdrawn',
              targetLogin: made.to,
            },
            at,
          );
        })();
        return { withdrawn: true };
      },

      async answerHandOver(
        input: { session: string; accept: boolean },
        caller: Caller,
      ): Promise<{ accepted: boolean }> {
        const viaHub = onHub<{ accepted: boolean }>('answer', caller, { accept: input.accept });
        if (viaHub) {
          const answered = await viaHub;
          // The hub made this person PLSA: this workstation's copy of the account follows at once.
          if (answered.accepted) accounts.setRole(caller.account.id, 'plsa', now());
          return answered;
        }
        const offered = handOvers.offeredTo(caller.account.id);
        if (!offered) throw noHandOver();
        const at = now();
        db.transaction(() => {
          // The lock: of two answers, or an answer and a withdrawal, the first holds.
          if (!handOvers.settle(offered.id, input.accept ? 'accepted' : 'declined', at)) throw noHandOver();
          if (input.accept) {
            accounts.setRole(caller.account.id, 'plsa', at);
            // The leaver's account ends with the hand-over: their sessions and remembered devices too.
            accounts.setState(offered.fromId, 'deactivated', at);
            accounts.endSessions(offered.fromId);
            accounts.forgetAllDevices(offered.fromId);
          }
          accounts.audit(
            {
              companyId: caller.account.companyId,
              actor: caller.account.login,
              action: input.accept ? 'plsa-handover-accepted' : 'plsa-handover-declined',
              targetLogin: offered.from,
            },
            at,
          );
        })();
        return { accepted: input.accept };
      },
    },
  };
}
export type PlsaContinuityService = ReturnType<typeof createPlsaContinuity>;
