// Accounts on the hub, the system of record for logins and password hashes: a PLSA made by a
// desk's validation, logins verified here (the same throttle, per login and caller's address, and
// the same two hash checks whatever exists, as on a standalone workstation), and password changes. A workstation never receives a
// hash; it gets a session for the person who proved their password.
import type { HubSession } from '../hub-protocol/sessions';
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { attemptKey, waitBeforeAttempt, type LockoutPolicy } from '../portal/accounts/lockout';
import { generateLogin } from '../portal/accounts/login-id';
import { checkPassword } from '../portal/accounts/password-policy';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { mails, mailLang } from '../portal/mail/templates';
import { decoyHash, hashPassword, verifyPassword, type HashCost } from '../secrets/password-hasher';
import { hashToken } from '../secrets/token-hash';
import type { Device } from './devices';
import { HubError } from './hub-error';
import { queueHubMail, type SecretBox } from './mail';
import { inTransaction } from './transaction';

export interface HubAccountsConfig {
  lockout: LockoutPolicy;
  hashCost: HashCost;
  sessionHours: number;
  temporaryPasswordHours: number;
  /** Recovery requests per subject (login, e-mail, COFOR) per hour. */
  recoveryCapPerHour: number;
  commonPasswords: ReadonlySet<string>;
}

export const loginBody = z.strictObject({ login: z.string().max(20), password: z.string().max(200) });
export const passwordBody = z.strictObject({
  session: z.string().min(20).max(100),
  currentPassword: z.string().max(200),
  newPassword: z.string().max(200),
  lang: z.enum(['en', 'fr']),
});

/** Creates a PLSA with a temporary password that only the e-mail carries (encrypted until sent). */
export async function createPlsaOnHub(
  tx: PoolClient,
  box: SecretBox,
  config: Pick<HubAccountsConfig, 'hashCost' | 'temporaryPasswordHours'>,
  person: { cofor: string; fullName: string; email: string; lang: string },
  actor: string,
): Promise<string> {
  const temporary = generateTemporaryPassword();
  const hash = await hashPassword(temporary, config.hashCost);
  const expiresAt = temporaryPasswordExpiry(new Date(), config.temporaryPasswordHours);
  let login: string;
  for (;;) {
    login = generateLogin(() => false);
    const inserted = await tx.query(
      `INSERT INTO accounts (login, cofor, full_name, email, role, temporary_hash, temporary_expires_at)
       VALUES ($1, $2, $3, $4, 'plsa', $5, $6) ON CONFLICT (login) DO NOTHING`,
      [login, person.cofor, person.fullName, person.email, hash, expiresAt],
    );
    if (inserted.rowCount === 1) break; // a login already given: draw another
  }
  const mail = mails.temporaryPassword(
    mailLang(person.lang),
    login,
    expiresAt.toISOString().slice(0, 16).replace('T', ' '),
  );
  await queueHubMail(tx, box, {
    kind: 'temporary-password',
    to: person.email,
    lang: person.lang,
    ...mail,
    secret: temporary,
  });
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'plsa-account-created', $2)`, [
    actor,
    { login, cofor: person.cofor, temporaryPassword: 'e-mailed' },
  ]);
  return login;
}

interface AccountRecord {
  login: string;
  cofor: string;
  full_name: string;
  email: string;
  role: 'user' | 'plsa';
  state: string;
  password_hash: string | null;
  temporary_hash: string | null;
  temporary_expires_at: Date | null;
  must_change: boolean;
  legal_name: string;
  company_status: string;
  access: string;
}

export type { HubSession } from '../hub-protocol/sessions';

const invalid = () => new HubError('invalid-credentials', 'The login or the password is not right.');

/**
 * Counts this attempt before any hash runs, in one transaction, per name as typed (known or
 * not) and source (`key`, lockout.ts's attemptKey): simultaneous guesses each count, and a delay
 * earned by earlier ones is refused at once, on the hub's clock (`at`: the services' now). Answers
 * the failures counted so far, this one included.
 */
export async function reserveAttempt(pool: Pool, key: string, lockout: LockoutPolicy, at: Date): Promise<number> {
  return inTransaction(pool, async (tx) => {
    // One attempt at a time per name: a row lock would not hold the first attempts, which find
    // no row yet (six guesses at once all passed the check before this lock).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login:${key}`]);
    const { rows } = await tx.query<{ failures: number; at: Date }>(
      'SELECT failures, last_failure_at AS at FROM login_attempts WHERE login = $1',
      [key],
    );
    const earlier = rows[0];
    const wait = waitBeforeAttempt(earlier && { failures: earlier.failures, lastFailureAt: earlier.at }, at, lockout);
    if (wait > 0)
      throw new HubError('too-many-attempts', 'Too many failed attempts: wait before trying again.', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    const counted = await tx.query<{ failures: number }>(
      `INSERT INTO login_attempts (login, failures, last_failure_at) VALUES ($1, 1, $2)
       ON CONFLICT (login) DO UPDATE SET failures = login_attempts.failures + 1, last_failure_at = $2
       RETURNING failures`,
      [key, at],
    );
    return counted.rows[0]!.failures;
  });
}

