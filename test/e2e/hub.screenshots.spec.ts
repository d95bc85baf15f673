// `npm run screenshots`, through a hub: the sync status, a desk decision that another desk's beat
// to the hub, the PLSA console of a linked workstation, and a login while the hub is down.
import { resolve } from 'node:path';
import { AGENT, chooseLanguage, DEMO, expect, logIn, requestAccess, sendHelpRequest, signOut, test } from './fixtures';
import { testHub } from '../fixtures/hub-process';
import { tcpProxy } from '../fixtures/tcp-proxy';
import { deskLogIn, firstSync, syncAndShow, workstation } from './workstations';
import type { Page } from '@playwright/test';

const OUT = resolve(__dirname, '..', '..', 'docs', 'screenshots');

/** Presses the header's sync button until it shows `text`. */
const syncedTo = (page: Page, text: string) =>
  expect(async () => {
    await page.getByTestId('sync-indicator').click();
    await expect(page.getByTestId('sync-indicator')).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

const inFrench = async (page: Page) => {
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
};

test('the sync status, offline then online (en, fr)', async ({ browser }) => {
  test.setTimeout(90_000);
  const hub = await testHub();
  const supplier = await workstation(hub.url);
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await hub.start(); // the first sync brings the hub's directory, then the hub stops
    await firstSync(page, supplier);
    await hub.stop();
    await requestAccess(page, supplier);
    const sync = page.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toContainText('1 to sync');
    await page.screenshot({ path: `${OUT}/sync-offline-en.png` });
    await hub.start();
    await sync.click();
    await expect(sync).toContainText('synced now');
    await page.screenshot({ path: `${OUT}/sync-online-en.png` });
    // My requests on a linked PC: the hub received the request (and e-mails the assistance).
    await page.evaluate(() => (location.hash = '#/requests'));
    await page.getByText('Timeline').click();
    await expect(page.locator('.timeline')).toContainText('received by the portal hub');
    await page.screenshot({ path: `${OUT}/requests-via-hub-en.png` });
    await inFrench(page);
    await expect(page.locator('.timeline')).toContainText('reçue par le hub du portail');
    await page.screenshot({ path: `${OUT}/requests-via-hub-fr.png` });
    await expect(sync).toContainText('Hub : en ligne');
    await page.evaluate(() => (location.hash = '#/'));
    await page.screenshot({ path: `${OUT}/sync-online-fr.png` });
    await page.close();
  } finally {
    await supplier.close();
    await hub.stop();
    hub.remove();
  }
});

test('a workstation past its sending quota: online, sending again at a time, nothing refused (en, fr)', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const hub = await testHub({ options: ['--quota-requests-per-hour', '1'] });
  const supplier = await workstation(hub.url);
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await hub.start();
    await firstSync(page, supplier);
    await sendHelpRequest(page, supplier); // the hour's one request
    await syncedTo(page, 'synced now');
    await sendHelpRequest(page, supplier); // waits on this PC: the hub asks it to wait
    await syncedTo(page, 'sending paused until');
    const sync = page.getByTestId('sync-indicator');
    await expect(sync).toContainText('Hub: online');
    await expect(sync).toContainText('1 to sync');
    await expect(sync).not.toContainText('refused');
    // The request says why it waits while the hub is online, and until when.
    await expect(page.getByTestId('waiting-hub')).toContainText('It leaves by itself at');
    await page.screenshot({ path: `${OUT}/sync-quota-en.png` });
    await inFrench(page);
    await expect(sync).toContainText('envoi suspendu');
    await expect(page.getByTestId('waiting-hub')).toContainText("partira d'elle-même");
    await page.screenshot({ path: `${OUT}/sync-quota-fr.png` });
    await page.close();
  } finally {
    await supplier.close();
    await hub.stop();
    hub.remove();
  }
});

test('a decision overruled by the hub, the console of a linked PC, a login that needs the hub (en, fr)', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const hub = await testHub();
  const otherDesk = hub.registerDesk(); // stands for a second desk PC whose decision arrives first
  const deskToken = hub.registerDesk();
  hub.createAgent({ ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' }); // a linked desk's agents are the hub's
  const bob = { username: 'desk.bob', password: 'seven quiet lanterns at dusk' };
  hub.createAgent({ ...bob, name: 'Bob Costa', email: 'bob@assist.example' });
  await hub.start();
  const link = await tcpProxy(hub.port);
  const supplier = await workstation(hub.url);
  const desk = await workstation(`http://127.0.0.1:${link.port}`, { PORTAL_HUB_DESK_TOKEN: deskToken });
  try {
    const page = await browser.newPage();
    await firstSync(page, supplier);
    const reference = await requestAccess(page, supplier);
    await syncedTo(page, 'synced now');

    const deskPage = await browser.newPage();
    await deskLogIn(deskPage, desk, AGENT);
    await syncAndShow(deskPage, reference);
    await deskPage.getByRole('link', { name: reference }).click();
    await link.cut();
    await deskPage.getByRole('button', { name: 'Validate: open the access' }).click();
    await deskPage.getByTestId('decision-outcome').waitFor();
    // desk.bob logs in on the other desk PC through the hub: its decisions are then his.
    const loggedIn = await fetch(`${hub.url}/v1/desk-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${otherDesk}`, 'content-type': 'application/json' },
      body: JSON.stringify(bob),
    });
    expect(loggedIn.ok).toBe(true);
    const pushed = await fetch(`${hub.url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${otherDesk}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        mutations: [
          {
            id: 1,
            name: 'deskDecide',
            args: {
              reference,
              decision: { kind: 'reject-access', reason: 'Not registered.' },
              agent: 'desk.bob',
              mail: null,
            },
          },
        ],
      }),
    });
    expect(pushed.ok).toBe(true);
    await link.restore();
    await syncedTo(deskPage, '1 refused');
    await deskPage.reload();
    await deskPage.getByTestId('decision-overruled').waitFor();
    await deskPage.screenshot({ path: `${OUT}/desk-overruled-en.png`, fullPage: true });
    await inFrench(deskPage);
    await expect(deskPage.getByTestId('decision-overruled')).toContainText("n'a pas été appliquée");
    await deskPage.screenshot({ path: `${OUT}/desk-overruled-fr.png`, fullPage: true });

    // The PLSA console through the hub: the accounts shown, their changes not offered here.
    await logIn(page, supplier, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByTestId('my-login')).toHaveText(DEMO.plsa.login, { timeout: 20_000 });
    await page.evaluate(() => (location.hash = '#/console'));
    await page.getByTestId('console-through-hub').waitFor();
    await page.screenshot({ path: `${OUT}/console-through-hub-en.png`, fullPage: true });
    await inFrench(page);
    await expect(page.getByTestId('console-through-hub')).toContainText('relié au hub');
    await page.screenshot({ path: `${OUT}/console-through-hub-fr.png`, fullPage: true });
    await chooseLanguage(page, 'en');
    await page.keyboard.press('Escape');
    await signOut(page);

    await hub.stop();
    await logIn(page, supplier, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByText('Logging in needs the portal hub')).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `${OUT}/login-needs-hub-en.png`, fullPage: true });
    await inFrench(page);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.plsa.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('La connexion a besoin du hub du portail')).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `${OUT}/login-needs-hub-fr.png`, fullPage: true });
  } finally {
    await link.close();
    await supplier.close();
    await desk.close();
    await hub.stop();
    hub.remove();
  }
});
