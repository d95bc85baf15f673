// `npm run screenshots`, continued: the screens of requests that wait, PLSA continuity and the
// access review, in English and French, with the host's clock moved where days must pass.
import { resolve } from 'node:path';
import { startSmtp } from '../fixtures/smtp';
import {
  AGENT,
  chooseLanguage,
  configureRelay,
  createAgent,
  DEMO,
  logIn,
  open,
  openRequest,
  sendHelpRequest,
  signOut,
  test,
} from './fixtures';

const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

// Requests that wait: a reminder offered after 5 working days and sent, the desk's queue showing
// it, and a request expired after 30 days waiting for the supplier (the host's clock moved).
for (const lang of ['en', 'fr'] as const) {
  test.describe(`requests that wait (${lang})`, () => {
    // The steps in English (the helpers' words), each picture in its language.
    test.use({ movableClock: true });
    test(`reminder and expiry (${lang})`, async ({ page, host }) => {
      test.setTimeout(90_000);
      // (The header's menu, opened to choose, is closed again.)
      const speak = async (code: 'en' | 'fr') => {
        if (lang === 'en') return;
        await chooseLanguage(page, code);
        await page.keyboard.press('Escape');
      };
      const inLang = () => speak(lang);
      const inEnglish = () => speak('en');
      const smtp = await startSmtp();
      try {
        await configureRelay(page, host, smtp.port);
        const first = await sendHelpRequest(page, host);
        const second = await sendHelpRequest(page, host);
        await first.row.locator('.badge.rstate-sent').waitFor({ timeout: 20_000 });
        await second.row.locator('.badge.rstate-sent').waitFor({ timeout: 20_000 });
        await openRequest(page, host, second.reference);
        await page.locator('#desk-state').selectOption('waiting-supplier');
        await page.getByRole('button', { name: 'Save the state' }).click();
        await page.locator('.timeline li').nth(3).waitFor();
        await signOut(page);

        // The browser's clock follows the host's, so that "when" reads as it would then.
        const DAY = 24 * 60 * 60 * 1000;
        const start = Date.now();
        host.advanceClock(8 * DAY);
        await page.clock.setFixedTime(start + 8 * DAY);
        await open(page, host, '#/requests');
        await inLang();
        await first.row.locator('.reminder button').waitFor();
        await page.screenshot({ path: `${OUT}/requests-remind-${lang}.png`, fullPage: true });
        await first.row.locator('.reminder button').click();
        await first.row.getByTestId('outcome').waitFor();
        await page.screenshot({ path: `${OUT}/requests-reminded-${lang}.png`, fullPage: true });
        await page.getByTestId('privacy-ledger').locator('tbody tr').first().waitFor();
        await page.getByTestId('privacy-ledger').screenshot({ path: `${OUT}/requests-ledger-${lang}.png` });

        await inEnglish();
        await logIn(page, host, AGENT.username, AGENT.password);
        await page.getByTestId('reminders').waitFor({ timeout: 20_000 });
        await inLang();
        await page.screenshot({ path: `${OUT}/desk-queue-reminded-${lang}.png`, fullPage: true });
        await signOut(page);

        host.advanceClock(30 * DAY);
        await page.clock.setFixedTime(start + 38 * DAY);
        await open(page, host, '#/requests');
        await second.row.getByTestId('expired').waitFor();
        await page.screenshot({ path: `${OUT}/requests-expired-${lang}.png`, fullPage: true });
      } finally {
        await smtp.stop();
      }
    });
  });
}

