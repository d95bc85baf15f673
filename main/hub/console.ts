// The PLSA console on the hub, for a workstation linked to it: the hub holds the company's
// accounts, so a PLSA's changes are made here, by the PLSA's own hub session (given at login
// through the hub), for their own company only. The same rules as a standalone console: a
// colleague of another company does not "exist", a temporary password is shown once to the PLSA
// (in this answer) and kept hashed, a reset ends the account's sessions.
import type { Pool, PoolClient } from 'pg';
import { z } from 'zod';
import { CONSOLE_ACTIONS, type ConsoleAction } from '../hub-protocol/console';
import type { AuditEntryView, ConsoleView, IssuedTemporaryPassword } from '../../preload/contract/accounts';
import { DUPLICATE_MESSAGE, duplicateColleague } from '../portal/accounts/duplicate-colleague';
import { generateLogin } from '../portal/accounts/login-id';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import type { DirectoryCompany } from '../portal/directory/model';
import { hashPassword } from '../secrets/password-hasher';
import { hashToken } from '../secrets/token-hash';
import { forgetFailures, type HubAccountsConfig } from './accounts';
import type { Device } from './devices';
import { companyChanged } from './directory';
import { HubError } from './hub-error';
import { CHANGES_LOCK, inTransaction } from './transaction';
import { hubMyData } from './my-data';
import { hubReview, hubReviewAnswer, hubReviewEvidence, hubReviewInterval } from './access-review';
import {
  answerHandOver,
  continuityOf,
  handOverMadeBy,
  type Member,
  offerHandOver,
  withdrawHandOver,
} from './plsa-continuity';

/** What a user of the company (not only a PLSA) may ask. */
const MEMBER_ACTIONS = new Set<ConsoleAction>(['answer', 'continuity', 'mydata']);

type Plsa = Member;

interface Colleague {
  login: string;
  full_name: string;
  email: string;
  role: 'user' | 'plsa';
  state: 'active' | 'blocked' | 'deactivated';
}

const notInCompany = () =>
  new HubError('not-found', 'No account with this login in your company.', {
    fields: { login: 'login.not-in-company' },
  });
const conflict = (field: string, reason: string, message: string) =>
  new HubError('conflict', message, { fields: { [field]: reason } });

/** The PLSA (or, for what members may ask, the user) behind a hub session on this device, with
 * their company locked for the change. */
async function memberOf(tx: PoolClient, device: Device, session: string, plsaOnly: boolean): Promise<Member> {
  const { rows } = await tx.query<{ login: string; cofor: string; legal_name: string; role: string }>(
    `SELECT a.login, a.cofor, c.legal_name, a.role FROM sessions s
     JOIN accounts a ON a.login = s.login JOIN companies c ON c.cofor = a.cofor
     WHERE s.token_hash = $1 AND s.device_id = $2 AND s.expires_at > now() AND NOT s.must_change
       AND a.state = 'active' AND c.status = 'active' AND c.access = 'open'`,
    [hashToken(session), device.id],
  );
  const row = rows[0];
  if (!row) throw new HubError('unauthenticated', 'This session has ended: log in again.');
  if (plsaOnly && row.role !== 'plsa') throw new HubError('forbidden', 'Only a PLSA of your company can do this.');
  // One console change at a time per company: a duplicate check or the last PLSA holds.
  await tx.query('SELECT 1 FROM companies WHERE cofor = $1 FOR UPDATE', [row.cofor]);
  return { login: row.login, role: row.role as Member['role'], cofor: row.cofor, companyName: row.legal_name };
}

async function colleague(tx: PoolClient, plsa: Plsa, login: string): Promise<Colleague> {
  const { rows } = await tx.query<Colleague>(
    'SELECT login, full_name, email, role, state FROM accounts WHERE login = $1 AND cofor = $2 FOR UPDATE',
    [login, plsa.cofor],
  );
  if (!rows[0]) throw notInCompany();
  return rows[0];
}

