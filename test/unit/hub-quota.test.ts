// Each supplier device's quota (issue 24, N4): one anonymous device pushed 20 requests with a
// 4.9 MB PDF each (+271 MB in 15 s) until the hub's disk was full. Past its requests an hour or
// its bytes a day, a supplier's push is refused with 429, Retry-After and words; its queue keeps
// what waits, which lands once the window has passed (the hub's clock, moved by the test); a
// burst of pushes at once, on two hubs of one database, cannot take more than the quota. Desk
// devices are not counted. Real PostgreSQL, real HTTP, a real workstation.
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import pg, { type Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestView } from '../../preload/contract/help';
import type { DeviceQuota } from '../../main/hub/device-quota';
import { registerDevice } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { hubServices } from '../../main/hub/services';
import { testClock, testCore } from '../fixtures/core';
import { hubCall, type HubAnswer } from '../fixtures/hub-call';
import { noKeychain } from '../fixtures/keychain-available';
import { helpRequest } from '../fixtures/linked-hub';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

const HOUR = 3_600_000;
const MB = 1024 * 1024;

let db: TestPostgres;
let pool: Pool;
let url: string;
const servers: Server[] = [];
const pools: Pool[] = [];
/** The hubs' clock: the quota's windows are counted on it. */
const clock = testClock('2026-11-29T09:00:00Z');

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool, url } = await db.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  await Promise.all(pools.map((p) => p.end()));
  await db?.stop();
});

/** A hub on the test's database (or on a pool of its own, as a second hub process would be). */
async function hubWith(quota: DeviceQuota, on: Pool = pool): Promise<string> {
  const server = createHubServer({
    pool: on,
    quota,
    anonymousPerMinute: 1000,
    services: hubServices({ now: clock.now }),
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

type Answer = HubAnswer<Record<string, unknown> & { error?: Record<string, unknown>; results?: Array<{ id: number }> }>;

const push = (hub: string, token: string, mutations: Array<{ id: number; name: string; args: unknown }>) =>
  hubCall<Answer['body']>(hub, '/push', { token, body: { mutations } });

/** A supplier's workstation registered as it registers itself (anonymously). */
const supplier = async (hub: string) =>
  (await hubCall<{ token: string; deviceId: string }>(hub, '/devices', { body: { kind: 'supplier' } })).body;

/** Mutations the hub refuses (no such intent) but records: each one counts, and is cheap. */
const unknown = (from: number, to: number, pad = '') =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, name: 'noSuchIntent', args: { pad } }));

const ids = (answer: Answer) => (answer.body.results ?? []).map((r) => r.id);

describe('a supplier device past its requests an hour', () => {
  it('is answered 429 with Retry-After and words; what it sent again is not counted twice; after the hour it sends again', async () => {
    const hub = await hubWith({ requestsPerHour: 3, bytesPerDay: 100 * MB });
    const { token } = await supplier(hub);
    const start = clock.now().getTime();
    // Five at once: the three that fit are applied, the rest cut (the next push asks for them).
    const first = await push(hub, token, unknown(1, 5));
    expect(first.status).toBe(200);
    expect(ids(first)).toEqual([1, 2, 3]);
    expect(first.body['lastMutationId']).toBe(3);

    clock.advance(10 * 60_000);
    const refused = await push(hub, token, unknown(4, 5));
    expect(refused.status).toBe(429);
    const retryAt = new Date(start + HOUR).toISOString();
    expect(refused.body.error).toMatchObject({
      code: 'rate-limited',
      quota: 'requests-per-hour',
      retryAt,
      retryAfterSeconds: 50 * 60,
    });
    expect(refused.body.error!['message']).toBe(
      `This workstation sent more than 3 requests in an hour: it can send again at ${retryAt.slice(0, 10)} ${retryAt.slice(11, 16)} UTC. Nothing is lost: what it sends waits on it until then.`,
    );
    expect(refused.retryAfter).toBe(String(50 * 60));

    // A push sent again (its answer lost) is answered again and counted once.
    const again = await push(hub, token, unknown(1, 3));
    expect(again.status).toBe(200);
    expect(again.body.results!.every((r) => (r as { duplicate?: boolean }).duplicate)).toBe(true);

    clock.advance(50 * 60_000); // the first three are an hour old
    const later = await push(hub, token, unknown(4, 5));
    expect(later.status).toBe(200);
    expect(ids(later)).toEqual([4, 5]);
    expect(later.body['lastMutationId']).toBe(5);
  });

  it('a desk device is not counted: its agent logged in, and a desk clearing a backlog is not refused', async () => {
    const hub = await hubWith({ requestsPerHour: 3, bytesPerDay: 1 * MB });
    const desk = await registerDevice(pool, 'desk');
    const answer = await push(hub, desk.token, unknown(1, 20, 'x'.repeat(100_000)));
    expect(answer.status).toBe(200);
    expect(ids(answer)).toHaveLength(20);
  });
});

