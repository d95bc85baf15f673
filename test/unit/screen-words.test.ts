// The every-screen walk's word checker (te../fixtures/screen-text.ts) must see what people must not
// read: a code in brackets, a name from the code with a capital inside, a message key; and must
// let through what the dictionaries and the demo data themselves write.
import { describe, expect, it } from 'vitest';
import { textProblems } from '../fixtures/screen-text';

const tokens = (text: string, lang: 'en' | 'fr' = 'en') => textProblems(text, lang).map((p) => p.token);

describe('the screen words checker', () => {
  it.each([
    ['Answered (access-rejected)', '(access-rejected)'],
    ['Répondue (access-rejected)', '(access-rejected)'],
    ['Answered (cofor-not-found)', '(cofor-not-found)'],
    ['Answered (file_referenced)', '(file_referenced)'],
  ])('finds the code in brackets in “%s”', (text, code) => {
    expect(tokens(text, text.startsWith('Répondue') ? 'fr' : 'en')).toContain(code);
  });

  it.each(['plsasSent 1', 'PLSA plsasSent', 'requestID', 'statusOK', 'PlsasSent', 'companyName'])(
    'finds the name from the code in “%s”',
    (text) => {
      expect(tokens(text).length).toBeGreaterThan(0);
    },
  );

  it('finds an English word in brackets on a French screen, and lets it be on an English one', () => {
    expect(tokens('Demo Forge Components SAS (fictional)', 'fr')).toEqual(['(fictional)']);
    expect(tokens('Demo Forge Components SAS (fictional)', 'en')).toEqual([]);
  });

  it.each([
    'Received on 5 December 2026 (e-mail)',
    'Sample Plastics GmbH',
    'Send a reminder (peut-être)',
    'Attached: proof.png (12 KB)',
    'Who: Camille Sample (V100001)',
    'Pays : Heard-et-MacDonald',
    'Hello {companyName},',
  ])('lets people’s words through: “%s”', (text) => {
    expect(tokens(text)).toEqual([]);
  });
});
