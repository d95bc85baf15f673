// Workstations as replicas of a hub, over real HTTP and a real PostgreSQL: a supplier's request
// sent while the hub is down waits in the workstation's queue, leaves when the hub is back, and
// reaches a desk workstation's queue; the supplier's analysis follows the hub's truth.
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import type { RequestView } from '../../preload/contract/help';
import type { DeskTemplates } from '../../preload/contract/schemas/templates';
import type { SessionStart } from '../../preload/contract/accounts';
import { hashPasswordSync } from '../../main/secrets/password-hasher';
import { createDeskRepository } from '../../main/store/desk';
import { createHubAgent } from '../../main/hub/agents';
import { registerDevice } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubMailer, createSecretBox } from '../../main/hub/mail';
import { createHubServer } from '../../main/hub/server';
import { hubServices } from '../../main/hub/services';
import { SecretStoreUnavailable } from '../../main/secrets/secret-store';
import { DEMO, deskSession, TEST_AGENT, testClock, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { testAgentOnHub } from '../fixtures/hub-agent';
import { accessRequest } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';
import { freePort } from '../fixtures/ports';
import { png } from '../fixtures/files';
import { loopbackSettings, startSmtp } from '../fixtures/smtp';

let db: TestPostgres;
let pool: Pool;
let port: number;
let hubUrl: string;
let hub: Server | null = null;

async function startHub(): Promise<void> {
  hub = createHubServer({ pool });
  await new Promise<void>((done) => hub!.listen(port, '127.0.0.1', done));
}
async function stopHub(): Promise<void> {
  if (!hub) return; // never started (a single test run alone)
  await new Promise((done) => hub!.close(done));
  hub = null;
}

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool } = await db.newDatabase());
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  await testAgentOnHub(pool); // linked desks log their agents in through the hub
  port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
}, 60_000);
afterAll(async () => {
  await stopHub();
  await db?.stop();
});

