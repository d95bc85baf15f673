// Workstations as replicas of a hub, over real HTTP and a real PostgreSQL: a supplier's request
// sent while the hub is down waits in the workstation's queue, leaves when the hub is back, and
// reaches a desk workstation's queue; the supplier's analysis follows the hub's truth; the
// device's registration, token and numbering hold through enrolments, moves and restores.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestView } from '../../preload/contract/help';
import { STORE_FILE } from '../../main/paths';
import { describe, expect, it } from 'vitest';
import { createHubAgent } from '../../main/hub/agents';
import { registerDevice } from '../../main/hub/devices';
import { createHubServer } from '../../main/hub/server';
import { SecretStoreUnavailable } from '../../main/secrets/secret-store';
import { deskSession, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { accessRequest, person } from '../fixtures/hub-mutations';
import { helpRequest, useLinkedHub } from '../fixtures/linked-hub';
import { freePort } from '../fixtures/ports';

const linked = useLinkedHub();

describe.skipIf(noKeychain)('workstations linked to a hub', () => {
  it("a supplier's access request sent while the hub is down reaches the desk's queue once it is back", async () => {
    const supplier = testCore({ hub: { url: linked.url } });
    const { token: deskToken } = await registerDevice(linked.pool, 'desk');
    const desk = testCore({ hub: { url: linked.url, deskToken } });
    try {
      // A linked PC holds no directory of its own: its first sync brings the hub's analysis.
      await linked.start();
      await supplier.syncNow();
      await linked.stop();
      // The hub is down: the request is saved and queued on the supplier's PC, nothing is lost.
      const sent = await supplier.router.call('submitAccessRequest', accessRequest('A10002').args.payload);
      expect(sent.ok).toBe(true);
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ linked: true, online: false, pending: 1 });

      // The hub starts: the queue drains, and the desk's replica pulls the request.
      await linked.start();
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      expect(supplier.syncStatus().lastSyncAt).not.toBeNull();
      const onHub = await linked.pool.query('SELECT kind, cofor FROM requests WHERE reference = $1', [reference]);
      expect(onHub.rows).toEqual([{ kind: 'access-request', cofor: 'A10002' }]);

      await desk.syncNow();
      const session = await deskSession(desk);
      const queue = await desk.router.call('deskQueue', { session });
      expect(queue.ok).toBe(true);
      const items = (queue as { value: { items: Array<{ reference: string; kind: string }> } }).value.items;
      expect(items).toContainEqual(expect.objectContaining({ reference, kind: 'access-request' }));
      // The desk's replica also holds the hub's truth about the company.
      const analysis = await desk.router.call('analyze', { cofor: 'A10002' });
      expect(analysis).toMatchObject({ ok: true, value: { situation: 'requested' } });

      // A second sync pulls nothing new and queues nothing: the desk sees the request once.
      await desk.syncNow();
      const again = (await desk.router.call('deskQueue', { session })) as typeof queue;
      const twice = (again as { value: { items: Array<{ reference: string }> } }).value.items;
      expect(twice.filter((i) => i.reference === reference)).toHaveLength(1);
    } finally {
      supplier.dispose();
      desk.dispose();
    }
  }, 60_000);

  it('on a linked desk, a decision the hub refuses is taken back, and a blocked-access report goes to the hub, not to its own queue', async () => {
    // A hub of this test's own: its company moves on after the desk pulled the request.
    const { own, server, url } = await linked.own();
    const { token } = await registerDevice(own, 'desk');
    const supplier = testCore({ hub: { url } });
    const desk = testCore({ hub: { url, deskToken: token } });
    try {
      await supplier.syncNow(); // the hub's directory first: a linked PC has none of its own
      const sent = await supplier.router.call('submitAccessRequest', accessRequest('A10002').args.payload);
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      await desk.syncNow();
      await own.query(`UPDATE companies SET access = 'not-requested' WHERE cofor = 'A10002'`);

      const session = await deskSession(desk);
      const decided = await desk.router.call('deskDecide', {
        session,
        reference,
        decision: { kind: 'validate-access' },
      });
      expect(decided).toMatchObject({ ok: true, value: { viaHub: true } });
      await desk.syncNow();
      expect(desk.syncStatus(), desk.syncStatus().problem ?? '').toMatchObject({ pending: 0, refused: 1 });
      const view = (await desk.router.call('deskRequest', { session, reference })) as {
        value: { decision: unknown; deskState: string; history: Array<{ what: string; who: string | null }> };
      };
      expect(view.value.decision).toBeNull(); // taken back: it may be decided again
      expect(view.value.history.at(-1)).toMatchObject({ what: 'desk-hub-refused', who: 'hub' });
      // The company is as the hub has it again, not as this desk's refused decision left it.
      const company = desk.db.prepare(`SELECT access_status AS access FROM companies WHERE cofor = 'A10002'`).get();
      expect(company).toEqual({ access: 'not-requested' });
      const made = await own.query(`SELECT (SELECT count(*)::int FROM accounts WHERE cofor = 'A10002') AS accounts,
        (SELECT count(*)::int FROM outbox) AS mails`);
      expect(made.rows[0]).toEqual({ accounts: 0, mails: 0 });

      // A blocked-access report typed on a linked PC goes to the hub, which holds the accounts:
      // nothing of it lands in this desk's own queue, where an Unblock would change a copy only.
      const before = desk.syncStatus().pending;
      await desk.router.call('reportBlockedAccess', {
        login: 'V100003',
        email: 'eden.placeholder@demo-forge.example',
        message: 'Locked out',
        lang: 'en',
      });
      const queue = (await desk.router.call('deskQueue', { session, kind: 'blocked-access' })) as {
        value: { items: Array<{ reference: string }> };
      };
      expect(queue.value.items).toHaveLength(0);
      expect(desk.syncStatus().pending).toBe(before + 1);
    } finally {
      supplier.dispose();
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);

  it('two enrolments saved at once leave one desk device whose token and id go together', async () => {
    await linked.start();
    await createHubAgent(linked.pool, {
      username: 'desk.enrol',
      fullName: 'Enrol Agent',
      email: 'enrol@assist.example',
      password: 'a passphrase for the enrolment test',
    });
    const desk = testCore();
    try {
      const session = await deskSession(desk);
      const enrol = { username: 'desk.enrol', password: 'a passphrase for the enrolment test' };
      const saved = await Promise.all([
        desk.router.call('saveHubSettings', { session, url: linked.url, enrol }),
        desk.router.call('saveHubSettings', { session, url: linked.url, enrol }),
      ]);
      expect(saved.map((r) => r.ok)).toEqual([true, true]);
      const deviceId = desk.db.prepare(`SELECT value FROM settings WHERE key = 'hub.deviceId'`).get() as {
        value: string;
      };
      const token = await desk.secrets.get('hub.deviceToken');
      const { rows } = await linked.pool.query<{ kind: string }>(
        'SELECT kind FROM devices WHERE id = $1 AND token_hash = $2',
        [deviceId.value, createHash('sha256').update(token!).digest('hex')],
      );
      expect(rows).toEqual([{ kind: 'desk' }]);
      expect((await desk.router.call('submitHelpRequest', helpRequest('after two enrolments'))).ok).toBe(true);
      await desk.syncNow();
      expect(desk.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
    } finally {
      desk.dispose();
    }
  }, 60_000);

  it('syncs once when "sync now" and the background round come at once, and links once when saved twice', async () => {
    await linked.start();
    const supplier = testCore({ hub: { url: linked.url } });
    try {
      expect((await supplier.router.call('submitHelpRequest', helpRequest('sent once'))).ok).toBe(true);
      await Promise.all([supplier.syncNow(), supplier.syncNow(), supplier.router.call('syncNow', {})]);
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const onHub = await linked.pool.query(
        `SELECT count(*)::int AS n FROM requests WHERE payload->>'message' = 'sent once'`,
      );
      expect(onHub.rows[0].n).toBe(1);

      // Two agents save the same hub address at once: one link, nothing queued twice.
      const session = await deskSession(supplier);
      const saved = await Promise.all([
        supplier.router.call('saveHubSettings', { session, url: linked.url }),
        supplier.router.call('saveHubSettings', { session, url: `${linked.url}/` }),
      ]);
      expect(saved.map((r) => r.ok)).toEqual([true, true]);
      expect(supplier.syncStatus()).toMatchObject({ linked: true, hubUrl: linked.url, pending: 0 });
      const done = supplier.db.prepare(`SELECT count(*) AS n FROM hub_queue WHERE state = 'done'`).get();
      expect(done).toEqual({ n: 1 });
    } finally {
      supplier.dispose();
    }
  }, 60_000);

  it('without a keychain for its device token, a workstation says so and keeps what waits', async () => {
    await linked.start();
    const missing = () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service')));
    const secrets = { get: missing, set: missing, delete: missing, keys: missing };
    const supplier = testCore({ hub: { url: linked.url }, secrets });
    try {
      expect((await supplier.router.call('submitHelpRequest', helpRequest('no keychain'))).ok).toBe(true);
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ needsKeychain: true, pending: 1 });
    } finally {
      supplier.dispose();
    }
  }, 60_000);

  it('moved to another hub, a workstation registers there and what waits is numbered from 1 again', async () => {
    await linked.start();
    const first = testCore({ hub: { url: linked.url } });
    const dataDir = first.dataDir;
    expect((await first.router.call('submitHelpRequest', helpRequest('to the first hub'))).ok).toBe(true);
    await first.syncNow();
    expect(first.syncStatus()).toMatchObject({ online: true, pending: 0 });
    first.close(); // the folder stays: the same workstation, restarted with another hub

    // The other hub, on a database of its own, is not up yet when the workstation restarts.
    const other = await linked.db.newDatabase();
    const otherPort = await freePort();
    const moved = testCore({ dataDir, hub: { url: `http://127.0.0.1:${otherPort}` } });
    const otherHub = createHubServer({ pool: other.pool });
    try {
      expect((await moved.router.call('submitHelpRequest', helpRequest('to the second hub'))).ok).toBe(true);
      await moved.syncNow();
      expect(moved.syncStatus()).toMatchObject({ online: false, pending: 1 });
      await new Promise<void>((done) => otherHub.listen(otherPort, '127.0.0.1', done));
      await moved.syncNow();
      expect(moved.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const rows = await other.pool.query(`SELECT payload->>'message' AS message FROM requests`);
      expect(rows.rows).toEqual([{ message: 'to the second hub' }]);
      const devices = await other.pool.query('SELECT last_mutation_id AS last FROM devices');
      expect(devices.rows).toEqual([{ last: '1' }]);
    } finally {
      moved.close();
      rmSync(dataDir, { recursive: true, force: true });
      await new Promise((done) => otherHub.close(done));
    }
  }, 60_000);

  it('a queue numbered past what the hub has (a store restored from a backup) is numbered on from the hub', async () => {
    await linked.start();
    const restored = testCore({ hub: { url: linked.url } });
    try {
      const sent = await restored.router.call('submitCoforHelp', {
        companyName: 'Restored Parts',
        country: 'FR',
        address: '1 rue de la Sauvegarde, Lyon',
        contactName: 'Jo Backup',
        email: 'jo@restored.example',
        phone: '+33 1 00 00 00 00',
        message: 'Sent from a restored store.',
        lang: 'fr',
      });
      expect(sent.ok).toBe(true);
      restored.db.prepare('UPDATE hub_queue SET mutation_id = mutation_id + 40').run(); // as after a restore
      await restored.syncNow();
      expect(restored.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const done = restored.db.prepare(`SELECT mutation_id AS id FROM hub_queue WHERE state = 'done'`).all();
      expect(done).toEqual([{ id: 1 }]);
    } finally {
      restored.dispose();
    }
  }, 60_000);

  it('a store restored from an older copy loses nothing it sends next: the hub had those ids, so they are sent again after its last', async () => {
    await linked.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-restored-'));
    const tag = randomUUID();
    const keychainService = `B2B Portal test restore ${tag}`;
    const open = () => testCore({ dataDir, keychainService, hub: { url: linked.url } });
    const mine = async (core: ReturnType<typeof testCore>) =>
      ((await core.router.call('myRequests', {})) as { value: { requests: RequestView[] } }).value.requests;
    let core = open();
    try {
      expect((await core.router.call('submitHelpRequest', helpRequest(`before the backup ${tag}`))).ok).toBe(true);
      await core.syncNow();
      const copy = join(dataDir, 'copy.sqlite');
      await core.db.backup(copy); // SQLite's online backup, as the app's own backups are taken
      expect((await core.router.call('submitHelpRequest', helpRequest(`after the backup ${tag}`))).ok).toBe(true);
      await core.syncNow();
      core.dispose();
      // The PC is restored from that copy: what it sent after the backup is on the hub only.
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${STORE_FILE}${suffix}`), { force: true });
      copyFileSync(copy, join(dataDir, STORE_FILE));
      core = open();
      const sent = await core.router.call('submitHelpRequest', helpRequest(`after the restore ${tag}`));
      expect(sent.ok).toBe(true);
      await core.syncNow();
      await core.syncNow();
      expect(core.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const onHub = await linked.pool.query<{ message: string }>(
        `SELECT payload->>'message' AS message FROM requests WHERE payload->>'message' LIKE $1 ORDER BY received_at`,
        [`% ${tag}`],
      );
      expect(onHub.rows.map((r) => r.message)).toEqual(
        ['before the backup', 'after the backup', 'after the restore'].map((m) => `${m} ${tag}`),
      );
      const [latest] = (await mine(core)).filter(
        (r) => r.reference === (sent as { value: { reference: string } }).value.reference,
      );
      expect(latest!.state).toBe('sent');
      expect(latest!.events.map((e) => [e.state, e.detail])).toEqual([
        ['saved', null],
        ['queued', 'hub-resent'],
        ['sent', 'hub-no-assistance'], // this test's hub has no assistance address to e-mail
      ]);
    } finally {
      core.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("a workstation whose clock is an hour off syncs all the same: the hub's clock is the clock", async () => {
    await linked.start();
    const ahead = testCore({ hub: { url: linked.url }, now: () => new Date(Date.now() + 3_600_000) });
    try {
      const sent = await ahead.router.call('submitCoforHelp', {
        companyName: 'Clock Parts',
        country: 'DE',
        address: 'Uhrstrasse 1, Zeitstadt',
        contactName: 'Jo Clock',
        email: 'jo@clock.example',
        phone: '+49 30 000000',
        message: 'Our clock is wrong, our COFOR too.',
        lang: 'en',
      });
      expect(sent.ok).toBe(true);
      const reference = (sent as { value: { reference: string } }).value.reference;
      await ahead.syncNow();
      expect(ahead.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const { rows } = await linked.pool.query<{ skew: number }>(
        'SELECT abs(extract(epoch FROM received_at - now())) AS skew FROM requests WHERE reference = $1',
        [reference],
      );
      expect(Number(rows[0]!.skew)).toBeLessThan(60); // received at the hub's time, not the workstation's
    } finally {
      ahead.dispose();
    }
  }, 60_000);

  it("a request the hub refuses is set aside with the hub's reason, and the next ones still leave", async () => {
    const supplier = testCore({ hub: { url: linked.url } });
    try {
      await linked.start();
      // Someone else's access request for A10001 cannot exist (its access is open): here the
      // workstation's own store is tampered with to queue one anyway.
      supplier.db
        .prepare(`INSERT INTO hub_queue (mutation_id, name, args, queued_at) VALUES (1, 'submitRequest', ?, ?)`)
        .run(
          JSON.stringify({
            reference: 'ACC-20261201-ZZZZZZ',
            kind: 'access-request',
            lang: 'en',
            payload: {
              cofor: 'A10001',
              legalRepresentative: person('Lea Legal', 'lea@sample.example'),
              plsa: person('Pat Plsa', 'pat@sample.example'),
              termsVersion: '2026-01',
              termsAccepted: true,
              samePersonConfirmed: false,
            },
          }),
          new Date().toISOString(),
        );
      const help = await supplier.router.call('submitHelpRequest', helpRequest('After the refused one.'));
      expect(help.ok).toBe(true);
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 1 });
      const refused = supplier.db.prepare(`SELECT result FROM hub_queue WHERE state = 'refused'`).get() as {
        result: string;
      };
      expect(JSON.parse(refused.result)).toMatchObject({
        ok: false,
        error: { fields: { cofor: 'access.already-open' } },
      });
      const onHub = await linked.pool.query(
        `SELECT count(*)::int AS n FROM requests WHERE payload->>'message' = 'After the refused one.'`,
      );
      expect(onHub.rows[0].n).toBe(1);
    } finally {
      supplier.dispose();
    }
  }, 60_000);
});
