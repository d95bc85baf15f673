// Settings › Mail relay is corrected as often as needed (issue 23, item 1: the second Save sent
// back a value it had loaded and was refused, with no field marked), on a host with the system
// keychain and on one without any (the relay password then waits in the protected file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import { AGENT, createAgent, expect, logIn, requireKeychain, saveRelaySettings, test, type Host } from './fixtures';

const RELAY_PASSWORD = 'relay-canary-password-5d1e';
const HOOK = resolve(__dirname, '..', 'fixtures', 'keychain-module-missing.cjs');

let smtp: TestSmtp;
test.beforeEach(async () => {
  smtp = await startSmtp();
});
test.afterEach(() => smtp.stop());

async function openSettings(page: Page, host: Host) {
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await page.evaluate(() => (location.hash = '#/settings'));
}

/** Saves with a wrong port, corrects it, saves again unchanged, and sends a test e-mail that arrives. */
async function correctTheRelay(page: Page) {
  const relay = page.getByRole('region', { name: 'Mail relay' });
  const closedPort = smtp.port === 1 ? 2 : 1; // nothing listens there: the first host is a typo
  await saveRelaySettings(page, {
    host: '127.0.0.1',
    port: closedPort,
    security: 'none',
    user: 'portal',
    password: RELAY_PASSWORD,
  });
  await expect(relay.getByText('Settings saved.')).toBeVisible();
  await expect(relay.getByText('A password is saved: leave empty to keep it.')).toBeVisible();

  // The correction: the loaded values go back with one change, and the password is kept.
  await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
  await relay.getByRole('button', { name: 'Save' }).click();
  await expect(relay.getByText('Settings saved.')).toBeVisible();
  await expect(relay.getByText('Some fields need attention')).toHaveCount(0);
  // Saved again with nothing changed: still accepted.
  await relay.getByRole('button', { name: 'Save' }).click();
  await expect(relay.getByText('Settings saved.')).toBeVisible();
  await expect(relay.getByText('Some fields need attention')).toHaveCount(0);

  // What was saved is what the page shows after a reload, and it works.
  await page.reload();
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(smtp.port));
  await page.getByLabel('Send a test e-mail to').fill('check@b2b-portal.example');
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  await expect(page.getByText('The test e-mail was accepted by the relay.')).toBeVisible({ timeout: 15_000 });
  expect(smtp.received.map((r) => r.envelopeTo).flat()).toContain('check@b2b-portal.example');

  // A refused save marks the field that is wrong, next to it.
  await page.getByLabel('Port', { exact: true }).fill('70000');
  await relay.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Port', { exact: true })).toHaveAttribute('aria-invalid', 'true');
}

/** Every file of the data folder, read as bytes: the relay password appears in none in clear. */
function filesHolding(dir: string, secret: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesHolding(path, secret);
    const bytes = readFileSync(path);
    return bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'utf16le')) ? [path] : [];
  });
}

test('with the system keychain, the relay is corrected after its first save', async ({ page, host }) => {
  test.setTimeout(60_000);
  await requireKeychain();
  await openSettings(page, host);
  await correctTheRelay(page);
  expect(filesHolding(host.dataDir, RELAY_PASSWORD)).toEqual([]);
});

test.describe('without any system keychain', () => {
  test.use({ hostEnv: { NODE_OPTIONS: `--require ${HOOK}` } });

  test('the relay password is kept in the protected file and the relay is corrected after its first save', async ({
    page,
    host,
  }) => {
    test.setTimeout(60_000);
    await openSettings(page, host);
    await correctTheRelay(page);
    expect(filesHolding(host.dataDir, RELAY_PASSWORD)).toEqual([]);
  });
});
