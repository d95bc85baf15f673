// One device cannot starve the others, nor take the hub's memory (issue 24, N3 and N5): its
// pushes wait for each other in the process without holding pool connections (100 at once once
// held all of them while one waited on the device's lock), and the bodies read at once are
// bounded in bytes. Real PostgreSQL, real HTTP.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBodyBudget } from '../../main/hub/body-budget';
import { HubError } from '../../main/hub/hub-error';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { hubCall } from '../fixtures/hub-call';
import { help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let db: TestPostgres;
let pool: Pool;
let server: Server;
let hub: string;
/** Holds the noisy device's pushes inside their transaction until the test lets them go. */
let hold: Promise<void> = Promise.resolve();
let holding = '';
let entered = false;

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool } = await db.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  server = createHubServer({
    pool,
    anonymousPerMinute: 1000,
    hooks: { beforeCommit: () => (holding ? ((entered = true), hold) : undefined) },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  hub = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await db?.stop();
});

const call = (path: string, init: { token?: string; body?: unknown } = {}) => hubCall(hub, path, init);
const register = async () => (await call('/devices', { body: { kind: 'supplier' } })).body['token'] as string;

describe('one noisy device', () => {
  it("100 pushes of one device at once, the first held in its transaction: another device's push and pull go through", async () => {
    const noisy = await register();
    const quiet = await register();
    let letGo = () => {};
    hold = new Promise((done) => (letGo = done));
    holding = 'yes';
    // A refused mutation publishes no change, so the one held takes no lock but its device's.
    const burst = Array.from({ length: 100 }, () =>
      call('/push', { token: noisy, body: { mutations: [{ id: 1, name: 'noSuchIntent', args: {} }] } }),
    );
    while (!entered) await new Promise((r) => setTimeout(r, 20)); // the first is held in its transaction
    await new Promise((r) => setTimeout(r, 1000)); // and the rest of the burst has arrived
    holding = '';
    // Before: the burst held every pool connection waiting for the noisy device's lock, and
    // these calls never got one (the test timed out here).
    const pushed = await call('/push', { token: quiet, body: { mutations: [{ id: 1, ...help('quiet') }] } });
    const pulled = await call('/pull?cursor=0', { token: quiet });
    expect(pushed.status).toBe(200);
    expect(pulled.status).toBe(200);
    letGo();
    const statuses = (await Promise.all(burst)).map((a) => a.status);
    // Each push of the noisy device is answered: applied (or its stored answer), or "come back".
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    const answered = await pool.query(`SELECT count(*)::int AS n FROM mutations WHERE name = 'noSuchIntent'`);
    expect(answered.rows[0].n).toBe(1);
  }, 60_000);
});

describe('the bodies read at once', () => {
  it('fit a byte budget: one that does not fit waits until an earlier one is answered', async () => {
    const budget = createBodyBudget(16);
    const first = await budget.take(8);
    const second = await budget.take(8);
    let third = false;
    const waiting = budget.take(8).then((release) => ((third = true), release));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBe(false);
    expect(budget.inUse).toBe(16);
    first();
    first(); // a release called twice frees once
    const release = await waiting;
    expect(third).toBe(true);
    expect(budget.inUse).toBe(16);
    second();
    release();
    expect(budget.inUse).toBe(0);
  });

  it('a body larger than the whole budget is read alone, and one that waits too long is told to come back', async () => {
    const budget = createBodyBudget(16, 50);
    const large = await budget.take(100);
    await expect(budget.take(1)).rejects.toSatisfy((e) => e instanceof HubError && e.code === 'rate-limited');
    large();
    expect(budget.inUse).toBe(0);
    (await budget.take(1))();
  });
});
