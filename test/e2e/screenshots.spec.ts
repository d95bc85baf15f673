// `npm run screenshots`: pictures of every screen, in English and French, light and dark, for the README and
// for a person to look at. Not part of `npm test`.
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { toCsv } from '../../main/portal/directory/file-formats';
import { syntheticDirectory } from '../bench/directory-data';
import { createAgent, DEMO, open, openRequest, requestAccess, signOut, test } from './fixtures';

const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

for (const lang of ['en', 'fr'] as const) {
  test.describe(`screens in ${lang}`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-US' });

    test(`home, analysis, forms (${lang})`, async ({ page, host }) => {
      // Each screen in the light theme and in the dark one (which follows the system setting).
      const shot = async (name: string) => {
        await page.screenshot({ path: `${OUT}/${name}-${lang}.png`, fullPage: true });
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.screenshot({ path: `${OUT}/${name}-${lang}-dark.png`, fullPage: true });
        await page.emulateMedia({ colorScheme: 'light' });
      };
      await open(page, host);
      await shot('home');

      await page.evaluate(() => (location.hash = '#/access'));
      const cofor = page.locator('#f-cofor');
      await cofor.fill('A10002');
      await page.locator('form.analysis-form button[type=submit]').click();
      await page.locator('[data-stage]').first().waitFor();
      await shot('analysis-not-requested');
      await cofor.fill('A10003');
      await page.locator('form.analysis-form button[type=submit]').click();
      await page.locator('[data-situation=requested]').waitFor();
      await shot('analysis-requested');
      await cofor.fill('A10001');
      await page.locator('#f-siteCode').fill('02');
      await page.locator('form.analysis-form button[type=submit]').click();
      await page.locator('[data-situation=open]').waitFor();
      await shot('analysis-open');
      await cofor.fill('XX');
      await page.locator('#f-siteCode').fill('');
      await page.locator('form.analysis-form button[type=submit]').click();
      await page.locator('#f-cofor-error').waitFor();
      await shot('analysis-invalid');

      for (const form of ['company-file', 'cofor-help', 'access-request'] as const) {
        await page.evaluate(
          (f) => (location.hash = f === 'access-request' ? '#/access-request?cofor=A10002' : `#/${f}`),
          form,
        );
        await page.locator('form button[type=submit]').click();
        await page.locator('#form-summary:not(:empty)').waitFor();
        await shot(`form-${form}-errors`);
      }

      await page.evaluate(() => (location.hash = '#/login'));
      await page.locator('#f-login').fill(DEMO.user.login);
      await page.locator('#f-password').fill('wrong password here');
      await page.locator('main form button[type=submit]').click();
      await page.locator('#login-problem:not(:empty)').waitFor();
      await shot('login-error');
      await page.locator('#f-login').fill(DEMO.blocked.login);
      await page.locator('#f-password').fill(DEMO.blocked.password);
      await page.locator('main form button[type=submit]').click();
      await page.locator('#login-problem a').waitFor();
      await shot('login-blocked');
      await page.evaluate(() => (location.hash = '#/recovery?form=password'));
      await page.locator('#f-login').waitFor();
      await shot('recovery-password');
      await page.evaluate(() => (location.hash = '#/login-help?login=V100002'));
      await page.getByTestId('login-help').waitFor();
      await shot('login-help');
      await page.getByTestId('login-help').getByRole('button').nth(1).click(); // the password question
      await page.getByTestId('login-help').getByRole('button').nth(1).click(); // a user
      await page.getByTestId('login-help-leaf').waitFor();
      await shot('login-help-answer');

      await page.evaluate(() => (location.hash = '#/login'));
      await page.locator('#f-login').fill(DEMO.plsa.login);
      await page.locator('#f-password').fill(DEMO.plsa.password);
      await page.locator('main form button[type=submit]').click();
      await page.getByTestId('my-login').waitFor();
      await shot('private-area');
      await page.evaluate(() => (location.hash = '#/console'));
      await page.getByTestId('reset-V100002').click();
      await page.getByTestId('reset-V100002').click(); // confirmed
      await page.getByTestId('temporary-password').waitFor();
      await shot('plsa-console');

      await page.evaluate(() => (location.hash = '#/help'));
      await page.locator('.guide-list a').first().waitFor();
      await shot('help-topic');
      await page.evaluate(() => (location.hash = '#/contact'));
      await page.locator('#f-purpose').selectOption('technical');
      await page
        .locator('#f-message')
        .fill(
          lang === 'fr' ? "L'analyse ne montre rien pour notre COFOR." : 'The analysis shows nothing for our COFOR.',
        );
      await page.locator('#f-phone').fill('+33 1 23 45 67 89');
      await page
        .locator('#f-screenshot')
        .setInputFiles({ name: 'problem.png', mimeType: 'image/png', buffer: await page.screenshot() });
      await page.locator('.shot-preview img').waitFor();
      await shot('help-form');
      await page.locator('main form button[type=submit]').click();
      await page.getByTestId('reference').waitFor();
      await page.evaluate(() => (location.hash = '#/requests'));
      await page.locator('.request').first().waitFor();
      await shot('my-requests');
      await page.evaluate(() => (location.hash = '#/settings'));
      await shot('settings');

      // The desk, with the requests made above in its queue.
      execFileSync(
        process.execPath,
        [
          resolve(__dirname, '..', '..', 'dist', 'main', 'desk.cjs'),
          'create-agent',
          '--data-dir',
          host.dataDir,
          '--username',
          'desk.ana',
          '--name',
          'Ana Assist',
          '--email',
          'ana@assist.example',
        ],
        { input: 'orange kettle mountain river\n' },
      );
      await signOut(page);
      await page.evaluate(() => (location.hash = '#/login'));
      await page.locator('#f-login').fill('desk.ana');
      await page.locator('#f-password').fill('orange kettle mountain river');
      await page.locator('main form button[type=submit]').click();
      await page.locator('.queue-table').waitFor();
      await shot('desk-queue');
      // The first request sent here (the demo's own, A10003's, is older).
      await page
        .locator('.queue-table tbody tr')
        .filter({ hasNotText: 'A10003' })
        .locator('a.request-link')
        .first()
        .click();
      await page.locator('#decide-title').waitFor();
      await shot('desk-request');

      // A decided request is final: the panel says who decided and when, the state stays done.
      await page
        .locator('#f-decision-message')
        .fill(lang === 'fr' ? "Merci, c'est corrigé." : 'Thank you, it is fixed now.');
      await page.locator('section[aria-labelledby=decide-title] fieldset > p:last-child > button').click();
      await page.getByTestId('decision-final').waitFor();
      await shot('desk-decided');

      await page.evaluate(() => (location.hash = '#/desk/agents'));
      await page.locator('#unblock-agent-title').waitFor();
      await shot('desk-agents');
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.locator('#mail-title').waitFor();
      await shot('settings-desk');
      // "Back up now", and what it answers.
      await page.locator('section[aria-labelledby=backup-title] button').click();
      await page.getByTestId('backup-taken').waitFor();
      await page.locator('#backup-title').scrollIntoViewIfNeeded();
      await shot('settings-backup');

      // A directory import under way (its last chunk held back until the picture is taken), then
      // a report with rejected rows and a company left out.
      await page.evaluate(() => (location.hash = '#/desk/directory'));
      const large = Buffer.from(toCsv(syntheticDirectory(8000, new Date('2026-11-29T12:00:00Z')).companies));
      let release = () => {};
      const held = new Promise<void>((done) => (release = done));
      await page.route('**/api/deskImportChunk', async (route) => {
        if (route.request().postData()?.includes('"last":true')) await held;
        await route.continue();
      });
      await page
        .locator('#directory-file')
        .setInputFiles({ name: 'suppliers.csv', mimeType: 'text/csv', buffer: large });
      await page.locator('form button[type=submit]').click();
      await page
        .getByTestId('import-progress')
        .getByText(/ [1-9][\d,\s]* (companies written|entreprises enregistrées)/)
        .waitFor();
      await shot('desk-directory-importing');
      release();
      await page.getByTestId('import-report').waitFor();
      await page.unroute('**/api/deskImportChunk');
      await page.locator('#directory-file').setInputFiles({
        name: 'suppliers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          [
            'record,cofor,duns,legal_name,city,country,status,access,site_code,site_name,login,email,role,state',
            'company,B20001,800000001,Brake Parts SA,Lyon,FR,active,open,,,,,,',
            'site,B20001,,,Lyon,,,,01,Lyon plant,,,,',
            'company,B2,bad,,,,active,open,,,,,,',
            'account,B20001,,,,,,,,,X1,x@brake.example,admin,active',
            'company,B20002,800000002,Seat Fabrics GmbH,Berlin,DE,active,open,,,,,,',
            'account,B20002,,,,,,,,,V100001,ana@seat.example,plsa,active',
            'widget,B20001,,,,,,,,,,,,',
          ].join('\n'),
        ),
      });
      await page.locator('form button[type=submit]').click();
      await page
        .getByTestId('import-report')
        .getByText(/B20002/)
        .waitFor();
      await page.locator('#report-title').scrollIntoViewIfNeeded();
      await shot('desk-directory-report');
    });
  });
}

