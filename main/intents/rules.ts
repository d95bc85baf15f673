// An intent with its rules declared once: the facts it reads, and a pure `decide` that answers a
// refusal (a stable code and words) or the effects to apply. The workstation runs it on its
// SQLite store (standalone, or linked before it queues the intent) and the hub runs the same
// `decide` again on PostgreSQL as the authority: one rule, two stores, no second copy.
// (The model: Zero/Replicache mutators, run on the client's replica and on the server.)
import type { z } from 'zod';
import type { DeskState } from '../../preload/contract/help';
import type { ErrorCode } from '../../preload/contract/result';
import type { Refusal } from '../hub-protocol/push';
import type { IntentDeclaration } from './declare';
import type { Effect } from './effects';

/** A request as every store can read it. */
export interface RequestFact {
  reference: string;
  kind: string;
  deskState: DeskState;
  assignee: string | null;
  decision: { what: string; by: string; at: string } | null;
}

/** A request as its sender's workstation may act on it (My requests): on the hub, only the
 * device that sent it finds it. */
export interface SentRequestFact {
  reference: string;
  lang: string;
  expiredAt: string | null;
  decided: boolean;
  /** When it reached the assistance (null: not yet). */
  receivedAt: string | null;
  /** Waiting for the assistance now (not for its sender, not done, not expired). */
  waitingForDesk: boolean;
  /** Its sender's reminders that were taken, and the last one's moment. */
  reminders: number;
  lastReminderAt: string | null;
}

/** The facts an intent may ask for, by kind: each adapter reads every kind. A fact the intent
 * did not ask for reads as null. */
export interface Facts {
  request: RequestFact | null;
  sentRequest: SentRequestFact | null;
}
/** Which facts to read: a request by its reference, say. */
export type FactQuery = { [K in keyof Facts]?: string };

/** Who runs the intent, and when (the store's clock: the hub's, on the hub). */
export interface IntentCall {
  actor: string;
  now: Date;
}

/** A refusal by an intent's rules: one of the portal's error codes, the same on both sides. */
export type RuleRefusal = Refusal & { code: ErrorCode };

export type Decision =
  { ok: false; refusal: RuleRefusal } | { ok: true; value: Record<string, unknown>; effects: Effect[] };

export interface IntentRules<N extends string = string, A extends z.ZodType = z.ZodType> extends IntentDeclaration<
  N,
  A
> {
  /** The facts to read, from the arguments. */
  facts(args: z.infer<A>): FactQuery;
  decide(facts: Facts, args: z.infer<A>, call: IntentCall): Decision;
}

export const declareRules = <N extends string, A extends z.ZodType>(rules: IntentRules<N, A>) => rules;

export const refuse = (code: ErrorCode, message: string, extra: Omit<Refusal, 'code' | 'message'> = {}): Decision => ({
  ok: false,
  refusal: { code, message, ...extra },
});
