// Requests that wait, on the hub: a request expired after 30 days waiting for its sender, on the
// hub's clock (a sender's reminder and reopening are intents: main/intents/). The sender's device
// hears where the desk is with its request; every desk sees the expiry in its queue.
import type { Pool } from 'pg';
import { expiryCutoff } from '../portal/requests/waiting';
import type { HubServices } from './services';
import { CHANGES_LOCK, inTransaction } from './transaction';

/**
 * Expires the requests that waited 30 days for their senders, on the hub's clock. Run before
 * each pull, so a desk or a sender sees it as soon as it asks; one cheap look when nothing is due.
 */
export async function expireWaitingRequests(pool: Pool, services: Pick<HubServices, 'now'>): Promise<number> {
  const now = services.now();
  const cutoff = expiryCutoff(now);
  const due = await pool.query(
    `SELECT 1 FROM requests WHERE desk_state = 'waiting-supplier' AND desk_state_at <= $1 AND decision IS NULL LIMIT 1`,
    [cutoff],
  );
  if (due.rowCount === 0) return 0;
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
    const { rows } = await tx.query<{ reference: string; device_id: string; assignee: string | null }>(
      `UPDATE requests SET desk_state = 'done', desk_state_at = $1, expired_at = $1
       WHERE desk_state = 'waiting-supplier' AND desk_state_at <= $2 AND decision IS NULL
       RETURNING reference, device_id, assignee`,
      [now, cutoff],
    );
    const at = now.toISOString();
    for (const r of rows) {
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('portal', 'request-expired', $1)`, [
        { reference: r.reference },
      ]);
      await tx.query(
        `INSERT INTO changes (audience, entity, entity_id, data) VALUES ('desk', 'request-state', $1, $2), ($3, 'request-status', $1, $4)`,
        [
          r.reference,
          { state: 'done', assignee: r.assignee, by: 'portal', at, expiredAt: at },
          `device:${r.device_id}`,
          { state: 'desk-state', deskState: 'done', at, expiredAt: at },
        ],
      );
    }
    return rows.length;
  });
}
