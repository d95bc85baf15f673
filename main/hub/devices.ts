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

/** The device behind a bearer token, or `unauthenticated` (same answer for a bad and an unknown token). */
export async function deviceOfToken(pool: Pool, token: string | null): Promise<Device> {
  if (!token || !/^[\w-]{20,100}$/.test(token))
    throw new HubError('unauthenticated', 'A device token is needed: register the device first.');
  const { rows } = await pool.query<{ id: string; kind: DeviceKind; last: string }>(
    'SELECT id, kind, last_mutation_id AS last FROM devices WHERE token_hash = $1',
    [hash(token)],
  );
  const row = rows[0];
  if (!row)
    throw new HubError('unauthenticated', 'This device token is not known to the hub: register the device again.');
  return { id: row.id, kind: row.kind, lastMutationId: Number(row.last) };
}
