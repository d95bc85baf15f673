// What a person reads on a screen, checked for words that are not for them: a developer token
// (`companyName`, `cofor-found`, `error.document.type`) or, on a French screen, a sentence left
// in English. The words allowed are those the dictionaries and guides themselves use.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/lib/i18n/en';
import { fr } from '../../renderer/src/lib/i18n/fr';
import type { Lang } from '../../preload/contract/languages';

const GUIDES = resolve(__dirname, '..', '..', 'resources', 'guides');
const guideTexts = (lang: Lang) =>
  readdirSync(join(GUIDES, lang)).map((file) => readFileSync(join(GUIDES, lang, file), 'utf8'));

const allWritten = [...Object.values(en), ...Object.values(fr), ...guideTexts('en'), ...guideTexts('fr')].join(' ');

/** Hyphenated words people wrote (e-mail, D-U-N-S, peut-être): the rest is a code. */
const HYPHENATED = new Set([...allWritten.matchAll(/[\p{L}]+(?:-[\p{L}]+)+/gu)].map((m) => m[0].toLowerCase()));

/** English sentences (three words or more, placeholders cut out) that French never uses. */
function englishFragments(): string[] {
  const french = [...Object.values(fr), ...guideTexts('fr')].join('\n');
  const fragments = new Set<string>();
  for (const text of [...Object.values(en), ...guideTexts('en').flatMap((g) => g.match(/^#+ .+$/gm) ?? [])]) {
    for (const piece of text.replace(/^#+ /, '').split(/\{\w+\}|[\n*_`]|[.:;!?](?:\s|$)/)) {
      const fragment = piece.trim().replace(/[.:;,!?]+$/, '');
      if (fragment.split(/\s+/).length >= 3 && !french.includes(fragment)) fragments.add(fragment);
    }
  }
  return [...fragments];
}
const ENGLISH = englishFragments();
const KEYS = new Set(Object.keys(en));

export interface WordProblem {
  token: string;
  why: string;
}

/** The visible text of the page and the labels people hear (aria-label, title, placeholder, alt). */
function readScreen(page: Page): Promise<string> {
  return page.evaluate(() => {
    const said = [...document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, ...said].join('\n');
  });
}

/** The problems found on the current screen, for a person reading it in `lang`. */
export async function wordProblems(page: Page, lang: Lang): Promise<WordProblem[]> {
  const text = await readScreen(page);
  const problems: WordProblem[] = [];
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/^[("“«'‘[]+|[)"”»'’\].,:;!?…]+$/g, '');
    // Addresses, e-mails, file names and references are data, not words.
    if (!token || /[@/\d_]|\.\w/.test(token.replace(/\.$/, ''))) {
      if (KEYS.has(token) || /^error\.[\w.-]+$/.test(token)) problems.push({ token, why: 'a message key' });
      continue;
    }
    if (/^[a-z]+[A-Z][A-Za-z]*$/.test(token)) problems.push({ token, why: 'camelCase' });
    else if (/^[a-z]+(?:-[a-z]+)+$/.test(token) && !HYPHENATED.has(token)) problems.push({ token, why: 'kebab-case' });
  }
  if (lang !== 'en') {
    for (const fragment of ENGLISH) if (text.includes(fragment)) problems.push({ token: fragment, why: 'English' });
  }
  return problems;
}
