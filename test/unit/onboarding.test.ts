// The onboarding channels through the real router, engine and SQLite store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessRequestInput, CompanyFileInput } from '../../preload/contract/dto';
import { listMutations } from '../../main/store/mutations';
import { DEMO, testClock, testCore } from '../fixtures/core';
import { HOSTILE_FILES, pdf, png } from '../fixtures/files';

let core: ReturnType<typeof testCore>;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

const call = (method: string, payload: unknown) => core.router.call(method, payload);

const companyFile = (over: Partial<CompanyFileInput> = {}): CompanyFileInput => ({
  duns: '12-345-6789',
  legalName: 'New Supplier SARL',
  registrationNumber: 'RCS 123',
  taxNumber: 'FR123',
  street: '1 rue Neuve',
  postalCode: '75001',
  city: 'Paris',
  country: 'fr',
  contactEmail: 'contact@new-supplier.example',
  document: { fileName: 'kbis.pdf', contentBase64: pdf().toString('base64') },
  ...over,
});

const person = (name: string, email: string) => ({
  fullName: name,
  jobTitle: 'Director',
  email,
  phone: '+33 1 23 45 67 89',
});
const accessRequest = (over: Partial<AccessRequestInput> = {}): AccessRequestInput => ({
  cofor: 'a10002',
  legalRepresentative: person('Ana Legal', 'ana@sample.example'),
  plsa: person('Paul Admin', 'paul@sample.example'),
  termsVersion: '2026-01',
  termsAccepted: true,
  samePersonConfirmed: false,
  ...over,
});

describe('Supplier Database file', () => {
  it('is stored with its document, under a reference', async () => {
    const result = await call('submitCompanyFile', companyFile());
    expect(result).toMatchObject({
      ok: true,
      value: { reference: expect.stringMatching(/^SDB-\d{8}-[2-9A-HJ-NP-Z]{6}$/) },
    });
    const doc = core.db.prepare('SELECT media_type AS type, content FROM documents').get() as {
      type: string;
      content: Buffer;
    };
    expect(doc.type).toBe('application/pdf');
    expect(Buffer.compare(doc.content, pdf())).toBe(0);
    const file = core.db.prepare('SELECT duns FROM supplier_files').get() as { duns: string };
    expect(file.duns).toBe('123456789');
  });

  it('refuses a second file for the same DUNS, and a DUNS already in the directory', async () => {
    expect((await call('submitCompanyFile', companyFile())).ok).toBe(true);
    const again = await call('submitCompanyFile', companyFile({ contactEmail: 'other@x.example' }));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', fields: { duns: 'duns.taken' } } });
    const demo = await call('submitCompanyFile', companyFile({ duns: '900000002', contactEmail: 'y@x.example' }));
    expect(demo).toMatchObject({ ok: false, error: { code: 'conflict', fields: { duns: 'duns.taken' } } });
  });

  it('refuses a contact e-mail that already identifies a file ("e-mail already exists")', async () => {
    await call('submitCompanyFile', companyFile());
    const again = await call(
      'submitCompanyFile',
      companyFile({ duns: '987654321', contactEmail: 'CONTACT@new-supplier.example' }),
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', fields: { contactEmail: 'email.taken' } } });
  });

  it('refuses a document that is not what it claims, and stores nothing', async () => {
    const exe = HOSTILE_FILES.find((f) => f.reason === 'document.type')!;
    const result = await call(
      'submitCompanyFile',
      companyFile({ document: { fileName: 'kbis.pdf', contentBase64: exe.bytes.toString('base64') } }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { document: 'document.type' } },
    });
    // Only the demo's own request (A10003's access request) is there.
    expect(core.db.prepare('SELECT kind FROM submissions').pluck().all()).toEqual(['access-request']);
  });

  it('accepts a PNG scan', async () => {
    const result = await call(
      'submitCompanyFile',
      companyFile({ document: { fileName: 'scan.png', contentBase64: png().toString('base64') } }),
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    [{ duns: '1234' }, 'duns', 'duns.format'],
    [{ duns: '' }, 'duns', 'required'],
    [{ legalName: '   ' }, 'legalName', 'required'],
    [{ legalName: 'x'.repeat(121) }, 'legalName', 'too-long'],
    [{ country: 'France' }, 'country', 'country.format'],
    [{ contactEmail: 'not-an-email' }, 'contactEmail', 'email.format'],
    [{ document: { fileName: 'a.pdf', contentBase64: '%%%' } }, 'document.contentBase64', 'document.corrupt'],
    [{ document: { fileName: 'a.pdf', contentBase64: '' } }, 'document.contentBase64', 'document.empty'],
    [{ extra: 'x' }, 'extra', 'unknown-field'],
  ])('explains bad input %j', async (over, field, key) => {
    const result = await call('submitCompanyFile', { ...companyFile(), ...over });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { [field]: key } } });
  });
});

