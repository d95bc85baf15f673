// What a pull brings: each change the hub publishes, one kind per thing a replica keeps. The hub
// writes them (main/hub/) and the workstation's replica reads them (main/sync/replica.ts) through
// this one declaration: `readChange` checks a change's data against its kind's schema, so the
// replica switches over a typed union (a kind it does not handle is a compile error) and never
// casts what came over the network.
import { z } from 'zod';
import { directoryCompanySchema } from '../portal/directory/model';

const iso = z.string().max(40);
const reference = z.string().min(1).max(40);

/** A company's analysis projection, for every replica (main/hub/directory.ts writes it). */
export const companyChange = z.object({
  cofor: z.string().max(20),
  legalName: z.string().max(300),
  status: z.string().max(40),
  access: z.string().max(40),
  accessRequestedAt: iso.nullable(),
  siteCodes: z.array(z.string().max(10)).max(10_000).optional(),
});

/** A request as every desk's queue receives it. */
export const requestChange = z.object({
  reference,
  kind: z.string().max(40),
  lang: z.string().max(10),
  cofor: z.string().max(20).nullable(),
  payload: z.record(z.string(), z.unknown()),
  receivedAt: iso,
  deskState: z.string().max(40),
});

/** A desk's decision, the first to reach the hub. */
export const requestDecisionChange = z.object({
  reference,
  decision: z.string().max(40),
  by: z.string().max(60),
  at: iso,
});

/** Where a request is in the desks' queue and who works on it (`by`: an agent, `supplier` when
 * its sender reopened it, `portal` when it expired). */
export const requestStateChange = z.object({
  state: z.string().max(40),
  assignee: z.string().max(60).nullable(),
  by: z.string().max(60).optional(),
  at: iso.optional(),
  expiredAt: iso.nullable().optional(),
});

/** What the sending workstation hears of its own request. */
export const requestStatusChange = z.discriminatedUnion('state', [
  z.object({ state: z.literal('received'), reference, at: iso }),
  z.object({ state: z.literal('desk-state'), deskState: z.string().max(40), at: iso, expiredAt: iso.nullable() }),
  z.object({
    state: z.literal('answered'),
    reference,
    at: iso,
    answer: z.string().max(60).nullable(),
    reason: z.string().max(4000).nullable(),
  }),
  z.object({ state: z.literal('erased') }),
]);

export const requestErasedChange = z.object({ payload: z.record(z.string(), z.unknown()) });
export const requestReminderChange = z.object({ at: iso });

/** Every kind of change, by its `entity` name on the wire. */
export const CHANGE_SCHEMAS = {
  company: companyChange,
  directory: directoryCompanySchema,
  request: requestChange,
  'request-decision': requestDecisionChange,
  'request-state': requestStateChange,
  'request-status': requestStatusChange,
  'request-erased': requestErasedChange,
  'request-reminder': requestReminderChange,
  templates: z.record(z.string(), z.unknown()),
} as const;

export type ChangeEntity = keyof typeof CHANGE_SCHEMAS;
export type ChangeData<E extends ChangeEntity> = z.infer<(typeof CHANGE_SCHEMAS)[E]>;

/** Who may see a change (docs/hub.md, "who sees what"). */
export type Audience = 'public' | 'desk' | `device:${string}`;

const envelope = { version: z.number().int().nonnegative(), id: z.string().max(200) };
const kindOf = <E extends ChangeEntity>(entity: E) =>
  z.object({ ...envelope, entity: z.literal(entity), data: CHANGE_SCHEMAS[entity] });

/** A change as a pull carries it: its kind decides its data's type. */
const hubChange = z.discriminatedUnion('entity', [
  kindOf('company'),
  kindOf('directory'),
  kindOf('request'),
  kindOf('request-decision'),
  kindOf('request-state'),
  kindOf('request-status'),
  kindOf('request-erased'),
  kindOf('request-reminder'),
  kindOf('templates'),
]);
export type HubChange = z.infer<typeof hubChange>;

/** A change as the hub publishes it, before it has a version. */
export type PublishedChange = {
  [E in ChangeEntity]: { audience: Audience; entity: E; id: string; data: ChangeData<E> };
}[ChangeEntity];

/** A change as it arrived, before it is read. */
export interface RawChange {
  version: number;
  entity: string;
  id: string;
  data: unknown;
}

/**
 * A change read against its kind's schema, or why not (a kind this version does not know: a
 * newer hub's; data that does not fit: a bug or a tampered hub). The replica skips what it cannot
 * read rather than stop: its cursor moves on, and what it skipped is logged.
 */
export function readChange(raw: RawChange): { ok: true; change: HubChange } | { ok: false; problem: string } {
  const parsed = hubChange.safeParse(raw);
  if (parsed.success) return { ok: true, change: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `${String(raw.entity).slice(0, 40)} ${String(raw.id).slice(0, 40)}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
  };
}
