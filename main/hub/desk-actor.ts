// Who may act on a desk device. A desk workstation works offline, so its pushes carry no live
// session; the hub instead keeps, per desk device, the agents who enrolled it or logged in on it
// through the hub (desk_device_agents). A desk mutation names its agent; it is applied only when
// that agent is active on the hub and linked to this device, and it is audited with the device.
import type { Pool, PoolClient } from 'pg';
import type { Device } from './devices';
import type { IntentResult } from './intents';

/** Records that `username` may act on this desk device (an enrolment, a login through the hub).
 * Nothing for a supplier's device, a revoked one, or an agent no longer active. */
export async function linkDeskAgent(db: Pool | PoolClient, deviceId: string, username: string): Promise<void> {
  await db.query(
    `INSERT INTO desk_device_agents (device_id, username)
     SELECT d.id, a.username FROM devices d, desk_agents a
     WHERE d.id = $1 AND d.kind = 'desk' AND d.revoked_at IS NULL AND a.username = $2 AND a.state = 'active'
     ON CONFLICT (device_id, username) DO UPDATE SET linked_at = now(), ended_at = NULL`,
    [deviceId, username],
  );
}

const agentOf = (args: unknown): string | null => {
  const agent = args && typeof args === 'object' ? (args as { agent?: unknown }).agent : undefined;
  return typeof agent === 'string' ? agent : null;
};

const forbidden = (message: string): IntentResult => ({ ok: false, error: { code: 'forbidden', message } });

/**
 * Runs first in a desk device's mutation transaction (where the hub applies intents): every audit
 * line the intent writes names this device (the audit's device_id default reads `hub.device`),
 * and a mutation that names an agent is refused unless that agent may act here. The link row is
 * read FOR SHARE, so a deactivation or revocation waits for a mutation being applied, and every
 * mutation checked after it commits is refused: nothing of a revoked device lands after.
 */
export async function checkDeskActor(tx: PoolClient, device: Device, args: unknown): Promise<IntentResult | null> {
  if (device.kind !== 'desk') return null;
  const agent = agentOf(args);
  const { rows } = await tx.query<{ allowed: boolean | null }>(
    `SELECT set_config('hub.device', $1, true) AS device,
            CASE WHEN $2::text IS NULL THEN NULL ELSE EXISTS (
              SELECT 1 FROM desk_device_agents l
              JOIN desk_agents a ON a.username = l.username AND a.state = 'active'
              JOIN devices d ON d.id = l.device_id AND d.revoked_at IS NULL
              WHERE l.device_id = $1 AND l.username = $2 AND l.ended_at IS NULL
              FOR SHARE OF l) END AS allowed`,
    [device.id, agent],
  );
  if (agent === null || rows[0]?.allowed) return null;
  return refusalFor(tx, device, agent);
}

/** Why an agent may not act here, in words (the rare path: one more read). */
async function refusalFor(tx: PoolClient, device: Device, agent: string): Promise<IntentResult> {
  const { rows } = await tx.query<{ revoked: boolean; state: string | null }>(
    `SELECT d.revoked_at IS NOT NULL AS revoked, (SELECT state FROM desk_agents WHERE username = $2) AS state
     FROM devices d WHERE d.id = $1`,
    [device.id, agent],
  );
  const { revoked, state } = rows[0] ?? { revoked: true, state: null };
  if (revoked) return forbidden("This desk workstation's access to the hub was revoked: this was not applied.");
  if (state === 'deactivated' || state === 'blocked')
    return forbidden(`${agent} may no longer act on the hub (${state}): this was not applied.`);
  return forbidden(`${agent} has not logged in on this desk workstation through the hub: log in again.`);
}