describe('I do not know my company COFOR', () => {
  const help = {
    companyName: 'Lost Co',
    country: 'PT',
    address: 'Rua 1, Lisboa',
    contactName: 'Rita',
    email: 'rita@lost.example',
    phone: '+351 21 000 0000',
    message: 'What is our COFOR?',
  };

  it('is stored under a COF reference, with an optional DUNS or tax number', async () => {
    expect(await call('submitCoforHelp', help)).toMatchObject({
      ok: true,
      value: { reference: expect.stringMatching(/^COF-/) },
    });
    expect(await call('submitCoforHelp', { ...help, dunsOrTaxNumber: 'PT123' })).toMatchObject({ ok: true });
  });

  it.each([
    [{ phone: 'call me' }, 'phone', 'phone.format'],
    [{ message: '' }, 'message', 'required'],
    [{ message: 'x'.repeat(4001) }, 'message', 'too-long'],
    [{ email: 'rita@' }, 'email', 'email.format'],
    [{ companyName: 42 }, 'companyName', 'invalid-type'],
  ])('explains bad input %j', async (over, field, key) => {
    expect(await call('submitCoforHelp', { ...help, ...over })).toMatchObject({
      ok: false,
      error: { fields: { [field]: key } },
    });
  });
});

describe('access request (legal representative and PLSA)', () => {
  it('moves the company to "requested", records the accepted terms version, and the next analysis shows it pending', async () => {
    const before = listMutations(core.db).length;
    const result = await call('submitAccessRequest', accessRequest());
    expect(result).toMatchObject({ ok: true, value: { reference: expect.stringMatching(/^ACC-/) } });
    const analysis = await call('analyze', { cofor: 'A10002' });
    expect(analysis).toMatchObject({ ok: true, value: { situation: 'requested', waitingDays: 0 } });
    const terms = core.db
      .prepare('SELECT terms_version AS v, accepted_by AS who, accepted_at AS at FROM terms_acceptances ORDER BY id')
      .all();
    // The demo's A10003 request accepted them too, 5 days ago; then this one.
    expect(terms).toMatchObject([
      { v: '2026-01', who: 'Rui Placeholder' },
      { v: '2026-01', who: 'Ana Legal', at: expect.any(String) },
    ]);
    const ops = listMutations(core.db)
      .slice(before)
      .map((m) => `${m.entity}:${m.op}`);
    expect(ops).toEqual(['company:access-requested', 'submission:submitted', 'outbox:queued']);
  });

  it('refuses a second request, an open company, a deactivated one and an unknown COFOR', async () => {
    await call('submitAccessRequest', accessRequest());
    expect(await call('submitAccessRequest', accessRequest())).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { cofor: 'access.already-requested' } },
    });
    expect(await call('submitAccessRequest', accessRequest({ cofor: 'A10001' }))).toMatchObject({
      ok: false,
      error: { fields: { cofor: 'access.already-open' } },
    });
    expect(await call('submitAccessRequest', accessRequest({ cofor: 'A10004' }))).toMatchObject({
      ok: false,
      error: { fields: { cofor: 'company.deactivated' } },
    });
    expect(await call('submitAccessRequest', accessRequest({ cofor: 'Z99999' }))).toMatchObject({
      ok: false,
      error: { fields: { cofor: 'cofor.unknown' } },
    });
    // One for A10002, and the demo's own for A10003.
    expect(
      core.db
        .prepare(
          "SELECT c.cofor FROM submissions s JOIN companies c ON c.id = s.company_id WHERE s.kind = 'access-request' ORDER BY c.cofor",
        )
        .pluck()
        .all(),
    ).toEqual(['A10002', 'A10003']);
  });

  it('requires the terms accepted, in their current version', async () => {
    expect(await call('submitAccessRequest', accessRequest({ termsAccepted: false }))).toMatchObject({
      ok: false,
      error: { fields: { termsAccepted: 'terms.required' } },
    });
    expect(await call('submitAccessRequest', accessRequest({ termsVersion: '2020-01' }))).toMatchObject({
      ok: false,
      error: { fields: { termsAccepted: 'terms.outdated' } },
    });
  });

  it('lets one person hold both roles only when confirmed', async () => {
    const same = {
      legalRepresentative: person('Ana Legal', 'ana@sample.example'),
      plsa: person('ana  legal', 'other@sample.example'),
    };
    expect(await call('submitAccessRequest', accessRequest(same))).toMatchObject({
      ok: false,
      error: { fields: { samePersonConfirmed: 'same-person.confirm' } },
    });
    expect(await call('submitAccessRequest', accessRequest({ ...same, samePersonConfirmed: true }))).toMatchObject({
      ok: true,
    });
  });

  it('explains bad people fields by their path', async () => {
    const result = await call('submitAccessRequest', accessRequest({ plsa: { ...person('P', 'bad'), phone: '' } }));
    expect(result).toMatchObject({
      ok: false,
      error: { fields: { 'plsa.email': 'email.format', 'plsa.phone': 'required' } },
    });
  });
});

