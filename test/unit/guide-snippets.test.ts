// Search snippets of the shipped guides: whole sentences where they fit, otherwise cut between
// words with an ellipsis, never in the middle of a word or of Markdown.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { snippetOf } from '../../main/portal/help/guides';
import { testCore } from '../fixtures/core';

const GUIDES = resolve(__dirname, '..', '..', 'resources', 'guides');
const core = testCore();
afterAll(() => core.dispose());

const QUERIES = {
  en: ['PLSA', 'temporary password', 'COFOR', 'blocked', 'site code', 'legal representative', 'e-mail', 'DUNS'],
  fr: ['PLSA', 'mot de passe temporaire', 'COFOR', 'bloqué', 'code site', 'représentant légal', 'desactivee'],
} as const;

/** Each word as a whole word of the guide's source: not the end or the start of a longer one. */
const wholeWordIn = (source: string, word: string): boolean =>
  new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(source);

describe('guide search snippets', () => {
  for (const [lang, queries] of Object.entries(QUERIES)) {
    it(`start and end at a sentence or between words, with an ellipsis where cut (${lang})`, async () => {
      let snippets = 0;
      for (const query of queries) {
        const answer = (await core.router.call('searchHelp', { query, lang })) as {
          value: { hits: Array<{ id: string; snippet: string }> };
        };
        for (const { id, snippet } of answer.value.hits) {
          snippets++;
          // The source as read: without its emphasis and code marks.
          const source = readFileSync(join(GUIDES, lang, `${id}.md`), 'utf8').replace(/\*\*|`/g, '');
          const bare = snippet.replace(/^…/, '').replace(/…$/, '');
          expect(snippet, `${lang}/${id} for "${query}"`).toMatch(/[.!?;:)…]$/u);
          expect(snippet.length, snippet).toBeLessThanOrEqual(202);
          expect(snippet, 'no Markdown marks').not.toMatch(/\*\*|`|\]\(|^#/);
          for (const word of bare.split(/[\s,;:.!?()«»"]+/u).filter(Boolean))
            expect(wholeWordIn(source, word), `"${word}" of "${snippet}" (${lang}/${id})`).toBe(true);
        }
      }
      expect(snippets).toBeGreaterThan(10);
    });
  }

  it('show the matching sentence whole, then the next ones of its paragraph while they fit', () => {
    const prose = [['A first paragraph.'], ['It says PLSA here.', 'And more after.', 'x'.repeat(190) + '.']];
    expect(snippetOf(prose, 'plsa')).toBe('It says PLSA here. And more after.');
  });

  it('cut a long sentence between words around the match, an ellipsis at each cut', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    words[50] = 'COFOR';
    const snippet = snippetOf([[`${words.join(' ')}.`]], 'cofor');
    expect(snippet).toMatch(/^…word\d+ .* COFOR .* word\d+…$/);
    expect(snippet.length).toBeLessThanOrEqual(202);
  });

  it('prefer the sentence that holds the most words sought', () => {
    const prose = [['Your password is yours.'], ['A temporary password works once.']];
    expect(snippetOf(prose, 'temporary password')).toBe('A temporary password works once.');
  });

  it('fall back to the first sentence when only a fuzzy match found the guide', () => {
    expect(snippetOf([['First sentence here.', 'Second one.']], 'pasword')).toBe('First sentence here. Second one.');
  });
});
