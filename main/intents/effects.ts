// What an intent's rules may do, as data: a closed union. Each store's adapter applies every
// kind (store/intent-adapter.ts on SQLite, hub/intent-adapter.ts on PostgreSQL); a kind added
// here and not applied there is a compile error. A `publish` is the hub's alone: it is how the
// other replicas learn of the change (a workstation's own replica changed already).
import type { DeskState } from '../../preload/contract/help';
import type { DeskTemplates } from '../portal/desk/templates';
import type { ChangeData, ChangeEntity } from '../hub-protocol/changes';

/** Who a published change is for: everyone, every desk, or the workstation that sent the
 * request it is about (the hub knows which). */
export type EffectAudience = 'public' | 'desk' | { senderOf: string };

export type Published = {
  [E in ChangeEntity]: { kind: 'publish'; audience: EffectAudience; entity: E; id: string; data: ChangeData<E> };
}[ChangeEntity];

export type Effect =
  | { kind: 'request-state-set'; reference: string; state: DeskState; assignee: string | null; at: string }
  | { kind: 'templates-saved'; templates: DeskTemplates; by: string }
  /** A line of the audit trail; with a reference, it is in that request's company's history. */
  | { kind: 'audit'; actor: string; action: string; reference?: string; details: Record<string, unknown> }
  | Published;
