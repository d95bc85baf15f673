// The privacy ledger ("What left this PC"), a person's data export, and erasure handled by the
// desk: real store, real SMTP server on loopback, and a hub over real HTTP for the syncs.
import { describe, expect, it } from 'vitest';
import type { LedgerEntryView } from '../../preload/contract/help';
import { registerDevice } from '../../main/hub/devices';
import { DEMO, deskSession, testCore, useRelay } from '../fixtures/core';
import { guidesFound } from '../fixtures/help-search';
import { noKeychain } from '../fixtures/keychain-available';
import { helpRequest, useLinkedHub } from '../fixtures/linked-hub';
import { loopbackSettings, startSmtp } from '../fixtures/smtp';

const linked = useLinkedHub();
type Core = ReturnType<typeof testCore>;
type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; fields?: object } };
const call = (core: Core, name: string, input: object) =>
  core.router.call(name as never, input as never) as Promise<Answer>;
const ledger = async (core: Core) =>
  ((await call(core, 'privacyLedger', {})) as unknown as { value: { entries: LedgerEntryView[] } }).value.entries;
const rita = (over: Record<string, unknown> = {}) => ({
  purpose: 'technical',
  message: 'The analysis shows nothing.',
  name: 'Rita Sousa',
  company: 'Lost Parts Lda',
  email: 'rita@lost-parts.example',
  phone: '+351 22 000 0000',
  lang: 'en',
  ...over,
});
const referenceOf = (r: Answer) => (r as unknown as { value: { reference: string } }).value.reference;

