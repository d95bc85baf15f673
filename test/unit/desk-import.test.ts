// The desk's directory import as the screen drives it: a file in numbered chunks through the real
// router into a real store, written while it is read, with progress after every chunk; and the
// same from the desk's command line (the built dist/main/desk.cjs, as npm test builds it).
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskImportProgress } from '../../preload/contract/help';
import { toCsv } from '../../main/portal/directory/file-formats';
import { hashPasswordSync } from '../../main/secrets/password-hasher';
import { STORE_FILE } from '../../main/paths';
import { openStore } from '../../main/store/database';
import { createDeskRepository } from '../../main/store/desk';
import { IMPORT_BATCH } from '../../main/store/directory-import';
import { coforOf, syntheticDirectory } from '../bench/directory-data';
import { tempDir, testCore } from '../fixtures/core';

const AT = new Date('2026-11-29T12:00:00Z');
const DESK_CLI = resolve(__dirname, '..', '..', 'dist', 'main', 'desk.cjs');
const run = promisify(execFile);
let core: ReturnType<typeof testCore>;
const call = (method: string, payload: unknown) => core.router.call(method, payload);
const value = <T>(r: unknown): T => {
  expect(r).toMatchObject({ ok: true });
  return (r as { value: T }).value;
};

async function agent(username: string): Promise<string> {
  createDeskRepository(core.db).createAgent(
    {
      username,
      fullName: username,
      email: `${username}@assist.example`,
      passwordHash: hashPasswordSync('orange kettle mountain river'),
      mustChange: false,
    },
    new Date(),
  );
  return value<{ session: string }>(
    await call('login', { login: username, password: 'orange kettle mountain river', remember: false }),
  ).session;
}

/** The file cut into chunks of `size` characters, as the screen sends it. */
const chunks = (text: string, size: number): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

const companies = () => core.db.prepare('SELECT count(*) FROM companies').pluck().get() as number;

let session: string;
beforeEach(async () => {
  core = testCore({ loadDemo: false });
  session = await agent('desk.ana');
});
afterEach(() => core.dispose());

