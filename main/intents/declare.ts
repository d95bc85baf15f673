// An intent, declared once: its name on the wire, who may send it, and its arguments' schema.
// The workstation queues it with these arguments (typed: store/hub-queue.ts) and the hub parses
// them with the same schema before it runs the intent's rules (hub/sync.ts). An intent whose
// rules are declared here too (`decide`) runs the same rules on both sides: see rules.ts.
import type { z } from 'zod';

/** Who may send an intent: a supplier's workstation (anonymous) or a desk's (an agent's). */
export type Sender = 'supplier' | 'desk';

export interface IntentDeclaration<N extends string = string, A extends z.ZodType = z.ZodType> {
  name: N;
  from: readonly Sender[];
  args: A;
}

export const declareIntent = <N extends string, A extends z.ZodType>(declaration: IntentDeclaration<N, A>) =>
  declaration;

/** A request's reference, as a workstation makes it when the person presses Submit (offline too). */
export const REFERENCE = /^[A-Z]{3}-\d{8}-[2-9A-HJ-NP-Z]{6}$/;
