// What an assistance agent sees on the desk's screens, in English and French: a file that is not
// a directory file refused in one sentence next to the drop zone, templates naming a placeholder
// nobody fills refused next to the field, a COFOR typed in Help & Contact shown normalised with
// its company, an attachment that opens in the browser, a rejection's missing reason named, and
// the agents listed.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { pdf } from '../fixtures/files';
import {
  AGENT,
  chooseLanguage,
  createAgent,
  expect,
  expectAccessible,
  fillHelp,
  logIn,
  logInFr,
  open,
  openRequest,
  requestAccess,
  test,
} from './fixtures';

// Each test logs in (two scrypt checks) on a machine the other suites share: room for slowness.
test.describe.configure({ timeout: 90_000 });

const SAMPLES = resolve(__dirname, '..', '..', 'resources', 'samples');

async function asAgent(page: Page, host: Parameters<typeof logIn>[1], fr = false) {
  createAgent(host);
  if (fr) await logInFr(page, host, AGENT.username, AGENT.password);
  else await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Assistance queue|File de l'assistance/, {
    timeout: 20_000,
  });
}

/** Drops a file on the drop zone as a person drags it from their files. */
async function dropFile(page: Page, name: string, content: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, text]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], fileName));
      return data;
    },
    [name, content] as const,
  );
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a PDF chosen as a directory file is refused in one sentence next to the drop zone; the sample files import', async ({
  page,
  host,
}) => {
  await asAgent(page, host);
  await page.getByRole('link', { name: 'Directory' }).click();
  const field = page.getByLabel('Directory file (.csv or .jsonl)');
  const error = page.locator('#directory-file-error');
  await field.setInputFiles({ name: 'extract.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await expect(error).toHaveText(/^This is not a CSV or JSON Lines file\. .*CSV \(\.csv\) or JSON Lines \(\.jsonl\)/);
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  // Renamed, its content tells: still one sentence, and not one "not valid JSON" per line.
  // A real PDF carries binary streams (NUL bytes), which no channel takes as text.
  const binaryPdf = Buffer.concat([pdf(), Buffer.from([0, 0, 0xff, 0x10, 0, 0x80])]);
  await field.setInputFiles({ name: 'directory.jsonl', mimeType: 'application/jsonl', buffer: binaryPdf });
  await expect(error).toHaveCount(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(error).toHaveText(/^This is not a CSV or JSON Lines file\./);
  await expect(page.locator('main')).not.toContainText('not valid JSON');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await expect(field).toHaveAttribute('aria-describedby', /directory-file-error/);
  await expectAccessible(page);

  // The project's drop zone, not the browser's own "Choose File": the README's samples, dropped
  // on it, import with no row rejected.
  await expect(page.locator('.file-drop .drop-zone')).toContainText('Drop a file here, or');
  await dropFile(page, 'directory-sample.jsonl', readFileSync(join(SAMPLES, 'directory-sample.jsonl'), 'utf8'));
  await expect(page.locator('.drop-chosen')).toHaveText('directory-sample.jsonl');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Companies: 2 added');
  await expect(report).toContainText('No row was rejected.');
  await field.setInputFiles(join(SAMPLES, 'directory-sample.csv'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(report).toContainText('Companies: 0 added, 0 updated, 2 unchanged');
  await expect(report).toContainText('No row was rejected.');
});

test('a template naming {nonsense} is not saved: the field says which placeholder and which are allowed', async ({
  page,
  host,
}) => {
  await asAgent(page, host);
  await page.getByRole('link', { name: 'Templates' }).click();
  await page.getByLabel('Template', { exact: true }).selectOption('answer');
  await page.getByLabel('Text', { exact: true }).fill('Hello {nonsense},\n\n{message}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#template-body-error')).toHaveText(
    '{nonsense} is not a placeholder the desk fills: use only {reference} {cofor} {companyName} {reason} {logins} {message}.',
  );
  await expect(page.getByText('Not saved: the template names {nonsense}')).toBeVisible();
  await expect(page.getByText('Templates saved.')).toHaveCount(0);
  await expectAccessible(page);
  // Another template shown, then the agent's: still refused, nothing was kept.
  await page.reload();
  await page.getByLabel('Template', { exact: true }).selectOption('answer');
  await expect(page.getByLabel('Text', { exact: true })).not.toHaveValue(/nonsense/);
});

test('a COFOR typed "a10001" in Help & Contact shows at the desk as A10001, with its company', async ({
  page,
  host,
}) => {
  createAgent(host);
  await open(page, host, '#/contact');
  await fillHelp(page);
  await page.getByLabel(/^COFOR/).fill('a10001');
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();
  await openRequest(page, host, reference);
  const content = page.locator('section[aria-labelledby=content-title]');
  await expect(content.locator('dd').filter({ hasText: /^A10001$/ })).toHaveCount(1);
  await expect(content).not.toContainText('a10001');
  await expect(page.getByTestId('cofor-company')).toHaveText('Demo Forge Components SAS');
  await expect(page.getByRole('region', { name: 'Company' })).toContainText('Demo Forge Components SAS — COFOR A10001');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Back to the queue' }).click();
  await expect(page.locator(`tr[data-reference="${reference}"]`)).toContainText('Demo Forge Components SAS');
});

test("an attachment's Open saves the PDF in the browser, as it was checked", async ({ page, host }) => {
  createAgent(host);
  await open(page, host, '#/company-file');
  await page.getByLabel('D-U-N-S number').fill('123456789');
  await page.getByLabel('Legal name').fill('Nouvelle Pièce SARL');
  await page.getByLabel('National registration number').fill('RCS Paris 123 456 789');
  await page.getByLabel('Tax (VAT) number').fill('FR12123456789');
  await page.getByLabel('Street and number').fill('12 rue des Essais');
  await page.getByLabel('Postal code').fill('75011');
  await page.getByLabel('City').fill('Paris');
  await page.getByLabel('Country').selectOption('FR');
  await page.getByLabel('Contact e-mail').fill('contact@nouvelle-piece.example');
  await page
    .getByLabel('Document proving legal existence')
    .setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();
  await openRequest(page, host, reference);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Open', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('kbis.pdf');
  expect(readFileSync((await download.path())!).equals(pdf())).toBe(true);
  await expect(page.getByTestId('attachment-saved')).toContainText('Saved as kbis.pdf');
  // The page stays the app: nothing was opened in it.
  await expect(page.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
  await expectAccessible(page);
});

test('Reject with no reason names the field: "Reason for the rejection: this field is required."', async ({
  page,
  host,
}) => {
  createAgent(host);
  const reference = await requestAccess(page, host);
  await openRequest(page, host, reference);
  await page.getByRole('button', { name: 'Reject' }).click();
  const named = 'Reason for the rejection: this field is required.';
  await expect(page.locator('#f-decision-reason-error')).toHaveText(named);
  await expect(page.getByTestId('decision-outcome')).toHaveText(named);
  await expectAccessible(page);
});

test('the Agents screen lists the agents, with their state and last login', async ({ page, host }) => {
  await asAgent(page, host);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  const list = page.getByTestId('agent-list');
  await expect(list.getByRole('heading', { name: 'Agents of this desk' })).toBeVisible();
  const ana = list.locator('tr[data-agent="desk.ana"]');
  await expect(ana).toContainText('Ana Assist');
  await expect(ana).toContainText('Active');
  await expect(ana.locator('time')).toHaveCount(1); // logged in just now
  await page.getByLabel('User name', { exact: true }).fill('desk.bob');
  await page.getByLabel('Full name').fill('Bob Assist');
  await page.getByLabel('E-mail', { exact: true }).fill('bob@assist.example');
  await page.getByRole('button', { name: 'Create the agent' }).click();
  const bob = list.locator('tr[data-agent="desk.bob"]');
  await expect(bob).toContainText('Bob Assist');
  await expect(bob).toContainText('temporary password not changed yet');
  await expect(bob).toContainText('never');
  await expectAccessible(page);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the directory, the templates, a rejection and the agents speak French', async ({ page, host }) => {
    await asAgent(page, host, true);
    await page.getByRole('link', { name: 'Annuaire' }).click();
    await page
      .getByLabel("Fichier d'annuaire (.csv ou .jsonl)")
      .setInputFiles({ name: 'extrait.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await expect(page.locator('#directory-file-error')).toHaveText(/^Ce n'est pas un fichier CSV ou JSON Lines\./);

    await page.getByRole('link', { name: 'Modèles' }).click();
    await page.locator('#template-key').selectOption('answer');
    await page.locator('#template-body').fill('Bonjour {nonsense}');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('#template-body-error')).toHaveText(
      "{nonsense} n'est pas un champ que l'assistance remplit : utilisez seulement {reference} {cofor} {companyName} {reason} {logins} {message}.",
    );

    await page.getByRole('navigation').getByRole('link', { name: 'Agents' }).click();
    await expect(page.getByTestId('agent-list').locator('tr[data-agent="desk.ana"]')).toContainText('Actif');
  });

  test('Reject with no reason names the field in French', async ({ page, host }) => {
    createAgent(host);
    // The supplier's form in English (the helper reads English labels), the desk in French.
    await open(page, host);
    await chooseLanguage(page, 'en');
    const reference = await requestAccess(page, host);
    await chooseLanguage(page, 'fr');
    await logInFr(page, host, AGENT.username, AGENT.password);
    await expect(page.getByRole('heading', { name: "File de l'assistance" })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('button', { name: 'Rejeter' }).click();
    await expect(page.locator('#f-decision-reason-error')).toHaveText('Motif du rejet : ce champ est obligatoire.');
  });
});
