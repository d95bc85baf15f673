// Every intent a workstation may queue and the hub may run, by its name on the wire. The keys
// are the intents' own names (test/unit/intents.test.ts checks): a new intent is one file in
// this folder, listed here and in `queuedIntent` below (see the README, "How to add an intent").
import { z } from 'zod';
import type { IntentDeclaration } from './declare';
import { deskDecide } from './desk-decide';
import { deskErase } from './desk-erase';
import { deskReplacePlsa } from './desk-replace-plsa';
import { deskSetState } from './desk-set-state';
import { recover } from './recover';
import { saveTemplates } from './save-templates';
import { submitRequest } from './submit-request';
import { reopenRequest } from './reopen-request';
import { remindRequest } from './remind-request';

export const INTENTS = {
  submitRequest,
  deskSetState,
  deskReplacePlsa,
  saveTemplates,
  recover,
  remindRequest,
  reopenRequest,
  deskErase,
  deskDecide,
} as const;

export type IntentName = keyof typeof INTENTS;
export const isIntentName = (name: string): name is IntentName => Object.hasOwn(INTENTS, name);
/** An intent's arguments as the workstation queues them (before the schema's defaults). */
export type IntentArgs<N extends IntentName> = z.input<(typeof INTENTS)[N]['args']>;

const entry = <N extends string, A extends z.ZodType>(intent: IntentDeclaration<N, A>) =>
  z.object({ name: z.literal(intent.name), args: intent.args });

/** A queued intent read back against its schema: its name decides its arguments' type. */
export const queuedIntent = z.discriminatedUnion('name', [
  entry(submitRequest),
  entry(deskSetState),
  entry(deskReplacePlsa),
  entry(saveTemplates),
  entry(recover),
  entry(remindRequest),
  entry(reopenRequest),
  entry(deskErase),
  entry(deskDecide),
]);
export type QueuedIntentArgs = z.infer<typeof queuedIntent>;

/** A mutation as queued, read: null when it is no intent of this version's (or not as declared). */
export const readQueued = (mutation: { name: string; args: unknown }): QueuedIntentArgs | null => {
  const parsed = queuedIntent.safeParse({ name: mutation.name, args: mutation.args });
  return parsed.success ? parsed.data : null;
};