describe('a directory file in chunks', () => {
  it('writes companies while the file is still arriving, with counts that grow, and reports the whole', async () => {
    const size = 2 * IMPORT_BATCH + 1500;
    const directory = syntheticDirectory(size, AT);
    // A site of the first company after thousands of others (written by then), and a stray row.
    const csv =
      toCsv(directory.companies) +
      `site,${coforOf(0)},,,,,,,Late City,,,,,09,Late plant,,,,,,,,\n` +
      'site,ZZ9999,,,,,,,,,,,,01,,,,,,,,,\n';
    const { importId } = value<DeskImportProgress>(await call('deskImportStart', { session, format: 'csv' }));
    const parts = chunks(csv, 100_003);
    const seen: DeskImportProgress[] = [];
    for (const [seq, content] of parts.entries())
      seen.push(
        value<DeskImportProgress>(
          await call('deskImportChunk', { session, importId, seq, content, last: seq === parts.length - 1 }),
        ),
      );
    // Before the last chunk, part of the directory is already in the store, in whole batches.
    const beforeLast = seen.at(-2)!;
    expect(beforeLast.written).toBeGreaterThan(0);
    expect(beforeLast.written % IMPORT_BATCH).toBe(0);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
      expect(seen[i]!.received).toBeGreaterThan(seen[i - 1]!.received);
    }
    const last = seen.at(-1)!;
    expect(last.received).toBe(csv.length);
    expect(last.written).toBe(size);
    expect(last.report).toMatchObject({
      rows: size * 9 + 2,
      rejectedTotal: 1,
      rejected: [{ problem: 'unknown-company', value: 'ZZ9999' }],
      companies: { inserted: size, updated: 0, unchanged: 0 },
      accounts: { inserted: size * 5, updated: 0, unchanged: 0 },
    });
    expect(companies()).toBe(size);
    const late = core.db
      .prepare('SELECT s.name FROM sites s JOIN companies c ON c.id = s.company_id WHERE c.cofor = ? AND s.code = ?')
      .pluck()
      .get(coforOf(0), '09');
    expect(late).toBe('Late plant');
    const audit = core.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'directory-imported'").all();
    expect(audit).toEqual([{ actor: 'desk.ana', details: expect.stringContaining(`"inserted":${size}`) }]);
  });

  it('answers a chunk sent twice at once without reading it twice, and refuses a gap', async () => {
    const csv = toCsv(syntheticDirectory(50, AT).companies);
    const [first, second] = chunks(csv, Math.ceil(csv.length / 2));
    const { importId } = value<DeskImportProgress>(await call('deskImportStart', { session, format: 'csv' }));
    const twice = await Promise.all([
      call('deskImportChunk', { session, importId, seq: 0, content: first, last: false }),
      call('deskImportChunk', { session, importId, seq: 0, content: first, last: false }),
    ]);
    expect(twice[0]).toEqual(twice[1]);
    expect(await call('deskImportChunk', { session, importId, seq: 2, content: second, last: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { seq: 'import.out-of-order' } },
    });
    const done = value<DeskImportProgress>(
      await call('deskImportChunk', { session, importId, seq: 1, content: second, last: true }),
    );
    expect(done.report).toMatchObject({ rows: 450, rejectedTotal: 0, companies: { inserted: 50 } });
    // The last chunk again (its answer was lost): the same report, nothing written twice.
    expect(
      value<DeskImportProgress>(
        await call('deskImportChunk', { session, importId, seq: 1, content: second, last: true }),
      ),
    ).toEqual(done);
    expect(companies()).toBe(50);
  });

  it("keeps each agent's import to that agent, and a new start replaces the agent's previous one", async () => {
    const other = await agent('desk.bob');
    const mine = value<DeskImportProgress>(await call('deskImportStart', { session, format: 'jsonl' })).importId;
    const line = JSON.stringify({ cofor: 'B40001', legalName: 'Quartz', status: 'active', access: 'open' });
    expect(
      await call('deskImportChunk', { session: other, importId: mine, seq: 0, content: line, last: true }),
    ).toMatchObject({ ok: false, error: { code: 'not-found', fields: { importId: 'import.gone' } } });
    const again = value<DeskImportProgress>(await call('deskImportStart', { session, format: 'jsonl' })).importId;
    expect(await call('deskImportChunk', { session, importId: mine, seq: 0, content: line, last: true })).toMatchObject(
      { ok: false, error: { code: 'not-found' } },
    );
    expect(
      value<DeskImportProgress>(
        await call('deskImportChunk', { session, importId: again, seq: 0, content: line, last: true }),
      ).report,
    ).toMatchObject({ companies: { inserted: 1 } });
  });

  it('refuses a chunk larger than the channel allows, and a file that is not CSV is told where', async () => {
    const { importId } = value<DeskImportProgress>(await call('deskImportStart', { session, format: 'csv' }));
    expect(
      await call('deskImportChunk', { session, importId, seq: 0, content: 'x'.repeat(2_000_001), last: true }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { content: 'import.chunk-too-large' } } });
    const csv =
      'record,cofor,legal_name,status,access\ncompany,B50001,Ok Co,active,open\ncompany,B50002,"Broken,active,open\n';
    const done = value<DeskImportProgress>(
      await call('deskImportChunk', { session, importId, seq: 0, content: csv, last: true }),
    );
    expect(done.report).toMatchObject({
      companies: { inserted: 1 },
      rejected: [{ line: 3, problem: 'unreadable', detail: 'unclosed-quote' }],
    });
  });

  it('keeps one directory when two agents and the command line import the same file at once', async () => {
    const size = 2 * IMPORT_BATCH + 500;
    const csv = toCsv(syntheticDirectory(size, AT).companies);
    const file = join(core.dataDir, 'suppliers.csv');
    writeFileSync(file, csv);
    // Another process on the same store, writing batches while the two agents below do.
    const cli = run(process.execPath, [DESK_CLI, 'import', file, '--data-dir', core.dataDir, '--json'], {
      encoding: 'utf8',
    });
    const sessions = [session, await agent('desk.bob')];
    const ids = await Promise.all(
      sessions.map(
        async (s) => value<DeskImportProgress>(await call('deskImportStart', { session: s, format: 'csv' })).importId,
      ),
    );
    const parts = chunks(csv, 300_007);
    let answers: DeskImportProgress[] = [];
    for (const [seq, content] of parts.entries()) {
      answers = await Promise.all(
        sessions.map(async (s, i) =>
          value<DeskImportProgress>(
            await call('deskImportChunk', {
              session: s,
              importId: ids[i],
              seq,
              content,
              last: seq === parts.length - 1,
            }),
          ),
        ),
      );
    }
    const { stdout } = await cli;
    // --json: the report alone, as one object, for scripts.
    const cliReport = JSON.parse(stdout) as { companies: { inserted: number; unchanged: number }; conflicts: [] };
    const cliCompanies = cliReport.companies;
    const reports = [...answers.map((a) => a.report!.companies), cliCompanies];
    // Each company went in once, by whoever came first; the others found it unchanged.
    expect(reports.reduce((n, r) => n + r.inserted, 0)).toBe(size);
    for (const r of reports) expect(r.inserted + r.unchanged).toBe(size);
    for (const a of answers) expect(a.report!.conflicts).toEqual([]);
    expect(cliReport.conflicts).toEqual([]);
    expect(companies()).toBe(size);
    expect(core.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(size * 5);
  });

  it('reads a file of 1 MB chunks from the command line, accents cut between chunks included', async () => {
    const size = 3 * IMPORT_BATCH;
    const directory = syntheticDirectory(size, AT);
    for (const c of directory.companies) c.legalName = `Équipements ${c.legalName} — Société`;
    const dir = tempDir('portal-desk-cli-');
    try {
      const file = join(dir.path, 'suppliers.csv');
      // Blank lines after the header (skipped by the reader) shift the file until its first 1 MB
      // boundary falls inside a two- or three-byte character.
      const csv = Buffer.from(toCsv(directory.companies));
      let inside = 1 << 20;
      while ((csv[inside]! & 0xc0) !== 0x80) inside--;
      const header = csv.indexOf('\n') + 1;
      const bytes = Buffer.concat([
        csv.subarray(0, header),
        Buffer.alloc((1 << 20) - inside, '\n'),
        csv.subarray(header),
      ]);
      expect(bytes[1 << 20]! & 0xc0).toBe(0x80);
      writeFileSync(file, bytes);
      mkdirSync(join(dir.path, 'data')); // the folder the app made at its first start
      const { stdout } = await run(process.execPath, [DESK_CLI, 'import', file, '--data-dir', join(dir.path, 'data')], {
        encoding: 'utf8',
      });
      // Words for a person, no JSON (--json is for scripts).
      expect(stdout).toContain(`${size * 9} rows read. Companies: ${size} added, 0 updated, 0 unchanged. Accounts:`);
      expect(stdout).not.toMatch(/[{}"]/);
      const store = openStore(join(dir.path, 'data', STORE_FILE));
      try {
        const names = store.prepare('SELECT legal_name FROM companies').pluck().all() as string[];
        expect(names).toHaveLength(size);
        expect(names.every((n) => /^Équipements Synthetic Supplier \d+ SA — Société$/.test(n))).toBe(true);
      } finally {
        store.close();
      }
    } finally {
      dir.remove();
    }
  });
});