async function audit(tx: PoolClient, plsa: Plsa, action: string, target: string, extra: object = {}) {
  await tx.query('INSERT INTO audit (actor, action, details) VALUES ($1, $2, $3)', [
    plsa.login,
    action,
    { cofor: plsa.cofor, target, ...extra },
  ]);
}

/** The company's record follows the change, and replicas learn it (projection and record). */
export async function publishCompany(tx: PoolClient, cofor: string, edit: (r: DirectoryCompany) => DirectoryCompany) {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
  await companyChanged(
    tx,
    async (audience, entity, id, data) => {
      await tx.query('INSERT INTO changes (audience, entity, entity_id, data) VALUES ($1, $2, $3, $4)', [
        audience,
        entity,
        id,
        JSON.stringify(data),
      ]);
    },
    cofor,
    edit,
  );
}

const withState = (login: string, state: Colleague['state']) => (r: DirectoryCompany) => ({
  ...r,
  accounts: r.accounts.map((a) => (a.login === login ? { ...a, state } : a)),
});

/** A temporary password for the account, replacing its password and ending its sessions. */
async function issue(
  tx: PoolClient,
  login: string,
  config: Pick<HubAccountsConfig, 'hashCost' | 'temporaryPasswordHours'>,
): Promise<IssuedTemporaryPassword> {
  const temporary = generateTemporaryPassword();
  const expiresAt = temporaryPasswordExpiry(new Date(), config.temporaryPasswordHours);
  await tx.query(
    `UPDATE accounts SET password_hash = NULL, must_change = true, temporary_hash = $2, temporary_expires_at = $3
     WHERE login = $1`,
    [login, await hashPassword(temporary, config.hashCost), expiresAt],
  );
  await tx.query('DELETE FROM sessions WHERE login = $1', [login]);
  return { login, temporaryPassword: temporary, expiresAt: expiresAt.toISOString() };
}

