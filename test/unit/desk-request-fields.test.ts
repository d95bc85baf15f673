// What the desk's request panel receives: names and values, which the screen puts in words.
import { describe, expect, it } from 'vitest';
import { requestFields } from '../../main/services/desk';

describe("a request's fields for the desk", () => {
  it('are one line per value, named by their path, booleans kept, the document and language left out', () => {
    expect(
      requestFields({
        cofor: 'A10002',
        legalRepresentative: { fullName: 'Rui Costa', email: 'rui@example.com' },
        samePersonConfirmed: false,
        termsAccepted: true,
        lang: 'fr',
        document: { fileName: 'kbis.pdf' },
        phone: '',
      }),
    ).toEqual([
      { name: 'cofor', value: 'A10002' },
      { name: 'legalRepresentative.fullName', value: 'Rui Costa' },
      { name: 'legalRepresentative.email', value: 'rui@example.com' },
      { name: 'samePersonConfirmed', value: false },
      { name: 'termsAccepted', value: true },
    ]);
  });
});
