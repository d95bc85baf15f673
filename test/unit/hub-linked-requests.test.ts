// Requests on workstations linked to a hub, over real HTTP and a real PostgreSQL: the hub
// e-mails them to the assistance, recovery goes through it, and desks share one queue and one
// set of templates.
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../preload/contract/help';
import type { DeskTemplates } from '../../preload/contract/schemas/templates';
import { registerDevice } from '../../main/hub/devices';
import { createHubMailer, createSecretBox } from '../../main/hub/mail';
import { createHubServer } from '../../main/hub/server';
import { hubServices } from '../../main/hub/services';
import { DEMO, deskSession, TEST_AGENT, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { accessRequest } from '../fixtures/hub-mutations';
import { helpRequest, useLinkedHub } from '../fixtures/linked-hub';
import { freePort } from '../fixtures/ports';
import { png } from '../fixtures/files';
import { loopbackSettings, startSmtp } from '../fixtures/smtp';

const linked = useLinkedHub();

describe.skipIf(noKeychain)('requests through the hub', () => {
  it("the hub e-mails a linked workstation's requests to the assistance, screenshot attached; My requests says it was received, or why the hub refused it", async () => {
    const box = createSecretBox(randomBytes(32));
    const services = hubServices({ box, assistanceAddress: 'assistance@b2b-portal.example' });
    const { own, server, url } = await linked.own(services);
    const smtp = await startSmtp();
    const [first, second] = [0, 1].map(() => testCore({ hub: { url } }));
    try {
      // Each PC's first sync brings the hub's directory (a linked PC has none of its own); then
      // both ask for A10002's access before either syncs again: the hub takes the first.
      await first!.syncNow();
      await second!.syncNow();
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

  it('recovery on a linked workstation: queued while the hub is away, then acted on by the hub with the same rules and one answer', async () => {
    const own = await linked.ownDatabase();
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
    await linked.start();
    const supplier = testCore({ hub: { url: linked.url } });
    const desks = [
      testCore({ hub: { url: linked.url, deskToken: (await registerDevice(linked.pool, 'desk')).token } }),
      testCore({ hub: { url: linked.url, deskToken: (await registerDevice(linked.pool, 'desk')).token } }),
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
      const onHub = await linked.pool.query('SELECT desk_state, decision FROM requests WHERE reference = $1', [
        reference,
      ]);
      expect(onHub.rows[0]).toEqual({ desk_state: 'done', decision: 'answered' });
    } finally {
      supplier.dispose();
      for (const desk of desks) desk.dispose();
    }
  }, 60_000);

  it("the desks' answer templates are one set: saved on one desk, they reach the others through the hub", async () => {
    await linked.start();
    const desks = [
      testCore({ hub: { url: linked.url, deskToken: (await registerDevice(linked.pool, 'desk')).token } }),
      testCore({ hub: { url: linked.url, deskToken: (await registerDevice(linked.pool, 'desk')).token } }),
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
      const onHub = await linked.pool.query(`SELECT updated_by FROM desk_settings WHERE key = 'templates'`);
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
});
