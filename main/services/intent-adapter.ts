// The SQLite adapter of the intents' rules (main/intents/): the workstation reads the facts an
// intent asks for from its store, runs its `decide` (the same the hub runs again), applies its
// effects in one transaction and, linked to a hub, queues the intent in that transaction. A
// refusal reaches the screen as the portal's error, with the same code and words the hub gives.
// It knows effect kinds, not features; `publish` is the hub's (this replica changed already).
import type { z } from 'zod';
import type { Db } from '../store/database';
import type { DeskRepository } from '../store/desk';
import type { AccountsRepository } from '../store/accounts';
import type { HubQueue } from '../store/hub-queue';
import type { DeskTemplates } from '../portal/desk/templates';
import type { Effect } from '../intents/effects';
import type { FactQuery, Facts, IntentRules, RequestFact } from '../intents/rules';
import type { IntentArgs, IntentName } from '../intents/registry';
import { PortalError } from './errors';

export interface IntentStore {
  db: Db;
  desk: DeskRepository;
  accounts: AccountsRepository;
  templates: { save(templates: DeskTemplates): void };
  hub?: Pick<HubQueue, 'enqueueIfLinked'> | undefined;
}

function readRequest(store: IntentStore, reference: string): RequestFact | null {
  const row = store.desk.request(reference);
  if (!row) return null;
  const decided = store.desk.decisionOf(row.id);
  return {
    reference: row.reference,
    kind: row.kind,
    deskState: row.deskState,
    assignee: row.assignee,
    decision: decided ? { what: decided.decision, by: decided.by, at: decided.at } : null,
  };
}

const readFacts = (store: IntentStore, query: FactQuery): Facts => ({
  request: query.request === undefined ? null : readRequest(store, query.request),
});

function applyEffect(store: IntentStore, effect: Effect, at: Date): void {
  switch (effect.kind) {
    case 'request-state-set': {
      const row = store.desk.request(effect.reference);
      if (row) store.desk.setDeskState(row.id, effect.state, effect.assignee, new Date(effect.at));
      return;
    }
    case 'templates-saved':
      return store.templates.save(effect.templates);
    case 'audit': {
      const companyId = effect.reference ? (store.desk.request(effect.reference)?.companyId ?? null) : null;
      store.accounts.audit({ companyId, actor: effect.actor, action: effect.action, details: effect.details }, at);
      return;
    }
    case 'publish':
      return; // the hub's: other replicas learn from it, this one changed already
    default:
      return unhandled(effect);
  }
}

const unhandled = (effect: never): void => void effect;

/**
 * Runs an intent's rules on this workstation: refused (thrown as the portal's error), or applied
 * with, when `queue` says the intent crosses to the hub and the workstation is linked, the
 * intent queued in the same transaction (both or neither).
 */
export function runRulesLocally<N extends IntentName, A extends z.ZodType>(
  store: IntentStore,
  rules: IntentRules<N, A> & { name: N },
  args: z.infer<A> & IntentArgs<N>,
  call: { actor: string; now: Date; queue: boolean },
): Record<string, unknown> {
  return store.db.transaction(() => {
    const decision = rules.decide(readFacts(store, rules.facts(args)), args, call);
    if (!decision.ok) {
      const { code, message, fields, details } = decision.refusal;
      throw new PortalError(code, message, fields, undefined, details);
    }
    for (const effect of decision.effects) applyEffect(store, effect, call.now);
    if (call.queue) store.hub?.enqueueIfLinked(rules.name, args, call.now);
    return decision.value;
  })();
}
