// The hub's speed next to plain PostgreSQL through `pg` on the same server in the same run:
// push throughput against plain INSERTs of the same rows (one commit each, as each mutation is),
// and a desk replica's pull of the whole directory against a plain SELECT of the same rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../main/core';
import { registerDevice, deviceOfToken } from '../../main/hub/devices';
import { importToHub } from '../../main/hub/directory';
import { createHubServer } from '../../main/hub/server';
import { RESOURCES_DIR } from '../fixtures/core';
import { rowCount, syntheticDirectory } from './directory-data';
import { pushMutations } from '../../main/hub/sync';
import { createHubClient } from '../../main/sync/hub-client';
import { startTestPostgres } from '../fixtures/postgres';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const reference = (n: number) => {
  let suffix = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / ALPHABET.length)) suffix = ALPHABET[n % ALPHABET.length] + suffix;
  return `HLP-20261201-${suffix}`;
};
const payload = (i: number) => ({
  purpose: 'technical',
  message: `The analysis shows nothing for our COFOR (${i}).`,
  name: 'Rita Sousa',
  company: 'Lost Parts Lda',
  email: 'rita@lost-parts.example',
  phone: '+351 21 000 0000',
  lang: 'en',
});

const seconds = async (work: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

export interface HubBench {
  mutations: number;
  plainPerSecond: number;
  pushPerSecond: number;
  companies: number;
  /** Companies, sites, people and accounts of the directory. */
  rows: number;
  importSeconds: number;
  selectSeconds: number;
  pullSeconds: number;
  /** A fresh desk workstation's first sync: HTTP pages into its SQLite store. */
  replicaSeconds: number;
  replicaRows: number;
}

export async function benchHub(mutations: number, companies: number): Promise<HubBench> {
  const pg = await startTestPostgres();
  try {
    let plainBest = Infinity;
    let pushBest = Infinity;
    for (let round = 0; round < 2; round++) {
      // The baseline: the same request rows, one plain INSERT (and commit) each.
      const plain = await pg.newDatabase();
      const { token: plainToken } = await registerDevice(plain.pool, 'supplier');
      const plainDevice = await deviceOfToken(plain.pool, plainToken);
      plainBest = Math.min(
        plainBest,
        await seconds(async () => {
          for (let i = 0; i < mutations; i++) {
            await plain.pool.query(
              'INSERT INTO requests (reference, kind, device_id, lang, payload, cofor) VALUES ($1, $2, $3, $4, $5, $6)',
              [reference(i), 'help', plainDevice.id, 'en', payload(i), null],
            );
          }
        }),
      );
      // Ours: the same requests pushed as mutations, 100 a push, each checked and applied in its
      // own transaction with the device's last id, its result and its changes.
      const hub = await pg.newDatabase();
      const { token } = await registerDevice(hub.pool, 'supplier');
      pushBest = Math.min(
        pushBest,
        await seconds(async () => {
          for (let from = 0; from < mutations; from += 100) {
            const device = await deviceOfToken(hub.pool, token);
            const batch = Array.from({ length: Math.min(100, mutations - from) }, (_, k) => ({
              id: from + k + 1,
              name: 'submitRequest',
              args: { reference: reference(from + k), kind: 'help', lang: 'en', payload: payload(from + k) },
            }));
            await pushMutations(hub.pool, device, { mutations: batch });
          }
        }),
      );
    }

    // The directory on the hub: ~9 rows a company (the company, sites, people, accounts), as the
    // import writes them, 1,000 companies a transaction.
    const hub = await pg.newDatabase();
    const directory = syntheticDirectory(companies, new Date('2026-11-29T12:00:00Z')).companies;
    const importSeconds = await seconds(() => importToHub(hub.pool, [directory]));
    const { token } = await registerDevice(hub.pool, 'desk');
    const server = createHubServer({ pool: hub.pool });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const client = createHubClient(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    let selectBest = Infinity;
    let pullBest = Infinity;
    for (let round = 0; round < 2; round++) {
      // Baseline: a plain SELECT of the rows a desk pulls (every company's projection and record).
      selectBest = Math.min(
        selectBest,
        await seconds(() =>
          hub.pool.query(
            `SELECT version, entity, entity_id, data FROM changes WHERE audience IN ('public', 'desk') ORDER BY version`,
          ),
        ),
      );
      // Ours: the same rows as a desk device pulls them, over HTTP, read by the workstation's client.
      pullBest = Math.min(
        pullBest,
        await seconds(async () => {
          let cursor = 0;
          for (;;) {
            const page = await client.pull(token, cursor, 5000);
            cursor = page.cursor;
            if (!page.more) break;
          }
        }),
      );
    }
    // A fresh desk workstation, end to end: over HTTP, into its SQLite store.
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-replica-'));
    const keys = new Map<string, string>();
    const core = startCore({
      dataDir,
      resourcesDir: RESOURCES_DIR,
      mode: 'web',
      loadDemo: false,
      version: 'bench',
      deliver: false,
      // The device token in memory: this measures the pull, not the keychain.
      secrets: {
        get: (k) => Promise.resolve(keys.get(k) ?? null),
        set: (k, v) => Promise.resolve(void keys.set(k, v)),
        delete: (k) => Promise.resolve(keys.delete(k)),
        keys: () => Promise.resolve([...keys.keys()]),
      },
      hub: { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, deskToken: token },
    });
    const replicaSeconds = await seconds(() => core.syncNow());
    const stored = core.db
      .prepare<[], { n: number }>(
        `SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM sites) + (SELECT count(*) FROM people)
           + (SELECT count(*) FROM accounts) AS n`,
      )
      .get()!.n;
    core.close();
    await new Promise((done) => server.close(done));
    rmSync(dataDir, { recursive: true, force: true });
    return {
      mutations,
      plainPerSecond: mutations / plainBest,
      pushPerSecond: mutations / pushBest,
      companies,
      rows: rowCount({ companies: directory }),
      importSeconds,
      selectSeconds: selectBest,
      pullSeconds: pullBest,
      replicaSeconds,
      replicaRows: stored,
    };
  } finally {
    await pg.stop();
  }
}
