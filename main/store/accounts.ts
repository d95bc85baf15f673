// B2B accounts: passwords (hashes only), failed attempts, sessions, temporary passwords,
// remembered devices, and the audit log of account events.
import type { Db } from './database';
import { recordMutation } from './mutations';

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
  const byLogin = db.prepare<[string], RawAccount>(`${ACCOUNT_SELECT} WHERE a.login = ?`);
  const byId = db.prepare<[number], RawAccount>(`${ACCOUNT_SELECT} WHERE a.id = ?`);
  const byEmail = db.prepare<[string], RawAccount>(`${ACCOUNT_SELECT} WHERE a.email = ? ORDER BY a.login`);
  const byCompany = db.prepare<[number], RawAccount>(`${ACCOUNT_SELECT} WHERE a.company_id = ? ORDER BY a.login`);
  const mutate = (accountId: number, op: string, data: Record<string, unknown>, at: Date) =>
    recordMutation(db, { entity: 'account', entityId: String(accountId), op, data }, at);

  return {
    byLogin: (login: string) => toAccount(byLogin.get(login)),
    byId: (id: number) => toAccount(byId.get(id)),
    /** Exact, case-sensitive match: SQLite compares TEXT with BINARY collation. */
    byEmail: (email: string) => byEmail.all(email).map((r) => toAccount(r)!),
    ofCompany: (companyId: number) => byCompany.all(companyId).map((r) => toAccount(r)!),
    loginTaken: (login: string) => db.prepare('SELECT 1 FROM accounts WHERE login = ?').get(login) !== undefined,

    failures(login: string): { failures: number; lastFailureAt: string } | null {
      return (
        (db
          .prepare('SELECT failures, last_failure_at AS lastFailureAt FROM login_attempts WHERE login = ?')
          .get(login) as { failures: number; lastFailureAt: string } | undefined) ?? null
      );
    },
    recordFailure(login: string, at: Date): number {
      db.prepare(
        `INSERT INTO login_attempts (login, failures, last_failure_at) VALUES (?, 1, ?)
        ON CONFLICT (login) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at`,
      ).run(login, at.toISOString());
      return (db.prepare('SELECT failures FROM login_attempts WHERE login = ?').pluck().get(login) as number) ?? 1;
    },
    clearFailures: (login: string) => void db.prepare('DELETE FROM login_attempts WHERE login = ?').run(login),

    setPassword(accountId: number, hash: string | null, mustChange: boolean, at: Date): void {
      db.prepare('UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?').run(
        hash,
        mustChange ? 1 : 0,
        accountId,
      );
      mutate(accountId, hash ? 'password-set' : 'password-cleared', { mustChange }, at);
    },
    setState(accountId: number, state: AccountRow['state'], at: Date): void {
      db.prepare('UPDATE accounts SET state = ? WHERE id = ?').run(state, accountId);
      mutate(accountId, `state-${state}`, {}, at);
    },
    markLoggedIn: (accountId: number, at: Date) =>
      void db.prepare('UPDATE accounts SET last_login_at = ? WHERE id = ?').run(at.toISOString(), accountId),

    createAccount(
      companyId: number,
      person: { fullName: string; email: string; role: 'user' | 'plsa' },
      login: string,
      at: Date,
    ): number {
      const personId = db
        .prepare('INSERT INTO people (company_id, full_name, email, role) VALUES (?, ?, ?, ?)')
        .run(companyId, person.fullName, person.email, person.role === 'plsa' ? 'plsa' : 'staff').lastInsertRowid;
      const id = Number(
        db
          .prepare(
            `INSERT INTO accounts (login, company_id, person_id, email, role, state, created_at)
          VALUES (?, ?, ?, ?, ?, 'active', ?)`,
          )
          .run(login, companyId, personId, person.email, person.role, at.toISOString()).lastInsertRowid,
      );
      mutate(id, 'created', { login, role: person.role }, at);
      return id;
    },
    sameNameOrEmail(companyId: number, fullName: string, email: string): { name: boolean; email: boolean } {
      const rows = byCompany.all(companyId);
      const fold = (s: string | null) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
      return {
        name: rows.some((r) => fold(r.fullName) === fold(fullName)),
        email: rows.some((r) => r.email.toLowerCase() === email.trim().toLowerCase()),
      };
    },

    createSession(tokenHash: string, accountId: number, at: Date, expiresAt: Date, mustChange: boolean): void {
      db.prepare(
        'INSERT INTO sessions (token_hash, account_id, created_at, expires_at, must_change_password) VALUES (?, ?, ?, ?, ?)',
      ).run(tokenHash, accountId, at.toISOString(), expiresAt.toISOString(), mustChange ? 1 : 0);
    },
    session(tokenHash: string): SessionRow | null {
      const row = db
        .prepare(
          'SELECT account_id AS accountId, expires_at AS expiresAt, must_change_password AS m FROM sessions WHERE token_hash = ?',
        )
        .get(tokenHash) as { accountId: number; expiresAt: string; m: number } | undefined;
      return row ? { accountId: row.accountId, expiresAt: row.expiresAt, mustChangePassword: row.m === 1 } : null;
    },
    endSession: (tokenHash: string) => void db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash),
    endSessions: (accountId: number, exceptTokenHash = '') =>
      db.prepare('DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?').run(accountId, exceptTokenHash)
        .changes,
    clearSessionMustChange: (tokenHash: string) =>
      void db.prepare('UPDATE sessions SET must_change_password = 0 WHERE token_hash = ?').run(tokenHash),

    issueTemporaryPassword(accountId: number, hash: string, at: Date, expiresAt: Date, issuedBy: string): void {
      // A new temporary password replaces any earlier one still waiting.
      db.prepare('UPDATE temporary_passwords SET used_at = ? WHERE account_id = ? AND used_at IS NULL').run(
        at.toISOString(),
        accountId,
      );
      db.prepare(
        'INSERT INTO temporary_passwords (account_id, password_hash, issued_at, expires_at, issued_by) VALUES (?, ?, ?, ?, ?)',
      ).run(accountId, hash, at.toISOString(), expiresAt.toISOString(), issuedBy);
      mutate(accountId, 'temporary-password-issued', { issuedBy, expiresAt: expiresAt.toISOString() }, at);
    },
    /** The one temporary password waiting (a new one replaces any earlier one). */
    activeTemporaryPassword(accountId: number, at: Date): { id: number; hash: string } | null {
      return (
        (db
          .prepare(
            `SELECT id, password_hash AS hash FROM temporary_passwords WHERE account_id = ? AND used_at IS NULL AND expires_at > ?
        ORDER BY id DESC LIMIT 1`,
          )
          .get(accountId, at.toISOString()) as { id: number; hash: string } | undefined) ?? null
      );
    },
    /** Single use: true only for the call that actually marks it. */
    useTemporaryPassword: (id: number, at: Date): boolean =>
      db
        .prepare('UPDATE temporary_passwords SET used_at = ? WHERE id = ? AND used_at IS NULL')
        .run(at.toISOString(), id).changes === 1,

    rememberDevice: (tokenHash: string, accountId: number, at: Date, expiresAt: Date) =>
      void db
        .prepare('INSERT INTO remembered_devices (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(tokenHash, accountId, at.toISOString(), expiresAt.toISOString()),
    rememberedDevice(tokenHash: string, at: Date): number | null {
      return (
        (db
          .prepare('SELECT account_id FROM remembered_devices WHERE token_hash = ? AND expires_at > ?')
          .pluck()
          .get(tokenHash, at.toISOString()) as number | undefined) ?? null
      );
    },
    forgetDevice: (tokenHash: string) =>
      void db.prepare('DELETE FROM remembered_devices WHERE token_hash = ?').run(tokenHash),
    forgetAllDevices: (accountId: number) =>
      db.prepare('DELETE FROM remembered_devices WHERE account_id = ?').run(accountId).changes,

    recoveryRequestsSince: (subject: string, since: Date): number =>
      db
        .prepare('SELECT count(*) FROM recovery_requests WHERE subject = ? AND at > ?')
        .pluck()
        .get(subject, since.toISOString()) as number,
    recordRecoveryRequest: (kind: string, subject: string, at: Date) =>
      void db
        .prepare('INSERT INTO recovery_requests (kind, subject, at) VALUES (?, ?, ?)')
        .run(kind, subject, at.toISOString()),

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
      db.prepare(
        'INSERT INTO audit_log (at, company_id, actor, action, target_login, details) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        at.toISOString(),
        entry.companyId,
        entry.actor,
        entry.action,
        entry.targetLogin ?? null,
        JSON.stringify(entry.details ?? {}),
      );
    },
    auditOfCompany(companyId: number, limit = 200): AuditEntry[] {
      const rows = db
        .prepare(
          `SELECT at, actor, action, target_login AS targetLogin, details FROM audit_log
        WHERE company_id = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(companyId, limit) as Array<Omit<AuditEntry, 'details'> & { details: string }>;
      return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
    },
  };
}
