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
import type { FactQuery, Facts, IntentRules, RequestFact, SentRequestFact } from '../intents/rules';
import { submitRequest } from '../intents/submit-request';
import { ASSISTANCE } from '../portal/mail/recipients';
import type { WaitingRequestsRepository } from '../store/waiting-requests';
import type { Mailer } from './mailer';
import type { IntentArgs, IntentName } from '../intents/registry';
import { PortalError } from './errors';

export interface IntentStore {
  db: Db;
  desk: DeskRepository;
  accounts: Pick<AccountsRepository, 'audit'>;
  waiting: Pick<WaitingRequestsRepository, 'facts' | 'reopen' | 'reminders' | 'remind'>;
  templates: { save(templates: DeskTemplates): void };
  mailer: Pick<Mailer, 'queue' | 'kick'>;
  hub?: Pick<HubQueue, 'enqueueIfLinked'> | undefined;
}

/** The requests a sender sees in My requests: the ones the submitRequest intent carries
 * (recovery requests are never listed). */
const sentKind = (kind: string) => submitRequest.args.shape.kind.safeParse(kind).success;

function readSentRequest(store: IntentStore, reference: string): SentRequestFact | null {
  const facts = store.waiting.facts(reference);
  if (!facts || !sentKind(facts.kind)) return null;
  // A reminder the hub refused does not count (the sync marks it so).
  const taken = store.waiting.reminders(facts.id).filter((r) => r.hubRefused === null);
  const done = facts.decided || facts.state === 'answered' || facts.deskState === 'done';
  return {
    reference: facts.reference,
    lang: facts.lang,
    expiredAt: facts.expiredAt,
    decided: facts.decided,
    receivedAt: facts.receivedAt,
    waitingForDesk: facts.receivedAt !== null && !facts.expiredAt && !done && facts.deskState !== 'waiting-supplier',
    reminders: taken.length,
    lastReminderAt: taken.at(-1)?.at ?? null,
  };
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
  sentRequest: query.sentRequest === undefined ? null : readSentRequest(store, query.sentRequest),
});

/** Applies one effect; `authority`: this store decides alone (standalone), so the e-mails that
 * the hub sends for a linked workstation leave from here. */
function applyEffect(store: IntentStore, effect: Effect, at: Date, authority: boolean): void {
  switch (effect.kind) {
    case 'reminder-recorded': {
      const facts = store.waiting.facts(effect.reference);
      if (facts) store.waiting.remind(facts.id, new Date(effect.at));
      return;
    }
    case 'request-reopened': {
      const facts = store.waiting.facts(effect.reference);
      if (facts) store.waiting.reopen(facts.id, new Date(effect.at));
      return;
    }
    case 'mail':
      if (authority) store.mailer.queue({ ...effect.mail, to: ASSISTANCE }, at);
      return;
    case 'request-state-set': {
      const row = store.waiting.facts(effect.reference);
      if (row) store.desk.setDeskState(row.id, effect.state, effect.assignee, new Date(effect.at));
      return;
    }
    case 'templates-saved':
      return store.templates.save(effect.templates);
    case 'audit': {
      // One row's ids (the request's whole queue row, payload included, is not needed here).
      const companyId = effect.reference ? (store.waiting.facts(effect.reference)?.companyId ?? null) : null;
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
  const { value, mailed } = store.db.transaction(() => {
    const decision = rules.decide(readFacts(store, rules.facts(args)), args, call);
    if (!decision.ok) {
      const { code, message, fields, details } = decision.refusal;
      throw new PortalError(code, message, fields, undefined, details);
    }
    const queued = call.queue && (store.hub?.enqueueIfLinked(rules.name, args, call.now) ?? false);
    for (const effect of decision.effects) applyEffect(store, effect, call.now, !queued);
    return { value: decision.value, mailed: !queued && decision.effects.some((e) => e.kind === 'mail') };
  })();
  if (mailed) store.mailer.kick(); // committed: the outbox worker sends it now
  return value;
}
