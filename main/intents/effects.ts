// What an intent's rules may do, as data: a closed union. Each store's adapter applies every
// kind (store/intent-adapter.ts on SQLite, hub/intent-adapter.ts on PostgreSQL); a kind added
// here and not applied there is a compile error. A `publish` is the hub's alone: it is how the
// other replicas learn of the change (a workstation's own replica changed already); a `mail` is
// the authority's: a standalone workstation's, or the hub's.
import type { DeskState } from '../../preload/contract/help';
import type { DeskTemplates } from '../portal/desk/templates';
import type { ChangeData, ChangeEntity } from '../hub-protocol/changes';

/** Who a published change is for: everyone, every desk, or the workstation that sent the
 * request it is about (the hub knows which). */
export type EffectAudience = 'public' | 'desk' | { senderOf: string };

export type Published = {
  [E in ChangeEntity]: { kind: 'publish'; audience: EffectAudience; entity: E; id: string; data: ChangeData<E> };
}[ChangeEntity];

/** An e-mail to the portal's assistance, written by the rule (the portal's templates). */
export interface AssistanceMail {
  kind: string;
  lang: 'en' | 'fr';
  subject: string;
  body: string;
  html?: string;
}

export type Effect =
  | { kind: 'request-state-set'; reference: string; state: DeskState; assignee: string | null; at: string }
  /** Its sender's reminder, taken (the desk's history lists it; `count`: with this one). */
  | { kind: 'reminder-recorded'; reference: string; at: string; count: number }
  /** An expired request back in the desks' queue (new, no longer expired). */
  | { kind: 'request-reopened'; reference: string; at: string }
  /** Applied by the authority only: a standalone workstation, or the hub (a linked one queues
   * the intent instead, and the hub e-mails when it takes it). */
  | { kind: 'mail'; to: 'assistance'; mail: AssistanceMail }
  | { kind: 'templates-saved'; templates: DeskTemplates; by: string }
  /** A line of the audit trail; with a reference, it is in that request's company's history. */
  | { kind: 'audit'; actor: string; action: string; reference?: string; details: Record<string, unknown> }
  | Published;
