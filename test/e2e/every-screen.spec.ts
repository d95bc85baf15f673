// Every screen, in every offered language, as a guest, a user, a PLSA and a desk agent: no
// developer token or message key shown as text, no English left on a French screen, and axe
// finds no serious or critical violation, in the light theme and in the dark one.
import type { Page } from '@playwright/test';
import { GUIDE_IDS } from '../../preload/contract/help';
import { LANGS, type Lang } from '../../preload/contract/languages';
import { AGENT, axeViolations, createAgent, DEMO, expect, open, requestAccess, signOut, test } from './fixtures';
import { pdf } from '../fixtures/files';
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

/** Sends a request through a form, by its fields' ids (the labels are in the screen's language),
 * and returns its reference. */
async function send(page: Page, hash: string, fields: Record<string, string>, file?: [string, Buffer]) {
  await go(page, hash);
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`#f-${id}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  if (file) await page.locator(`#f-${file[0]}`).setInputFiles({ name: 'proof.pdf', buffer: file[1], mimeType: '' });
  await page.locator('main form button[type=submit]').last().click();
  return page.getByTestId('reference').innerText();
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
    test.setTimeout(420_000);

    test(`speaks ${lang} only, in words, and is accessible in light and dark`, async ({ page, host }) => {
      const found: string[] = [];
      page.setDefaultTimeout(20_000); // a step that hangs fails as itself, not as the whole walk
      createAgent(host);

      // A guest.
      await open(page, host);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await look(page, lang, 'home', found);
      await page.getByTestId('header-menu').click();
      await look(page, lang, 'header menu (guest)', found);
      await go(page, '#/about');
      await look(page, lang, 'about', found);
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
      await page.getByTestId('requests-empty').waitFor();
      await look(page, lang, 'my requests (empty)', found);
      // One request of each kind a supplier sends, for My requests and the desk to show.
      const sent = [
        await send(
          page,
          '#/company-file',
          {
            duns: '987654321',
            legalName: 'Exemple Pièces SAS',
            registrationNumber: 'RCS Lyon 987 654 321',
            taxNumber: 'FR98987654321',
            street: '3 rue des Essais',
            postalCode: '69001',
            city: 'Lyon',
            country: 'FR',
            contactEmail: 'contact@exemple-pieces.example',
          },
          ['document', pdf()],
        ),
        await send(page, '#/cofor-help', {
          companyName: 'Sample Plastics',
          country: 'DE',
          address: 'Beispielstrasse 2, Musterstadt',
          contactName: 'Jo Sample',
          email: 'jo@sample.example',
          phone: '+49 30 000000',
          message: 'We lost our COFOR.',
        }),
        await send(page, '#/contact', {
          purpose: 'technical',
          message: 'The analysis shows nothing for our COFOR.',
          name: 'Rita Sousa',
          company: 'Lost Parts Lda',
          email: 'rita@lost-parts.example',
          phone: '+351 21 000 0000',
        }),
      ];
      await go(page, '#/requests');
      await page.locator('.request').first().waitFor();
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
      // A find-my-PLSA request: the desk's queue gets it, the company's audit a line by nobody known.
      await go(page, '#/recovery?form=plsa');
      await page.locator('#f-loginOrCofor').fill(DEMO.user.login);
      await page.locator('#f-email').fill(DEMO.user.email);
      await page.locator('main form button[type=submit]').click();
      await page.locator('#recovery-done').waitFor();
      await look(page, lang, 'recovery plsa sent', found);
      await go(page, '#/login-help?login=V100001');
      await page.getByTestId('login-help').waitFor();
      await look(page, lang, 'i cannot log in', found);
      await page.getByTestId('login-help').getByRole('button').nth(1).click(); // the password question
      await page.getByTestId('login-help').getByRole('button').first().click(); // a PLSA
      await page.getByTestId('login-help-leaf').waitFor();
      await look(page, lang, 'i cannot log in: its answer', found);

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

      // The access request the desk will open, sent through the English form of the fixture.
      await page.evaluate(() => localStorage.setItem('portal.lang', 'en'));
      await page.reload();
      const reference = await requestAccess(page, host);
      await page.evaluate((l) => localStorage.setItem('portal.lang', l), lang);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);

      // A desk agent.
      await logInAs(page, AGENT.username, AGENT.password);
      await page.locator('.queue-table').waitFor({ timeout: 20_000 });
      await look(page, lang, 'desk queue', found);
      for (const ref of [reference, ...sent]) {
        await go(page, `#/desk/request?ref=${ref}`);
        await page.locator('#decide-title').waitFor();
        await look(page, lang, `desk request ${ref.slice(0, 3)}`, found);
      }
      // The find-my-PLSA request, with what the engine recorded of it.
      await go(page, '#/desk');
      await page.locator('.queue-table tr[data-reference^="PLS-"] a.request-link').click();
      await page.locator('#decide-title').waitFor();
      await look(page, lang, 'desk request find-my-PLSA', found);
      // The access request rejected with a reason, which its sender reads in My requests below.
      await go(page, `#/desk/request?ref=${reference}`);
      await page.locator('#f-decision-reason').fill('Merci / Thank you.');
      await page.locator('#f-decision-reason').locator('xpath=following::button[1]').click();
      await page.getByTestId('decision-final').waitFor();
      // A decided request, in words.
      await go(page, `#/desk/request?ref=${sent.at(-1)}`);
      await page.locator('#decide-title').waitFor();
      await page.locator('#f-decision-message').fill('Merci / Thank you.');
      await page.locator('section[aria-labelledby=decide-title] fieldset > p:last-child > button').click();
      await page.getByTestId('decision-final').waitFor();
      await look(page, lang, 'desk request decided', found);
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
      // The rejected access request as its sender sees it, its timeline open.
      await go(page, '#/requests');
      await page.getByTestId('rejected').waitFor();
      await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await look(page, lang, 'my requests (rejected, timeline open)', found);

      expect(found).toEqual([]);
    });
  });
}
