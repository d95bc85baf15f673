// The privacy ledger and erasure through the screens, standalone: My requests shows what left
// this PC (masked, with the kinds of personal data), a signed-in person exports their data, and
// an erasure request is handled by the desk, its outcome in the request's history. In French too.
import { readFileSync } from 'node:fs';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import {
  chooseLanguage,
  configureRelay,
  DEMO,
  expect,
  fillHelp,
  logIn,
  open,
  openRequest,
  sendHelpRequest,
  test,
} from './fixtures';

let smtp: TestSmtp | null = null;
test.afterEach(async () => {
  await smtp?.stop().catch(() => {});
  smtp = null;
});

test('What left this PC: each e-mail, masked, with the kinds of personal data; erasure asked and handled by the desk', async ({
  page,
  host,
}) => {
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);
  const { reference, row } = await sendHelpRequest(page, host);
  await expect(row.locator('.badge.rstate-sent')).toBeVisible({ timeout: 20_000 });
  await page.reload();
  const ledger = page.getByTestId('privacy-ledger');
  const line = ledger.locator('tr[data-channel="e-mail"]').filter({ hasText: reference });
  await expect(line).toContainText('the portal assistance');
  await expect(line).toContainText('name, e-mail address, phone');
  await expect(ledger).not.toContainText('rita@lost-parts.example');

  await ledger.getByRole('link', { name: 'Ask for the erasure of my data' }).click();
  await expect(page.getByLabel('Purpose of your request')).toHaveValue('erasure');
  await fillHelp(page);
  await page.getByLabel('Purpose of your request').selectOption('erasure');
  await page.getByLabel('Your question').fill('Please erase what you hold about me.');
  await page.getByRole('button', { name: 'Submit' }).click();
  const erasure = await page.getByTestId('reference').innerText();

  await openRequest(page, host, erasure);
  const panel = page.getByTestId('erasure');
  await panel.getByRole('button', { name: "Erase this person's data" }).click();
  await panel.getByRole('button', { name: 'Click again to erase: this cannot be undone' }).click();
  await expect(panel.getByTestId('erasure-outcome')).toHaveText(
    'Erased: 1 requests and 0 e-mails. Now answer the request with the outcome.',
  );
  await expect(page.locator('.timeline')).toContainText("person's data erased");
  await page.getByLabel('Answer (sent to the supplier)').fill('Your data held on this workstation was erased.');
  await page.getByRole('button', { name: 'Answer and close' }).click();
  await expect(page.locator('.timeline')).toContainText('answered');
  await page.getByRole('link', { name: /Back to the queue/ }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.locator('dl.facts')).toContainText('[erased]');
});

test('en français : « Ce qui a quitté ce poste », et l’export de mes données', async ({ page, host }) => {
  await open(page, host);
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
  await open(page, host, '#/requests');
  const ledger = page.getByTestId('privacy-ledger');
  await expect(ledger.getByRole('heading', { name: 'Ce qui a quitté ce poste' })).toBeVisible();
  await expect(ledger.getByTestId('ledger-empty')).toHaveText("Rien n'a encore quitté ce poste.");
  await expect(ledger.getByRole('button', { name: 'Exporter mes données (JSON)' })).toHaveCount(0); // nobody logged in

  await chooseLanguage(page, 'en');
  await page.keyboard.press('Escape');
  await logIn(page, host, DEMO.user.login, DEMO.user.password);
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
  await open(page, host, '#/requests');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    ledger.getByRole('button', { name: 'Exporter mes données (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`my-data-${DEMO.user.login}.json`);
  const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { account: { login: string } };
  expect(data.account.login).toBe(DEMO.user.login);
  await ledger.getByRole('link', { name: "Demander l'effacement de mes données" }).click();
  await expect(page.getByLabel('Objet de votre demande')).toHaveValue('erasure');
});
