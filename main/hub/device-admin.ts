// The hub administrator's commands on agents and devices (`npm run hub -- deactivate-agent NAME`,
// `revoke-device ID`, `list-devices`): a stolen desk PC, or an agent who left, loses the hub at
// once. A deactivated agent cannot log in, their device links end, and the desk devices they
// enrolled are revoked; a revoked device gets 401 device-revoked on every call (devices.ts).
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

/** Every deactivation and revocation, one at a time on every hub of the database: two at once
 * on overlapping links would otherwise lock them in opposite orders. */
const ADMIN_LOCK = 4650_0004;

/** Who did it, in the audit: the hub's command line (its operator has the database). */
const ADMIN = 'hub-admin';

/** A deadlock or a serialization failure against a push being applied: the whole command runs
 * again (each step is idempotent). */
async function administer<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK]);
        return work(tx);
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}

/** Ends the live links of the given devices or agent (first, before any other write: a desk
 * mutation being applied holds its link FOR SHARE and nothing of ours). */
const END_LINKS = `UPDATE desk_device_agents SET ended_at = now()
  WHERE ended_at IS NULL AND (device_id = ANY($1::text[]) OR username = $2) RETURNING device_id`;

export interface Deactivation {
  outcome: 'deactivated' | 'already-deactivated' | 'unknown-agent';
  linksEnded: number;
  devicesRevoked: string[];
}

export async function deactivateAgent(pool: Pool, username: string): Promise<Deactivation> {
  return administer(pool, async (tx) => {
    const { rows } = await tx.query<{ state: string }>('SELECT state FROM desk_agents WHERE username = $1', [username]);
    if (!rows[0]) return { outcome: 'unknown-agent', linksEnded: 0, devicesRevoked: [] };
    const enrolled = await tx.query<{ id: string }>(
      'SELECT id FROM devices WHERE enrolled_by = $1 AND revoked_at IS NULL ORDER BY id',
      [username],
    );
    const devices = enrolled.rows.map((r) => r.id);
    const ended = await tx.query(END_LINKS, [devices, username]);
    const changed = await tx.query(
      `UPDATE desk_agents SET state = 'deactivated' WHERE username = $1 AND state <> 'deactivated'`,
      [username],
    );
    await revoke(tx, devices);
    const outcome = changed.rowCount === 1 ? 'deactivated' : 'already-deactivated';
    await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-agent-deactivated', $2)`, [
      ADMIN,
      { target: username, outcome, linksEnded: ended.rowCount ?? 0, devicesRevoked: devices },
    ]);
    return { outcome, linksEnded: ended.rowCount ?? 0, devicesRevoked: devices };
  });
}

/** Revokes devices whose links are ended already; their hub sessions (a PLSA's) end too. The
 * time is the clock's, after the links were taken (not the transaction's start): every mutation
 * the hub applied from the device began before it. */
async function revoke(tx: PoolClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    'UPDATE devices SET revoked_at = clock_timestamp() WHERE id = ANY($1::text[]) AND revoked_at IS NULL',
    [ids],
  );
  await tx.query('DELETE FROM sessions WHERE device_id = ANY($1::text[])', [ids]);
}

export interface Revocation {
  outcome: 'revoked' | 'already-revoked' | 'unknown-device';
  linksEnded: number;
}

export async function revokeDevice(pool: Pool, id: string): Promise<Revocation> {
  return administer(pool, async (tx) => {
    const { rows } = await tx.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE id = $1',
      [id],
    );
    if (!rows[0]) return { outcome: 'unknown-device', linksEnded: 0 };
    const ended = await tx.query(END_LINKS, [[id], null]);
    await revoke(tx, [id]);
    const outcome = rows[0].revoked ? 'already-revoked' : 'revoked';
    await tx.query(`INSERT INTO audit (actor, action, details, device_id) VALUES ($1, 'device-revoked', $2, $3)`, [
      ADMIN,
      { target: id, outcome },
      id,
    ]);
    return { outcome, linksEnded: ended.rowCount ?? 0 };
  });
}

export interface DeviceRow {
  id: string;
  kind: string;
  enrolledBy: string | null;
  /** The agents with a live link: those whose desk mutations from it are applied. */
  agents: string[];
  registeredAt: Date;
  lastSeenAt: Date | null;
  revokedAt: Date | null;
}

/** Desk devices first (the ones a stolen PC is among), then suppliers', oldest first. */
export async function listDevices(pool: Pool): Promise<DeviceRow[]> {
  const { rows } = await pool.query<DeviceRow>(
    `SELECT d.id, d.kind, d.enrolled_by AS "enrolledBy", d.registered_at AS "registeredAt",
            d.last_seen_at AS "lastSeenAt", d.revoked_at AS "revokedAt",
            coalesce(array_agg(l.username ORDER BY l.username) FILTER (WHERE l.username IS NOT NULL AND l.ended_at IS NULL), '{}') AS agents
     FROM devices d LEFT JOIN desk_device_agents l ON l.device_id = d.id
     GROUP BY d.id ORDER BY d.kind = 'desk' DESC, d.registered_at, d.id`,
  );
  return rows;
}

const when = (at: Date | null) => (at ? at.toISOString().slice(0, 16).replace('T', ' ') : '-');

/** The list as a table for the terminal (times in UTC, to the minute). */
export function formatDevices(devices: DeviceRow[]): string {
  if (devices.length === 0) return 'No device is registered on this hub.';
  const head = ['ID', 'KIND', 'ENROLLED BY', 'AGENTS', 'CREATED (UTC)', 'LAST SEEN', 'REVOKED'];
  const lines = devices.map((d) => [
    d.id,
    d.kind,
    d.enrolledBy ?? '-',
    d.agents.length > 0 ? d.agents.join(',') : '-',
    when(d.registeredAt),
    when(d.lastSeenAt),
    when(d.revokedAt),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [head, ...lines]
    .map((cells) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
