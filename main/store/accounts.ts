// B2B accounts: passwords (hashes only), failed attempts, sessions, temporary passwords,
// remembered devices, and the audit log of account events.
import type { Db } from './database';
import { recordMutation } from './mutations';
import { storedJson } from './stored-json';

export interface AccountRow {
  id: number;
  login: string;
  companyId: number;
  email: string;
  role: 'user' | 'plsa';
  state: 'active' | 'blocked' | 'deactivated';
  passwordHash: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  fullName: string | null;
  companyName: string;
  cofor: string;
  companyStatus: 'active' | 'deactivated';
  companyAccess: 'not-requested' | 'requested' | 'open';
}

const ACCOUNT_SELECT = `
  SELECT a.id, a.login, a.company_id AS companyId, a.email, a.role, a.state,
         a.password_hash AS passwordHash, a.must_change_password AS mustChangePassword,
         a.last_login_at AS lastLoginAt, p.full_name AS fullName,
         c.legal_name AS companyName, c.cofor, c.status AS companyStatus, c.access_status AS companyAccess
  FROM accounts a
  JOIN companies c ON c.id = a.company_id
  LEFT JOIN people p ON p.id = a.person_id`;

type RawAccount = Omit<AccountRow, 'mustChangePassword'> & { mustChangePassword: number };
const toAccount = (r: RawAccount | undefined): AccountRow | null =>
  r ? { ...r, mustChangePassword: r.mustChangePassword === 1 } : null;

export interface SessionRow {
  accountId: number;
  expiresAt: string;
  mustChangePassword: boolean;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  targetLogin: string | null;
  details: Record<string, unknown>;
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;

export function createAccountsRepository(db: Db) {
  // Every statement prepared once, typed by its parameters and its row.
  const q = {
    byLogin: db.prepare<[string], RawAccount>(`${ACCOUNT_SELECT} WHERE a.login = ?`),
    byId: db.prepare<[number], RawAccount>(`${ACCOUNT_SELECT} WHERE a.id = ?`),
    byEmail: db.prepare<[string], RawAccount>(`${ACCOUNT_SELECT} WHERE a.email = ? ORDER BY a.login`),
    byCompany: db.prepare<[number], RawAccount>(`${ACCOUNT_SELECT} WHERE a.company_id = ? ORDER BY a.login`),
    loginTaken: db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM accounts WHERE login = ?'),
    failures: db.prepare<[string], { failures: number; lastFailureAt: string }>(
      'SELECT failures, last_failure_at AS lastFailureAt FROM login_attempts WHERE login = ?',
    ),
    recordFailure: db.prepare<[string, string], { failures: number }>(
      `INSERT INTO login_attempts (login, failures, last_failure_at) VALUES (?, 1, ?)
       ON CONFLICT (login) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at
       RETURNING failures`,
    ),
    clearFailures: db.prepare<[string]>('DELETE FROM login_attempts WHERE login = ?'),
    setPassword: db.prepare<[string | null, number, number]>(
      'UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?',
    ),
    setState: db.prepare<[string, number]>('UPDATE accounts SET state = ? WHERE id = ?'),
    setRole: db.prepare<[string, number]>('UPDATE accounts SET role = ? WHERE id = ?'),
    setPersonRole: db.prepare<[string, number]>(
      'UPDATE people SET role = ? WHERE id = (SELECT person_id FROM accounts WHERE id = ?)',
    ),
    markLoggedIn: db.prepare<[string, number]>('UPDATE accounts SET last_login_at = ? WHERE id = ?'),
    insertPerson: db.prepare<[number, string, string, string]>(
      'INSERT INTO people (company_id, full_name, email, role) VALUES (?, ?, ?, ?)',
    ),
    insertAccount: db.prepare<[string, number, number | bigint, string, string, string]>(
      `INSERT INTO accounts (login, company_id, person_id, email, role, state, created_at)
       VALUES (?, ?, ?, ?, ?, 'active', ?)`,
    ),
    createSession: db.prepare<[string, number, string, string, number]>(
      'INSERT INTO sessions (token_hash, account_id, created_at, expires_at, must_change_password) VALUES (?, ?, ?, ?, ?)',
    ),
    session: db.prepare<[string], { accountId: number; expiresAt: string; m: number }>(
      'SELECT account_id AS accountId, expires_at AS expiresAt, must_change_password AS m FROM sessions WHERE token_hash = ?',
    ),
    endSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    endSessions: db.prepare<[number, string]>('DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?'),
    clearSessionMustChange: db.prepare<[string]>('UPDATE sessions SET must_change_password = 0 WHERE token_hash = ?'),
    retireTemporaryPasswords: db.prepare<[string, number]>(
      'UPDATE temporary_passwords SET used_at = ? WHERE account_id = ? AND used_at IS NULL',
    ),
    insertTemporaryPassword: db.prepare<[number, string, string, string, string]>(
      'INSERT INTO temporary_passwords (account_id, password_hash, issued_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?)',
    ),
    activeTemporaryPassword: db.prepare<[number, string], { id: number; hash: string }>(
      `SELECT id, password_hash AS hash FROM temporary_passwords
       WHERE account_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1`,
    ),
    useTemporaryPassword: db.prepare<[string, number]>(
      'UPDATE temporary_passwords SET used_at = ? WHERE id = ? AND used_at IS NULL',
    ),
    rememberDevice: db.prepare<[string, number, string, string]>(
      'INSERT INTO remembered_devices (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    rememberedDevice: db.prepare<[string, string], { accountId: number }>(
      'SELECT account_id AS accountId FROM remembered_devices WHERE token_hash = ? AND expires_at > ?',
    ),
    forgetDevice: db.prepare<[string]>('DELETE FROM remembered_devices WHERE token_hash = ?'),
    forgetAllDevices: db.prepare<[number]>('DELETE FROM remembered_devices WHERE account_id = ?'),
    recoveryRequestsSince: db.prepare<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM recovery_requests WHERE subject = ? AND at > ?',
    ),
    recordRecoveryRequest: db.prepare<[string, string, string]>(
      'INSERT INTO recovery_requests (kind, subject, at) VALUES (?, ?, ?)',
    ),
    audit: db.prepare<[string, number | null, string, string, string | null, string]>(
      'INSERT INTO audit_log (at, company_id, actor, action, target_login, details) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    auditOfCompany: db.prepare<[number, number], Omit<AuditEntry, 'details'> & { details: string }>(
      `SELECT at, actor, action, target_login AS targetLogin, details FROM audit_log
       WHERE company_id = ? ORDER BY id DESC LIMIT ?`,
    ),
  };
  const mutate = (accountId: number, op: string, data: Record<string, unknown>, at: Date) =>
    recordMutation(db, { entity: 'account', entityId: String(accountId), op, data }, at);

