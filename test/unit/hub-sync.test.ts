// The hub's sync contract on a real PostgreSQL (embedded, or TEST_DATABASE_URL): push applies a
// device's mutations in order, each with its last applied id in one transaction; duplicates get
// their stored answer, gaps are refused; the engine's rules run again on raw posted mutations;
// pull shows each device only what it may see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool as PgPool, type Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupHub, restoreHub } from '../../main/hub/backup';
import { deviceOfToken, registerDevice, type Device } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { HubError } from '../../main/hub/hub-error';
import { HUB_MIGRATIONS, HUB_SCHEMA_VERSION, migrateHub, NewerHubSchemaError } from '../../main/hub/migrations';
import { pullChanges, pushMutations } from '../../main/hub/sync';
import type { PushBody } from '../../main/hub-protocol/push';
import { pdf } from '../fixtures/files';
import { agentOnDesk } from '../fixtures/hub-agent';
import { HOSTILE_PDFS } from '../fixtures/hostile-pdfs';
import { buildPdf, onePage } from '../fixtures/pdf-builder';
import { accessRequest, batch, help, reference } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

const DEMO = resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json');
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(async () => pg?.stop());

async function hub(): Promise<Pool> {
  const { pool } = await pg.newDatabase();
  await loadDemoDirectoryIfEmpty(pool, DEMO);
  return pool;
}

async function device(pool: Pool, kind: 'supplier' | 'desk' = 'supplier'): Promise<Device> {
  const { token } = await registerDevice(pool, kind);
  return deviceOfToken(pool, token);
}
async function reload(pool: Pool, d: Device): Promise<Device> {
  const { rows } = await pool.query<{ last: string }>('SELECT last_mutation_id AS last FROM devices WHERE id = $1', [
    d.id,
  ]);
  return { ...d, lastMutationId: Number(rows[0]!.last) };
}

