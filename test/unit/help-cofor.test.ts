// A COFOR typed in Help & Contact reaches the desk as the portal writes it, tied to the company
// it belongs to: the rule (readTypedCofor), then the request through the real router and store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTypedCofor } from '../../main/portal/onboarding/cofor';
import { deskSession, testCore } from '../fixtures/core';

describe('a COFOR typed in a free field', () => {
  it.each([
    ['a10001', 'A10001', 'A10001'],
    ['  a10001 ', 'A10001', 'A10001'],
    ['a1000101', 'A10001  01', 'A10001'],
    ['A10001  01', 'A10001  01', 'A10001'],
    ['A10001 01', 'A10001  01', 'A10001'],
  ])('%j is shown %j and names the company of %j', (typed, shown, headOffice) => {
    expect(readTypedCofor(typed)).toEqual({ shown, headOffice });
  });

  it.each(['not sure, A1000?', 'A-10001', '1234'])('%j is kept as typed and names no company', (typed) => {
    expect(readTypedCofor(typed)).toEqual({ shown: typed.trim(), headOffice: null });
  });
});

describe('Help & Contact with a COFOR', () => {
  let core: ReturnType<typeof testCore>;
  beforeEach(() => (core = testCore()));
  afterEach(() => core.dispose());

  const send = async (cofor: string) => {
    const r = (await core.router.call('submitHelpRequest', {
      purpose: 'technical',
      message: 'The analysis shows nothing.',
      name: 'Rita Sousa',
      company: 'Lost Parts Lda',
      email: 'rita@lost-parts.example',
      phone: '+351 22 000 0000',
      cofor,
      lang: 'en',
    })) as { ok: boolean; value: { reference: string } };
    expect(r.ok).toBe(true);
    return r.value.reference;
  };

  it('is stored normalised and shown at the desk with the company it belongs to', async () => {
    const reference = await send('a10001');
    const session = await deskSession(core);
    const request = await core.router.call('deskRequest', { session, reference });
    expect(request).toMatchObject({
      ok: true,
      value: {
        cofor: 'A10001',
        companyName: 'Demo Forge Components SAS',
        company: { cofor: 'A10001', name: 'Demo Forge Components SAS' },
      },
    });
    const fields = (request as { value: { fields: Array<{ name: string; value: string }> } }).value.fields;
    expect(fields.find((f) => f.name === 'cofor')?.value).toBe('A10001');
  });

  it('a COFOR the directory does not have is normalised and names no company', async () => {
    const reference = await send(' zz9999 ');
    const session = await deskSession(core);
    const request = await core.router.call('deskRequest', { session, reference });
    expect(request).toMatchObject({ ok: true, value: { company: null, companyName: 'Lost Parts Lda' } });
    const fields = (request as { value: { fields: Array<{ name: string; value: string }> } }).value.fields;
    expect(fields.find((f) => f.name === 'cofor')?.value).toBe('ZZ9999');
  });
});
