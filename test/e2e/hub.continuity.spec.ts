// PLSA continuity and access reviews through the hub (embedded PostgreSQL): the company's only
// PLSA, on one PC, hands over to a colleague, who accepts on another PC in French; the hub holds
// the accounts, so the colleague has the console at once and the leaver can log in on neither PC.
// A review answered on a linked PC blocks, on the hub, the account not confirmed in 30 days
// (the hub's and the PCs' clock moved by the test). "I cannot log in" works with the hub down,
// and the form it leads to reaches the desk through the hub once it is back. An erasure decided
// on one desk is the hub's, and another desk's queue follows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHub, type TestHub } from '../fixtures/hub-process';
import {
  advanceClockOf,
  AGENT,
  chooseLanguage,
  DEMO,
  fillHelp,
  open,
  sendHelpRequest,
  expect,
  logIn,
  logInFr,
  requireKeychain,
  test,
} from './fixtures';
import { deskLogIn, syncAndShow, syncUntilOnline, workstation } from './workstations';

let hub: TestHub;
let clockDir: string;
const DAY = 24 * 60 * 60 * 1000;
test.beforeEach(async () => {
  clockDir = mkdtempSync(join(tmpdir(), 'portal-clock-'));
  hub = await testHub({ clockFile: join(clockDir, 'now.clock') });
  await hub.start();
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
  rmSync(clockDir, { recursive: true, force: true });
});

/** Desk tokens and the agent, made while the hub is stopped (as its command line requires). */
function desksOnHub(count: number): string[] {
  const tokens = Array.from({ length: count }, () => hub.registerDesk());
  hub.createAgent({ ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' });
  return tokens;
}

test('through the hub: a single PLSA hands over on one PC, the colleague accepts on another (in French)', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await requireKeychain();
  const plsaPc = await workstation(hub.url);
  const userPc = await workstation(hub.url);
  try {
    await logIn(page, plsaPc, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByTestId('single-plsa')).toContainText('You are the only PLSA of your company', {
      timeout: 20_000,
    });
    await page.evaluate(() => (location.hash = '#/console'));
    await expect(page.getByTestId('console-through-hub')).toBeVisible();
    const panel = page.getByTestId('handover-panel');
    await panel.getByLabel('Colleague who takes over').selectOption(DEMO.user.login);
    await panel.getByRole('button', { name: 'Hand over' }).click();
    await expect(panel.getByTestId('handover-waiting')).toContainText('You stay PLSA until they accept.');

    const colleague = await browser.newPage();
    await colleague.goto(userPc.url);
    await chooseLanguage(colleague, 'fr');
    await colleague.keyboard.press('Escape');
    await logInFr(colleague, userPc, DEMO.user.login, DEMO.user.password);
    const offer = colleague.getByTestId('handover-offer');
    await expect(offer).toContainText(`Camille Sample (${DEMO.plsa.login}), PLSA de votre entreprise, part`, {
      timeout: 20_000,
    });
    await offer.getByRole('button', { name: 'Accepter : devenir PLSA' }).click();
    await expect(colleague.getByTestId('handover-answer')).toHaveText(
      'Vous êtes désormais le PLSA de votre entreprise : la console vous est ouverte.',
    );
    await colleague.getByRole('link', { name: 'Ouvrir la console PLSA' }).first().click();
    await expect(colleague.getByRole('heading', { name: 'Console PLSA' })).toBeVisible();
    await expect(colleague.locator(`tr[data-login="${DEMO.plsa.login}"]`)).toContainText('Désactivé');

    // The leaver's session ended on the hub: their console is refused, and so is a new login.
    await page.reload();
    await expect(page.getByText('Your session has ended: log in again.')).toBeVisible({ timeout: 20_000 });
    await logIn(page, plsaPc, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: 'My private area' })).toHaveCount(0);
  } finally {
    await plsaPc.close();
    await userPc.close();
  }
});

test('through the hub: a review answered on a linked PC blocks the unconfirmed account after 30 days, on the hub', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await requireKeychain();
  const pc = await workstation(hub.url, { PORTAL_CLOCK_FILE: join(clockDir, 'now.clock') });
  try {
    await logIn(page, pc, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/console'));
    const review = page.getByTestId('access-review');
    await review.getByRole('button', { name: `Still works here ${DEMO.blocked.login}` }).click();
    await expect(review.getByTestId('review-message')).toHaveText(`${DEMO.blocked.login} confirmed.`);
    await expect(review.locator(`tr[data-review-login="${DEMO.user.login}"]`)).toContainText('not answered yet');

    advanceClockOf(join(clockDir, 'now'), 31 * DAY);
    await page.evaluate(() => sessionStorage.clear());
    await logIn(page, pc, DEMO.user.login, DEMO.user.password);
    await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
    await logIn(page, pc, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/console'));
    await expect(review.locator(`tr[data-review-login="${DEMO.user.login}"]`)).toContainText(
      'not confirmed in time: blocked',
    );
    await expect(page.getByTestId('console-through-hub')).toBeVisible();
  } finally {
    await pc.close();
  }
});

test('through the hub, offline first: "I cannot log in" leads to "Blocked access?" with the login filled in; the request reaches the desk once the hub is back', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await requireKeychain();
  await hub.stop();
  const [deskToken] = desksOnHub(1);
  const pc = await workstation(hub.url);
  const deskPc = await workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: deskToken! });
  try {
    await page.goto(pc.url);
    await page.evaluate(() => (location.hash = '#/login'));
    await page.getByLabel('Login', { exact: true }).fill(DEMO.blocked.login);
    await page.getByTestId('login-help-link').click();
    await page.getByRole('button', { name: 'My access is blocked' }).click();
    await page.getByRole('link', { name: 'Open "Blocked access?"' }).click();
    await expect(page.getByLabel('Login', { exact: true })).toHaveValue(DEMO.blocked.login);
    await page.getByLabel('E-mail registered for your login').fill(DEMO.blocked.email);
    await page.getByLabel('What happened?').fill('Back from holiday, I am locked out.');
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.locator('#recovery-done')).toBeVisible();
    const sync = page.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toContainText('1 to sync'); // the hub is down: the request waits here

    await hub.start();
    await syncUntilOnline(page);
    const desk = await browser.newPage();
    await deskLogIn(desk, deskPc, AGENT);
    await expect(async () => {
      await desk.getByTestId('sync-indicator').click();
      await desk.reload();
      await expect(desk.locator('tbody tr').filter({ hasText: 'Blocked access' })).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await pc.close();
    await deskPc.close();
  }
});

