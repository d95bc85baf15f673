// A desk PC linked to the hub but not enrolled as a desk (no desk token, no agent's enrolment):
// the hub's agent logs in, and the header and the queue say that nothing will arrive, what to
// do, and lead to the enrolment; once enrolled, they say so no more.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { AGENT, chooseLanguage, expect, expectAccessible, requireKeychain, test } from './fixtures';
import { deskLogIn, workstation } from './workstations';
import { testHub, type TestHub } from '../fixtures/hub-process';

const OUT = resolve(__dirname, '..', '..', 'test-results', 'screens');
const ANA = { ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' };

let hub: TestHub;
test.beforeEach(async () => {
  hub = await testHub();
  hub.createAgent(ANA);
  await hub.start();
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
});

const shoot = (page: Page, name: string) => page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });

test('a desk PC not enrolled as a desk says so in the header and the queue, and leads to the enrolment', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  const pc = await workstation(hub.url); // --hub, no PORTAL_HUB_DESK_TOKEN: a supplier's PC
  try {
    await deskLogIn(page, pc, AGENT); // the hub's agent logs in all the same
    const sync = page.getByTestId('sync-indicator');
    await expect(async () => {
      await sync.click();
      await expect(sync).toContainText('Hub: online · not enrolled as a desk', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('sync-enrol')).toHaveText('Enrol it in Settings');
    const notice = page.getByTestId('queue-not-enrolled');
    await expect(notice).toContainText('This workstation is not enrolled as a desk');
    await expect(notice).toContainText("linked to the hub as a supplier's PC");
    await expect(page.getByTestId('queue-empty')).toContainText(
      'No request will arrive here until this workstation is enrolled as a desk.',
    );
    await expect(page.getByTestId('queue-empty')).not.toContainText('arrive here as they are sent');
    await expectAccessible(page);
    await shoot(page, 'desk-not-enrolled-en');
    await chooseLanguage(page, 'fr');
    await page.keyboard.press('Escape');
    await expect(notice).toContainText("Ce poste n'est pas inscrit comme poste d'assistance");
    await expect(sync).toContainText("non inscrit comme poste d'assistance");
    await shoot(page, 'desk-not-enrolled-fr');
    await chooseLanguage(page, 'en');
    await page.keyboard.press('Escape');

    // The way to the enrolment: Settings › Portal hub, with the agent's hub login.
    await notice.getByRole('link', { name: 'Enrol this workstation' }).click();
    const region = page.getByRole('region', { name: 'Portal hub' });
    await expect(region.getByLabel('Hub address')).toHaveValue(hub.url);
    await region.getByLabel('Your password on the hub').fill(AGENT.password);
    await region.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('hub-saved')).toContainText('enrolled this workstation as a desk workstation', {
      timeout: 40_000,
    });
    await expect(sync).not.toContainText('not enrolled');
    await expect(page.getByTestId('sync-enrol')).toHaveCount(0);
    await page.evaluate(() => (location.hash = '#/desk'));
    await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible();
    await expect(page.getByTestId('queue-not-enrolled')).toHaveCount(0);
  } finally {
    await pc.close();
  }
});
