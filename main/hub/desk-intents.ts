// What desks share through the hub besides their decisions: where each request is in the queue
// (and who works on it), and their answer templates. The hub's order settles two desks at once:
// the later move, the later set of templates, is the one every desk then shows.
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import {
  allowedPlaceholders,
  describeUnknownPlaceholder,
  templatesSchema,
  unknownPlaceholder,
} from '../portal/desk/templates';
import type { IntentContext, IntentResult } from './intents';

export const deskSetStateArgs = z.strictObject({
  reference: z.string().min(1).max(40),
  state: z.enum(['new', 'in-progress', 'waiting-supplier', 'done']),
  assignee: z.string().regex(DESK_USERNAME).nullable(),
  /** The agent who moved it, as the desk workstation knows them. */
  agent: z.string().regex(DESK_USERNAME),
});

export const saveTemplatesArgs = z.strictObject({ templates: templatesSchema, agent: z.string().regex(DESK_USERNAME) });

export async function applyDeskSetState(
  args: z.infer<typeof deskSetStateArgs>,
  { tx, change, services }: IntentContext,
): Promise<IntentResult> {
  const { rows } = await tx.query<{ decision: string | null; device_id: string }>(
    'SELECT decision, device_id FROM requests WHERE reference = $1 FOR UPDATE',
    [args.reference],
  );
  const request = rows[0];
  if (!request)
    return {
      ok: false,
      error: {
        code: 'not-found',
        message: 'No request has this reference.',
        fields: { reference: 'reference.unknown' },
      },
    };
  // A decided request stays done: a move that arrives after another desk's decision changes
  // nothing, and is no failure to show (that desk's pull brings the decision).
  if (request.decision) return { ok: true, value: { reference: args.reference, state: 'done' } };
  // When it moved, on the hub's clock: 30 days "waiting for the supplier" count from here.
  const at = services.now().toISOString();
  await tx.query(
    'UPDATE requests SET desk_state = $2, assignee = $3, desk_state_at = $4, expired_at = NULL WHERE reference = $1',
    [args.reference, args.state, args.assignee, at],
  );
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-state', $2)`, [
    args.agent,
    { reference: args.reference, state: args.state, assignee: args.assignee },
  ]);
  await change('desk', 'request-state', args.reference, {
    state: args.state,
    assignee: args.assignee,
    by: args.agent,
    at,
    expiredAt: null,
  });
  // Its sender's workstation hears where the desk is with it (waiting for their answer, say).
  await change(`device:${request.device_id}`, 'request-status', args.reference, {
    state: 'desk-state',
    deskState: args.state,
    at,
    expiredAt: null,
  });
  return { ok: true, value: { reference: args.reference, state: args.state } };
}

export async function applySaveTemplates(
  args: z.infer<typeof saveTemplatesArgs>,
  { tx, change }: IntentContext,
): Promise<IntentResult> {
  // The workstation's rule, checked again: every desk would send a placeholder nobody fills.
  const unknown = unknownPlaceholder(args.templates);
  if (unknown)
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: describeUnknownPlaceholder(unknown),
        fields: { [`templates.${unknown.key}.${unknown.lang}.${unknown.part}`]: 'template.unknown-placeholder' },
        details: { ...unknown, allowed: allowedPlaceholders() },
      },
    };
  await tx.query(
    `INSERT INTO desk_settings (key, value, updated_by) VALUES ('templates', $1, $2)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [JSON.stringify(args.templates), args.agent],
  );
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-templates-saved', '{}')`, [args.agent]);
  await change('desk', 'templates', 'desk', args.templates);
  return { ok: true, value: { saved: true } };
}
