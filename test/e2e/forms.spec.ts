import type { Page } from '@playwright/test';
import { HOSTILE_FILES, pdf } from '../fixtures/files';
import { chooseLanguage, expect, expectAccessible, open, test } from './fixtures';

async function fillCompanyFile(page: Page, duns: string) {
  await page.getByLabel('D-U-N-S number').fill(duns);
  await page.getByLabel('Legal name').fill('Nouvelle Pièce SARL');
  await page.getByLabel('National registration number').fill('RCS Paris 123 456 789');
  await page.getByLabel('Tax (VAT) number').fill('FR12123456789');
  await page.getByLabel('Street and number').fill('12 rue des Essais');
  await page.getByLabel('Postal code').fill('75011');
  await page.getByLabel('City').fill('Paris');
  await page.getByLabel('Country').selectOption('FR');
  await page.getByLabel('Contact e-mail').fill('contact@nouvelle-piece.example');
}

test('Present your company: a file with its document gets a reference; the same DUNS again is refused', async ({
  page,
  host,
}) => {
  await open(page, host, '#/company-file');
  await expectAccessible(page);
  await fillCompanyFile(page, '123 456 789');
  await page
    .getByLabel('Document proving legal existence')
    .setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('heading', { name: 'Request saved' })).toBeVisible();
  await expect(page.getByTestId('reference')).toHaveText(/^SDB-\d{8}-[A-Z2-9]{6}$/);
  await expectAccessible(page);

  await open(page, host, '#/company-file');
  await fillCompanyFile(page, '123456789');
  await page.getByLabel('Contact e-mail').fill('other@nouvelle-piece.example');
  await page
    .getByLabel('Document proving legal existence')
    .setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: pdf() });
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('A Supplier Database file already exists for this D-U-N-S number')).toBeVisible();
  await expect(page.getByLabel('D-U-N-S number')).toBeFocused();
});

test('Present your company: bad input is explained next to each field and nothing is sent', async ({ page, host }) => {
  await open(page, host, '#/company-file');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Some fields need attention')).toBeVisible();
  await expect(page.locator('#f-legalName-error')).toHaveText(/This field is required/);
  await expect(page.locator('#f-document-error')).toHaveText(/This field is required/);
  await expectAccessible(page);

  await fillCompanyFile(page, '12345');
  await page.getByLabel('Contact e-mail').fill('contact@');
  const exe = HOSTILE_FILES.find((f) => f.name.startsWith('Windows executable'))!;
  await page
    .getByLabel('Document proving legal existence')
    .setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: exe.bytes });
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-duns-error')).toHaveText(/9 digits/);
  await expect(page.locator('#f-contactEmail-error')).toHaveText(/e-mail address such as/);
  await page.getByLabel('D-U-N-S number').fill('123456789');
  await page.getByLabel('Contact e-mail').fill('contact@nouvelle-piece.example');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-document-error')).toHaveText(/Only PDF, PNG or JPEG/);
  const scripted = HOSTILE_FILES.find((f) => f.name === 'PDF with /OpenAction JavaScript')!;
  await page
    .getByLabel('Document proving legal existence')
    .setInputFiles({ name: 'kbis.pdf', mimeType: 'application/pdf', buffer: scripted.bytes });
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-document-error')).toHaveText(/The PDF contains active content/);
  await expect(page.getByRole('heading', { name: 'Request saved' })).toHaveCount(0);
});

