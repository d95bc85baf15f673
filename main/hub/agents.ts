// Assistance agents on the hub: the first is made by the hub's command line (`create-agent`), and
// an agent's login enrols a desk workstation (a desk device, which sees the queue). The answer to
// a wrong password and to an unknown agent is the same, after the same work.
import type { Pool } from 'pg';
import type { Enrolment } from '../hub-protocol/sessions';
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { attemptKey, type LockoutPolicy } from '../portal/accounts/lockout';
import { reserveAttempt, type HubAccountsConfig, type LoginAttempt } from './accounts';
import { checkPassword } from '../portal/accounts/password-policy';
import type { NewAgent } from '../portal/desk/new-agent';
import { decoyHash, hashPassword, verifyPassword, type HashCost } from '../secrets/password-hasher';
import { registerDevice, type Device } from './devices';
import { linkDeskAgent } from './desk-actor';
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

export type { Enrolment } from '../hub-protocol/sessions';

/** The agent, when the user name and password are right and the agent active; otherwise the
 * one answer, after the same work (the throttle, one hash check) whatever exists. */
async function checkAgent(
  pool: Pool,
  body: z.infer<typeof enrolmentBody>,
  lockout: LockoutPolicy,
  attempt: LoginAttempt,
): Promise<Enrolment['agent'] & { passwordHash: string }> {
  const username = body.username.trim().toLowerCase();
  const key = attemptKey(`desk:${username}`, attempt.source);
  await reserveAttempt(pool, key, lockout, attempt.at); // as for a V login: per name and source, never a block
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
  return { username, fullName: agent.full_name, email: agent.email, passwordHash: agent.password_hash };
}

export async function enrolDesk(
  pool: Pool,
  body: z.infer<typeof enrolmentBody>,
  lockout: LockoutPolicy,
  attempt: LoginAttempt,
): Promise<Enrolment> {
  const { passwordHash: _hash, ...agent } = await checkAgent(pool, body, lockout, attempt);
  const device = await registerDevice(pool, 'desk');
  await pool.query('UPDATE devices SET enrolled_by = $2 WHERE id = $1', [device.deviceId, agent.username]);
  // The agent who enrolled it may act on it (desk-actor.ts) until deactivated or it is revoked.
  await linkDeskAgent(pool, device.deviceId, agent.username);
  await pool.query(`INSERT INTO audit (actor, action, details, device_id) VALUES ($1, 'desk-enrolled', $2, $3)`, [
    agent.username,
    { device: device.deviceId },
    device.deviceId,
  ]);
  return { ...device, agent };
}

/** An agent logs in on a workstation linked to the hub: the hub holds agents' hashes, so the
 * workstation asks it, and keeps the answer to let the agent log in offline for a while. */
export async function hubDeskLogin(
  pool: Pool,
  device: Device,
  body: z.infer<typeof enrolmentBody>,
  lockout: LockoutPolicy,
  attempt: LoginAttempt,
): Promise<{ agent: Enrolment['agent'] }> {
  const { passwordHash: _hash, ...agent } = await checkAgent(pool, body, lockout, attempt);
  // On a desk device, the agent's later mutations from it are theirs (desk-actor.ts): the push
  // carries no session, the hub knows who logged in where.
  await linkDeskAgent(pool, device.id, agent.username);
  await pool.query(`INSERT INTO audit (actor, action, details, device_id) VALUES ($1, 'desk-login', $2, $3)`, [
    agent.username,
    { device: device.id },
    device.id,
  ]);
  return { agent };
}

export const deskPasswordBody = z.strictObject({
  username: z.string().max(60),
  currentPassword: z.string().max(200),
  newPassword: z.string().max(200),
});

/** An agent changes their password from a linked workstation: the current one is checked as a
 * login is (throttled, one answer), the new one by the portal's policy; of two changes at once,
 * the one that finds the password it checked against wins. */
export async function hubChangeDeskPassword(
  pool: Pool,
  body: z.infer<typeof deskPasswordBody>,
  config: Pick<HubAccountsConfig, 'lockout' | 'hashCost' | 'commonPasswords'>,
  attempt: LoginAttempt,
): Promise<{ changed: true }> {
  const current = await checkAgent(
    pool,
    { username: body.username, password: body.currentPassword },
    config.lockout,
    attempt,
  ).catch((error: unknown) => {
    if (error instanceof HubError && error.code === 'invalid-credentials')
      throw new HubError('invalid-input', 'The current password is not right.', {
        fields: { currentPassword: 'password.current-wrong' },
      });
    throw error;
  });
  const rejection = checkPassword(
    body.newPassword,
    { login: current.username, personName: current.fullName },
    config.commonPasswords,
  );
  if (rejection)
    throw new HubError('invalid-input', 'The new password is refused.', { fields: { newPassword: rejection } });
  if (await verifyPassword(body.newPassword, current.passwordHash))
    throw new HubError('invalid-input', 'Choose a password you have not used here.', {
      fields: { newPassword: 'password.same' },
    });
  const changed = await pool.query(
    'UPDATE desk_agents SET password_hash = $3 WHERE username = $1 AND password_hash = $2',
    [current.username, current.passwordHash, await hashPassword(body.newPassword, config.hashCost)],
  );
  if (changed.rowCount !== 1)
    throw new HubError('invalid-input', 'The password was changed meanwhile: log in again with the new one.', {
      fields: { currentPassword: 'password.current-wrong' },
    });
  await pool.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-password-changed', '{}')`, [
    current.username,
  ]);
  return { changed: true };
}