  return {
    byLogin: (login: string) => toAccount(q.byLogin.get(login)),
    byId: (id: number) => toAccount(q.byId.get(id)),
    /** Exact, case-sensitive match: SQLite compares TEXT with BINARY collation. */
    byEmail: (email: string) => q.byEmail.all(email).map((r) => toAccount(r)!),
    ofCompany: (companyId: number) => q.byCompany.all(companyId).map((r) => toAccount(r)!),
    loginTaken: (login: string) => q.loginTaken.get(login) !== undefined,

    failures: (login: string): { failures: number; lastFailureAt: string } | null => q.failures.get(login) ?? null,
    /** Counts one more failure and answers the count, in one statement. */
    recordFailure: (login: string, at: Date): number => q.recordFailure.get(login, at.toISOString())?.failures ?? 1,
    clearFailures: (login: string) => void q.clearFailures.run(login),

    setPassword(accountId: number, hash: string | null, mustChange: boolean, at: Date): void {
      q.setPassword.run(hash, mustChange ? 1 : 0, accountId);
      mutate(accountId, hash ? 'password-set' : 'password-cleared', { mustChange }, at);
    },
    setState(accountId: number, state: AccountRow['state'], at: Date): void {
      q.setState.run(state, accountId);
      mutate(accountId, `state-${state}`, {}, at);
    },
    markLoggedIn: (accountId: number, at: Date) => void q.markLoggedIn.run(at.toISOString(), accountId),
    /** A colleague becomes PLSA (a hand-over): the account and the person it belongs to. */
    setRole(accountId: number, role: 'user' | 'plsa', at: Date): void {
      q.setRole.run(role, accountId);
      q.setPersonRole.run(role === 'plsa' ? 'plsa' : 'staff', accountId);
      mutate(accountId, `role-${role}`, {}, at);
    },

    createAccount(
      companyId: number,
      person: { fullName: string; email: string; role: 'user' | 'plsa' },
      login: string,
      at: Date,
    ): number {
      const role = person.role === 'plsa' ? 'plsa' : 'staff';
      const personId = q.insertPerson.run(companyId, person.fullName, person.email, role).lastInsertRowid;
      const id = Number(
        q.insertAccount.run(login, companyId, personId, person.email, person.role, at.toISOString()).lastInsertRowid,
      );
      mutate(id, 'created', { login, role: person.role }, at);
      return id;
    },
    sameNameOrEmail(companyId: number, fullName: string, email: string): { name: boolean; email: boolean } {
      const rows = q.byCompany.all(companyId);
      const fold = (s: string | null) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
      return {
        name: rows.some((r) => fold(r.fullName) === fold(fullName)),
        email: rows.some((r) => r.email.toLowerCase() === email.trim().toLowerCase()),
      };
    },

    createSession(tokenHash: string, accountId: number, at: Date, expiresAt: Date, mustChange: boolean): void {
      q.createSession.run(tokenHash, accountId, at.toISOString(), expiresAt.toISOString(), mustChange ? 1 : 0);
    },
    session(tokenHash: string): SessionRow | null {
      const row = q.session.get(tokenHash);
      return row ? { accountId: row.accountId, expiresAt: row.expiresAt, mustChangePassword: row.m === 1 } : null;
    },
    endSession: (tokenHash: string) => void q.endSession.run(tokenHash),
    endSessions: (accountId: number, exceptTokenHash = '') => q.endSessions.run(accountId, exceptTokenHash).changes,
    clearSessionMustChange: (tokenHash: string) => void q.clearSessionMustChange.run(tokenHash),

    issueTemporaryPassword(accountId: number, hash: string, at: Date, expiresAt: Date, issuedBy: string): void {
      // A new temporary password replaces any earlier one still waiting.
      q.retireTemporaryPasswords.run(at.toISOString(), accountId);
      q.insertTemporaryPassword.run(accountId, hash, at.toISOString(), expiresAt.toISOString(), issuedBy);
      mutate(accountId, 'temporary-password-issued', { issuedBy, expiresAt: expiresAt.toISOString() }, at);
    },
    /** The one temporary password waiting (a new one replaces any earlier one). */
    activeTemporaryPassword: (accountId: number, at: Date): { id: number; hash: string } | null =>
      q.activeTemporaryPassword.get(accountId, at.toISOString()) ?? null,
    /** Single use: true only for the call that actually marks it. */
    useTemporaryPassword: (id: number, at: Date): boolean =>
      q.useTemporaryPassword.run(at.toISOString(), id).changes === 1,

    rememberDevice: (tokenHash: string, accountId: number, at: Date, expiresAt: Date) =>
      void q.rememberDevice.run(tokenHash, accountId, at.toISOString(), expiresAt.toISOString()),
    rememberedDevice: (tokenHash: string, at: Date): number | null =>
      q.rememberedDevice.get(tokenHash, at.toISOString())?.accountId ?? null,
    forgetDevice: (tokenHash: string) => void q.forgetDevice.run(tokenHash),
    forgetAllDevices: (accountId: number) => q.forgetAllDevices.run(accountId).changes,

    recoveryRequestsSince: (subject: string, since: Date): number =>
      q.recoveryRequestsSince.get(subject, since.toISOString())?.n ?? 0,
    recordRecoveryRequest: (kind: string, subject: string, at: Date) =>
      void q.recordRecoveryRequest.run(kind, subject, at.toISOString()),

    audit(
      entry: {
        companyId: number | null;
        actor: string;
        action: string;
        targetLogin?: string | null;
        details?: Record<string, unknown>;
      },
      at: Date,
    ): void {
      q.audit.run(
        at.toISOString(),
        entry.companyId,
        entry.actor,
        entry.action,
        entry.targetLogin ?? null,
        JSON.stringify(entry.details ?? {}),
      );
    },
    auditOfCompany: (companyId: number, limit = 200): AuditEntry[] =>
      q.auditOfCompany.all(companyId, limit).map((r) => ({ ...r, details: storedJson.auditDetails.read(r.details) })),
  };
}