describe('drafts', () => {
  const VISIT = { visit: 'the-visit-that-typed-01' };
  it('are saved, loaded and cleared per form, and survive a reopen of the store', async () => {
    await call('saveDraft', { form: 'cofor-help', data: { companyName: 'Half typed', country: 'FR' }, ...VISIT });
    core.close();
    const reopened = testCore({ dataDir: core.dataDir });
    expect(await reopened.router.call('loadDraft', { form: 'cofor-help', ...VISIT })).toEqual({
      ok: true,
      value: { companyName: 'Half typed', country: 'FR' },
    });
    expect(await reopened.router.call('clearDraft', { form: 'cofor-help', ...VISIT })).toEqual({
      ok: true,
      value: { cleared: true },
    });
    expect(await reopened.router.call('loadDraft', { form: 'cofor-help', ...VISIT })).toEqual({
      ok: true,
      value: null,
    });
    reopened.close();
    core.dispose();
    core = testCore();
  });

  it('refuses oversized or malformed drafts, and a draft with no owner', async () => {
    const save = (input: Record<string, unknown>) => call('saveDraft', { ...VISIT, ...input });
    expect((await save({ form: 'cofor-help', data: { message: 'x'.repeat(4001) } })).ok).toBe(false);
    expect((await save({ form: 'nope', data: {} })).ok).toBe(false);
    expect((await save({ form: 'cofor-help', data: { nested: { a: 1 } } })).ok).toBe(false);
    expect(await call('saveDraft', { form: 'help', data: { message: 'whose?' } })).toMatchObject({
      ok: false,
      error: { fields: { visit: 'required' } },
    });
  });

  it('hold the last of two saves that arrive at once from two windows of one login', async () => {
    const session = (
      (await call('login', { login: DEMO.user.login, password: DEMO.user.password, remember: false })) as {
        value: { session: string };
      }
    ).value.session;
    const saves = await Promise.all(
      ['first window', 'second window'].map((message, i) =>
        call('saveDraft', { form: 'help', data: { message }, visit: `window-number-${i}-of-two`, session }),
      ),
    );
    expect(saves.every((r) => r.ok)).toBe(true);
    const kept = await call('loadDraft', { form: 'help', visit: 'a-third-window-000', session });
    expect(kept).toEqual({ ok: true, value: { message: 'second window' } });
  });

  it('typed anonymously and left for a week are dropped at the next start; a login keeps its own', async () => {
    core.dispose();
    const clock = testClock();
    core = testCore({ now: clock.now });
    const dataDir = core.dataDir;
    const login = async (c: typeof core) =>
      (
        (await c.router.call('login', { login: DEMO.user.login, password: DEMO.user.password, remember: false })) as {
          value: { session: string };
        }
      ).value.session;
    const session = await login(core);
    await call('saveDraft', { form: 'help', data: { message: 'Anonymous' }, ...VISIT });
    await call('saveDraft', { form: 'help', data: { message: 'Mine' }, visit: 'another-window-0000', session });
    core.close();

    clock.advance(6 * 24 * 3600_000); // six days: still there
    let reopened = testCore({ dataDir, now: clock.now });
    expect(await reopened.router.call('loadDraft', { form: 'help', ...VISIT })).toEqual({
      ok: true,
      value: { message: 'Anonymous' },
    });
    reopened.close();
    clock.advance(2 * 24 * 3600_000); // eight days
    reopened = testCore({ dataDir, now: clock.now });
    expect(await reopened.router.call('loadDraft', { form: 'help', ...VISIT })).toEqual({ ok: true, value: null });
    const again = await login(reopened);
    expect(
      await reopened.router.call('loadDraft', { form: 'help', visit: 'a-third-window-000', session: again }),
    ).toEqual({
      ok: true,
      value: { message: 'Mine' },
    });
    reopened.close();
    core.dispose(); // the first core owns the folder
    core = testCore();
  });

  it('belong to whoever typed them: another visit, or another login, never sees them', async () => {
    const other = { visit: 'the-next-person-at-the-pc' };
    await call('saveDraft', { form: 'help', data: { message: 'My question', name: 'Eden' }, ...VISIT });
    expect(await call('loadDraft', { form: 'help', ...other })).toEqual({ ok: true, value: null });

    const login = async (login: string, password: string) =>
      ((await call('login', { login, password, remember: false })) as { value: { session: string } }).value.session;
    const plsa = await login(DEMO.plsa.login, DEMO.plsa.password);
    const user = await login(DEMO.user.login, DEMO.user.password);
    // A logged-in person's draft is their login's, whatever window they type it in.
    await call('saveDraft', { form: 'help', data: { message: 'From the PLSA' }, ...other, session: plsa });
    expect(await call('loadDraft', { form: 'help', visit: 'a-third-window-000', session: plsa })).toEqual({
      ok: true,
      value: { message: 'From the PLSA' },
    });
    expect(await call('loadDraft', { form: 'help', ...other, session: user })).toEqual({ ok: true, value: null });
    expect(await call('loadDraft', { form: 'help', ...other })).toEqual({ ok: true, value: null });
    // An ended session no longer opens that login's drafts.
    await call('logout', { session: plsa });
    expect(await call('loadDraft', { form: 'help', ...other, session: plsa })).toEqual({ ok: true, value: null });
  });
});
