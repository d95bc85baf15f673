// Devices: each workstation registers once and gets a random token; the hub keeps its SHA-256
// only. A supplier workstation registers anonymously and may do what the public portal allows.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { hashToken as hash } from '../secrets/token-hash';
import { HubError } from './hub-error';

export type DeviceKind = 'supplier' | 'desk';

export interface Device {
  id: string;
  kind: DeviceKind;
  lastMutationId: number;
}

export async function registerDevice(pool: Pool, kind: DeviceKind): Promise<{ deviceId: string; token: string }> {
  const deviceId = `dev_${randomBytes(12).toString('base64url')}`;
  const token = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO devices (id, kind, token_hash) VALUES ($1, $2, $3)', [deviceId, kind, hash(token)]);
  return { deviceId, token };
}

/** What a revoked device hears on every call: its workstation keeps its queue and says why. */
export const DEVICE_REVOKED_WORDS =
  "This device's access to the hub was revoked by the hub's administrator: ask them to enrol this workstation again.";

/**
 * The device behind a bearer token, or `unauthenticated` (same answer for a bad and an unknown
 * token), or `device-revoked`. Every route asks here, so a revoked device is refused everywhere.
 * It also notes when the device was last seen, at most once a minute, never waiting for a row a
 * push holds (SKIP LOCKED): that push says it was seen already.
 */
export async function deviceOfToken(pool: Pool, token: string | null): Promise<Device> {
  if (!token || !/^[\w-]{20,100}$/.test(token))
    throw new HubError('unauthenticated', 'A device token is needed: register the device first.');
  const { rows } = await pool.query<{ id: string; kind: DeviceKind; last: string; revoked: boolean }>(
    `WITH d AS (SELECT id, kind, last_mutation_id, revoked_at, last_seen_at FROM devices WHERE token_hash = $1),
          seen AS (UPDATE devices SET last_seen_at = now()
                   WHERE id = (SELECT x.id FROM devices x JOIN d ON d.id = x.id
                               WHERE d.revoked_at IS NULL
                                 AND (d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute')
                               FOR UPDATE OF x SKIP LOCKED))
     SELECT id, kind, last_mutation_id AS last, revoked_at IS NOT NULL AS revoked FROM d`,
    [hash(token)],
  );
  const row = rows[0];
  if (!row)
    throw new HubError('unauthenticated', 'This device token is not known to the hub: register the device again.');
  if (row.revoked) throw new HubError('device-revoked', DEVICE_REVOKED_WORDS);
  return { id: row.id, kind: row.kind, lastMutationId: Number(row.last) };
}