/** A hub of the test's own (its own database, the demo directory, the test agent), on HTTP. */
async function ownHub(): Promise<{ own: Pool; server: Server; url: string }> {
  const { pool: own } = await db.newDatabase();
  await loadDemoDirectoryIfEmpty(own, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  await testAgentOnHub(own);
  const server = createHubServer({ pool: own });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { own, server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/** A Help & Contact request as the form sends it. */
const helpRequest = (message: string) => ({
  purpose: 'other',
  message,
  name: 'Jo',
  company: 'Jo Ltd',
  email: 'jo@jo.example',
  phone: '+44 20 0000 0000',
  lang: 'en',
});
const person = (fullName: string, email: string) => ({ fullName, jobTitle: 'Director', email, phone: '+49 30 000000' });

describe.skipIf(noKeychain)('workstations linked to a hub', () => {
  it("a supplier's access request sent while the hub is down reaches the desk's queue once it is back", async () => {
    const supplier = testCore({ hub: { url: hubUrl } });
    const { token: deskToken } = await registerDevice(pool, 'desk');
    const desk = testCore({ hub: { url: hubUrl, deskToken } });
    try {
      // The hub is down: the request is saved and queued on the supplier's PC, nothing is lost.
      const sent = await supplier.router.call('submitAccessRequest', accessRequest('A10002').args.payload);
      expect(sent.ok).toBe(true);
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ linked: true, online: false, pending: 1 });

      // The hub starts: the queue drains, and the desk's replica pulls the request.
      await startHub();
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      expect(supplier.syncStatus().lastSyncAt).not.toBeNull();
      const onHub = await pool.query('SELECT kind, cofor FROM requests WHERE reference = $1', [reference]);
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
    const { own, server, url } = await ownHub();
    const { token } = await registerDevice(own, 'desk');
    const supplier = testCore({ hub: { url } });
    const desk = testCore({ hub: { url, deskToken: token } });
    try {
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

  it("a PLSA's console on a linked workstation works on the hub: create, reset, unblock, deactivate, for their own company only", async () => {
    // A hub of this test's own: its accounts change.
    const { own, server, url } = await ownHub();
    const supplier = testCore({ hub: { url } });
    const other = testCore({ hub: { url } }); // a colleague's PC
    type Answer =
      { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; fields?: object } };
    const call = (core: typeof supplier, name: string, input: object) =>
      core.router.call(name as never, input as never) as Promise<Answer>;
    const logIn = async (core: typeof supplier, login: string, password: string) => {
      const r = await call(core, 'login', { login, password, remember: false });
      if (!r.ok) throw new Error(`login ${login}: ${r.error.code}`);
      return r.value as unknown as SessionStart;
    };
    try {
      const { session } = await logIn(supplier, DEMO.plsa.login, DEMO.plsa.password);
      const view = await call(supplier, 'consoleAccounts', { session });
      expect(view).toMatchObject({ ok: true, value: { cofor: 'A10001', throughHub: true } });
      const logins = (view as unknown as { value: { accounts: Array<{ login: string; lastLoginAt: string | null }> } })
        .value.accounts;
      expect(logins.find((a) => a.login === DEMO.plsa.login)!.lastLoginAt).not.toBeNull(); // the hub's own record

      // Two creations of one colleague at once: the first holds, the second is asked to confirm.
      const person = { session, fullName: 'Noor Haddad', email: 'noor.haddad@demo-forge.example', role: 'user' };
      const both = await Promise.all([
        call(supplier, 'createAccount', { ...person, confirmDuplicate: false }),
        call(supplier, 'createAccount', { ...person, confirmDuplicate: false }),
      ]);
      expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
      const issued = both.find((r) => r.ok)!.value as { login: string; temporaryPassword: string };
      const onHub = await own.query('SELECT cofor, role, password_hash FROM accounts WHERE login = $1', [issued.login]);
      expect(onHub.rows).toEqual([{ cofor: 'A10001', role: 'user', password_hash: null }]);
      // The new colleague logs in on their own PC with it, through the hub, and must change it.
      expect((await logIn(other, issued.login, issued.temporaryPassword)).mustChangePassword).toBe(true);

      // A reset gives a new temporary password and ends the colleague's sessions.
      const reset = await call(supplier, 'resetPassword', { session, login: issued.login });
      expect(reset.ok).toBe(true);
      const again = (reset as unknown as { value: { temporaryPassword: string } }).value.temporaryPassword;
      expect(again).not.toBe(issued.temporaryPassword);
      expect((await logIn(other, issued.login, again)).mustChangePassword).toBe(true);

      // Unblock: only a blocked account; then deactivate, never one's own.
      expect(await call(supplier, 'unblockAccount', { session, login: DEMO.user.login })).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: { login: 'account.not-blocked' } },
      });
      expect((await call(supplier, 'unblockAccount', { session, login: DEMO.blocked.login })).ok).toBe(true);
      expect((await logIn(other, DEMO.blocked.login, DEMO.blocked.password)).account.login).toBe(DEMO.blocked.login);
      expect(await call(supplier, 'deactivateAccount', { session, login: DEMO.plsa.login })).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: { login: 'account.self' } },
      });
      expect((await call(supplier, 'deactivateAccount', { session, login: issued.login })).ok).toBe(true);
      expect(await call(other, 'login', { login: issued.login, password: again, remember: false })).toMatchObject({
        ok: false,
        error: { code: 'invalid-credentials' },
      });

      // Another company's account does not "exist" for this PLSA; a user is not a PLSA.
      const { rows: elsewhere } = await own.query(`SELECT login FROM accounts WHERE cofor <> 'A10001' LIMIT 1`);
      if (elsewhere[0])
        expect(await call(supplier, 'resetPassword', { session, login: elsewhere[0].login })).toMatchObject({
          ok: false,
          error: { code: 'not-found', fields: { login: 'login.not-in-company' } },
        });
      const user = await logIn(other, DEMO.user.login, DEMO.user.password);
      expect(await call(other, 'consoleAccounts', { session: user.session })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });

      // The audit is the hub's, and desks learn the accounts' states from the company's record.
      const audit = await call(supplier, 'companyAudit', { session });
      const actions = (audit as unknown as { value: { entries: Array<{ action: string }> } }).value.entries.map(
        (e) => e.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining(['account-created', 'password-reset', 'account-unblocked', 'account-deactivated']),
      );
      const record = await own.query(`SELECT directory FROM companies WHERE cofor = 'A10001'`);
      const states = Object.fromEntries(
        (record.rows[0].directory.accounts as Array<{ login: string; state: string }>).map((a) => [a.login, a.state]),
      );
      expect(states).toMatchObject({ [issued.login]: 'deactivated', [DEMO.blocked.login]: 'active' });
      // A desk replica takes the hub's states over its own (its demo copy had V100003 blocked).
      const { token: deskToken } = await registerDevice(own, 'desk');
      const desk = testCore({ hub: { url, deskToken } });
      try {
        await desk.syncNow();
        const stateOf = (login: string) =>
          (desk.db.prepare('SELECT state FROM accounts WHERE login = ?').get(login) as { state: string }).state;
        expect([stateOf(DEMO.blocked.login), stateOf(issued.login)]).toEqual(['active', 'deactivated']);
      } finally {
        desk.dispose();
      }

      // The hub away: the console says it needs the hub, in its own words.
      await new Promise((done) => server.close(done));
      expect(await call(supplier, 'consoleAccounts', { session })).toMatchObject({
        ok: false,
        error: { code: 'needs-hub', fields: { _: 'console.needs-hub' } },
      });
    } finally {
      supplier.dispose();
      other.dispose();
      server.close();
    }
  }, 90_000);

  it('two enrolments saved at once leave one desk device whose token and id go together', async () => {
    if (!hub) await startHub();
    await createHubAgent(pool, {
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
        desk.router.call('saveHubSettings', { session, url: hubUrl, enrol }),
        desk.router.call('saveHubSettings', { session, url: hubUrl, enrol }),
      ]);
      expect(saved.map((r) => r.ok)).toEqual([true, true]);
      const deviceId = desk.db.prepare(`SELECT value FROM settings WHERE key = 'hub.deviceId'`).get() as {
        value: string;
      };
      const token = await desk.secrets.get('hub.deviceToken');
      const { rows } = await pool.query<{ kind: string }>(
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
    if (!hub) await startHub();
    const supplier = testCore({ hub: { url: hubUrl } });
    try {
      expect((await supplier.router.call('submitHelpRequest', helpRequest('sent once'))).ok).toBe(true);
      await Promise.all([supplier.syncNow(), supplier.syncNow(), supplier.router.call('syncNow', {})]);
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const onHub = await pool.query(`SELECT count(*)::int AS n FROM requests WHERE payload->>'message' = 'sent once'`);
      expect(onHub.rows[0].n).toBe(1);

      // Two agents save the same hub address at once: one link, nothing queued twice.
      const session = await deskSession(supplier);
      const saved = await Promise.all([
        supplier.router.call('saveHubSettings', { session, url: hubUrl }),
        supplier.router.call('saveHubSettings', { session, url: `${hubUrl}/` }),
      ]);
      expect(saved.map((r) => r.ok)).toEqual([true, true]);
      expect(supplier.syncStatus()).toMatchObject({ linked: true, hubUrl, pending: 0 });
      const done = supplier.db.prepare(`SELECT count(*) AS n FROM hub_queue WHERE state = 'done'`).get();
      expect(done).toEqual({ n: 1 });
    } finally {
      supplier.dispose();
    }
  }, 60_000);

  it('without a keychain for its device token, a workstation says so and keeps what waits', async () => {
    if (!hub) await startHub();
    const missing = () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service')));
    const secrets = { get: missing, set: missing, delete: missing, keys: missing };
    const supplier = testCore({ hub: { url: hubUrl }, secrets });
    try {
      expect((await supplier.router.call('submitHelpRequest', helpRequest('no keychain'))).ok).toBe(true);
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ needsKeychain: true, pending: 1 });
    } finally {
      supplier.dispose();
    }
  }, 60_000);

  it('moved to another hub, a workstation registers there and what waits is numbered from 1 again', async () => {
    if (!hub) await startHub();
    const first = testCore({ hub: { url: hubUrl } });
    const dataDir = first.dataDir;
    expect((await first.router.call('submitHelpRequest', helpRequest('to the first hub'))).ok).toBe(true);
    await first.syncNow();
    expect(first.syncStatus()).toMatchObject({ online: true, pending: 0 });
    first.close(); // the folder stays: the same workstation, restarted with another hub

    // The other hub, on a database of its own, is not up yet when the workstation restarts.
    const other = await db.newDatabase();
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
    if (!hub) await startHub();
    const restored = testCore({ hub: { url: hubUrl } });
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

  it("a workstation whose clock is an hour off syncs all the same: the hub's clock is the clock", async () => {
    if (!hub) await startHub();
    const ahead = testCore({ hub: { url: hubUrl }, now: () => new Date(Date.now() + 3_600_000) });
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
      const { rows } = await pool.query<{ skew: number }>(
        'SELECT abs(extract(epoch FROM received_at - now())) AS skew FROM requests WHERE reference = $1',
        [reference],
      );
      expect(Number(rows[0]!.skew)).toBeLessThan(60); // received at the hub's time, not the workstation's
    } finally {
      ahead.dispose();
    }
  }, 60_000);

  it("the hub e-mails a linked workstation's requests to the assistance, screenshot attached; My requests says it was received, or why the hub refused it", async () => {
    const { pool: own } = await db.newDatabase();
    await loadDemoDirectoryIfEmpty(own, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
    const box = createSecretBox(randomBytes(32));
    const services = hubServices({ box, assistanceAddress: 'assistance@b2b-portal.example' });
    const server = createHubServer({ pool: own, services });
    const ownPort = await freePort();
    await new Promise<void>((done) => server.listen(ownPort, '127.0.0.1', done));
    const smtp = await startSmtp();
    const [first, second] = [0, 1].map(() => testCore({ hub: { url: `http://127.0.0.1:${ownPort}` } }));
    try {
      // Both PCs ask for A10002's access before either has synced: the hub takes the first.
      const request = accessRequest('A10002').args.payload;
      expect((await first!.router.call('submitAccessRequest', request)).ok).toBe(true);
      expect((await second!.router.call('submitAccessRequest', request)).ok).toBe(true);
      const shot = png(40, 30);
      const help = await first!.router.call('submitHelpRequest', {
        ...helpRequest('The analysis shows nothing.'),
        screenshot: { fileName: 'problem.png', contentBase64: shot.toString('base64') },
      });
      expect(help.ok).toBe(true);
      // Linked: the workstation queues no e-mail of its own; the hub sends it.
      expect(first!.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      const mine = async (core: typeof first) =>
        ((await core!.router.call('myRequests', {})) as { value: { requests: RequestView[] } }).value.requests;
      expect((await mine(first)).map((r) => r.state)).toEqual(['saved', 'saved']);

      await first!.syncNow();
      await second!.syncNow();
      const events = (r: RequestView) => r.events.map((e) => [e.state, e.detail]);
      for (const r of await mine(first)) {
        expect(r.state).toBe('sent');
        expect(events(r)).toEqual([
          ['saved', null],
          ['sent', 'hub'],
        ]);
      }
      const [refused] = await mine(second);
      expect(refused!.state).toBe('failed');
      expect(events(refused!)).toEqual([
        ['saved', null],
        ['failed', 'hub-refused:access.already-requested'],
      ]);

      // The hub's mailer sends the two requests that it took, once each, the screenshot attached.
      const mailer = createHubMailer({ pool: own, box, settings: loopbackSettings(smtp.port) });
      expect(await mailer.deliverDue()).toBe(2);
      expect(await mailer.deliverDue()).toBe(0);
      mailer.stop();
      expect(smtp.received.map((r) => r.envelopeTo)).toEqual([
        ['assistance@b2b-portal.example'],
        ['assistance@b2b-portal.example'],
      ]);
      const access = smtp.received.find((r) => r.mail.subject?.includes('ACC-'))!.mail;
      expect(access.subject).toContain("Demande d'accès"); // in the language the request was typed in
      expect(access.text).toContain('Pat Plsa, Director');
      expect(access.html).toContain('<table');
      const helpMail = smtp.received.find((r) => r.mail.subject?.includes('HLP-'))!.mail;
      expect(helpMail.text).toContain('The analysis shows nothing.');
      expect(helpMail.attachments).toHaveLength(1);
      expect(helpMail.attachments[0]).toMatchObject({ filename: 'screenshot.png', contentType: 'image/png' });
      expect(Buffer.compare(helpMail.attachments[0]!.content, shot)).toBe(0);
      const kept = await own.query('SELECT count(*)::int AS n FROM outbox_attachments');
      expect(kept.rows[0].n).toBe(0); // sent: the request keeps its own copy
    } finally {
      first!.dispose();
      second!.dispose();
      await new Promise((done) => server.close(done));
      await smtp.stop();
    }
  }, 60_000);

  it("a linked desk logs its agents in through the hub, then offline for 12 hours after; a password changed there is the hub's", async () => {
    if (!hub) await startHub();
    const clock = testClock(new Date().toISOString());
    const { token: deskToken } = await registerDevice(pool, 'desk');
    const desk = testCore({ hub: { url: hubUrl, deskToken }, now: clock.now });
    const agent = { username: 'desk.offline', password: 'an agent passphrase on the hub' };
    const login = (password: string, username = agent.username) =>
      desk.router.call('login', { login: username, password, remember: false }) as Promise<
        { ok: true; value: SessionStart } | { ok: false; error: { code: string; message: string } }
      >;
    const code = (r: Awaited<ReturnType<typeof login>>) => (r.ok ? 'ok' : r.error.code);
    try {
      // An agent of this workstation only is not one of the hub's: refused, as a wrong password.
      createDeskRepository(desk.db).createAgent(
        {
          username: 'desk.local',
          fullName: 'Local Agent',
          email: 'local@assist.example',
          passwordHash: hashPasswordSync('a local agent passphrase here'),
          mustChange: false,
        },
        clock.now(),
      );
      expect(code(await login('a local agent passphrase here', 'desk.local'))).toBe('invalid-credentials');

      await testAgentOnHub(pool, agent);
      const online = await login(agent.password);
      expect(online.ok && online.value.account).toMatchObject({ login: agent.username, role: 'desk' });
      const audit = await pool.query(
        `SELECT count(*)::int AS n FROM audit WHERE action = 'desk-login' AND actor = $1`,
        [agent.username],
      );
      expect(audit.rows[0].n).toBe(1);

      // The hub is away: for 12 hours the agent logs in with the same password; any failure gets
      // the one answer, whether the agent exists or not.
      await stopHub();
      clock.advance(11 * 3_600_000);
      expect(code(await login(agent.password))).toBe('ok');
      expect(code(await login('not the password at all'))).toBe('needs-hub');
      expect(code(await login(agent.password, 'desk.nobody'))).toBe('needs-hub');
      clock.advance(2 * 3_600_000);
      expect(code(await login(agent.password))).toBe('needs-hub'); // 13 hours: the hub must vouch again

      // Back online: the password changed from the workstation is the hub's (the old one no
      // longer opens anywhere); two changes at once: one holds.
      await startHub();
      const started = await login(agent.password);
      if (!started.ok) throw new Error(started.error.message);
      const session = started.value.session;
      const change = (newPassword: string) =>
        desk.router.call('changePassword', { session, currentPassword: agent.password, newPassword, lang: 'en' });
      const both = await Promise.all([
        change('a brand new harbour passphrase'),
        change('another fresh lantern passphrase'),
      ]);
      expect(
        both.filter((r) => r.ok),
        JSON.stringify(both),
      ).toHaveLength(1);
      const kept = both[0]!.ok ? 'a brand new harbour passphrase' : 'another fresh lantern passphrase';
      expect(code(await login(agent.password))).toBe('invalid-credentials');
      expect(code(await login(kept))).toBe('ok');
      // Refused by the hub, the old password no longer opens offline either.
      await stopHub();
      expect(code(await login(agent.password))).toBe('needs-hub');
      expect(code(await login(kept))).toBe('ok');
    } finally {
      desk.dispose();
      if (!hub) await startHub();
    }
  }, 60_000);

  it('recovery on a linked workstation: queued while the hub is away, then acted on by the hub with the same rules and one answer', async () => {
    const { pool: own } = await db.newDatabase();
    await loadDemoDirectoryIfEmpty(own, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
    const box = createSecretBox(randomBytes(32));
    const services = hubServices({ box, assistanceAddress: 'assistance@b2b-portal.example' });
    const ownPort = await freePort();
    const supplier = testCore({ hub: { url: `http://127.0.0.1:${ownPort}` } });
    const smtp = await startSmtp();
    let server: Server | null = null;
    try {
      const ask = (name: string, input: object) => supplier.router.call(name as never, input as never);
      const answers = [
        // A PLSA who gives the COFOR gets a temporary password; a user does not (their PLSA does).
        await ask('forgotPassword', { login: DEMO.plsa.login, email: DEMO.plsa.email, cofor: 'A10001', lang: 'en' }),
        await ask('forgotPassword', { login: DEMO.user.login, email: DEMO.user.email, cofor: 'A10001', lang: 'en' }),
        // The logins of an e-mail, matched exactly (case included).
        await ask('forgotUsername', { email: DEMO.user.email, lang: 'fr' }),
        await ask('forgotUsername', { email: DEMO.user.email.toLowerCase(), lang: 'en' }),
        await ask('reportBlockedAccess', {
          login: DEMO.blocked.login,
          email: DEMO.blocked.email,
          message: 'Blocked since this morning.',
          lang: 'en',
        }),
        await ask('findPlsa', { loginOrCofor: 'A10001', email: DEMO.user.email, lang: 'en' }),
        await ask('findPlsa', { loginOrCofor: 'A10001', email: 'nobody@demo-forge.example', lang: 'en' }),
      ];
      expect(
        answers.every((a) => JSON.stringify(a) === JSON.stringify({ ok: true, value: { received: true } })),
        JSON.stringify(answers),
      ).toBe(true);
      await supplier.syncNow(); // the hub is away: all of it waits
      expect(supplier.syncStatus()).toMatchObject({ online: false, pending: answers.length });
      expect(supplier.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 }); // nothing from here

      server = createHubServer({ pool: own, services });
      await new Promise<void>((done) => server!.listen(ownPort, '127.0.0.1', done));
      await supplier.syncNow();
      expect(supplier.syncStatus()).toMatchObject({ online: true, pending: 0, refused: 0 });
      const results = supplier.db.prepare(`SELECT DISTINCT result FROM hub_queue WHERE name = 'recover'`).all();
      expect(results).toEqual([{ result: JSON.stringify({ ok: true, value: { received: true } }) }]); // one answer

      const mailer = createHubMailer({ pool: own, box, settings: loopbackSettings(smtp.port) });
      await mailer.deliverDue();
      mailer.stop();
      const to = smtp.received.map((r) => [r.envelopeTo.join(), r.mail.subject ?? '']).sort();
      expect(to.map(([address]) => address)).toEqual(
        [
          DEMO.plsa.email, // the temporary password
          DEMO.user.email, // the logins (French), then the PLSA list
          DEMO.user.email,
          DEMO.plsa.email, // the blocked access, to the PLSA and the assistance
          'assistance@b2b-portal.example',
        ].sort(),
      );
      const temporaryMail = smtp.received.find(
        (r) =>
          r.envelopeTo.includes(DEMO.plsa.email) &&
          /V100001/.test(r.mail.text ?? '') &&
          / {2}\S{20}$/m.test(r.mail.text ?? ''),
      )!;
      const temporary = /^\s+([A-Za-z0-9]{20})$/m.exec(temporaryMail.mail.text ?? '')![1]!;
      const login = await supplier.router.call('login', {
        login: DEMO.plsa.login,
        password: temporary,
        remember: false,
      });
      expect(login).toMatchObject({ ok: true, value: { mustChangePassword: true } });
      // The blocked account is still blocked: a request never changes an account.
      const state = () => own.query('SELECT state FROM accounts WHERE login = $1', [DEMO.blocked.login]);
      expect((await state()).rows[0].state).toBe('blocked');

      // The matched requests are in every desk's queue; an Unblock there is applied on the hub.
      await testAgentOnHub(own);
      const desk = testCore({
        hub: { url: `http://127.0.0.1:${ownPort}`, deskToken: (await registerDevice(own, 'desk')).token },
      });
      try {
        await desk.syncNow();
        const session = await deskSession(desk);
        const queue = (await desk.router.call('deskQueue', { session })) as {
          value: { items: Array<{ reference: string; kind: string }> };
        };
        const kinds = queue.value.items.map((i) => i.kind).filter((k) => k === 'blocked-access' || k === 'find-plsa');
        expect(kinds.sort()).toEqual(['blocked-access', 'find-plsa']); // the unmatched one is nowhere
        const report = queue.value.items.find((i) => i.kind === 'blocked-access')!.reference;
        const unblocked = await desk.router.call('deskDecide', {
          session,
          reference: report,
          decision: { kind: 'unblock' },
        });
        expect(unblocked.ok).toBe(true);
        await desk.syncNow();
        expect(desk.syncStatus()).toMatchObject({ pending: 0, refused: 0 });
        expect((await state()).rows[0].state).toBe('active');
        const answer = await own.query(`SELECT to_address FROM outbox WHERE kind = 'desk-unblocked'`);
        expect(answer.rows).toEqual([{ to_address: DEMO.blocked.email }]);
      } finally {
        desk.dispose();
      }
    } finally {
      supplier.dispose();
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
      await smtp.stop();
    }
  }, 60_000);

  it("a request moved in one desk's queue moves in the other's; once decided on the hub it stays done", async () => {
    if (!hub) await startHub();
    const supplier = testCore({ hub: { url: hubUrl } });
    const desks = [
      testCore({ hub: { url: hubUrl, deskToken: (await registerDevice(pool, 'desk')).token } }),
      testCore({ hub: { url: hubUrl, deskToken: (await registerDevice(pool, 'desk')).token } }),
    ];
    const [a, b] = desks as [(typeof desks)[0], (typeof desks)[0]];
    try {
      const sent = await supplier.router.call('submitHelpRequest', helpRequest('Where is my queue state?'));
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      await Promise.all([a.syncNow(), b.syncNow()]);
      const [sa, sb] = [await deskSession(a), await deskSession(b)];
      const itemOn = async (desk: typeof a, session: string) =>
        (
          (await desk.router.call('deskQueue', { session })) as {
            value: { items: Array<{ reference: string; deskState: string; assignee: string | null }> };
          }
        ).value.items.find((i) => i.reference === reference)!;

      const moved = await a.router.call('deskSetState', {
        session: sa,
        reference,
        state: 'in-progress',
        assignToMe: true,
      });
      expect(moved.ok).toBe(true);
      await a.syncNow();
      await b.syncNow();
      expect(await itemOn(b, sb)).toMatchObject({ deskState: 'in-progress', assignee: TEST_AGENT.username });

      // B answers; A, not synced yet, moves it back to waiting: the hub keeps it done, and A follows.
      const answered = await b.router.call('deskDecide', {
        session: sb,
        reference,
        decision: { kind: 'answer', message: 'The analysis needs the COFOR of your head office.' },
      });
      expect(answered.ok).toBe(true);
      await b.syncNow();
      expect(
        (await a.router.call('deskSetState', { session: sa, reference, state: 'waiting-supplier', assignToMe: false }))
          .ok,
      ).toBe(true);
      await a.syncNow();
      expect(await itemOn(a, sa)).toMatchObject({ deskState: 'done' });
      expect(a.syncStatus().refused).toBe(0); // nothing to explain: the decision shows
      const onHub = await pool.query('SELECT desk_state, decision FROM requests WHERE reference = $1', [reference]);
      expect(onHub.rows[0]).toEqual({ desk_state: 'done', decision: 'answered' });
    } finally {
      supplier.dispose();
      for (const desk of desks) desk.dispose();
    }
  }, 60_000);

  it("the desks' answer templates are one set: saved on one desk, they reach the others through the hub", async () => {
    if (!hub) await startHub();
    const desks = [
      testCore({ hub: { url: hubUrl, deskToken: (await registerDevice(pool, 'desk')).token } }),
      testCore({ hub: { url: hubUrl, deskToken: (await registerDevice(pool, 'desk')).token } }),
    ];
    const [a, b] = desks as [(typeof desks)[0], (typeof desks)[0]];
    try {
      const [sa, sb] = [await deskSession(a), await deskSession(b)];
      const read = async (desk: typeof a, session: string) =>
        ((await desk.router.call('deskTemplates', { session })) as { value: DeskTemplates }).value;
      const templates = await read(a, sa);
      const edited: DeskTemplates = {
        ...templates,
        'cofor-found': {
          ...templates['cofor-found'],
          en: { ...templates['cofor-found'].en, subject: 'Your COFOR, from the portal assistance ({reference})' },
        },
      };
      expect((await a.router.call('saveDeskTemplates', { session: sa, templates: edited })).ok).toBe(true);
      await a.syncNow();
      await b.syncNow();
      expect((await read(b, sb))['cofor-found'].en.subject).toBe(
        'Your COFOR, from the portal assistance ({reference})',
      );
      const onHub = await pool.query(`SELECT updated_by FROM desk_settings WHERE key = 'templates'`);
      expect(onHub.rows).toEqual([{ updated_by: TEST_AGENT.username }]);
      // What would change this desk's copy only is refused, in words: the hub holds the directory.
      expect(await a.router.call('deskImportStart', { session: sa, format: 'csv' })).toMatchObject({
        ok: false,
        error: { code: 'needs-hub', fields: { _: 'desk.hub-directory' } },
      });
    } finally {
      for (const desk of desks) desk.dispose();
    }
  }, 60_000);

  it('a PLSA replaced on a linked desk is replaced on the hub, which makes the new login and e-mails its password', async () => {
    const { own, server, url } = await ownHub();
    const desk = testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } });
    try {
      await desk.syncNow();
      const session = await deskSession(desk);
      const replace = { session, cofor: 'A10001', oldLogin: DEMO.plsa.login, fullName: 'Nia New', lang: 'en' };
      const both = await Promise.all([
        desk.router.call('deskReplacePlsa', { ...replace, email: 'nia@demo-forge.example' }),
        desk.router.call('deskReplacePlsa', { ...replace, email: 'nia.again@demo-forge.example' }),
      ]);
      expect(both.map((r) => r.ok).sort()).toEqual([false, true]); // one replacement per PLSA
      expect(both.find((r) => r.ok)).toMatchObject({ ok: true, value: { viaHub: true } });
      await desk.syncNow();
      expect(desk.syncStatus()).toMatchObject({ pending: 0, refused: 0 });
      const accounts = await own.query<{ login: string; state: string; email: string }>(
        `SELECT login, state, email FROM accounts WHERE cofor = 'A10001' AND role = 'plsa' ORDER BY created_at`,
      );
      expect(accounts.rows.map((a) => [a.state, a.email])).toEqual([
        ['deactivated', DEMO.plsa.email],
        ['active', 'nia@demo-forge.example'],
      ]);
      const sealed = await own.query(
        `SELECT to_address, secret IS NOT NULL AS sealed FROM outbox WHERE kind = 'temporary-password'`,
      );
      expect(sealed.rows).toEqual([{ to_address: 'nia@demo-forge.example', sealed: true }]);
      // The desk's copy follows: the new PLSA is in the company's panel, the old one deactivated.
      const local = desk.db
        .prepare(
          `SELECT a.login, a.state FROM accounts a JOIN companies c ON c.id = a.company_id WHERE c.cofor = 'A10001' AND a.role = 'plsa' ORDER BY a.login`,
        )
        .all();
      expect(local).toEqual(
        expect.arrayContaining([
          { login: DEMO.plsa.login, state: 'deactivated' },
          { login: accounts.rows[1]!.login, state: 'active' },
        ]),
      );
    } finally {
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);

  it("a request the hub refuses is set aside with the hub's reason, and the next ones still leave", async () => {
    const supplier = testCore({ hub: { url: hubUrl } });
    try {
      if (!hub) await startHub();
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
      const onHub = await pool.query(
        `SELECT count(*)::int AS n FROM requests WHERE payload->>'message' = 'After the refused one.'`,
      );
      expect(onHub.rows[0].n).toBe(1);
    } finally {
      supplier.dispose();
    }
  }, 60_000);
});
