// Every screen, in every offered language, as a guest, a user, a PLSA and a desk agent: no
// developer token or message key shown as text, no English left on a French screen, and axe
// finds no serious or critical violation, in the light theme and in the dark one.
import type { Page } from '@playwright/test';
import { GUIDE_IDS } from '../../preload/contract/help';
import { LANGS, type Lang } from '../../preload/contract/languages';
import { AGENT, axeViolations, createAgent, DEMO, expect, open, requestAccess, signOut, test } from './fixtures';
import { wordProblems } from './screen-words';

const LOCALES: Record<Lang, string> = { en: 'en-US', fr: 'fr-FR' };

/** Looks at the current screen as a person would, in both themes, and notes what is wrong. */
async function look(page: Page, lang: Lang, screen: string, found: string[]): Promise<void> {
  await page.locator('#screen-title').waitFor();
  for (const problem of await wordProblems(page, lang)) found.push(`${screen}: “${problem.token}” (${problem.why})`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const violation of await axeViolations(page)) found.push(`${screen} (${scheme}): ${violation}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const go = (page: Page, hash: string) => page.evaluate((h) => (location.hash = h), hash);

async function analyse(page: Page, cofor: string, siteCode = ''): Promise<void> {
  await page.locator('#f-cofor').fill(cofor);
  await page.locator('#f-siteCode').fill(siteCode);
  await page.locator('form.analysis-form button[type=submit]').click();
  await page.locator('[data-situation], #f-cofor-error').first().waitFor();
}

async function logInAs(page: Page, login: string, password: string): Promise<void> {
  await go(page, '#/login');
  await page.locator('#f-login').fill(login);
  await page.locator('#f-password').fill(password);
  await page.locator('main form button[type=submit]').click();
}

async function signOutToLogin(page: Page): Promise<void> {
  await signOut(page);
  await page.locator('#f-login').waitFor();
}

for (const lang of LANGS) {
  test.describe(`every screen in ${lang}`, () => {
    test.use({ locale: LOCALES[lang] });
    test.setTimeout(240_000);

    test(`speaks ${lang} only, in words, and is accessible in light and dark`, async ({ page, host }) => {
      const found: string[] = [];
      createAgent(host);
      // The access request the desk will open, sent through the English form of the fixture.
      await open(page, host);
      await page.evaluate(() => localStorage.setItem('portal.lang', 'en'));
      await page.reload();
      const reference = await requestAccess(page, host);
      await page.evaluate((l) => localStorage.setItem('portal.lang', l), lang);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);

      // A guest.
      await open(page, host);
      await look(page, lang, 'home', found);
      await page.getByTestId('header-menu').click();
      await look(page, lang, 'header menu (guest)', found);
      await go(page, '#/access');
      await look(page, lang, 'access', found);
      for (const [cofor, site] of [
        ['A10001', '01'],
        ['A10002', ''],
        ['A10003', ''],
        ['A10004', ''],
        ['Z99999', ''],
        ['XX', ''],
      ] as const) {
        await analyse(page, cofor, site);
        await look(page, lang, `analysis ${cofor}`, found);
      }
      for (const form of ['company-file', 'cofor-help', 'access-request?cofor=A10002', 'contact']) {
        await go(page, `#/${form}`);
        await look(page, lang, form, found);
        await page.locator('main form button[type=submit]').last().click();
        await page.locator('#form-summary:not(:empty), [aria-invalid=true]').first().waitFor();
        await look(page, lang, `${form} with errors`, found);
      }
      await go(page, '#/help');
      await look(page, lang, 'help', found);
      for (const id of GUIDE_IDS) {
        await go(page, `#/guide?id=${id}`);
        await page.locator('.guide').first().waitFor();
        await look(page, lang, `guide ${id}`, found);
      }
      await go(page, '#/requests');
      await look(page, lang, 'my requests', found);
      await go(page, '#/settings');
      await look(page, lang, 'settings (guest)', found);
      await go(page, '#/login');
      await look(page, lang, 'login', found);
      await logInAs(page, DEMO.user.login, 'not the password at all');
      await page.locator('#login-problem:not(:empty)').waitFor();
      await look(page, lang, 'login refused', found);
      for (const form of ['username', 'password', 'plsa', 'blocked']) {
        await go(page, `#/recovery?form=${form}`);
        await page.locator('main form').waitFor();
        await look(page, lang, `recovery ${form}`, found);
      }

      // A user, then a PLSA.
      await logInAs(page, DEMO.user.login, DEMO.user.password);
      await page.getByTestId('my-login').waitFor();
      await look(page, lang, 'private area (user)', found);
      await go(page, '#/access');
      await analyse(page, DEMO.plsa.cofor);
      await look(page, lang, 'analysis (logged in)', found);
      await signOutToLogin(page);
      await logInAs(page, DEMO.plsa.login, DEMO.plsa.password);
      await page.getByTestId('my-login').waitFor();
      await look(page, lang, 'private area (PLSA)', found);
      await page.getByTestId('header-menu').click();
      await look(page, lang, 'header menu (PLSA)', found);
      await go(page, '#/console');
      await page.locator('tr[data-login]').first().waitFor();
      await look(page, lang, 'PLSA console', found);
      await signOutToLogin(page);

      // A desk agent.
      await logInAs(page, AGENT.username, AGENT.password);
      await page.locator('.queue-table').waitFor({ timeout: 20_000 });
      await look(page, lang, 'desk queue', found);
      await go(page, `#/desk/request?ref=${reference}`);
      await page.locator('#decide-title').waitFor();
      await look(page, lang, 'desk request', found);
      for (const [hash, screen] of [
        ['#/desk/directory', 'desk directory'],
        ['#/desk/templates', 'desk templates'],
        ['#/desk/agents', 'desk agents'],
        ['#/settings', 'settings (desk)'],
        ['#/requests', 'my requests (desk)'],
      ] as const) {
        await go(page, hash);
        await look(page, lang, screen, found);
      }

      expect(found).toEqual([]);
    });
  });
}
