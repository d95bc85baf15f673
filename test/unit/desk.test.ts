// The support desk through the real router and store: who may use it, and each decision's state
// change, audit entry and answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { hashPasswordSync } from '../../main/secrets/password-hasher';
import { createDeskRepository } from '../../main/store/desk';
import { DEMO, testCore } from '../fixtures/core';

const AGENT = { username: 'desk.ana', password: 'orange kettle mountain river' };
let core: ReturnType<typeof testCore>;
let desk: string;
const call = (method: string, payload: unknown) => core.router.call(method, payload);
const value = <T>(r: unknown) => (r as { value: T }).value;

beforeEach(async () => {
  core = testCore();
  createDeskRepository(core.db).createAgent(
    {
      username: AGENT.username,
      fullName: 'Ana Desk',
      email: 'ana@assist.example',
      passwordHash: hashPasswordSync(AGENT.password),
      mustChange: false,
    },
    new Date(),
  );
  desk = value<{ session: string }>(
    await call('login', { login: 'Desk.Ana', password: AGENT.password, remember: false }),
  ).session;
});
afterEach(() => core.dispose());

const outbox = (kind: string) =>
  core.db
    .prepare(
      'SELECT to_address AS "to", subject, body_text AS body, secret_ref AS secretRef FROM outbox WHERE kind = ?',
    )
    .all(kind) as Array<{ to: string; subject: string; body: string; secretRef: string | null }>;
const audit = (action: string) =>
  core.db.prepare('SELECT actor, details FROM audit_log WHERE action = ?').all(action) as Array<{
    actor: string;
    details: string;
  }>;

async function submitCoforHelp(): Promise<string> {
  const r = await call('submitCoforHelp', {
    companyName: 'Sample Plastics',
    country: 'DE',
    address: 'Beispielstrasse 2, Musterstadt',
    contactName: 'Jo',
    email: 'jo@sample.example',
    phone: '+49 30 000000',
    message: 'Our COFOR?',
    lang: 'fr',
  });
  return value<{ reference: string }>(r).reference;
}

