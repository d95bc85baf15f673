// A push: a workstation's queued intents, in the order of their ids, and what the hub answered
// each. The hub parses the body with this schema (main/hub/server.ts) and the workstation's
// client sends and reads it (main/sync/hub-client.ts): one declaration for both ends.
import { z } from 'zod';
import { MAX_MUTATIONS_PER_PUSH } from './limits';
import { companyChange } from './changes';

export const pushBody = z.strictObject({
  /** The device the workstation believes it is: a push under another device's token (a store
   * restored on another PC, a copied token) is refused rather than mixed into that device. */
  deviceId: z.string().max(40).optional(),
  mutations: z
    .array(
      z.strictObject({
        id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        name: z.string().min(1).max(60),
        args: z.unknown(),
      }),
    )
    .min(1)
    .max(MAX_MUTATIONS_PER_PUSH),
});
export type PushBody = z.infer<typeof pushBody>;
export type PushedMutation = PushBody['mutations'][number];

/** Why a mutation was refused: a stable code, words, and the fields it is about. */
export const refusal = z.object({
  code: z.string().max(60),
  message: z.string().max(4000),
  fields: z.record(z.string(), z.string()).optional(),
  details: z.record(z.string(), z.string()).optional(),
  /** With a refused desk decision: the company as the hub has it, for the desk's replica. */
  company: companyChange.optional(),
  /** Another device's change came first and the pull brings it: nothing for this person to
   * correct, so the workstation does not count it among what the hub refused. */
  overtaken: z.boolean().optional(),
});
export type Refusal = z.infer<typeof refusal>;

/** What a mutation answered: done (with what the workstation shows), or refused with a reason. */
export const mutationResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.record(z.string(), z.unknown()) }),
  z.object({ ok: z.literal(false), error: refusal }),
]);
export type MutationResult = z.infer<typeof mutationResult>;

export const pushResults = z.array(
  z.object({ id: z.number().int().positive(), duplicate: z.boolean(), result: mutationResult }),
);

export interface PushAnswer {
  lastMutationId: number;
  results: z.infer<typeof pushResults>;
}

/** The answer of a refused push as a whole (an HTTP 4xx): its code and words, and for a gap
 * in the ids, where the hub is. */
export interface PushRefusal {
  code: string;
  message: string;
  lastMutationId?: number;
}
