// What desks share through the hub besides their decisions: where each request is in the queue
// (and who works on it), and their answer templates. The hub's order settles two desks at once:
// the later move, the later set of templates, is the one every desk then shows.
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { templatesSchema } from '../portal/desk/templates';
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
  { tx, change }: IntentContext,
): Promise<IntentResult> {
  const { rows } = await tx.query<{ decision: string | null }>(
    'SELECT decision FROM requests WHERE reference = $1 FOR UPDATE',
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
  const moved = await tx.query<{ at: Date }>(
    'UPDATE requests SET desk_state = $2, assignee = $3 WHERE reference = $1 RETURNING now() AS at',
    [args.reference, args.state, args.assignee],
  );
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-state', $2)`, [
    args.agent,
    { reference: args.reference, state: args.state, assignee: args.assignee },
  ]);
  await change('desk', 'request-state', args.reference, {
    state: args.state,
    assignee: args.assignee,
    by: args.agent,
    at: moved.rows[0]!.at.toISOString(),
  });
  return { ok: true, value: { reference: args.reference, state: args.state } };
}

export async function applySaveTemplates(
  args: z.infer<typeof saveTemplatesArgs>,
  { tx, change }: IntentContext,
): Promise<IntentResult> {
  await tx.query(
    `INSERT INTO desk_settings (key, value, updated_by) VALUES ('templates', $1, $2)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
    [JSON.stringify(args.templates), args.agent],
  );
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-templates-saved', '{}')`, [args.agent]);
  await change('desk', 'templates', 'desk', args.templates);
  return { ok: true, value: { saved: true } };
}
