// A hub backup carries every table and says which key sealed the e-mails it holds (issue 24,
// N11): a restore into a new folder made a new key, and the new PLSA's temporary password,
// waiting sealed in the outbox, could never be opened. Real PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_TABLES, backupHub, restoreHub } from '../../main/hub/backup';
import { deviceOfToken, registerDevice } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createSecretBox, keyIdOf } from '../../main/hub/mail';
import { hubServices } from '../../main/hub/services';
import { pushMutations } from '../../main/hub/sync';
import { png } from '../fixtures/files';
import { agentOnDesk } from '../fixtures/hub-agent';
import { accessRequest, batch, help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let pg: TestPostgres;
let dir: string;
beforeAll(async () => {
  pg = await startTestPostgres();
  dir = mkdtempSync(join(tmpdir(), 'hub-backup-key-'));
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pg?.stop();
});

const rowsOf = async (pool: Pool, sql: string) => (await pool.query(sql)).rows;

describe('a hub backup', () => {
  it('holds every table of the hub schema (a table left out lost its rows at a restore)', async () => {
    const { pool } = await pg.newDatabase();
    const tables = await rowsOf(
      pool,
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'hub_schema' ORDER BY 1`,
    );
    expect([...BACKUP_TABLES].sort()).toEqual(tables.map((t) => t.name));
  });

  it('is refused by a hub with another key, or none, when e-mails wait sealed in it; with the key, the password opens', async () => {
    const keyA = randomBytes(32);
    const box = createSecretBox(keyA);
    const services = hubServices({ box, assistanceAddress: 'assistance@b2b-portal.example' });
    const { pool: source } = await pg.newDatabase();
    await loadDemoDirectoryIfEmpty(source, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
    const supplier = await deviceOfToken(source, (await registerDevice(source, 'supplier')).token);
    const asked = accessRequest();
    const withShot = help('a screenshot attached');
    (withShot.args.payload as Record<string, unknown>)['screenshot'] = {
      fileName: 'screen.png',
      contentBase64: png(40, 30).toString('base64'),
    };
    await pushMutations(source, supplier, { mutations: batch(asked, withShot) }, {}, services);
    const desk = await deviceOfToken(source, (await registerDevice(source, 'desk')).token);
    await agentOnDesk(source, desk.id, 'desk.ana');
    const decided = await pushMutations(
      source,
      desk,
      {
        mutations: batch({
          name: 'deskDecide',
          args: {
            reference: asked.args.reference,
            decision: { kind: 'validate-access' },
            agent: 'desk.ana',
            mail: null,
          },
        }),
      },
      {},
      services,
    );
    expect(decided.results[0]!.result.ok).toBe(true);

    const file = join(dir, 'sealed.jsonl.gz');
    const taken = await backupHub(source, file, keyIdOf(keyA));
    expect(taken.sealed).toBe(1);
    expect(taken.rows['outbox_attachments']).toBeGreaterThanOrEqual(1);

    const { pool: other } = await pg.newDatabase();
    await expect(restoreHub(other, file, keyIdOf(randomBytes(32)))).rejects.toThrow(
      new RegExp(`sealed with the key ${keyIdOf(keyA)}; this hub's key is [0-9a-f]{16}\\. Give it the key`),
    );
    await expect(restoreHub(other, file, null)).rejects.toThrow(/this hub has no key yet.*secret\.key.*HUB_SECRET_KEY/);
    expect(await rowsOf(other, 'SELECT count(*)::int AS n FROM devices')).toEqual([{ n: 0 }]); // nothing restored

    const restored = await restoreHub(other, file, keyIdOf(keyA));
    expect(restored.rows).toEqual(taken.rows);
    for (const sql of [
      'SELECT outbox_id, position, file_name, content FROM outbox_attachments ORDER BY outbox_id, position',
      'SELECT id, secret FROM outbox ORDER BY id',
    ])
      expect(await rowsOf(other, sql)).toEqual(await rowsOf(source, sql));
    const [sealed] = await rowsOf(other, 'SELECT secret FROM outbox WHERE secret IS NOT NULL');
    expect(box.open(sealed.secret as Buffer)).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});
