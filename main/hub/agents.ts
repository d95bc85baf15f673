// Assistance agents on the hub: the first is made by the hub's command line (`create-agent`), and
// an agent's login enrols a desk workstation (a desk device, which sees the queue). The answer to
// a wrong password and to an unknown agent is the same, after the same work.
import type { Pool } from 'pg';
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import type { LockoutPolicy } from '../portal/accounts/lockout';
import { reserveAttempt } from './accounts';
import type { NewAgent } from '../portal/desk/new-agent';
import { decoyHash, hashPassword, verifyPassword, type HashCost } from '../secrets/password-hasher';
import { registerDevice } from './devices';
import { HubError } from './hub-error';

export const enrolmentBody = z.strictObject({ username: z.string().max(60), password: z.string().max(200) });

/** False when an agent has this user name already. */
export async function createHubAgent(
  pool: Pool,
  agent: NewAgent & { password: string },
  cost?: HashCost,
): Promise<boolean> {
  const inserted = await pool.query(
    `INSERT INTO desk_agents (username, full_name, email, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username) DO NOTHING`,
    [agent.username, agent.fullName.trim(), agent.email, await hashPassword(agent.password, cost)],
  );
  return inserted.rowCount === 1;
}

export interface Enrolment {
  deviceId: string;
  token: string;
  agent: { username: string; fullName: string; email: string };
}

export async function enrolDesk(
  pool: Pool,
  body: z.infer<typeof enrolmentBody>,
  lockout: LockoutPolicy,
): Promise<Enrolment> {
  const username = body.username.trim().toLowerCase();
  const key = `desk:${username}`;
  await reserveAttempt(pool, key, lockout); // as for a V login
  const { rows } = DESK_USERNAME.test(username)
    ? await pool.query<{ full_name: string; email: string; password_hash: string; state: string }>(
        'SELECT full_name, email, password_hash, state FROM desk_agents WHERE username = $1',
        [username],
      )
    : { rows: [] };
  const agent = rows[0];
  const matches = await verifyPassword(body.password, agent?.password_hash ?? decoyHash());
  if (!agent || !matches || agent.state !== 'active')
    throw new HubError('invalid-credentials', 'The user name or the password is not right.');
  await pool.query('DELETE FROM login_attempts WHERE login = $1', [key]);
  const device = await registerDevice(pool, 'desk');
  await pool.query('UPDATE devices SET enrolled_by = $2 WHERE id = $1', [device.deviceId, username]);
  await pool.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-enrolled', $2)`, [
    username,
    { device: device.deviceId },
  ]);
  return { ...device, agent: { username, fullName: agent.full_name, email: agent.email } };
}
