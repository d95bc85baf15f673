// PLSA continuity through the hub (embedded PostgreSQL): the company's only PLSA, on one PC,
// hands over to a colleague, who accepts on another PC in French; the hub holds the accounts, so
// the colleague has the console at once and the leaver can log in on neither PC.
import { testHub, type TestHub } from '../fixtures/hub-process';
import { chooseLanguage, DEMO, expect, logIn, logInFr, requireKeychain, test } from './fixtures';
import { workstation } from './workstations';

let hub: TestHub;
test.beforeEach(async () => {
  hub = await testHub();
  await hub.start();
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
});

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
