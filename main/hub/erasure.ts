// An erasure request decided on a desk, applied on the hub, which holds the copies that matter:
// the personal fields of the person's other requests become "[erased]", the e-mails the hub sent
// them are blanked, and every copy follows (each desk's queue, and the workstation each request
// came from). The erasure request itself stays, as the record; the outcome is audited.
import { ERASED, erasedPayload, personalFieldsOf } from '../portal/requests/personal-data';
import type { IntentContext, IntentResult } from './intents';
import type { DeskEraseArgs } from '../intents/desk-erase';

export async function applyDeskErase(args: DeskEraseArgs, { tx, change }: IntentContext): Promise<IntentResult> {
  const { rows } = await tx.query<{ kind: string; payload: Record<string, unknown> }>(
    'SELECT kind, payload FROM requests WHERE reference = $1',
    [args.reference],
  );
  const request = rows[0];
  const email = typeof request?.payload['email'] === 'string' ? request.payload['email'] : '';
  if (!request || request.kind !== 'help' || request.payload['purpose'] !== 'erasure' || !email)
    return {
      ok: false,
      error: {
        code: 'not-found',
        message: 'This is not an erasure request.',
        fields: { reference: 'erasure.not-a-request' },
      },
    };
  const others = await tx.query<{ reference: string; device_id: string; payload: Record<string, unknown> }>(
    `SELECT reference, device_id, payload FROM requests
     WHERE reference <> $1 AND strpos(lower(payload::text), lower($2)) > 0 FOR UPDATE`,
    [args.reference, JSON.stringify(email)],
  );
  let erased = 0;
  for (const other of others.rows) {
    if (personalFieldsOf(other.payload).length === 0) continue;
    const payload = erasedPayload(other.payload);
    await tx.query('UPDATE requests SET payload = $2 WHERE reference = $1', [other.reference, payload]);
    await change('desk', 'request-erased', other.reference, { payload });
    await change(`device:${other.device_id}`, 'request-status', other.reference, { state: 'erased' });
    erased++;
  }
  const mails = await tx.query<{ id: string }>(
    `UPDATE outbox SET to_address = $2, subject = $2, body = $2, html = NULL
     WHERE lower(to_address) = lower($1) AND state <> 'queued' RETURNING id`,
    [email, ERASED],
  );
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-erased', $2)`, [
    args.agent,
    { reference: args.reference, requests: erased, emails: mails.rowCount ?? 0 },
  ]);
  return { ok: true, value: { reference: args.reference, requests: erased, emails: mails.rowCount ?? 0 } };
}