test('I do not know my company COFOR: reached from the analysis, sent with the keyboard alone', async ({
  page,
  host,
}) => {
  await open(page, host, '#/access');
  await page.getByRole('link', { name: 'I do not know my company COFOR' }).click();
  await expect(page.getByRole('heading', { name: 'I do not know my company COFOR', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Company name').focus();
  const typeThenTab = async (text: string) => {
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  };
  await typeThenTab('Lost Parts Lda');
  await page.keyboard.type('Portugal'); // a focused select picks by typing
  await page.keyboard.press('Tab');
  await typeThenTab('Rua das Flores 1, Porto');
  await typeThenTab('');
  await typeThenTab('Rita Sousa');
  await typeThenTab('rita@lost-parts.example');
  await typeThenTab('+351 22 000 0000');
  await page.keyboard.type('We supply seat fabric and never received our COFOR.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Submit' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reference')).toHaveText(/^COF-/);
});

test('Access request: declared from the analysis of A10002, after which the analysis shows it pending', async ({
  page,
  host,
}) => {
  await open(page, host, '#/access');
  await page.getByLabel('COFOR', { exact: true }).fill('A10002');
  await page.getByRole('button', { name: 'Start analysis' }).click();
  await page.getByRole('link', { name: 'Declare the legal representative and the PLSA' }).click();
  // The form first (the terms are on it alone): until it replaces the analysis, "COFOR" also
  // names the analysis's field and its result.
  await expect(page.getByRole('region', { name: /General Terms of Use/ })).toContainText('Version 2026-01');
  await expect(page.getByLabel('COFOR', { exact: true })).toHaveValue('A10002');
  await expectAccessible(page);

  const people = page.locator('fieldset');
  const rep = people.filter({ hasText: 'Legal representative' });
  await rep.getByLabel('Full name').fill('Ana Legal');
  await rep.getByLabel('Function').fill('Managing director');
  await rep.getByLabel('Business e-mail').fill('ana@sample.example');
  await rep.getByLabel('Phone').fill('+49 30 000000');
  const plsa = people.filter({ has: page.getByText('PLSA', { exact: true }) });
  await plsa.getByLabel('Full name').fill('Ana Legal');
  await plsa.getByLabel('Function').fill('IT');
  await plsa.getByLabel('Business e-mail').fill('it@sample.example');
  await plsa.getByLabel('Phone').fill('+49 30 000001');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-termsAccepted-error')).toHaveText(/must accept/);
  await expect(page.locator('#f-samePersonConfirmed-error')).toHaveText(/look like the same person/);

  await plsa.getByLabel('Full name').fill('Paul Admin');
  await page.getByLabel(/I accept the General Terms of Use \(version 2026-01\)/).check();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('reference')).toHaveText(/^ACC-/);

  await page.getByRole('link', { name: 'Run the analysis again' }).click();
  await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'waiting');
  await expect(page.locator('[data-stage="access"]')).toContainText('received today');
});

test('a draft survives a restart of the host', async ({ page, host }) => {
  await open(page, host, '#/cofor-help');
  await page.getByLabel('Company name').fill('Half-typed Company');
  await page.getByLabel('Message').fill('I was typing when the machine restarted');
  await expect(page.getByText('Draft saved')).toBeVisible();

  await host.restart();
  // The same window opens the address the new host printed (its token is new): a fresh load.
  await page.goto('about:blank');
  await open(page, host, '#/cofor-help');
  await expect(page.getByText('Your draft was restored.')).toBeVisible();
  await expect(page.getByLabel('Company name')).toHaveValue('Half-typed Company');
  await expect(page.getByLabel('Message')).toHaveValue('I was typing when the machine restarted');
});

test('the language follows the OS and switches to French, every text with it', async ({ page, host }) => {
  await open(page, host, '#/access');
  await chooseLanguage(page, 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Obtenez l'accès au portail B2B");
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByLabel('COFOR', { exact: true }).fill('A10003');
  await page.getByRole('button', { name: "Lancer l'analyse" }).click();
  await expect(page.locator('[data-stage="access"]')).toContainText('il y a 5 jours');
  await page.getByRole('button', { name: "Lancer l'analyse" }).focus();
  await page.getByLabel('COFOR', { exact: true }).fill('??');
  await page.getByRole('button', { name: "Lancer l'analyse" }).click();
  await expect(page.getByText('Un COFOR compte 6 lettres ou chiffres')).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Accueil' })).toBeVisible(); // the choice is remembered
});

test.describe('French workstation', () => {
  test.use({ locale: 'fr-FR' });
  test('opens in French, the home screen accessible', async ({ page, host }) => {
    await open(page, host);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Découvrez le portail B2B !');
    await expect(page.getByText('Données de démonstration', { exact: true })).toBeVisible();
    await expect(page.getByTestId('demo-welcome')).toContainText('Choisissez un COFOR');
    await expectAccessible(page);
  });
});

test('the home screen shows the three stages and the demo badge, and is accessible', async ({ page, host }) => {
  await open(page, host);
  await expect(page.locator('.stage-card h2')).toHaveText([
    'Present your company in the Supplier Database',
    'Get access to B2B portal',
    'Login to your private area',
  ]);
  await expect(page.getByText('Demo data', { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test('the first run explains the demo data, analyses a demo COFOR in one click, and can be hidden', async ({
  page,
  host,
}) => {
  await open(page, host);
  const welcome = page.getByRole('region', { name: 'This workstation shows demo data' });
  await expect(welcome).toContainText('V100001 (PLSA)');
  await welcome.getByRole('button', { name: 'A10003' }).click();
  await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'waiting');
  await open(page, host);
  await page.getByRole('button', { name: 'Got it: hide this' }).click();
  await expect(welcome).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.stage-card')).toHaveCount(3);
  await expect(welcome).toHaveCount(0);
});

test.describe('without the demo directory', () => {
  test.use({ hostArgs: ['--no-demo'] });
  test('no badge, and the demo COFORs are unknown', async ({ page, host }) => {
    await open(page, host, '#/access');
    await expect(page.getByText('Demo data', { exact: true })).toHaveCount(0);
    await expect(page.getByTestId('demo-welcome')).toHaveCount(0);
    await page.getByLabel('COFOR', { exact: true }).fill('A10001');
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await expect(page.locator('[data-situation="unknown"]')).toBeVisible();
  });
});

test('without the launch token the app says where to find it', async ({ page, host }) => {
  await page.goto(host.url.replace(/#token=.*/, ''));
  await expect(page.getByRole('alert')).toContainText('Open the address printed by "npm run web"');
});