describe('a supplier device past its bytes a day', () => {
  it('is refused until its earliest bytes are a day old; one mutation larger than the day passes alone', async () => {
    const hub = await hubWith({ requestsPerHour: 1000, bytesPerDay: 1 * MB });
    const { token, deviceId } = await supplier(hub);
    const sixHundredKb = 'p'.repeat(600 * 1024); // as a request with its attached document
    const started = clock.now().getTime();
    expect((await push(hub, token, unknown(1, 1, sixHundredKb))).status).toBe(200);
    clock.advance(HOUR);
    const refused = await push(hub, token, unknown(2, 2, sixHundredKb));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'rate-limited',
      quota: 'bytes-per-day',
      retryAt: new Date(started + 24 * HOUR).toISOString(),
    });
    expect(refused.body.error!['message']).toMatch(
      /^This workstation sent more than 1 MB in a day: it can send again at /,
    );
    // Small ones still fit beside it.
    expect((await push(hub, token, unknown(2, 2, 'small'))).status).toBe(200);
    clock.advance(23 * HOUR);
    expect((await push(hub, token, unknown(3, 3, sixHundredKb))).status).toBe(200);
    // A count a day old says nothing any more, and is pruned.
    const kept = await pool.query<{ id: string }>(
      'SELECT mutation_id AS id FROM device_quota_use WHERE device_id = $1 ORDER BY mutation_id',
      [deviceId],
    );
    expect(kept.rows.map((r) => Number(r.id))).toEqual([2, 3]);

    // A quota below one mutation would hold that device's queue for ever: alone on its day, it passes.
    const { token: other } = await supplier(hub);
    expect((await push(hub, other, unknown(1, 1, 'q'.repeat(1.5 * MB)))).status).toBe(200);
    expect((await push(hub, other, unknown(2, 2, 'small'))).status).toBe(429);
  });
});

describe('a burst of pushes at once', () => {
  it('on two hubs of one database never takes more than the quota', async () => {
    const second = new pg.Pool({ connectionString: url, max: 4 });
    second.on('error', () => {});
    pools.push(second);
    const quota = { requestsPerHour: 5, bytesPerDay: 100 * MB };
    const hubs = [await hubWith(quota), await hubWith(quota, second)];
    const { token, deviceId: device } = await supplier(hubs[0]!);
    // Eight pushes of three new mutations each (1-3, 4-6, … 22-24), half on each hub: checked
    // one by one, each would fit; together they are 24.
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, k) => push(hubs[k % 2]!, token, unknown(3 * k + 1, 3 * k + 3))),
    );
    // Applied, cut, refused for a gap (its turn came before the one it follows), or asked to come back.
    expect(burst.map((a) => a.status).filter((s) => ![200, 409, 429].includes(s))).toEqual([]);
    expect(burst.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(6);
    const counted = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM device_quota_use WHERE device_id = $1',
      [device],
    );
    expect(counted.rows[0]!.n).toBe(5);
    // Whatever it sends again in this hour, no more than five are ever applied.
    for (let k = 0; k < 8; k++) await push(hubs[k % 2]!, token, unknown(1, 24));
    const applied = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM mutations WHERE device_id = $1', [
      device,
    ]);
    expect(applied.rows[0]!.n).toBeLessThanOrEqual(5);
  });
});

describe.skipIf(noKeychain)('a linked workstation past its quota', () => {
  it('keeps its request queued (not refused), says why in its log, and sends it once the hour has passed', async () => {
    const hub = await hubWith({ requestsPerHour: 2, bytesPerDay: 100 * MB });
    const log: string[] = [];
    const core = testCore({ hub: { url: hub }, log: (message) => log.push(String(message)) });
    try {
      const messages = ['quota one', 'quota two', 'quota three'];
      for (const message of messages)
        expect((await core.router.call('submitHelpRequest', helpRequest(message))).ok).toBe(true);
      await core.syncNow();
      const onHub = async () =>
        (
          await pool.query<{ message: string }>(
            `SELECT payload->>'message' AS message FROM requests WHERE payload->>'message' LIKE 'quota %' ORDER BY message`,
          )
        ).rows.map((r) => r.message);
      expect(await onHub()).toEqual(['quota one', 'quota two']); // the first two; the third waits
      // The hub answered: the header says online, and until when it asked this PC to wait.
      expect(core.syncStatus()).toMatchObject({ pending: 1, refused: 0, online: true });
      expect(Date.parse(core.syncStatus().waitUntil ?? '')).toBeGreaterThan(clock.now().getTime());
      expect(log.join('\n')).toMatch(/This workstation sent more than 2 requests in an hour: it can send again at/);
      const mine = async () =>
        ((await core.router.call('myRequests', {})) as { value: { requests: RequestView[] } }).value.requests;
      expect((await mine()).filter((r) => r.state === 'failed')).toEqual([]);

      await core.syncNow(); // tried again within the hour: still waiting, still not refused
      expect(core.syncStatus()).toMatchObject({ pending: 1, refused: 0 });

      clock.advance(HOUR);
      await core.syncNow();
      expect(await onHub()).toEqual([...messages].sort());
      expect(core.syncStatus()).toMatchObject({ pending: 0, refused: 0, online: true, waitUntil: null });
      expect((await mine()).map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      core.dispose();
    }
  }, 60_000);
});
