// Issue 24, N12: anyone could block a known V login with 10 slow wrong guesses through the hub.
// Decided (README, "wrong passwords never block"): wrong guesses slow down the address they come
// from, and never block the account. So after 12 wrong guesses from a guesser's address, the
// owner logs in at once from theirs, the guesser is still slowed, and an unknown login answers
// the guesser exactly as the known one did. Real PostgreSQL, real HTTP, two loopback addresses,
// the hub's clock moved by the test (a wait is counted on it, never slept).
import { request } from 'node:http';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { hubServices } from '../../main/hub/services';
import { DEMO } from '../fixtures/core';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

const OWNER = '127.0.0.1';
const GUESSER = '127.0.0.2'; // the whole of 127/8 is loopback on Linux

let db: TestPostgres;
let pool: Pool;
let server: Server;
let port = 0;
let clock = Date.now();

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool } = await db.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  // The hub's clock is the test's: 12 slow guesses take no hour, and no wait runs out by itself.
  server = createHubServer({ pool, services: hubServices({ now: () => new Date(clock) }) });
  await new Promise<void>((done) => server.listen(0, '0.0.0.0', done));
  port = (server.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await db?.stop();
});

/** A call from one loopback address: the hub counts login attempts per caller's address. */
function call(from: string, path: string, body: unknown, token?: string) {
  return new Promise<{ status: number; body: Record<string, unknown> & { error?: Record<string, unknown> } }>(
    (done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          localAddress: from,
          method: 'POST',
          path: `/v1${path}`,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text) as never }));
        },
      );
      req.on('error', fail);
      req.end(JSON.stringify(body));
    },
  );
}

const device = async (from: string) => (await call(from, '/devices', { kind: 'supplier' })).body['token'] as string;

/** `count` wrong guesses heard by the hub, each sent again once the wait it was told has passed
 * (on the hub's clock): the answers, and the waits told. */
async function slowGuesses(token: string, login: string, count: number) {
  const answers: string[] = [];
  const waits: number[] = [];
  while (answers.filter((a) => a === 'invalid-credentials').length < count) {
    const answer = await call(GUESSER, '/sessions', { login, password: `wrong guess ${answers.length}` }, token);
    const code = String(answer.body.error?.['code']);
    answers.push(code);
    if (code !== 'too-many-attempts') continue;
    waits.push(Number(answer.body.error?.['retryAfterSeconds']));
    clock += waits.at(-1)! * 1000;
  }
  return { answers, waits };
}

describe('wrong guesses through the hub (issue 24, N12)', () => {
  it('12 slow wrong guesses from one address: the owner logs in at once from another, the guesser stays slowed, the account is not blocked', async () => {
    const guesser = await device(GUESSER);
    const owner = await device(OWNER);
    const { answers, waits } = await slowGuesses(guesser, DEMO.plsa.login, 12);
    // 3 free failures; from the 4th on, each one doubles the guesser's wait (2 s, 4 s, … 5 min).
    expect(answers.filter((a) => a === 'invalid-credentials')).toHaveLength(12);
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);

    const right = await call(OWNER, '/sessions', { login: DEMO.plsa.login, password: DEMO.plsa.password }, owner);
    expect(right.status).toBe(200);
    expect(right.body['account']).toMatchObject({ login: DEMO.plsa.login });

    // The owner's success forgets the owner's failures only: the guesser still waits 5 minutes.
    const next = await call(GUESSER, '/sessions', { login: DEMO.plsa.login, password: DEMO.plsa.password }, guesser);
    expect(next.status).toBe(429);
    expect(next.body.error).toMatchObject({ code: 'too-many-attempts', retryAfterSeconds: 300 });

    const { rows } = await pool.query(`SELECT state FROM accounts WHERE login = $1`, [DEMO.plsa.login]);
    expect(rows[0].state).toBe('active');
    const audit = await pool.query(`SELECT count(*)::int AS n FROM audit WHERE action LIKE '%blocked%'`);
    expect(audit.rows[0].n).toBe(0);
  }, 120_000);

  it('an unknown login gets the guesser the same answers and waits as a known one', async () => {
    const guesser = await device(GUESSER);
    const known = await slowGuesses(guesser, DEMO.user.login, 6);
    const unknown = await slowGuesses(guesser, 'V999999', 6);
    expect(unknown).toEqual(known);
  }, 120_000);
});
