// One bad character must not stop a workstation (issue 24, N1): the hub answered 500 to a help
// request with a NUL, a lone surrogate or 10^5 nested arrays, the workstation retried it for
// ever and every request behind it waited. Now the mutation is refused alone, in words, and the
// ones behind it are applied; every other route refuses such text with a 4xx. Real PostgreSQL,
// real HTTP.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { failsEveryTime } from '../../main/hub/sync';
import { batch, help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let db: TestPostgres;
let pool: Pool;
let server: Server;
let hub: string;

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool } = await db.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  server = createHubServer({ pool, anonymousPerMinute: 1000 });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  hub = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await db?.stop();
});

interface Answer {
  status: number;
  body: {
    error?: { code: string; message: string; fields?: Record<string, string> };
    token?: string;
    results?: Array<{ id: number; result: { ok: boolean; error?: { code: string; message: string } } }>;
  };
}

async function post(path: string, raw: string, token?: string): Promise<Answer> {
  const response = await fetch(`${hub}/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const register = async () => (await post('/devices', JSON.stringify({ kind: 'supplier' }))).body.token!;

/** 10^5 nested arrays, as JSON text (JSON.stringify of such a value would overflow itself). */
const deepArgs = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

describe('a mutation with bad text is refused alone, and the queue behind it goes on', () => {
  it('a NUL, a lone surrogate, deep nesting and a NUL in the name: each refused in words, the rest applied', async () => {
    const token = await register();
    const mutations = batch(
      help('before'),
      help('abc\u0000def'),
      help('\ud800 broken paste'),
      { name: 'submitRequest', args: '__DEEP__' },
      { name: 'submit\u0000Request', args: {} },
      help('after'),
    );
    const raw = JSON.stringify({ mutations }).replace('"__DEEP__"', deepArgs);
    const answer = await post('/push', raw, token);
    expect(answer.status).toBe(200);
    const byId = new Map(answer.body.results!.map((r) => [r.id, r.result]));
    expect(byId.get(1)?.ok).toBe(true);
    expect(byId.get(6)?.ok).toBe(true);
    for (const id of [2, 3, 4, 5]) expect(byId.get(id)).toMatchObject({ ok: false, error: { code: 'invalid-text' } });
    expect(byId.get(2)?.error?.message).toMatch(/payload\.message.*NUL/);
    expect(byId.get(3)?.error?.message).toMatch(/unpaired surrogate/);
    expect(byId.get(4)?.error?.message).toMatch(/nested more than/);
    const stored = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM requests WHERE payload->>'message' IN ('before', 'after')`,
    );
    expect(Number(stored.rows[0]!.n)).toBe(2);
  });

  it('the same push sent again (its answer lost) gets the same answers, nothing applied twice', async () => {
    const token = await register();
    const raw = JSON.stringify({ mutations: batch(help('one\u0000'), help('two')) });
    const first = await post('/push', raw, token);
    const again = await post('/push', raw, token);
    expect(again.status).toBe(200);
    expect(again.body.results!.map((r) => r.result.ok)).toEqual(first.body.results!.map((r) => r.result.ok));
    expect(again.body.results!.map((r) => r.result.ok)).toEqual([false, true]);
  });

  it('two pushes of the same poisoned batch at once: one set of answers, the good one applied once', async () => {
    const token = await register();
    const raw = JSON.stringify({ mutations: batch(help('x\u0000'), help('concurrent-good')) });
    const answers = await Promise.all([post('/push', raw, token), post('/push', raw, token)]);
    for (const a of answers) expect(a.status).toBe(200);
    const stored = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM requests WHERE payload->>'message' = 'concurrent-good'`,
    );
    expect(Number(stored.rows[0]!.n)).toBe(1);
  });
});

describe('every other route refuses bad text with a 4xx in words', () => {
  it.each([
    ['/sessions', '{"login":"V10\\u00000001","password":"x"}', /NUL/],
    ['/desk-enrolments', '{"username":"desk.\\ud800","password":"x"}', /unpaired surrogate/],
    ['/devices', `{"kind":${deepArgs}}`, /nested more than/],
  ])('%s', async (path, raw, words) => {
    const token = await register();
    const answer = await post(path, raw, token);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('invalid-input');
    expect(answer.body.error?.message).toMatch(words);
  });

  it('a body that is not UTF-8 is refused, not read with replacement characters', async () => {
    const response = await fetch(`${hub}/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), // {"\xff":1}
    });
    expect(response.status).toBe(400);
  });
});

describe('what fails every time is told from what a retry may cure', () => {
  it.each([
    [Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }), true],
    [Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }), true],
    [Object.assign(new Error('stack depth limit exceeded'), { code: '54001' }), true],
    [new RangeError('Maximum call stack size exceeded'), true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), false],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), false],
    [new Error('Connection terminated unexpectedly'), false],
  ])('%s', (error, expected) => {
    expect(failsEveryTime(error)).toBe(expected);
  });
});
