// Where a request is in the desks' queue, and who works on it. A decided request stays done: a
// move that arrives after a decision (another desk's, through the hub) is refused with who
// decided, so that a second decision can never undo the first.
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { declareRules, refuse } from './rules';

export const deskSetState = declareRules({
  name: 'deskSetState',
  from: ['desk'],
  args: z.strictObject({
    reference: z.string().min(1).max(40),
    state: z.enum(['new', 'in-progress', 'waiting-supplier', 'done']),
    assignee: z.string().regex(DESK_USERNAME).nullable(),
    /** The agent who moved it, as the desk workstation knows them. */
    agent: z.string().regex(DESK_USERNAME),
  }),
  facts: (args) => ({ request: args.reference }),
  decide({ request }, args, { actor, now }) {
    if (!request)
      return refuse('not-found', 'No request has this reference.', { fields: { reference: 'reference.unknown' } });
    const decided = request.decision;
    if (decided && args.state !== 'done')
      return refuse('conflict', `This request was already ${decided.what} by ${decided.by} at ${decided.at}.`, {
        fields: { _: 'desk.already-decided' },
        details: { what: decided.what, by: decided.by, at: decided.at },
        overtaken: true,
      });
    // When it moved: 30 days "waiting for the supplier" count from here (the hub's clock there).
    const at = now.toISOString();
    const { reference, state, assignee } = args;
    return {
      ok: true,
      value: { reference, state },
      effects: [
        { kind: 'request-state-set', reference, state, assignee, at },
        {
          kind: 'audit',
          actor,
          action: 'desk-state',
          reference,
          details: {
            reference,
            before: { state: request.deskState, assignee: request.assignee },
            after: { state, assignee },
          },
        },
        {
          kind: 'publish',
          audience: 'desk',
          entity: 'request-state',
          id: reference,
          data: { state, assignee, by: actor, at, expiredAt: null },
        },
        // Its sender's workstation hears where the desk is with it (waiting for their answer, say).
        {
          kind: 'publish',
          audience: { senderOf: reference },
          entity: 'request-status',
          id: reference,
          data: { state: 'desk-state', deskState: state, at, expiredAt: null },
        },
      ],
    };
  },
});