// The pictures of the help topic's guides (resources/guides/<lang>/*.md shows them), shipped
// with the renderer: the screen as a person sees it at a small window size, light theme.
const GUIDE_PICTURES = resolve(__dirname, '..', '..', 'renderer', 'public', 'guides');
for (const lang of ['en', 'fr'] as const) {
  test.describe(`guide pictures in ${lang}`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport: { width: 1000, height: 640 } });
    test(`every guide's pictures (${lang})`, async ({ page, host }) => {
      const picture = (name: string) => page.screenshot({ path: `${GUIDE_PICTURES}/${name}-${lang}.png` });
      await open(page, host);
      await page.getByTestId('demo-welcome').getByRole('button').last().click(); // hide the first-run view
      await page.evaluate(() => (location.hash = '#/company-file'));
      await page.locator('#f-duns').fill('123456789');
      await page.locator('#f-legalName').fill(lang === 'fr' ? 'Exemple Emboutissage SAS' : 'Example Stamping Ltd');
      await picture('company-file');
      await page.evaluate(() => (location.hash = '#/access'));
      await page.locator('#f-cofor').fill('A10002');
      await page.locator('form.analysis-form button[type=submit]').click();
      await page.locator('[data-situation]').waitFor();
      await page.locator('#result-title').evaluate((title) => title.scrollIntoView({ block: 'start' }));
      await picture('analysis');
      await page.evaluate(() => (location.hash = '#/access-request?cofor=A10002'));
      await page.locator('main form').waitFor();
      await picture('access-request');
      await page.evaluate(() => (location.hash = '#/recovery?form=password'));
      await page.locator('#f-login').waitFor();
      await picture('recovery');
      await page.evaluate(() => (location.hash = '#/login'));
      await page.locator('#f-login').fill(DEMO.plsa.login);
      await picture('login');
      await page.locator('#f-password').fill(DEMO.plsa.password);
      await page.locator('main form button[type=submit]').click();
      await page.getByTestId('my-login').waitFor();
      await page.evaluate(() => (location.hash = '#/console'));
      await page.locator('tr[data-login]').first().waitFor();
      await picture('console');
    });
  });
}

// On a workstation where no secret can be kept (no keychain, and forced to it rather than to the
// protected file), a validation shows the new PLSA's temporary password to the agent, once, with
// the reason.
test.describe('without a keychain', () => {
  test.use({
    hostEnv: { NODE_OPTIONS: `--require ${resolve(__dirname, '..', 'fixtures', 'keychain-module-missing.cjs')}` },
    hostArgs: ['--password-store', 'keychain'],
  });
  test('the hand-over of a temporary password (en)', async ({ page, host }) => {
    createAgent(host);
    const reference = await requestAccess(page, host);
    await openRequest(page, host, reference);
    await page.getByRole('button', { name: 'Validate: open the access' }).click();
    await page.getByTestId('hand-over').waitFor();
    await page.screenshot({ path: `${OUT}/desk-hand-over-en.png`, fullPage: true });
  });
});