describe('desk access', () => {
  it('logs an agent in like everyone else, with the desk role', async () => {
    expect(await call('login', { login: 'desk.ana', password: AGENT.password, remember: false })).toMatchObject({
      ok: true,
      value: { account: { login: 'desk.ana', role: 'desk' } },
    });
    expect(await call('login', { login: 'desk.ana', password: 'wrong password here', remember: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid-credentials' },
    });
    expect(
      await call('login', { login: 'desk.nobody', password: 'wrong password here', remember: false }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-credentials' } });
  });

  it('refuses every desk channel to a supplier, PLSA included, in the engine', async () => {
    const plsa = value<{ session: string }>(
      await call('login', { login: DEMO.plsa.login, password: DEMO.plsa.password, remember: false }),
    ).session;
    for (const [method, payload] of [
      ['deskQueue', { session: plsa }],
      ['deskRequest', { session: plsa, reference: 'X' }],
      ['deskSearchCompanies', { session: plsa, query: 'demo' }],
      ['deskDecide', { session: plsa, reference: 'X', decision: { kind: 'answer', message: 'hi' } }],
      ['deskImportStart', { session: plsa, format: 'jsonl' }],
      ['deskExport', { session: plsa, format: 'csv' }],
      ['createDeskAgent', { session: plsa, username: 'desk.eve', fullName: 'Eve', email: 'eve@x.example' }],
    ] as const) {
      expect(await call(method, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // and a desk session is no supplier session: signed in, but not for this
    expect(await call('privateArea', { session: desk })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the queue', () => {
  it('lists every request with its state and counts, oldest first, and records state changes', async () => {
    const ref = await submitCoforHelp();
    const queue = value<{
      items: Array<{ reference: string; kind: string; deskState: string; requester: string }>;
      counts: Record<string, number>;
    }>(await call('deskQueue', { session: desk }));
    // The demo's own request (A10003's access request, 5 days old) comes first, then this one.
    expect(queue.items).toMatchObject([
      {
        kind: 'access-request',
        cofor: 'A10003',
        deskState: 'new',
        requester: 'Rui Placeholder <rui.placeholder@placeholder-wiring.example>',
      },
      { reference: ref, kind: 'cofor-help', deskState: 'new', requester: 'Jo <jo@sample.example>' },
    ]);
    expect(queue.counts).toEqual({ new: 2, 'in-progress': 0, 'waiting-supplier': 0, done: 0 });
    await call('deskSetState', { session: desk, reference: ref, state: 'in-progress', assignToMe: true });
    expect(
      value<{ items: Array<{ assignee: string }> }>(await call('deskQueue', { session: desk, state: 'in-progress' }))
        .items,
    ).toMatchObject([{ assignee: 'desk.ana' }]);
    expect(JSON.parse(audit('desk-state')[0]!.details)).toMatchObject({
      reference: ref,
      before: { state: 'new' },
      after: { state: 'in-progress', assignee: 'desk.ana' },
    });
  });
});

describe('decisions', () => {
  it("answers an unknown-COFOR request with the COFOR found, in the supplier's language", async () => {
    const ref = await submitCoforHelp();
    const hits = value<{ hits: Array<{ cofor: string }> }>(
      await call('deskSearchCompanies', { session: desk, query: 'Sampel Plastics' }),
    ).hits;
    expect(hits[0]!.cofor).toBe('A10002');
    expect(
      await call('deskDecide', { session: desk, reference: ref, decision: { kind: 'answer-cofor', cofor: 'A10002' } }),
    ).toMatchObject({ ok: true, value: { cofor: 'A10002' } });
    expect(outbox('desk-cofor-found')).toEqual([
      {
        to: 'jo@sample.example',
        subject: `[${ref}] Le COFOR de votre entreprise`,
        body: expect.stringContaining('A10002'),
        secretRef: null,
      },
    ]);
    const detail = value<{
      deskState: string;
      history: Array<{ what: string; who: string | null }>;
      company: { cofor: string } | null;
    }>(await call('deskRequest', { session: desk, reference: ref }));
    expect(detail.deskState).toBe('done');
    expect(detail.history.map((h) => h.what)).toEqual(
      expect.arrayContaining(['saved', 'queued', 'answered', 'desk-answered-cofor']),
    );
    // The request's company panel now shows the company found, not the one the sender named.
    expect(detail.company).toMatchObject({ cofor: 'A10002' });
  });

  it('references a Supplier Database file under a new, unique COFOR', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
    const ref = value<{ reference: string }>(
      await call('submitCompanyFile', {
        duns: '123456789',
        legalName: 'New Co',
        registrationNumber: 'R1',
        taxNumber: 'T1',
        street: '1 St',
        postalCode: '1000',
        city: 'Town',
        country: 'FR',
        contactEmail: 'c@new.example',
        document: { fileName: 'k.pdf', contentBase64: pdf },
      }),
    ).reference;
    const result = value<{ cofor: string }>(
      await call('deskDecide', { session: desk, reference: ref, decision: { kind: 'reference-file' } }),
    );
    expect(result.cofor).toMatch(/^[A-Z2-9]{6}$/);
    expect(await call('analyze', { cofor: result.cofor })).toMatchObject({
      ok: true,
      value: { situation: 'not-requested', companyName: 'New Co' },
    });
    expect(outbox('desk-file-referenced')[0]).toMatchObject({
      to: 'c@new.example',
      subject: expect.stringContaining(result.cofor),
    });
    expect(
      await call('deskDecide', { session: desk, reference: ref, decision: { kind: 'validate-access' } }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it.skipIf(noKeychain)(
    'validates an access request: access opens, a PLSA account gets a temporary password by e-mail only',
    async () => {
      const person = (n: string, e: string) => ({ fullName: n, jobTitle: 'Boss', email: e, phone: '+49 30 000000' });
      const ref = value<{ reference: string }>(
        await call('submitAccessRequest', {
          cofor: 'A10002',
          legalRepresentative: person('Lea Legal', 'lea@sample.example'),
          plsa: person('Pat Plsa', 'pat@sample.example'),
          termsVersion: '2026-01',
          termsAccepted: true,
          samePersonConfirmed: false,
        }),
      ).reference;
      const decided = value<{ logins: string[] }>(
        await call('deskDecide', { session: desk, reference: ref, decision: { kind: 'validate-access' } }),
      );
      expect(decided.logins).toHaveLength(1);
      expect(await call('analyze', { cofor: 'A10002' })).toMatchObject({ ok: true, value: { situation: 'open' } });
      const [mail] = outbox('temporary-password');
      expect(mail).toMatchObject({ to: 'pat@sample.example', body: expect.stringContaining('{{secret}}') });
      const temporary = await core.secrets.get(mail!.secretRef!);
      expect(await call('login', { login: decided.logins[0], password: temporary, remember: false })).toMatchObject({
        ok: true,
        value: { mustChangePassword: true },
      });
      expect(outbox('desk-access-validated')[0]).toMatchObject({ to: 'lea@sample.example' });
      expect(JSON.parse(audit('desk-validated-access')[0]!.details)).toMatchObject({
        before: { access: 'requested' },
        after: { access: 'open' },
      });
    },
  );

  it('rejects an access request with a reason: the company may ask again', async () => {
    const person = (n: string, e: string) => ({ fullName: n, jobTitle: 'Boss', email: e, phone: '+49 30 000000' });
    const ref = value<{ reference: string }>(
      await call('submitAccessRequest', {
        cofor: 'A10002',
        legalRepresentative: person('Lea Legal', 'lea@sample.example'),
        plsa: person('Pat Plsa', 'pat@sample.example'),
        termsVersion: '2026-01',
        termsAccepted: true,
        samePersonConfirmed: false,
      }),
    ).reference;
    await call('deskDecide', {
      session: desk,
      reference: ref,
      decision: { kind: 'reject-access', reason: 'The legal representative is not the one registered.' },
    });
    expect(await call('analyze', { cofor: 'A10002' })).toMatchObject({
      ok: true,
      value: { situation: 'not-requested' },
    });
    expect(outbox('desk-access-rejected')[0]!.body).toContain('not the one registered');
  });

  it('unblocks from a blocked-access report, and replaces a PLSA who left', async () => {
    await call('reportBlockedAccess', {
      login: DEMO.blocked.login,
      email: DEMO.blocked.email,
      message: 'Locked out',
      lang: 'en',
    });
    const item = value<{ items: Array<{ reference: string; kind: string }> }>(
      await call('deskQueue', { session: desk, kind: 'blocked-access' }),
    ).items[0]!;
    await call('deskDecide', { session: desk, reference: item.reference, decision: { kind: 'unblock' } });
    expect(
      (await call('login', { login: DEMO.blocked.login, password: DEMO.blocked.password, remember: false })).ok,
    ).toBe(true);

    const replaced = value<{ login: string }>(
      await call('deskReplacePlsa', {
        session: desk,
        cofor: 'A10001',
        oldLogin: 'V100001',
        fullName: 'New Plsa',
        email: 'new.plsa@demo-forge.example',
        lang: 'en',
      }),
    );
    expect(replaced.login).toMatch(/^V\d{6}$/);
    expect(core.db.prepare("SELECT state FROM accounts WHERE login = 'V100001'").pluck().get()).toBe('deactivated');
    expect(audit('desk-plsa-replaced')).toHaveLength(1);
  });

  it('lets an agent create another, with a temporary password to change at first login', async () => {
    const created = value<{ temporaryPassword: string }>(
      await call('createDeskAgent', {
        session: desk,
        username: 'desk.bob',
        fullName: 'Bob',
        email: 'bob@assist.example',
      }),
    );
    const bob = await call('login', { login: 'desk.bob', password: created.temporaryPassword, remember: false });
    expect(bob).toMatchObject({ ok: true, value: { mustChangePassword: true } });
    const session = value<{ session: string }>(bob).session;
    expect(await call('deskQueue', { session })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await call('changePassword', {
        session,
        currentPassword: '',
        newPassword: 'violin harbor sandwich gold',
        lang: 'en',
      }),
    ).toMatchObject({ ok: true });
    expect((await call('deskQueue', { session })).ok).toBe(true);
  });
});

describe('templates and the other requests', () => {
  it('answers with the template as the desk edited it', async () => {
    const templates = value<Record<string, Record<string, { subject: string; body: string }>>>(
      await call('deskTemplates', { session: desk }),
    );
    templates['answer']!['en'] = { subject: '[{reference}] Edited answer', body: 'Edited: {message}' };
    expect((await call('saveDeskTemplates', { session: desk, templates })).ok).toBe(true);
    const ref = value<{ reference: string }>(
      await call('submitHelpRequest', {
        purpose: 'other',
        message: 'Q?',
        name: 'Kim',
        company: 'K Co',
        email: 'kim@k.example',
        phone: '+33 1 00 00 00 00',
        lang: 'en',
      }),
    ).reference;
    expect(
      value<{ items: Array<{ companyName: string | null }> }>(await call('deskQueue', { session: desk, kind: 'help' }))
        .items[0]!.companyName,
    ).toBe('K Co');
    await call('deskDecide', {
      session: desk,
      reference: ref,
      decision: { kind: 'answer', message: 'Here is the answer.' },
    });
    expect(outbox('desk-answer')).toEqual([
      { to: 'kim@k.example', subject: `[${ref}] Edited answer`, body: 'Edited: Here is the answer.', secretRef: null },
    ]);
    expect(
      await call('saveDeskTemplates', { session: desk, templates: { answer: templates['answer'] } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('declines a Supplier Database file with the reason', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
    const ref = value<{ reference: string }>(
      await call('submitCompanyFile', {
        duns: '223456789',
        legalName: 'Odd Co',
        registrationNumber: 'R',
        taxNumber: 'T',
        street: 'S',
        postalCode: 'P',
        city: 'C',
        country: 'FR',
        contactEmail: 'odd@co.example',
        document: { fileName: 'k.pdf', contentBase64: pdf },
      }),
    ).reference;
    await call('deskDecide', {
      session: desk,
      reference: ref,
      decision: { kind: 'decline-file', reason: 'The extract is older than 3 months.' },
    });
    expect(outbox('desk-file-declined')[0]).toMatchObject({
      to: 'odd@co.example',
      body: expect.stringContaining('older than 3 months'),
    });
    expect(JSON.parse(audit('desk-decline-file')[0]!.details)).toMatchObject({
      reference: ref,
      after: { state: 'done' },
    });
  });

  it('puts a matched find-my-PLSA request in the queue, not an unmatched one, and never in My requests', async () => {
    await call('findPlsa', { loginOrCofor: DEMO.user.login, email: DEMO.user.email, lang: 'en' });
    await call('findPlsa', { loginOrCofor: 'V999999', email: DEMO.user.email, lang: 'en' });
    const items = value<{ items: Array<{ kind: string }> }>(
      await call('deskQueue', { session: desk, kind: 'find-plsa' }),
    ).items;
    expect(items).toHaveLength(1);
    expect(value<{ requests: unknown[] }>(await call('myRequests', {})).requests).toEqual([]);
  });
});

describe('search after changes', () => {
  it('finds a company imported or referenced after the first search, once', async () => {
    await call('deskSearchCompanies', { session: desk, query: 'demo' }); // the index is built here
    const line = JSON.stringify({
      cofor: 'B40001',
      legalName: 'Quartz Glassworks',
      status: 'active',
      access: 'open',
      city: 'Verreville',
    });
    for (let twice = 0; twice < 2; twice++) {
      const { importId } = value<{ importId: string }>(
        await call('deskImportStart', { session: desk, format: 'jsonl' }),
      );
      await call('deskImportChunk', { session: desk, importId, seq: 0, content: line, last: true });
    }
    const hits = value<{ hits: Array<{ cofor: string }> }>(
      await call('deskSearchCompanies', { session: desk, query: 'Quartz Glasworks' }),
    ).hits;
    expect(hits.filter((h) => h.cofor === 'B40001')).toHaveLength(1);
  });
});