/** A login's failures from every source, forgotten (an unblocked account starts afresh). */
export async function forgetFailures(q: Pick<Pool, 'query'>, login: string): Promise<void> {
  await q.query(`DELETE FROM login_attempts WHERE login = $1 OR starts_with(login, $1 || ' from ')`, [login]);
}

/** A login attempt as the throttle counts it: where it comes from (the caller's address, as
 * lockout.ts's sourceOfAddress reads it) and when, on the hub's clock. */
export interface LoginAttempt {
  source: string;
  at: Date;
}

export async function hubLogin(
  pool: Pool,
  device: Device,
  input: z.infer<typeof loginBody>,
  config: HubAccountsConfig,
  attempt: LoginAttempt,
): Promise<HubSession> {
  const login = input.login.trim().toUpperCase();
  if (!/^V\d{6}$/.test(login)) throw new HubError('invalid-input', 'A login is V followed by 6 digits.');
  const key = attemptKey(login, attempt.source);
  await reserveAttempt(pool, key, config.lockout, attempt.at);
  const { rows } = await pool.query<AccountRecord>(
    `SELECT a.*, c.legal_name, c.status AS company_status, c.access FROM accounts a
     JOIN companies c ON c.cofor = a.cofor WHERE a.login = $1`,
    [login],
  );
  const account = rows[0] ?? null;
  const temporary =
    account?.temporary_hash && account.temporary_expires_at && account.temporary_expires_at > new Date()
      ? account.temporary_hash
      : null;
  // Always two checks, whatever exists, so the time of the answer tells nothing.
  const isPassword = await verifyPassword(input.password, account?.password_hash ?? decoyHash());
  const isTemporary = await verifyPassword(input.password, temporary ?? decoyHash());
  let match: 'password' | 'temporary' | null = account?.password_hash && isPassword ? 'password' : null;
  if (!match && temporary && isTemporary) {
    // Single use: of two logins at once with it, one consumes it.
    const used = await pool.query(
      'UPDATE accounts SET temporary_hash = NULL WHERE login = $1 AND temporary_hash = $2',
      [login, temporary],
    );
    if (used.rowCount === 1) match = 'temporary';
  }
  // Failures only slow their source down (lockout.ts): they never block the account.
  if (!account || !match || account.state !== 'active') throw invalid();
  await pool.query('DELETE FROM login_attempts WHERE login = $1', [key]); // this source's, not a guesser's elsewhere
  await pool.query('UPDATE accounts SET last_login_at = now() WHERE login = $1', [login]);
  if (account.company_status !== 'active' || account.access !== 'open')
    throw new HubError('access-not-open', "Your company's access to the B2B portal is not open.");
  const mustChange = match === 'temporary' || account.must_change;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionHours * 3_600_000);
  await pool.query(
    'INSERT INTO sessions (token_hash, login, device_id, must_change, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [hashToken(token), login, device.id, mustChange, expiresAt],
  );
  return {
    session: token,
    mustChangePassword: mustChange,
    expiresAt: expiresAt.toISOString(),
    account: {
      login,
      fullName: account.full_name,
      email: account.email,
      role: account.role,
      cofor: account.cofor,
      companyName: account.legal_name,
    },
  };
}