describe('the hub database', () => {
  it('migrates once when hubs start together, and refuses a schema from a newer hub', async () => {
    const { pool } = await pg.newDatabase();
    await Promise.all([migrateHub(pool), migrateHub(pool), migrateHub(pool)]);
    const { rows } = await pool.query('SELECT version FROM hub_schema ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
    expect(HUB_SCHEMA_VERSION).toBe(HUB_MIGRATIONS.length); // numbered from 1, no gaps
    await pool.query('INSERT INTO hub_schema (version) VALUES ($1)', [HUB_SCHEMA_VERSION + 1]);
    await expect(migrateHub(pool)).rejects.toBeInstanceOf(NewerHubSchemaError);
    await expect(migrateHub(pool)).rejects.toThrow(/written by a newer hub/);
  });
});

describe('the demo directory', () => {
  it('is loaded once into an empty hub, when hubs start together', async () => {
    const { pool } = await pg.newDatabase();
    const loaded = await Promise.all([1, 2, 3].map(() => loadDemoDirectoryIfEmpty(pool, DEMO)));
    expect(loaded.sort()).toEqual([0, 0, 4]);
    expect((await pool.query('SELECT count(*)::int AS n FROM companies')).rows[0].n).toBe(4);
    expect((await pool.query(`SELECT count(*)::int AS n FROM changes WHERE entity = 'company'`)).rows[0].n).toBe(4);
  });
});

describe('push', () => {
  it('applies mutations in order, skips a duplicate with its stored answer, and refuses a gap', async () => {
    const pool = await hub();
    const supplier = await device(pool);
    const [first, second] = [help('one'), help('two')];
    const answer = await pushMutations(pool, supplier, { mutations: batch(first, second) });
    expect(answer.lastMutationId).toBe(2);
    expect(answer.results.map((r) => [r.id, r.duplicate, r.result.ok])).toEqual([
      [1, false, true],
      [2, false, true],
    ]);

    // The same push again (a retry after a lost answer): nothing applied twice, same answers.
    const again = await pushMutations(pool, await reload(pool, supplier), { mutations: batch(first, second) });
    expect(again.results.map((r) => r.duplicate)).toEqual([true, true]);
    expect(again.results.map((r) => r.result)).toEqual(answer.results.map((r) => r.result));
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM requests');
    expect(rows[0].n).toBe(2);

    // The same id with other content is no duplicate: refused in words, and nothing is applied.
    const other = await pushMutations(pool, await reload(pool, supplier), {
      mutations: [{ id: 2, ...help('not two') }],
    });
    expect(other.results[0]!.result).toMatchObject({ ok: false, error: { code: 'mutation-mismatch' } });
    expect((await pool.query('SELECT count(*)::int AS n FROM requests')).rows[0].n).toBe(2);

    // Mutation 4 before 3: refused, with where to start again; nothing of it is applied.
    const gap = await pushMutations(pool, await reload(pool, supplier), {
      mutations: [{ id: 4, ...help('four') }],
    }).catch((e: unknown) => e);
    expect(gap).toBeInstanceOf(HubError);
    expect(gap).toMatchObject({ code: 'mutation-gap', status: 409, details: { lastMutationId: 2 } });
    expect((await reload(pool, supplier)).lastMutationId).toBe(2);
  });

  it("keeps a mutation's effects and the device's last id in one transaction", async () => {
    const pool = await hub();
    const supplier = await device(pool);
    const crash = new Error('the hub died before the commit');
    await expect(
      pushMutations(
        pool,
        supplier,
        { mutations: batch(accessRequest()) },
        { beforeCommit: () => Promise.reject(crash) },
      ),
    ).rejects.toBe(crash);
    // Neither the request, nor the company's new access, nor the last id, nor a change.
    expect((await reload(pool, supplier)).lastMutationId).toBe(0);
    expect((await pool.query('SELECT count(*)::int AS n FROM requests')).rows[0].n).toBe(0);
    expect((await pool.query(`SELECT access FROM companies WHERE cofor = 'A10002'`)).rows[0].access).toBe(
      'not-requested',
    );
    expect((await pullChanges(pool, supplier, 0)).changes.filter((c) => c.entity !== 'company')).toEqual([]);
    // The retry then applies it, once.
    const answer = await pushMutations(pool, supplier, { mutations: batch(accessRequest()) });
    expect(answer.results[0]!.result.ok).toBe(true);
  });

  it('gives the same hub state for 1,000 mutations delivered shuffled, in pieces and duplicated', async () => {
    const mutations = Array.from({ length: 1000 }, (_, i) => ({ id: i + 1, ...help(`message ${i}`) }));
    const state = async (pool: Pool) =>
      (await pool.query(`SELECT reference, kind, payload, cofor FROM requests ORDER BY reference`)).rows;

    // The reference: every mutation once, in order.
    const inOrder = await hub();
    await pushMutations(inOrder, await device(inOrder), { mutations });

    // The same mutations on a bad network: 80 deliveries of random pieces, shuffled and with
    // copies, some ahead of what the hub has (refused as gaps), some behind (duplicates)...
    const chaotic = await hub();
    const supplier = await device(chaotic);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let last = 0;
    const push = async (piece: PushBody['mutations']) => {
      try {
        last = (await pushMutations(chaotic, await reload(chaotic, supplier), { mutations: piece })).lastMutationId;
      } catch (error) {
        if (!(error instanceof HubError) || error.code !== 'mutation-gap') throw error;
      }
    };
    for (let delivery = 0; delivery < 80; delivery++) {
      const from = Math.max(0, last - 20 + Math.floor(random() * 60));
      const piece = mutations.slice(from, from + 1 + Math.floor(random() * 30));
      await push([...piece, ...piece.filter(() => random() < 0.3)].sort(() => random() - 0.5));
    }
    // ...then the workstation reconnects and pushes what the hub lacks, from its last id on.
    while (last < 1000) await push(mutations.slice(last, last + 100));

    expect(await state(chaotic)).toEqual(await state(inOrder));
    expect((await chaotic.query('SELECT count(*)::int AS n FROM mutations')).rows[0].n).toBe(1000);
    expect((await chaotic.query('SELECT count(*)::int AS n FROM requests')).rows[0].n).toBe(1000);
  }, 120_000);

  it("re-runs the engine's rules on raw mutations: a refusal is recorded and does not block the queue", async () => {
    const pool = await hub();
    const supplier = await device(pool);
    const bad = [
      { name: 'dropTables', args: {} }, // not an intent
      { name: 'submitRequest', args: { ...help().args, extra: 1 } }, // unknown key
      { name: 'submitRequest', args: { ...help().args, reference: 'HLP-1' } }, // reference format
      { name: 'submitRequest', args: { ...help().args, reference: reference('ACC') } }, // prefix of another kind
      { name: 'submitRequest', args: { ...help().args, payload: { ...help().args.payload, email: 'not-an-address' } } },
      accessRequest('A10001'), // access already open
      accessRequest('A10003'), // already requested
      accessRequest('A10004'), // deactivated
      accessRequest('ZZ9999'), // unknown
      {
        name: 'submitRequest',
        args: {
          ...help().args,
          payload: {
            ...help().args.payload,
            screenshot: { fileName: 'x.png', contentBase64: pdf().toString('base64') },
          },
        },
      }, // a PDF is no screenshot
      // What only a desk may send, from a supplier's device:
      {
        name: 'deskSetState',
        args: { reference: 'HLP-20261201-AAAAAA', state: 'done', assignee: null, agent: 'desk.x' },
      },
      { name: 'saveTemplates', args: { templates: {}, agent: 'desk.x' } },
      {
        name: 'deskReplacePlsa',
        args: {
          cofor: 'A10001',
          oldLogin: 'V100001',
          fullName: 'X',
          email: 'x@x.example',
          lang: 'en',
          agent: 'desk.x',
        },
      },
      { name: 'recover', args: { kind: 'username', input: { email: 'x@x.example' } } }, // no language
    ];
    const good = help('after the refusals');
    const answer = await pushMutations(pool, supplier, { mutations: batch(...bad, good) });
    expect(answer.lastMutationId).toBe(bad.length + 1);
    expect(answer.results.map((r) => (r.result.ok ? 'ok' : r.result.error.code))).toEqual([
      'unknown-mutation',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'invalid-input',
      'conflict',
      'conflict',
      'conflict', // deactivated: the workstation's answer too (main/intents/submit-request.ts)
      'invalid-input', // unknown COFOR: likewise
      'invalid-input',
      'forbidden',
      'forbidden',
      'forbidden',
      'invalid-input',
      'ok',
    ]);
    const refused = answer.results.map((r) => (r.result.ok ? null : (r.result.error.fields ?? null)));
    expect(refused[4]).toMatchObject({ email: expect.any(String) });
    expect(refused[5]).toEqual({ cofor: 'access.already-open' });
    expect(refused[7]).toEqual({ cofor: 'company.deactivated' });
    expect(refused[8]).toEqual({ cofor: 'cofor.unknown' });
    expect(refused[9]).toEqual({ screenshot: 'screenshot.type' });
    expect((await pool.query('SELECT count(*)::int AS n FROM requests')).rows[0].n).toBe(1);

    // The same reference from another device is refused, never merged into the first request.
    const other = await device(pool);
    const replay = await pushMutations(pool, other, { mutations: [{ id: 1, ...good }] });
    expect(replay.results[0]!.result).toMatchObject({ ok: false, error: { fields: { reference: 'reference.taken' } } });
  });

  it('refuses the PDFs that bypassed the check (issue 24, N9) with their reason, as a workstation does', async () => {
    const pool = await hub();
    const supplier = await device(pool);
    const companyFile = (file: Buffer, duns: string) => ({
      name: 'submitRequest',
      args: {
        reference: reference('SDB'),
        kind: 'company-file',
        lang: 'en',
        payload: {
          duns,
          legalName: 'Lost Parts Lda',
          registrationNumber: 'PT-514000000',
          taxNumber: 'PT514000000',
          street: 'Rua do Ouro 1',
          postalCode: '1100-060',
          city: 'Lisboa',
          country: 'PT',
          contactEmail: `files-${duns}@lost-parts.example`,
          document: { fileName: 'certificate.pdf', contentBase64: file.toString('base64') },
          lang: 'en',
        },
      },
    });
    const n9 = HOSTILE_PDFS.filter((h) => h.name.startsWith('N9:'));
    expect(n9).toHaveLength(5);
    const answer = await pushMutations(pool, supplier, {
      mutations: batch(
        ...n9.map((h, i) => companyFile(h.bytes, `90000010${i}`)),
        companyFile(buildPdf(onePage()), '900000199'),
      ),
    });
    expect(answer.results.map((r) => (r.result.ok ? 'ok' : [r.result.error.code, r.result.error.fields]))).toEqual([
      ...n9.map(() => ['invalid-input', { document: 'document.active-content' }]),
      'ok',
    ]);
  });

  it('applies a push once when it arrives twice at once, through two hubs on one database', async () => {
    const { pool, url } = await pg.newDatabase();
    await loadDemoDirectoryIfEmpty(pool, DEMO);
    const second = new PgPool({ connectionString: url, max: 4 });
    second.on('error', () => {});
    try {
      const supplier = await device(pool);
      const body = { mutations: batch(help('once'), accessRequest(), help('twice?')) };
      const [a, b] = await Promise.all([pushMutations(pool, supplier, body), pushMutations(second, supplier, body)]);
      expect(a.lastMutationId).toBe(3);
      expect(b.lastMutationId).toBe(3);
      // Each mutation applied by one of them, answered as a duplicate (same answer) by the other.
      for (let i = 0; i < 3; i++) {
        expect([a.results[i]!.duplicate, b.results[i]!.duplicate].sort()).toEqual([false, true]);
        expect(a.results[i]!.result).toEqual(b.results[i]!.result);
      }
      expect((await pool.query('SELECT count(*)::int AS n FROM requests')).rows[0].n).toBe(3);
      expect((await pool.query('SELECT count(*)::int AS n FROM mutations')).rows[0].n).toBe(3);
    } finally {
      await second.end();
    }
  });

  it('takes one of two access requests for one company sent at once', async () => {
    const pool = await hub();
    const [a, b] = [await device(pool), await device(pool)];
    const answers = await Promise.all([
      pushMutations(pool, a, { mutations: batch(accessRequest()) }),
      pushMutations(pool, b, { mutations: batch(accessRequest()) }),
    ]);
    const outcomes = answers.map((x) =>
      x.results[0]!.result.ok ? 'ok' : x.results[0]!.result.error.fields?.['cofor'],
    );
    expect(outcomes.sort()).toEqual(['access.already-requested', 'ok']);
  });
});

describe('pull', () => {
  it('shows a supplier device the analysis projection and its own requests, never a person, an e-mail or a hash', async () => {
    const pool = await hub();
    const [supplier, neighbour, desk] = [await device(pool), await device(pool), await device(pool, 'desk')];
    await pushMutations(pool, supplier, { mutations: batch(accessRequest(), help()) });

    const seen = await pullChanges(pool, supplier, 0);
    const text = JSON.stringify(seen);
    expect(text).not.toMatch(/@|Lea Legal|Pat Plsa|Rita|hash|token|password/i);
    expect(seen.changes.filter((c) => c.entity === 'company').map((c) => c.id)).toEqual(
      expect.arrayContaining(['A10001', 'A10002', 'A10003', 'A10004']),
    );
    expect(seen.changes.at(-3)).toMatchObject({ entity: 'company', id: 'A10002', data: { access: 'requested' } });
    expect(seen.changes.filter((c) => c.entity === 'request-status')).toHaveLength(2);
    // Another supplier's device sees the projection, not the first one's requests.
    const theirs = await pullChanges(pool, neighbour, 0);
    expect(theirs.changes.filter((c) => c.entity === 'request-status')).toEqual([]);
    // The desk sees the requests, with what they carry.
    const desks = await pullChanges(pool, desk, 0);
    expect(desks.changes.filter((c) => c.entity === 'request').map((c) => (c.data as { kind: string }).kind)).toEqual([
      'access-request',
      'help',
    ]);
    expect(JSON.stringify(desks)).not.toMatch(/hash|token/i);
  });

  it('pages with a cursor that only grows, and an empty pull answers the same cursor', async () => {
    const pool = await hub();
    const supplier = await device(pool);
    await pushMutations(pool, supplier, { mutations: batch(help('a'), help('b'), help('c')) });
    const all = await pullChanges(pool, supplier, 0, 1000);
    const seen: number[] = [];
    let cursor = 0;
    for (;;) {
      const page = await pullChanges(pool, supplier, cursor, 2);
      seen.push(...page.changes.map((c) => c.version));
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toEqual(all.changes.map((c) => c.version));
    expect(await pullChanges(pool, supplier, cursor)).toEqual({ cursor, more: false, changes: [] });
  });
});

describe('backup and restore', () => {
  it('copies every row into an empty hub, where the same device goes on pushing and pulling', async () => {
    const source = await hub();
    const { token } = await registerDevice(source, 'supplier');
    const asked = accessRequest();
    await pushMutations(source, await deviceOfToken(source, token), { mutations: batch(asked, help()) });
    // A validation too: an account (next to the 3 demo ones), its audit, and an e-mail whose
    // secret is sealed (bytea).
    const desk = await deviceOfToken(source, (await registerDevice(source, 'desk')).token);
    await agentOnDesk(source, desk.id, 'desk.ana');
    const decided = await pushMutations(source, desk, {
      mutations: batch({
        name: 'deskDecide',
        args: { reference: asked.args.reference, decision: { kind: 'validate-access' }, agent: 'desk.ana', mail: null },
      }),
    });
    expect(decided.results[0]!.result.ok).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'hub-backup-'));
    try {
      const file = join(dir, 'hub.jsonl.gz');
      const taken = await backupHub(source, file);
      expect(taken.rows).toMatchObject({ devices: 2, companies: 4, requests: 2, mutations: 3, accounts: 4, outbox: 1 });

      const { pool: target } = await pg.newDatabase();
      const restored = await restoreHub(target, file);
      expect(restored.rows).toEqual(taken.rows);
      const table = async (pool: Pool, sql: string) => (await pool.query(sql)).rows;
      for (const sql of [
        'SELECT * FROM companies ORDER BY cofor',
        'SELECT reference, kind, payload FROM requests ORDER BY reference',
        'SELECT version, audience, entity, entity_id, data FROM changes ORDER BY version',
        'SELECT * FROM accounts',
        'SELECT id, body, secret FROM outbox',
        'SELECT actor, action, details FROM audit ORDER BY id',
      ])
        expect(await table(target, sql)).toEqual(await table(source, sql));

      // The device, its last id and its token hash came along; new changes number on.
      const device = await deviceOfToken(target, token);
      expect(device.lastMutationId).toBe(2);
      const before = (await pullChanges(target, device, 0)).cursor;
      await pushMutations(target, device, { mutations: [{ id: 3, ...help('after the restore') }] });
      expect((await pullChanges(target, device, before)).changes.map((c) => c.entity)).toEqual(['request-status']);

      // A second restore into a hub that is no longer empty is refused.
      await expect(restoreHub(target, file)).rejects.toThrow(/not empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
