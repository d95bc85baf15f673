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

/** The demo directory's names are written by people too ("Sample Plastics GmbH"). */
const demoNames = readFileSync(resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'), 'utf8');
const allWritten = [
  ...Object.values(en),
  ...Object.values(fr),
  ...guideTexts('en'),
  ...guideTexts('fr'),
  demoNames,
].join(' ');

/** Hyphenated words people wrote (e-mail, D-U-N-S, peut-être): the rest is a code. */
const HYPHENATED = new Set([...allWritten.matchAll(/[\p{L}]+(?:-[\p{L}]+)+/gu)].map((m) => m[0].toLowerCase()));

/** Words with a capital after a small letter that people wrote (PostgreSQL, JavaScript): any
 * other such word (`plsasSent`, `requestID`) is a name from the code. Placeholders ({companyName})
 * are the dictionaries' own code, not words. */
const INNER_CAPITALS = new Set(
  [...allWritten.replace(/\{\w+\}/g, ' ').matchAll(/\p{L}*\p{Ll}\p{Lu}\p{L}*/gu)].map((m) => m[0]),
);

/** A code in brackets after a word ("Answered (access-rejected)", "(file_referenced)"): a value
 * the engine meant for a dictionary, shown as it is. (Dotted ones are file names or hosts.) */
const BRACKETED_CODE = /\(([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)\)/g;

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
  return textProblems(await readScreen(page), lang);
}

/** The problems found in what a screen shows (its text and the labels people hear). */
export function textProblems(text: string, lang: Lang): WordProblem[] {
  const problems: WordProblem[] = [];
  for (const [, code] of text.matchAll(BRACKETED_CODE))
    if (!HYPHENATED.has(code!.toLowerCase())) problems.push({ token: `(${code})`, why: 'a code in brackets' });
  for (const raw of text.split(/\s+/)) {
    const token = raw.replace(/^[("“«'‘[]+|[)"”»'’\].,:;!?…]+$/g, '');
    // Addresses, e-mails, file names and references are data, not words.
    if (!token || /[@/\d_]|\.\w/.test(token.replace(/\.$/, ''))) {
      if (KEYS.has(token) || /^error\.[\w.-]+$/.test(token)) problems.push({ token, why: 'a message key' });
      continue;
    }
    if (/\p{Ll}\p{Lu}/u.test(token) && !INNER_CAPITALS.has(token)) problems.push({ token, why: 'camelCase' });
    else if (/^[a-z]+(?:-[a-z]+)+$/.test(token) && !HYPHENATED.has(token)) problems.push({ token, why: 'kebab-case' });
  }
  if (lang !== 'en') {
    for (const fragment of ENGLISH) if (text.includes(fragment)) problems.push({ token: fragment, why: 'English' });
  }
  return problems;
}
