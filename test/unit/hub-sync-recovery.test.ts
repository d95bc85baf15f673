// A workstation's sync worker with its production timings, against the real hub process
// (`dist/main/hub.cjs`, built first) on a real PostgreSQL, stopped and started again: after an
// outage long enough for the backoff to reach its cap, what waits leaves within 10 s of the hub
// answering again (its health probe notices), and the header's "online" is false as soon as a
// round fails, whatever failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'pg';
import { testCore } from '../fixtures/core';
import { testHub, type TestHub } from '../fixtures/hub-process';
import { noKeychain } from '../fixtures/keychain-available';
import { helpRequest } from '../fixtures/linked-hub';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let pg: TestPostgres;
let pool: Pool;
let hub: TestHub;
beforeAll(async () => {
  pg = await startTestPostgres();
  const database = await pg.newDatabase();
  pool = database.pool;
  hub = await testHub({ databaseUrl: database.url });
  await hub.start();
}, 60_000);
afterAll(async () => {
  await hub?.stop();
  hub?.remove();
  await pg?.stop();
});

/** Waits until `ok()` holds, checking every 100 ms; false if it does not within `ms`. */
async function until(ok: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (await ok()) return true;
  return ok();
}

const onHub = async (message: string) =>
  (await pool.query(`SELECT 1 FROM requests WHERE payload->>'message' = $1`, [message])).rowCount === 1;

describe.skipIf(noKeychain)('sync after the hub comes back', () => {
  it('after a long outage (the backoff at its cap), what waits leaves within 10 s of the hub answering again', async () => {
    const failedRounds: string[] = [];
    // deliver: the background workers run, with their production intervals.
    const ws = testCore({
      hub: { url: hub.url },
      deliver: true,
      log: (message: string) => void (message.startsWith('sync: ') && failedRounds.push(message)),
    });
    try {
      expect(await until(() => ws.syncStatus().online === true, 15_000)).toBe(true);
      await hub.stop();
      expect((await ws.router.call('submitHelpRequest', helpRequest('sent during the outage'))).ok).toBe(true);
      // The queued request's round fails at once: the header says offline, not "online".
      expect(await until(() => failedRounds.length >= 1, 5_000)).toBe(true);
      expect(ws.syncStatus()).toMatchObject({ online: false, pending: 1 });
      // Three failed rounds in a row: the next round is 30 to 60 s away.
      expect(await until(() => failedRounds.length >= 3, 120_000)).toBe(true);

      await hub.start();
      const back = Date.now();
      expect(await until(() => ws.syncStatus().pending === 0, 30_000)).toBe(true);
      const waited = Date.now() - back;
      expect(waited, `drained ${waited} ms after the hub came back`).toBeLessThan(10_000);
      expect(await until(() => ws.syncStatus().online === true, 5_000)).toBe(true); // once its pull ends
      expect(await onHub('sent during the outage')).toBe(true);
    } finally {
      ws.dispose();
    }
  }, 240_000);

  it('a round the hub refuses (it no longer knows this device) is not shown as online; the next one registers again', async () => {
    const ws = testCore({ hub: { url: hub.url } });
    try {
      await ws.syncNow();
      expect(ws.syncStatus()).toMatchObject({ online: true, pending: 0 });
      // The hub forgets this device's token (a new database, say): its push is refused, 401.
      await pool.query(`UPDATE devices SET token_hash = md5(token_hash) WHERE kind = 'supplier'`);
      expect((await ws.router.call('submitHelpRequest', helpRequest('after the hub forgot me'))).ok).toBe(true);
      await ws.syncNow();
      expect(ws.syncStatus()).toMatchObject({ online: false, pending: 1 });
      await ws.syncNow(); // registered anew, what waits leaves
      expect(ws.syncStatus()).toMatchObject({ online: true, pending: 0 });
      expect(await onHub('after the hub forgot me')).toBe(true);

      // The hub stops: the very round that fails says offline.
      await hub.stop();
      await ws.syncNow();
      expect(ws.syncStatus().online).toBe(false);
    } finally {
      ws.dispose();
      await hub.start();
    }
  }, 60_000);
});