export async function hubChangePassword(
  pool: Pool,
  box: SecretBox,
  device: Device,
  input: z.infer<typeof passwordBody>,
  config: HubAccountsConfig,
): Promise<{ changed: true; otherSessionsEnded: number }> {
  const { rows } = await pool.query<AccountRecord & { session_must_change: boolean }>(
    `SELECT a.*, c.legal_name, s.must_change AS session_must_change FROM sessions s
     JOIN accounts a ON a.login = s.login JOIN companies c ON c.cofor = a.cofor
     WHERE s.token_hash = $1 AND s.device_id = $2 AND s.expires_at > now() AND a.state = 'active'`,
    [hashToken(input.session), device.id],
  );
  const account = rows[0];
  if (!account) throw new HubError('unauthenticated', 'This session has ended: log in again.');
  // After a temporary password the session itself proves identity; otherwise ask again.
  if (
    !account.session_must_change &&
    !(account.password_hash && (await verifyPassword(input.currentPassword, account.password_hash)))
  )
    throw new HubError('invalid-input', 'The current password is not right.', {
      fields: { currentPassword: 'password.current-wrong' },
    });
  const rejection = checkPassword(
    input.newPassword,
    { login: account.login, companyName: account.legal_name, personName: account.full_name },
    config.commonPasswords,
  );
  if (rejection)
    throw new HubError('invalid-input', 'The new password is refused.', { fields: { newPassword: rejection } });
  if (account.password_hash && (await verifyPassword(input.newPassword, account.password_hash)))
    throw new HubError('invalid-input', 'Choose a password you have not used here.', {
      fields: { newPassword: 'password.same' },
    });
  const hash = await hashPassword(input.newPassword, config.hashCost);
  return inTransaction(pool, async (tx) => {
    // Checked again under the account's lock: of two changes at once, the second finds the
    // password (or the session's forced change) no longer what it was checked against.
    const now = await tx.query<{ password_hash: string | null; must_change: boolean | null }>(
      `SELECT a.password_hash, s.must_change FROM accounts a
       LEFT JOIN sessions s ON s.token_hash = $2 WHERE a.login = $1 FOR UPDATE OF a`,
      [account.login, hashToken(input.session)],
    );
    const still = now.rows[0];
    if (
      !still ||
      still.password_hash !== account.password_hash ||
      (account.session_must_change && still.must_change !== true)
    )
      throw new HubError('invalid-input', 'The password was changed meanwhile: log in again with the new one.', {
        fields: { currentPassword: 'password.current-wrong' },
      });
    await tx.query(
      'UPDATE accounts SET password_hash = $2, must_change = false, temporary_hash = NULL WHERE login = $1',
      [account.login, hash],
    );
    await tx.query('UPDATE sessions SET must_change = false WHERE token_hash = $1', [hashToken(input.session)]);
    const ended = await tx.query('DELETE FROM sessions WHERE login = $1 AND token_hash <> $2', [
      account.login,
      hashToken(input.session),
    ]);
    await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'password-changed', $2)`, [
      account.login,
      { login: account.login },
    ]);
    const notice = mails.passwordChanged(mailLang(input.lang), account.login, new Date().toISOString());
    await queueHubMail(tx, box, { kind: 'password-changed', to: account.email, lang: input.lang, ...notice });
    return { changed: true as const, otherSessionsEnded: ended.rowCount ?? 0 };
  });
}