// PLSA continuity: the single-PLSA reminder, a hand-over waiting in the console, the colleague's
// offer in their private area, and the desk's procedure for "Replace our PLSA".
for (const lang of ['en', 'fr'] as const) {
  test(`PLSA continuity (${lang})`, async ({ page, host }) => {
    test.setTimeout(90_000);
    const speak = async (code: 'en' | 'fr') => {
      if (lang === 'en') return;
      await chooseLanguage(page, code);
      await page.keyboard.press('Escape');
    };
    const shot = (name: string) => page.screenshot({ path: `${OUT}/${name}-${lang}.png`, fullPage: true });
    await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
    await page.getByTestId('single-plsa').waitFor({ timeout: 20_000 });
    await speak(lang);
    await shot('private-area-single-plsa');
    await speak('en');
    await page.evaluate(() => (location.hash = '#/console'));
    await page.getByLabel('Colleague who takes over').selectOption(DEMO.user.login);
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page.getByTestId('handover-panel').getByTestId('handover-waiting').waitFor();
    await speak(lang);
    await page.reload(); // the confirmation was said in English: the screen as a French PLSA finds it
    await page.getByTestId('handover-panel').getByTestId('handover-waiting').waitFor();
    await shot('console-handover');
    await speak('en');
    await signOut(page);
    await logIn(page, host, DEMO.user.login, DEMO.user.password);
    await page.getByTestId('handover-offer').waitFor({ timeout: 20_000 });
    await speak(lang);
    await shot('private-area-handover-offer');
    await speak('en');
    await signOut(page);

    await open(page, host, '#/contact?purpose=replace-plsa&cofor=A10001');
    const replace = page.getByTestId('replace-plsa');
    await replace.getByLabel('New PLSA: full name').fill('Noor Haddad');
    await replace.getByLabel('New PLSA: business e-mail').fill('noor.haddad@demo-forge.example');
    await replace.getByLabel('Legal representative: full name').fill('Alex Example');
    await replace.getByLabel('Legal representative: business e-mail').fill('alex.example@demo-forge.example');
    await replace.getByLabel('Our legal representative confirms this request').check();
    await page.getByLabel('Your question').fill('Camille Sample left last month without handing over.');
    await page.getByLabel('Name', { exact: true }).fill('Dominique Test');
    await page.getByLabel('Company', { exact: true }).fill('Demo Forge');
    await page.getByLabel('E-mail', { exact: true }).fill('dominique.test@demo-forge.example');
    await page.getByLabel('Phone', { exact: true }).fill('+33 1 00 00 00 00');
    await speak(lang);
    await shot('help-replace-plsa');
    await speak('en');
    await page.getByRole('button', { name: 'Submit' }).click();
    const reference = await page.getByTestId('reference').innerText();
    createAgent(host);
    await openRequest(page, host, reference);
    await page.getByTestId('plsa-replacement').waitFor();
    await speak(lang);
    await shot('desk-plsa-replacement');
  });
}

// The access review in the console: open with one answer, then closed after its grace.
for (const lang of ['en', 'fr'] as const) {
  test.describe(`access review (${lang})`, () => {
    test.use({ movableClock: true });
    test(`access review (${lang})`, async ({ page, host }) => {
      const speak = async (code: 'en' | 'fr') => {
        if (lang === 'en') return;
        await chooseLanguage(page, code);
        await page.keyboard.press('Escape');
      };
      await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
      await page.getByTestId('single-plsa').waitFor({ timeout: 20_000 });
      await page.evaluate(() => (location.hash = '#/console'));
      const review = page.getByTestId('access-review');
      await review.getByRole('button', { name: `Still works here ${DEMO.blocked.login}` }).click();
      await review.getByTestId('review-message').waitFor();
      await speak(lang);
      await page.reload();
      await review.getByTestId('review-due').waitFor();
      await review.screenshot({ path: `${OUT}/console-review-${lang}.png` });
      await speak('en');
      await signOut(page);
      host.advanceClock(31 * 24 * 60 * 60 * 1000);
      await page.clock.setFixedTime(Date.now() + 31 * 24 * 60 * 60 * 1000);
      await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
      await page.getByTestId('single-plsa').waitFor({ timeout: 20_000 });
      await page.evaluate(() => (location.hash = '#/console'));
      await review.getByTestId('review-closed').waitFor();
      await speak(lang);
      await page.reload();
      await review.getByTestId('review-closed').waitFor();
      await review.screenshot({ path: `${OUT}/console-review-closed-${lang}.png` });
    });
  });
}