test("through the hub: an erasure decided on one desk erases the person's other request on the hub, and another desk's queue follows", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  await hub.stop();
  const tokens = desksOnHub(2);
  await hub.start();
  const pc = await workstation(hub.url);
  const [deskA, deskB] = await Promise.all(tokens.map((t) => workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: t })));
  try {
    const { reference } = await sendHelpRequest(page, pc);
    await open(page, pc, '#/contact?purpose=erasure');
    await fillHelp(page);
    await page.getByLabel('Purpose of your request').selectOption('erasure');
    await page.getByLabel('Your question').fill('Please erase what you hold about me.');
    await page.getByRole('button', { name: 'Submit' }).click();
    const erasure = await page.getByTestId('reference').innerText();
    await syncUntilOnline(page);

    const a = await browser.newPage();
    await deskLogIn(a, deskA!, AGENT);
    await syncAndShow(a, erasure);
    await a.getByRole('link', { name: erasure }).click();
    const panel = a.getByTestId('erasure');
    await panel.getByRole('button', { name: "Erase this person's data" }).click();
    await panel.getByRole('button', { name: 'Click again to erase: this cannot be undone' }).click();
    await expect(panel.getByTestId('erasure-outcome')).toContainText('Erased: 1 requests');
    await syncUntilOnline(a);

    const b = await browser.newPage();
    await deskLogIn(b, deskB!, AGENT);
    await expect(async () => {
      await b.getByTestId('sync-indicator').click();
      await b.reload();
      await expect(b.locator(`tr[data-reference="${reference}"]`)).toContainText('[erased]', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(b.locator(`tr[data-reference="${erasure}"]`)).toContainText('Rita Sousa'); // the record stays
  } finally {
    await pc.close();
    await deskA!.close();
    await deskB!.close();
  }
});

test('through the hub: "Replace our PLSA" sent from a French PC reaches the desk, which follows its procedure and replaces the PLSA on the hub', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  await hub.stop();
  const [token] = desksOnHub(1);
  await hub.start();
  const pc = await workstation(hub.url);
  const deskPc = await workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: token! });
  try {
    await page.goto(pc.url);
    await chooseLanguage(page, 'fr');
    await page.keyboard.press('Escape');
    await open(page, pc, '#/contact?purpose=replace-plsa&cofor=A10001');
    const replace = page.getByTestId('replace-plsa');
    await replace.getByLabel('Nouveau PLSA : nom complet').fill('Noor Haddad');
    await replace.getByLabel('Nouveau PLSA : e-mail professionnel').fill('noor.haddad@demo-forge.example');
    await replace.getByLabel('Représentant légal : nom complet').fill('Alex Example');
    await replace.getByLabel('Représentant légal : e-mail professionnel').fill('alex.example@demo-forge.example');
    await replace.getByLabel('Notre représentant légal confirme cette demande').check();
    await page.getByLabel('Votre question').fill('Camille Sample est partie sans transmettre son rôle.');
    await page.getByLabel('Nom', { exact: true }).fill('Dominique Test');
    await page.getByLabel('Entreprise', { exact: true }).fill('Demo Forge');
    await page.getByLabel('E-mail', { exact: true }).fill('dominique.test@demo-forge.example');
    await page.getByLabel('Téléphone', { exact: true }).fill('+33 1 00 00 00 00');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const reference = await page.getByTestId('reference').innerText();
    await syncUntilOnline(page, 'fr');

    const desk = await browser.newPage();
    await deskLogIn(desk, deskPc, AGENT);
    await syncAndShow(desk, reference);
    await desk.getByRole('link', { name: reference }).click();
    await expect(desk.getByTestId('plsa-replacement').getByTestId('legal-rep-match')).toHaveText('matches the record');
    const company = desk.getByRole('region', { name: 'Company' });
    await company.getByRole('button', { name: 'Replace this PLSA' }).click();
    await expect(company.getByLabel('New PLSA: full name')).toHaveValue('Noor Haddad');
    await company.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect(company.locator('.confirmation')).toBeVisible({ timeout: 20_000 });
    await syncUntilOnline(desk);
    await expect(async () => {
      await desk.getByTestId('sync-indicator').click();
      await desk.reload();
      await expect(company).toContainText('noor.haddad@demo-forge.example', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await pc.close();
    await deskPc.close();
  }
});
