// Every screen tells the truth about what left this computer: a form says at Submit that nothing
// can leave (no mail relay, no hub), a confirmation says "will be sent" and where the message
// waits, My requests says a rejection and its reason in words, the desk and the PLSA console
// say who did what in words, never the engine's codes.
import type { Page } from '@playwright/test';
import {
  AGENT,
  chooseLanguage,
  configureRelay,
  createAgent,
  DEMO,
  expect,
  fillHelp,
  logIn,
  open,
  openRequest,
  requestAccess,
  signOut,
  test,
} from './fixtures';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';

let smtp: TestSmtp | null = null;
test.afterEach(async () => {
  await smtp?.stop().catch(() => {});
  smtp = null;
});

const note = (page: Page) => page.getByTestId('delivery-note');
const bodyText = (page: Page) => page.locator('body').innerText();

test('standalone without a relay: the form says at Submit that nothing can leave, the confirmation that it has not', async ({
  page,
  host,
}) => {
  await open(page, host, '#/contact');
  await expect(note(page)).toHaveText(/^This computer cannot send anything yet: it has no mail relay/);
  await fillHelp(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('heading', { name: 'Request saved' })).toBeVisible();
  await expect(note(page)).toHaveText(/^It has not left this computer: there is no mail relay here and no portal hub/);

  // A recovery form, in French: the login(s) "seront envoyés", and the e-mail cannot leave yet.
  await chooseLanguage(page, 'fr');
  await open(page, host, '#/recovery?form=username');
  await expect(note(page)).toHaveText(/^Cet ordinateur ne peut pas encore envoyer d'e-mail/);
  await page.locator('#f-email').fill(DEMO.plsa.email);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#recovery-done')).toContainText('le ou les identifiants y seront envoyés');
  await expect(note(page)).toHaveText(/^Aucun e-mail ne peut encore quitter cet ordinateur/);
  expect(await bodyText(page)).not.toMatch(/ont été envoyés|were sent/);
});

test('standalone with a relay: nothing warns at Submit, and the confirmation says it will be e-mailed', async ({
  page,
  host,
}) => {
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);
  await open(page, host, '#/contact');
  await expect(page.getByLabel('Purpose of your request')).toBeVisible();
  await expect(note(page)).toHaveCount(0);
  await fillHelp(page);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(note(page)).toHaveText(
    "It will be e-mailed to the assistance: it waits in this computer's outbox until the mail relay takes it. My requests shows when it has left.",
  );
  await open(page, host, '#/recovery?form=username');
  await page.locator('#f-email').fill(DEMO.plsa.email);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#recovery-done')).toHaveText(
    'If this e-mail address is registered for a B2B login, the login(s) will be sent to it.',
  );
  await expect(note(page)).toContainText("The e-mail waits in this computer's outbox");
});

test("a rejected access request says so in My requests, with the desk's reason, in words (en, fr)", async ({
  page,
  host,
}) => {
  createAgent(host);
  const reference = await requestAccess(page, host);
  await openRequest(page, host, reference);
  await page.getByLabel('Reason (sent to the supplier)').fill('The PLSA must have a company e-mail address.');
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByTestId('decision-final')).toBeVisible();
  await signOut(page);

  await open(page, host, '#/requests');
  const row = page.locator(`[data-reference="${reference}"]`);
  await expect(row.getByTestId('rejected')).toContainText('The assistance rejected this access request.');
  await expect(row.getByTestId('rejected-reason')).toHaveText(
    'Their reason: “The PLSA must have a company e-mail address.”',
  );
  await row.getByText('Timeline').click();
  await expect(row.locator('.timeline')).toContainText('Answered (access request rejected)');
  expect(await bodyText(page)).not.toContain('access-rejected');

  await chooseLanguage(page, 'fr');
  await expect(row.getByTestId('rejected')).toContainText("L'assistance a rejeté cette demande d'accès.");
  await expect(row.getByTestId('rejected-reason')).toHaveText(
    'Son motif : « The PLSA must have a company e-mail address. »',
  );
  await expect(row.locator('.timeline')).toContainText("Répondue (demande d'accès rejetée)");
  expect(await bodyText(page)).not.toContain('access-rejected');
});

test('a find-my-PLSA request at the desk, and the PLSA console audit, say who and what in words', async ({
  page,
  host,
}) => {
  createAgent(host);
  await open(page, host, '#/recovery?form=plsa');
  await page.locator('#f-loginOrCofor').fill(DEMO.user.login);
  await page.locator('#f-email').fill(DEMO.user.email);
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#recovery-done')).toBeVisible();

  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  // This find-my-PLSA request (the demo's own A10003 access request is in the queue too).
  await page.locator('.queue-table tr[data-reference^="PLS-"] a.request-link').click();
  await expect(page.locator('#decide-title')).toBeVisible();
  await expect(page.locator('main')).toContainText('PLSAs named in the e-mail to the requester');
  expect(await bodyText(page)).not.toContain('plsasSent');
  await signOut(page);

  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByTestId('my-login')).toHaveText('V100001', { timeout: 20_000 });
  await page.evaluate(() => (location.hash = '#/console'));
  await page.locator('tr[data-login]').first().waitFor();
  const audit = page.getByRole('region', { name: 'Account events' });
  await expect(audit).toContainText("Someone, through a form of the portal's login page");
  await expect(audit).toContainText('Dominique Test (V100002)');
  expect(await audit.innerText()).not.toMatch(/\banonymous\b/);
  await chooseLanguage(page, 'fr');
  const auditFr = page.getByRole('region', { name: 'Événements des comptes' });
  await expect(auditFr).toContainText('Quelqu’un, par un formulaire de la page de connexion du portail');
  expect(await auditFr.innerText()).not.toMatch(/\banonymous\b/);
});