describe.skipIf(noKeychain)('privacy', () => {
  it('the ledger lists each e-mail that left, to whom (masked), with the kinds of personal data, never the data', async () => {
    const smtp = await startSmtp();
    const core = testCore();
    try {
      await useRelay(core, loopbackSettings(smtp.port));
      expect(await ledger(core)).toEqual([]);
      const sent = await call(core, 'submitHelpRequest', rita());
      expect(await ledger(core)).toEqual([]); // queued is not "left"
      await core.deliverNow();
      const [entry] = await ledger(core);
      expect(entry).toMatchObject({
        channel: 'e-mail',
        toAssistance: true,
        reference: referenceOf(sent),
        fields: ['name', 'email', 'phone'],
      });
      expect(JSON.stringify(await ledger(core))).not.toContain('rita');
    } finally {
      core.dispose();
      await smtp.stop();
    }
  });

  it('through the hub: each sync that left is listed with the hub it went to', async () => {
    await linked.start();
    const pc = testCore({ hub: { url: linked.url } });
    try {
      await call(pc, 'submitHelpRequest', helpRequest('What leaves this PC?'));
      await pc.syncNow();
      const entries = await ledger(pc);
      expect(entries.find((e) => e.channel === 'hub')).toMatchObject({
        to: new URL(linked.url).host,
        fields: ['name', 'email', 'phone'],
      });
    } finally {
      pc.dispose();
    }
  }, 60_000);

  it("a person exports what this workstation holds about them; an erasure request erases another request's personal data, audited", async () => {
    const core = testCore();
    try {
      const login = await call(core, 'login', {
        login: DEMO.user.login,
        password: DEMO.user.password,
        remember: false,
      });
      const session = (login as unknown as { value: { session: string } }).value.session;
      const mine = await call(core, 'submitHelpRequest', rita({ name: 'Dominique Test', email: DEMO.user.email }));
      const exported = (await call(core, 'exportMyData', { session })) as unknown as {
        value: { fileName: string; contentBase64: string };
      };
      expect(exported.value.fileName).toBe(`my-data-${DEMO.user.login}.json`);
      const data = JSON.parse(Buffer.from(exported.value.contentBase64, 'base64').toString()) as {
        account: { login: string; email: string };
        requests: Array<{ reference: string }>;
        accountEvents: Array<{ action: string }>;
      };
      expect(data.account).toMatchObject({ login: DEMO.user.login, email: DEMO.user.email });
      expect(data.requests.map((r) => r.reference)).toEqual([referenceOf(mine)]);
      expect(JSON.stringify(data)).not.toContain('camille'); // nobody else's data

      const earlier = await call(core, 'submitHelpRequest', rita());
      const erasure = await call(core, 'submitHelpRequest', rita({ purpose: 'erasure', message: 'Erase my data.' }));
      const agent = await deskSession(core);
      expect(await call(core, 'deskErasePerson', { session: agent, reference: referenceOf(earlier) })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      // Twice at once (two clicks, two agents): the first erases, the second finds nothing left.
      const twice = await Promise.all(
        [1, 2].map(() => call(core, 'deskErasePerson', { session: agent, reference: referenceOf(erasure) })),
      );
      expect(twice.map((r) => (r.ok ? r.value['requests'] : null)).sort()).toEqual([0, 1]);
      const after = (await call(core, 'deskRequest', {
        session: agent,
        reference: referenceOf(earlier),
      })) as unknown as {
        value: { fields: Array<{ name: string; value: string }> };
      };
      const value = (name: string) => after.value.fields.find((f) => f.name === name)?.value;
      expect([value('name'), value('email'), value('phone'), value('company')]).toEqual([
        '[erased]',
        '[erased]',
        '[erased]',
        'Lost Parts Lda',
      ]);
      const history = (await call(core, 'deskRequest', {
        session: agent,
        reference: referenceOf(erasure),
      })) as unknown as {
        value: { history: Array<{ what: string }> };
      };
      expect(history.value.history.map((h) => h.what)).toContain('desk-erased');
    } finally {
      core.dispose();
    }
  });
});

describe.skipIf(noKeychain)('erasure through the hub', () => {
  it("a linked desk's erasure is applied on the hub, and the copy on the supplier's PC follows", async () => {
    const { own, server, url } = await linked.own();
    const supplier = testCore({ hub: { url } });
    const desk = testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } });
    try {
      const earlier = referenceOf(await call(supplier, 'submitHelpRequest', rita()));
      const erasure = referenceOf(
        await call(supplier, 'submitHelpRequest', rita({ purpose: 'erasure', message: 'Erase me.' })),
      );
      await supplier.syncNow();
      await desk.syncNow();
      expect(
        await call(desk, 'deskErasePerson', { session: await deskSession(desk), reference: erasure }),
      ).toMatchObject({
        ok: true,
        value: { requests: 1 },
      });
      await desk.syncNow();
      const onHub = await own.query('SELECT payload FROM requests WHERE reference = $1', [earlier]);
      expect(onHub.rows[0].payload).toMatchObject({ name: '[erased]', email: '[erased]', phone: '[erased]' });
      const kept = await own.query('SELECT payload FROM requests WHERE reference = $1', [erasure]);
      expect(kept.rows[0].payload).toMatchObject({ email: 'rita@lost-parts.example' }); // the record of the request
      await supplier.syncNow();
      const copy = supplier.db
        .prepare('SELECT payload FROM submissions WHERE reference = ?')
        .pluck()
        .get(earlier) as string;
      expect(JSON.parse(copy)).toMatchObject({ name: '[erased]', email: '[erased]' });
      const audit = await own.query(`SELECT details FROM audit WHERE action = 'desk-erased'`);
      expect(audit.rows[0].details).toMatchObject({ reference: erasure, requests: 1 });
    } finally {
      supplier.dispose();
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});

describe.skipIf(noKeychain)('a person export on a linked workstation', () => {
  it("holds what the hub keeps about them (account, requests naming their e-mail), and nobody else's", async () => {
    const { server, url } = await linked.own();
    const pc = testCore({ hub: { url } });
    try {
      await call(pc, 'submitHelpRequest', rita({ name: 'Dominique Test', email: DEMO.user.email }));
      await call(pc, 'submitHelpRequest', rita());
      await pc.syncNow();
      const login = await call(pc, 'login', { login: DEMO.user.login, password: DEMO.user.password, remember: false });
      const session = (login as unknown as { value: { session: string } }).value.session;
      const exported = (await call(pc, 'exportMyData', { session })) as unknown as { value: { contentBase64: string } };
      const data = JSON.parse(Buffer.from(exported.value.contentBase64, 'base64').toString()) as {
        portalHub: {
          account: { login: string; lastLoginAt: string | null };
          requests: Array<{ payload: { email: string } }>;
          accountEvents: unknown[];
        };
      };
      expect(data.portalHub.account.login).toBe(DEMO.user.login);
      expect(data.portalHub.requests.map((r) => r.payload.email)).toEqual([DEMO.user.email]);
      expect(data.portalHub.account.lastLoginAt).not.toBeNull(); // the login just made, as the hub keeps it
      expect(JSON.stringify(data)).not.toContain('rita@');
    } finally {
      pc.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});

describe('the help topic', () => {
  it('explains the ledger, the export and erasure, in English and French', async () => {
    const core = testCore();
    try {
      for (const [query, lang] of [
        ['erasure', 'en'],
        ['effacement', 'fr'],
        ['What left this PC', 'en'],
      ] as const)
        expect(await guidesFound(core, query, lang)).toContain('read-more');
    } finally {
      core.dispose();
    }
  });
});