export async function hubConsole(
  pool: Pool,
  device: Device,
  action: ConsoleAction,
  rawBody: unknown,
  config: Pick<HubAccountsConfig, 'hashCost' | 'temporaryPasswordHours'>,
  now: Date = new Date(),
): Promise<unknown> {
  const parsed = CONSOLE_ACTIONS[action].safeParse(rawBody);
  if (!parsed.success)
    throw new HubError('invalid-input', 'The request does not pass its schema.', {
      fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_', i.message])),
    });
  const body = parsed.data as z.infer<(typeof CONSOLE_ACTIONS)['create']> & {
    login: string;
    accept: boolean;
    answer: 'confirmed' | 'left';
    days: number;
    reviewId: number;
    format: 'csv' | 'pdf';
    lang: string;
  };
  return inTransaction(pool, async (tx) => {
    const plsa = await memberOf(tx, device, body.session, !MEMBER_ACTIONS.has(action));
    const audited = (what: string, target: string, extra?: object) => audit(tx, plsa, what, target, extra);
    switch (action) {
      case 'review':
        return hubReview(tx, plsa, now, audited);
      case 'confirm':
        return hubReviewAnswer(tx, plsa, body, now, audited, (edit) => publishCompany(tx, plsa.cofor, edit));
      case 'interval':
        return hubReviewInterval(tx, plsa, body.days, now, audited);
      case 'evidence':
        return hubReviewEvidence(tx, plsa, body, audited);
      case 'continuity':
        return continuityOf(tx, plsa);
      case 'mydata':
        return hubMyData(tx, plsa);
      case 'handover':
        return offerHandOver(tx, plsa, body.login, audited);
      case 'withdraw':
        return withdrawHandOver(tx, plsa, audited);
      case 'answer':
        return answerHandOver(tx, plsa, body.accept, audited, (edit) => publishCompany(tx, plsa.cofor, edit));
      case 'accounts': {
        const { rows } = await tx.query<Colleague & { last_login_at: Date | null }>(
          'SELECT login, full_name, email, role, state, last_login_at FROM accounts WHERE cofor = $1 ORDER BY login',
          [plsa.cofor],
        );
        const view: ConsoleView = {
          companyName: plsa.companyName,
          cofor: plsa.cofor,
          accounts: rows.map((r) => ({
            login: r.login,
            fullName: r.full_name,
            email: r.email,
            role: r.role,
            state: r.state,
            lastLoginAt: r.last_login_at?.toISOString() ?? null,
          })),
          plsaCount: rows.filter((r) => r.role === 'plsa' && r.state === 'active').length,
          handOver: await handOverMadeBy(tx, plsa.login),
          throughHub: true,
        };
        return view;
      }
      case 'audit': {
        const { rows } = await tx.query<{ at: Date; actor: string; action: string; target: string | null }>(
          `SELECT at, actor, action, details->>'target' AS target FROM audit
           WHERE details->>'cofor' = $1 ORDER BY id DESC LIMIT 200`,
          [plsa.cofor],
        );
        const entries: AuditEntryView[] = rows.map((r) => ({
          at: r.at.toISOString(),
          actor: r.actor,
          action: r.action,
          targetLogin: r.target,
        }));
        return { entries };
      }
      case 'create': {
        const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
        const same = await tx.query<{ name: boolean; email: boolean }>(
          `SELECT coalesce(bool_or(lower(regexp_replace(trim(full_name), '\\s+', ' ', 'g')) = $2), false) AS name,
                  coalesce(bool_or(lower(email) = $3), false) AS email
           FROM accounts WHERE cofor = $1`,
          [plsa.cofor, fold(body.fullName), body.email.trim().toLowerCase()],
        );
        const asked = duplicateColleague(same.rows[0]!, body.confirmDuplicate);
        if (asked) throw new HubError('conflict', DUPLICATE_MESSAGE, { fields: asked });
        let login: string;
        for (;;) {
          login = generateLogin(() => false);
          const inserted = await tx.query(
            `INSERT INTO accounts (login, cofor, full_name, email, role) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (login) DO NOTHING`,
            [login, plsa.cofor, body.fullName.trim(), body.email.trim(), body.role],
          );
          if (inserted.rowCount === 1) break; // a login already given: draw another
        }
        const issued = await issue(tx, login, config);
        await audit(tx, plsa, 'account-created', login, { role: body.role });
        await audit(tx, plsa, 'temporary-password-issued', login);
        const person = { key: login, fullName: body.fullName.trim(), email: body.email.trim() };
        await publishCompany(tx, plsa.cofor, (r) => ({
          ...r,
          people: [...r.people, { ...person, role: body.role === 'plsa' ? 'plsa' : 'staff' }],
          accounts: [...r.accounts, { login, person: login, email: person.email, role: body.role, state: 'active' }],
        }));
        return issued;
      }
      case 'reset': {
        const target = await colleague(tx, plsa, body.login);
        if (target.login === plsa.login)
          throw conflict('login', 'account.self', 'Change your own password from your private area.');
        if (target.state === 'deactivated')
          throw conflict('login', 'account.deactivated', 'This account is deactivated.');
        const issued = await issue(tx, target.login, config);
        await audit(tx, plsa, 'password-reset', target.login);
        return issued;
      }
      case 'unblock': {
        const target = await colleague(tx, plsa, body.login);
        if (target.state !== 'blocked') throw conflict('login', 'account.not-blocked', 'This account is not blocked.');
        await tx.query(`UPDATE accounts SET state = 'active' WHERE login = $1`, [target.login]);
        await forgetFailures(tx, target.login);
        await audit(tx, plsa, 'account-unblocked', target.login);
        await publishCompany(tx, plsa.cofor, withState(target.login, 'active'));
        return { login: target.login };
      }
      case 'deactivate': {
        const target = await colleague(tx, plsa, body.login);
        if (target.login === plsa.login)
          throw conflict('login', 'account.self', 'A PLSA cannot deactivate their own account.');
        await tx.query(`UPDATE accounts SET state = 'deactivated' WHERE login = $1`, [target.login]);
        await tx.query('DELETE FROM sessions WHERE login = $1', [target.login]);
        await audit(tx, plsa, 'account-deactivated', target.login);
        await publishCompany(tx, plsa.cofor, withState(target.login, 'deactivated'));
        return { login: target.login };
      }
    }
  });
}
