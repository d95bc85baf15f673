// The every-screen walk reads a page as a person does and checks its words with the rules of
// test/fixtures/screen-text.ts (unit-tested on their own in test/unit/screen-words.test.ts).
import type { Page } from '@playwright/test';
import type { Lang } from '../../preload/contract/languages';
import { textProblems, type WordProblem } from '../fixtures/screen-text';

export type { WordProblem };

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
