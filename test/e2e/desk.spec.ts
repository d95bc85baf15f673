import type { Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BODY_BYTES } from '../../main/http/server';
import { toCsv } from '../../main/portal/directory/file-formats';
import { syntheticDirectory } from '../bench/directory-data';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import {
  AGENT,
  configureRelay,
  createAgent,
  DEMO,
  openRequest,
  requestAccess,
  expect,
  expectAccessible,
  keychainSecret,
  logIn,
  requireKeychain,
  open,
  outboxFor,
  test,
  signOut,
} from './fixtures';

let smtp: TestSmtp | null = null;
test.afterEach(async () => {
  await smtp?.stop().catch(() => {});
  smtp = null;
});

test('unknown COFOR: a supplier asks, the desk finds the company and answers by e-mail', async ({ page, host }) => {
  createAgent(host);
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);

  await open(page, host, '#/cofor-help');
  await page.getByLabel('Company name').fill('Sample Plastics');
  await page.getByLabel('Country').selectOption('DE');
  await page.getByLabel('Address').fill('Beispielstrasse 2, Musterstadt');
  await page.getByLabel('Your name').fill('Jo Sample');
  await page.getByLabel('Your e-mail').fill('jo@sample.example');
  await page.getByLabel('Your phone').fill('+49 30 000000');
  await page.getByLabel('Message').fill('We lost our COFOR.');
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();

  await openRequest(page, host, reference);
  await expectAccessible(page);
  await page.getByRole('searchbox', { name: 'Find the company' }).fill('Sampel Plastik');
  await page.getByRole('button', { name: 'Find the company' }).click();
  await page.getByRole('button', { name: 'Answer with A10002' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('COFOR A10002');
  // The company panel follows the answer, in the desk's words: stages without supplier forms.
  const companyPanel = page.getByRole('region', { name: 'Company' });
  await expect(companyPanel).toContainText('COFOR A10002');
  await expect(companyPanel.locator('[data-stage]')).toHaveCount(3);
  await expect(companyPanel.locator('[data-stage] a')).toHaveCount(0);
  await expect
    .poll(() => smtp!.received.filter((r) => r.envelopeTo.includes('jo@sample.example')).length, { timeout: 15_000 })
    .toBe(1);
  const answer = smtp.received.find((r) => r.envelopeTo.includes('jo@sample.example'))!;
  expect(answer.mail.subject).toBe(`[${reference}] Your company COFOR`);
  expect(answer.mail.text).toContain('A10002');
});

test('access request for A10002 validated: access opens, the new PLSA logs in with the temporary password and must change it', async ({
  page,
  host,
}) => {
  await requireKeychain();
  createAgent(host);
  const reference = await requestAccess(page, host);

  await openRequest(page, host, reference);
  await page.getByRole('button', { name: 'Validate: open the access' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('access open');
  const login = (await page.getByTestId('decision-outcome').innerText()).match(/V\d{6}/)![0];
  await signOut(page);

  await open(page, host, '#/access');
  await page.getByLabel('COFOR', { exact: true }).fill('A10002');
  await page.getByRole('button', { name: 'Start analysis' }).click();
  await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'done');

  const [mail] = outboxFor(host, 'pat@sample.example');
  const temporary = await keychainSecret(host, mail!.secretRef!);
  await logIn(page, host, login, temporary!);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
});

test("a fresh demo workstation: the desk's queue holds A10003's access request, which the analysis says waits, and the agent validates it", async ({
  page,
  host,
}) => {
  await requireKeychain();
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  const row = page.locator('.queue-table tbody tr', { hasText: 'A10003' });
  await expect(row).toContainText('Placeholder Wiring Lda');
  await expect(row).toContainText('Rui Placeholder');
  await row.locator('a.request-link').click();
  await expect(page.locator('#decide-title')).toBeVisible();
  await expect(page.locator('main')).toContainText('ines.sample@placeholder-wiring.example');
  await page.getByRole('button', { name: 'Validate: open the access' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('access open');
  // The new PLSA's temporary password waits for the relay, to the demo request's PLSA.
  expect(outboxFor(host, 'ines.sample@placeholder-wiring.example')).toHaveLength(1);
  await signOut(page);

  // The analysis no longer says the request waits: access is open.
  await open(page, host, '#/access');
  await page.getByLabel('COFOR', { exact: true }).fill('A10003');
  await page.getByRole('button', { name: 'Start analysis' }).click();
  await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'done');
  // It was not sent from this workstation: My requests does not list it.
  await open(page, host, '#/requests');
  await expect(page.locator('main')).not.toContainText('A10003');
});

test('two agents validating the same request at once: one wins, the other is told who decided and when', async ({
  page,
  context,
  host,
}) => {
  createAgent(host);
  const reference = await requestAccess(page, host);
  const other = await context.newPage();
  await openRequest(page, host, reference);
  await openRequest(other, host, reference);
  const validate = (p: Page) => p.getByRole('button', { name: 'Validate: open the access' }).click();
  await Promise.all([validate(page), validate(other)]);
  const outcomes = await Promise.all(
    [page, other].map(async (p) => {
      await expect(p.getByTestId('decision-outcome')).toBeVisible();
      return p.getByTestId('decision-outcome').innerText();
    }),
  );
  expect(outcomes.filter((o) => o.startsWith('Done: access open')).length).toBe(1);
  expect(
    outcomes.filter((o) =>
      /^This request was already validated by desk\.ana on .+\. A decided request is final: nothing was changed\.$/.test(
        o,
      ),
    ).length,
  ).toBe(1);
  for (const p of [page, other])
    await expect(p.getByTestId('decision-final')).toContainText('Decided: validated by desk.ana');
  await expect(page.getByLabel('State', { exact: true })).toBeDisabled();
});

test('a rejected access request: the supplier is told why and may ask again', async ({ page, host }) => {
  createAgent(host);
  const reference = await requestAccess(page, host);

  await openRequest(page, host, reference);
  // The request in words: labels and yes/no, not the form's field names and booleans.
  const content = page.locator('section[aria-labelledby=content-title]');
  await expect(content).toContainText('Legal representative · Full name');
  await expect(content).toContainText('Terms of use accepted');
  await expect(content).not.toContainText(/samePersonConfirmed|legalRepresentative|true|false/);
  await expect(page.locator('section[aria-labelledby=state-title] ol')).not.toContainText(/saved|queued/);
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.locator('#f-decision-reason-error')).toHaveText(/required/);
  await page.getByLabel('Reason (sent to the supplier)').fill('The legal representative is not the one registered.');
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('Done');
  expect(outboxFor(host, 'lea@sample.example')[0]!.body).toContain('not the one registered');
  await page.getByRole('link', { name: 'Back to the queue' }).click();
  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.locator(`tr[data-reference="${reference}"]`)).toContainText('Done');
  await expectAccessible(page);
});

test('directory import with bad rows shows the report, and a second import changes nothing', async ({ page, host }) => {
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await page.getByRole('link', { name: 'Directory' }).click();
  await expectAccessible(page);
  const csv = [
    'record,cofor,duns,legal_name,registration_number,tax_number,street,postal_code,city,country,status,access,access_requested_at,site_code,site_name,person_key,full_name,job_title,email,phone,role,login,state',
    'company,B20001,800000001,Brake Parts SA,,FR1,,,Lyon,FR,active,open,,,,,,,,,,,',
    'site,B20001,,,,,,,Lyon,,,,,01,Lyon plant,,,,,,,,',
    'company,B2,bad,,,,,,,,active,open,,,,,,,,,,,',
    'account,B20001,,,,,,,,,,,,,,,,,x@y.example,,admin,X1,active',
  ].join('\n');
  const upload = async () => {
    await page
      .getByLabel('Directory file (.csv or .jsonl)')
      .setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
  };
  await upload();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('4 rows read');
  await expect(report).toContainText('Companies: 1 added');
  // header + 5 problems: the B2 row's COFOR, DUNS and empty name; the account's login and role
  await expect(report.getByRole('row')).toHaveCount(6);
  await expect(report).toContainText('“login” does not have the expected form: “X1”.');
  await expect(report).toContainText('“role” must be one of: user, plsa (found “admin”).');
  await expect(report).toContainText('“legal_name” is empty or missing.');
  await expect(report).not.toContainText(/format\b|legalName|invalid_/);
  await expectAccessible(page);
  await upload();
  await expect(report).toContainText('Companies: 0 added, 0 updated, 1 unchanged');

  await page.getByRole('link', { name: 'Templates' }).click();
  await page.getByLabel('Template', { exact: true }).selectOption('answer');
  await page.getByLabel('Subject', { exact: true }).fill('[{reference}] Our answer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Templates saved.')).toBeVisible();
  // Agents have a screen of their own in the desk's navigation.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await expect(page.getByRole('heading', { name: 'Assistance agents', level: 1 })).toBeVisible();
  await page.getByLabel('User name', { exact: true }).fill('desk.bob');
  await page.getByLabel('Full name').fill('Bob Assist');
  await page.getByLabel('E-mail', { exact: true }).fill('bob@assist.example');
  await page.getByRole('button', { name: 'Create the agent' }).click();
  await expect(page.getByTestId('agent-temporary-password')).toHaveText(/^.{20}$/);
  await expectAccessible(page);
});

