import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  migrate,
  openStore,
  readPragmas,
  REQUIRED_PRAGMAS,
  schemaVersion,
  StoreError,
} from '../../main/store/database';
import { MIGRATIONS } from '../../main/store/migrations';
import { listMutations, recordMutation } from '../../main/store/mutations';
import { tempDir } from '../fixtures/core';

const dirs: Array<{ remove(): void }> = [];
const freshFile = () => {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'portal.sqlite');
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('openStore', () => {
  it('creates a fresh store at the latest schema version, with every table', () => {
    const db = openStore(freshFile());
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['companies', 'sites', 'people', 'accounts', 'submissions', 'drafts', 'mutations']),
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('sets WAL, synchronous FULL, foreign keys and the busy timeout, and they read back on every open', () => {
    const file = freshFile();
    openStore(file).close();
    const db = openStore(file); // a reopen: better-sqlite3 would otherwise give NORMAL
    expect(readPragmas(db)).toEqual(REQUIRED_PRAGMAS);
    db.close();
  });

  it('refuses a store written by a newer app, and leaves it untouched', () => {
    const file = freshFile();
    openStore(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openStore(file)).toThrow(StoreError);
    expect(() => openStore(file)).toThrow(/newer version of the app/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    after.close();
  });

  it('upgrades a store of the previous version, keeping its data', () => {
    const file = freshFile();
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, MIGRATIONS.length - 1));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length - 1);
    db.prepare(
      "INSERT INTO companies (cofor, legal_name, status, access_status) VALUES ('A1B2C3', 'Old Co', 'active', 'not-requested')",
    ).run();
    db.prepare(
      "INSERT INTO submissions (reference, kind, company_id, payload, created_at) VALUES ('ACC-20260101-ABCDEF', 'access-request', 1, '{}', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO terms_acceptances (submission_id, company_id, terms_version, accepted_by, accepted_at) VALUES (1, 1, '2026-01', 'Ana', '2026-01-01T00:00:00Z')",
    ).run();
    db.close();
    const upgraded = openStore(file);
    expect(schemaVersion(upgraded)).toBe(MIGRATIONS.length);
    expect(upgraded.prepare('SELECT reference, state, desk_state AS desk FROM submissions').all()).toEqual([
      { reference: 'ACC-20260101-ABCDEF', state: 'saved', desk: 'new' },
    ]);
    expect(upgraded.prepare('SELECT count(*) FROM terms_acceptances').pluck().get()).toBe(1);
    expect(upgraded.pragma('foreign_key_check')).toEqual([]);
    expect(upgraded.pragma('foreign_keys', { simple: true })).toBe(1);
    upgraded.close();
  });

  it('carries the decisions taken before version 5 over from the audit log, so they stay final', () => {
    const file = freshFile();
    const db = new Database(file);
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare(
      "INSERT INTO submissions (reference, kind, payload, created_at) VALUES ('ACC-1', 'access-request', '{}', '2026-01-01T00:00:00Z'), ('ACC-2', 'access-request', '{}', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare(
      `INSERT INTO audit_log (at, company_id, actor, action, target_login, details) VALUES
      ('2026-01-02T10:42:00Z', NULL, 'desk.ana', 'desk-validated-access', NULL, '{"reference":"ACC-1"}'),
      ('2026-01-02T11:00:00Z', NULL, 'desk.ana', 'desk-state', NULL, '{"reference":"ACC-2"}')`,
    ).run();
    db.close();
    const upgraded = openStore(file);
    expect(
      upgraded
        .prepare('SELECT reference, decision, decided_by AS by, decided_at AS at FROM submissions ORDER BY reference')
        .all(),
    ).toEqual([
      { reference: 'ACC-1', decision: 'validated', by: 'desk.ana', at: '2026-01-02T10:42:00Z' },
      { reference: 'ACC-2', decision: null, by: null, at: null },
    ]);
    upgraded.close();
  });

  it('rolls a failing migration back entirely', () => {
    const db = new Database(freshFile());
    const broken = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM missing_table;' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openStore(freshFile());
    expect(() => db.prepare("INSERT INTO sites (company_id, code) VALUES (999, '01')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('mutations', () => {
  it('records each state change with a unique id, in order', () => {
    const db = openStore(freshFile());
    const at = new Date('2026-11-29T10:00:00Z');
    const ids = [1, 2, 3].map((n) =>
      recordMutation(db, { entity: 'company', entityId: String(n), op: 'test', data: { n } }, at),
    );
    expect(new Set(ids).size).toBe(3);
    expect(listMutations(db).map((m) => m.data['n'])).toEqual([1, 2, 3]);
    db.close();
  });
});

describe('several processes opening one store at once', () => {
  it('create and migrate it once: every one opens, the schema is the latest', async () => {
    const { spawn } = await import('node:child_process');
    const root = join(__dirname, '..', '..');
    for (let round = 0; round < 3; round++) {
      const file = freshFile();
      const runs = Array.from({ length: 4 }, () => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(root, 'test', 'fixtures', 'store-opener.ts'), file],
          {
            cwd: root,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        return new Promise<{ code: number | null; output: string }>((done) =>
          child.on('exit', (code) => done({ code, output })),
        );
      });
      for (const run of await Promise.all(runs)) expect(run).toEqual({ code: 0, output: 'opened\n' });
      const db = new Database(file, { readonly: true });
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      db.close();
    }
  }, 60_000);
});
