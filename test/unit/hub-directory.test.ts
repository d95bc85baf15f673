// The hub as the directory's system of record, on a real PostgreSQL: a directory file imported
// and exported by its command line, a desk replica pulling companies with their sites, people
// and accounts (no password), a supplier replica the analysis projection only, and a validation
// on the hub reaching the desk's company panel with the new PLSA.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDevice } from '../../main/hub/devices';
import { exportHubToFile, importFileToHub } from '../../main/hub/directory-file';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { parseJsonLines, toCsv, toJsonLines } from '../../main/portal/directory/file-formats';
import { syntheticDirectory } from '../bench/directory-data';
import { deskSession, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { testAgentOnHub } from '../fixtures/hub-agent';
import { accessRequest } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let pg: TestPostgres;
let pool: Pool;
let server: Server;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'hub-directory-'));
const directory = syntheticDirectory(40, new Date('2026-11-29T12:00:00Z')).companies;

beforeAll(async () => {
  pg = await startTestPostgres();
  ({ pool } = await pg.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  await testAgentOnHub(pool); // linked desks log their agents in through the hub
  server = createHubServer({ pool });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the directory on the hub', () => {
  it('imports a CSV file and exports what it holds, the same companies, no password', async () => {
    const csv = join(dir, 'directory.csv');
    writeFileSync(csv, toCsv(directory));
    const report = await importFileToHub(pool, csv);
    expect(report).toMatchObject({ companies: directory.length, rejectedTotal: 0 });
    // The same file again, twice at once (two operators): the hub still holds each company once.
    await Promise.all([importFileToHub(pool, csv), importFileToHub(pool, csv)]);
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM companies WHERE cofor LIKE 'B%'`);
    expect(rows[0]!.n).toBe(directory.length);

    const out = join(dir, 'export.jsonl');
    expect(await exportHubToFile(pool, out)).toBe(directory.length + 4); // and the demo's four
    const text = readFileSync(out, 'utf8');
    expect(text).not.toMatch(/scrypt|password/i);
    const exported = parseJsonLines(text).companies.filter((c) => c.cofor.startsWith('B'));
    expect(toJsonLines(exported)).toBe(toJsonLines(directory));
  });

  it.skipIf(noKeychain)(
    'a desk replica pulls every company with its sites, people and accounts; a supplier replica only what the analysis needs',
    async () => {
      const { token } = await registerDevice(pool, 'desk');
      const desk = testCore({ hub: { url, deskToken: token }, loadDemo: false });
      const supplier = testCore({ hub: { url }, loadDemo: false });
      try {
        await desk.syncNow();
        await supplier.syncNow();
        const count = (core: typeof desk, table: string) =>
          (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        const expected = {
          companies: directory.length + 4,
          sites: directory.reduce((n, c) => n + c.sites.length, 0),
          people: directory.reduce((n, c) => n + c.people.length, 0),
          accounts: directory.reduce((n, c) => n + c.accounts.length, 0),
        };
        expect({
          companies: count(desk, 'companies'),
          sites: count(desk, "sites WHERE company_id IN (SELECT id FROM companies WHERE cofor LIKE 'B%')"),
          people: count(desk, "people WHERE company_id IN (SELECT id FROM companies WHERE cofor LIKE 'B%')"),
          accounts: count(desk, "accounts WHERE company_id IN (SELECT id FROM companies WHERE cofor LIKE 'B%')"),
        }).toEqual(expected);
        // The demo's companies came with their people (the synthetic ones have none).
        expect(count(desk, "people WHERE company_id = (SELECT id FROM companies WHERE cofor = 'A10001')")).toBe(4);
        expect(count(desk, 'accounts WHERE password_hash IS NOT NULL')).toBe(0); // never a hash
        // The supplier's PC: every company for the analysis, no person, no account.
        expect(count(supplier, 'companies')).toBe(directory.length + 4);
        expect(count(supplier, 'people') + count(supplier, 'accounts')).toBe(0);
        const first = directory[0]!;
        expect(
          await supplier.router.call('analyze', { cofor: first.cofor, siteCode: first.sites[0]!.code }),
        ).toMatchObject({ ok: true, value: { cofor: first.cofor } });

        // The desk's own search finds a pulled company.
        const session = await deskSession(desk);
        const hits = (await desk.router.call('deskSearchCompanies', { session, query: first.legalName })) as {
          value: { hits: Array<{ cofor: string }> };
        };
        expect(hits.value.hits.map((h) => h.cofor)).toContain(first.cofor);
      } finally {
        desk.dispose();
        supplier.dispose();
      }
    },
    60_000,
  );

  it.skipIf(noKeychain)(
    "a PLSA made by a validation on the hub appears in the desk's company panel",
    async () => {
      const { token } = await registerDevice(pool, 'desk');
      const supplier = testCore({ hub: { url } });
      const desk = testCore({ hub: { url, deskToken: token } });
      try {
        await supplier.syncNow(); // a linked PC knows the directory from the hub only
        const sent = (await supplier.router.call('submitAccessRequest', accessRequest('A10002').args.payload)) as {
          value: { reference: string };
        };
        await supplier.syncNow();
        await desk.syncNow();
        const session = await deskSession(desk);
        const reference = sent.value.reference;
        await desk.router.call('deskDecide', { session, reference, decision: { kind: 'validate-access' } });
        await desk.syncNow();
        const { rows } = await pool.query<{ login: string }>(`SELECT login FROM accounts WHERE cofor = 'A10002'`);
        expect(rows).toHaveLength(1);
        const view = (await desk.router.call('deskRequest', { session, reference })) as {
          value: { company: { accounts: Array<{ login: string; role: string }> } | null };
        };
        expect(view.value.company?.accounts).toContainEqual(
          expect.objectContaining({ login: rows[0]!.login, role: 'plsa' }),
        );
      } finally {
        supplier.dispose();
        desk.dispose();
      }
    },
    60_000,
  );
});