test.describe('French desk', () => {
  test.use({ locale: 'fr-FR' });
  test('the queue speaks French', async ({ page, host }) => {
    createAgent(host);
    await open(page, host, '#/login');
    await page.getByLabel('Identifiant', { exact: true }).fill(AGENT.username);
    await page.getByLabel('Mot de passe', { exact: true }).fill(AGENT.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { name: "File de l'assistance" })).toBeVisible();
    await expectAccessible(page);
  });
});

test('a directory file far larger than one request goes through the screen, with real counts while it is read', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await page.getByRole('link', { name: 'Directory' }).click();
  const size = 40_000; // about 28 MB of CSV: three times the host's limit for one request
  const csv = Buffer.from(toCsv(syntheticDirectory(size, new Date('2026-11-29T12:00:00Z')).companies));
  expect(csv.length).toBeGreaterThan(3 * MAX_BODY_BYTES);
  await page
    .getByLabel('Directory file (.csv or .jsonl)')
    .setInputFiles({ name: 'directory.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const progress = page.getByTestId('import-progress');
  // While the file is read: how much is sent, rows read and companies already written, in figures.
  await expect(progress).toContainText(/MB of [\d.]+ MB sent: [1-9][\d,]* rows read, [\d,]+ companies written/);
  await expect(page.getByRole('button', { name: 'Importing…' })).toBeDisabled();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText(`${(size * 9).toLocaleString('en')} rows read`, { timeout: 100_000 });
  // The synthetic logins V100000-V100004 are those of the demo company: that one company is
  // left out, whole, and said so; every other one is in.
  await expect(report).toContainText(`Companies: ${(size - 1).toLocaleString('en')} added`);
  await expect(report).toContainText('No row was rejected.');
  await expect(report.getByRole('row', { name: /Login V10000\d belongs to another company\./ })).toHaveCount(1);
  await expect(progress).toHaveCount(0);
  await expectAccessible(page);
});

test('a blocked-access report for an active account offers no Unblock, and says why', async ({ page, host }) => {
  createAgent(host);
  await open(page, host, '#/recovery?form=blocked');
  await page.getByLabel('Login', { exact: true }).fill(DEMO.user.login);
  await page.getByLabel('E-mail registered for your login').fill(DEMO.user.email);
  await page.getByLabel('What happened?').fill('I think I am locked out.');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#recovery-done')).toBeVisible();
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  // The demo's own waiting request (A10003) is older: the report is the other one.
  await page.locator('.queue-table tbody tr').filter({ hasNotText: 'A10003' }).locator('a.request-link').click();
  await expect(page.getByTestId('not-blocked')).toHaveText(
    'Account V100002 is not blocked (state: Active): there is nothing to unblock. Answer the sender below.',
  );
  await expect(page.getByRole('button', { name: 'Unblock the account' })).toHaveCount(0);
});

test("the desk is not reachable with a supplier's session", async ({ page, host }) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByTestId('my-login')).toHaveText('V100001');
  await page.evaluate(() => (location.hash = '#/desk'));
  await expect(page.getByText('Only the portal assistance can do this.')).toBeVisible();
});

test('an agent backs up the workstation from Settings; a supplier is not offered it', async ({ page, host }) => {
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-taken')).toContainText(
    /Backup taken on .+ \(companies: 4, accounts: 3, requests: 1\)\./,
  );
  // the one taken at start, and this one, each a whole store in the data folder's backups/
  const backups = readdirSync(join(host.dataDir, 'backups')).filter((n) => n.endsWith('.sqlite'));
  expect(backups.length).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('backup-taken')).toContainText(`Backups kept on this workstation: ${backups.length}.`);
  await expectAccessible(page);

  await signOut(page);
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await page.evaluate(() => (location.hash = '#/settings'));
  await expect(page.getByRole('heading', { name: 'Mail relay' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
});
