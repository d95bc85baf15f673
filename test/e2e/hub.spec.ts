// Two workstations and the hub, in Chromium, on a real (embedded) PostgreSQL: a supplier's PC
// and a desk's PC, each a browser host with its own data folder, linked to one hub.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import {
  AGENT,
  createAgent,
  DEMO,
  expect,
  expectAccessible,
  logIn,
  requestAccess,
  requireKeychain,
  signOut,
  startHost,
  stopHost,
  test,
  type Host,
} from './fixtures';
import { testHub, type TestHub } from './hub';

interface Workstation extends Host {
  process: ChildProcess;
  close(): Promise<void>;
}

async function workstation(hubUrl: string, env: Record<string, string> = {}): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-ws-'));
  const keychainName = `B2B Portal e2e ${basename(dataDir)}`;
  const started = await startHost(dataDir, ['--keychain-name', keychainName, '--hub', hubUrl], env);
  return {
    url: started.url,
    dataDir,
    keychainName,
    process: started.process,
    restart: () => Promise.reject(new Error('not used here')),
    async close() {
      await stopHost(started.process);
      rmSync(dataDir, { recursive: true, force: true });
      const keychain = createKeytarStore(keychainName);
      for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
    },
  };
}

/** The desk syncs (its header's button), and its queue, read again, shows the request. */
async function syncAndShow(desk: Page, reference: string): Promise<void> {
  await expect(async () => {
    const sync = desk.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toHaveAttribute('aria-busy', 'false');
    await expect(sync).toContainText('Hub: online');
    await desk.reload();
    await expect(desk.getByRole('link', { name: reference })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

let hub: TestHub;
test.beforeEach(async () => {
  hub = await testHub();
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
});

test("an access request sent while the hub is stopped reaches the desk's queue when the hub starts", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await requireKeychain(); // the device tokens live in each workstation's keychain
  const deskToken = hub.registerDesk(); // the hub is stopped: the request cannot leave
  const supplierPc = await workstation(hub.url);
  const deskPc = await workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: deskToken });
  try {
    const reference = await requestAccess(page, supplierPc);
    const sync = page.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toContainText('Hub: offline');
    await expect(sync).toContainText('1 to sync');

    await hub.start();
    await sync.click();
    await expect(sync).toContainText('Hub: online');
    await expect(sync).not.toContainText('to sync');
    await expect(sync).toContainText('synced now');

    // The desk's PC, in another browser: after its sync, the request is in its queue.
    createAgent(deskPc);
    const desk = await browser.newPage();
    await desk.goto(deskPc.url);
    await desk.evaluate(() => (location.hash = '#/login'));
    await desk.getByLabel('Login', { exact: true }).fill(AGENT.username);
    await desk.getByLabel('Password', { exact: true }).fill(AGENT.password);
    await desk.getByRole('button', { name: 'Log in' }).click();
    await expect(desk.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
    await syncAndShow(desk, reference);
    await desk.getByRole('link', { name: reference }).click();
    await expect(desk.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
    await expect(desk.getByRole('region', { name: 'Company' })).toContainText('COFOR A10002');

    // A Help & Contact request from the supplier's PC, with its screenshot, reaches it too.
    await page.evaluate(() => (location.hash = '#/contact'));
    await page.getByLabel('Purpose of your request').selectOption('technical');
    await page.getByLabel('Your question').fill('The analysis shows nothing for our COFOR.');
    await page.getByLabel('Name', { exact: true }).fill('Rita Sousa');
    await page.getByLabel('Company', { exact: true }).fill('Lost Parts Lda');
    await page.getByLabel('E-mail', { exact: true }).fill('rita@lost-parts.example');
    await page.getByLabel('Phone', { exact: true }).fill('+351 21 000 0000');
    await page
      .getByLabel('Choose an image')
      .setInputFiles({ name: 'problem.png', mimeType: 'image/png', buffer: await page.screenshot() });
    await page.getByRole('button', { name: 'Submit' }).click();
    const help = await page.getByTestId('reference').innerText();
    await sync.click();
    await expect(sync).not.toContainText('to sync');
    await desk.evaluate(() => (location.hash = '#/desk'));
    await syncAndShow(desk, help);
    await desk.getByRole('link', { name: help }).click();
    await expect(desk.getByText('The analysis shows nothing for our COFOR.')).toBeVisible();
    await expect(desk.getByText(/screenshot\.png \(/)).toBeVisible(); // the attachment came with it
    await desk.close();
  } finally {
    await supplierPc.close();
    await deskPc.close();
  }
});

test('an agent links a standalone workstation to the hub from Settings; others only see it', async ({ page, host }) => {
  await requireKeychain();
  await hub.start();
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0); // standalone: nothing to show
  await page.evaluate(() => (location.hash = '#/settings'));
  const address = page.getByLabel('Hub address');
  await address.fill('http://hub.example.com');
  await page.getByRole('region', { name: 'Portal hub' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The address must start with https://')).toBeVisible();
  await address.fill(hub.url);
  await page.getByRole('region', { name: 'Portal hub' }).getByRole('button', { name: 'Save' }).click();
  // Saving syncs once (registering this workstation on the hub): allow a busy machine its time.
  await expect(page.getByTestId('hub-saved')).toHaveText('Saved: this workstation now syncs with the hub.', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('sync-indicator')).toContainText('Hub: online');
  await expectAccessible(page);

  // A supplier on the same workstation sees where it syncs, and cannot change it.
  await signOut(page);
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await page.evaluate(() => (location.hash = '#/settings'));
  await expect(page.getByLabel('Hub address')).toHaveValue(hub.url);
  await expect(page.getByLabel('Hub address')).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Portal hub' }).getByRole('button', { name: 'Save' })).toHaveCount(0);
});
