// The app on a machine where the optional keychain module could not be installed (a fresh machine
// without libsecret, a thin client running `npm run web`): the module resolves to a missing path.
// Secrets then wait in the protected file of the data folder (issue 23), and the screens say so:
// remember me, a desk validation's e-mailed temporary password, a PLSA's forgotten password and a
// hub link all work; forced to the keychain (--password-store keychain), nothing claims success.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import { testHub } from '../fixtures/hub-process';
import {
  configureRelay,
  createAgent,
  DEMO,
  expect,
  expectAccessible,
  logIn,
  open,
  openRequest,
  requestAccess,
  test,
  signOut,
} from './fixtures';
import { syncUntilOnline, workstation } from './workstations';

const HOOK = resolve(__dirname, '..', 'fixtures', 'keychain-module-missing.cjs');
const NO_KEYCHAIN = { NODE_OPTIONS: `--require ${HOOK}` };
test.use({ hostEnv: NO_KEYCHAIN });

let smtp: TestSmtp;
test.beforeEach(async () => {
  smtp = await startSmtp();
});
test.afterEach(() => smtp.stop());

/** The temporary password of the e-mail the relay received for an address, once it arrives. */
async function temporaryPasswordMailedTo(address: string): Promise<{ login: string; temporary: string }> {
  const mails = () =>
    smtp.received.filter((r) => r.envelopeTo.includes(address) && /Temporary password/.test(r.mail.subject ?? ''));
  await expect.poll(() => mails().length, { timeout: 20_000 }).toBe(1);
  const text = mails()[0]!.mail.text ?? '';
  return { login: /V\d{6}/.exec(text)![0], temporary: /^\s+(\S{20})$/m.exec(text)![1]! };
}

async function choosesNewPassword(page: Page) {
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible({ timeout: 20_000 });
}

test('the header and Settings say secrets are in a protected file; remember me and a validation e-mail work', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000);
  await open(page, host);
  await expect(page.getByTestId('secrets-store')).toHaveText('Secrets kept in a protected file: no system keychain');

  // Not remembered: nothing to forget.
  await logIn(page, host, DEMO.user.login, DEMO.user.password);
  await expect(page.getByTestId('my-login')).toHaveText('V100002', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Forget me on this workstation' })).toHaveCount(0);
  await signOut(page);

  // Remember me is offered, and remembers: the login is offered back, and forgotten on request.
  await logIn(page, host, DEMO.user.login, DEMO.user.password, true);
  await expect(page.getByTestId('my-login')).toHaveText('V100002', { timeout: 20_000 });
  await expect(page.getByText('you will not be remembered')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Forget me on this workstation' })).toBeVisible();
  await signOut(page);
  await expect(page.getByRole('button', { name: 'Continue as V100002' })).toBeVisible();

  // A desk validation e-mails the new PLSA's temporary password: nothing to hand over.
  await configureRelay(page, host, smtp.port);
  await open(page, host, '#/settings');
  await expect(page.getByTestId('settings-secrets')).toContainText('This workstation has no system keychain');
  await expectAccessible(page); // the header's badge and the Settings notice included
  const reference = await requestAccess(page, host);
  await openRequest(page, host, reference);
  await page.getByRole('button', { name: 'Validate: open the access' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('access open, PLSA login V');
  await expect(page.getByTestId('hand-over')).toHaveCount(0);
  const { login, temporary } = await temporaryPasswordMailedTo('pat@sample.example');
  await signOut(page);
  await logIn(page, host, login, temporary);
  await choosesNewPassword(page);
});

test("a PLSA's forgotten password is e-mailed through the loopback relay", async ({ page, host }) => {
  test.setTimeout(60_000);
  await configureRelay(page, host, smtp.port);
  await open(page, host, '#/recovery?form=password');
  await page.getByLabel('Login', { exact: true }).fill(DEMO.plsa.login);
  await page.getByLabel('E-mail registered for your login').fill(DEMO.plsa.email);
  await page.getByLabel("Your company's COFOR").fill(DEMO.plsa.cofor);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#recovery-done')).toContainText('temporary password', { timeout: 20_000 });
  const { temporary } = await temporaryPasswordMailedTo(DEMO.plsa.email);
  await logIn(page, host, DEMO.plsa.login, temporary);
  await choosesNewPassword(page);
});

test('a workstation links to a hub and syncs, its device token in the protected file', async ({ page }) => {
  test.setTimeout(90_000);
  const hub = await testHub();
  await hub.start();
  const pc = await workstation(hub.url, NO_KEYCHAIN);
  try {
    const reference = await requestAccess(page, pc);
    expect(reference).toMatch(/\S/);
    await syncUntilOnline(page);
    const sync = page.getByTestId('sync-indicator');
    await expect(sync).not.toContainText('keychain');
    await expect(page.getByTestId('secrets-store')).toHaveText('Secrets kept in a protected file: no system keychain');
  } finally {
    await pc.close();
    await hub.stop();
    hub.remove();
  }
});

test.describe('forced to a keychain that does not answer', () => {
  test.use({ hostArgs: ['--password-store', 'keychain'] });

  test('offers no "remember me", and a forgotten password says nothing was sent', async ({ page, host }) => {
    test.setTimeout(60_000);
    createAgent(host);
    await open(page, host, '#/login');
    await expect(page.getByTestId('secrets-store')).toHaveText('No secret can be kept on this workstation');
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Remember me on this workstation')).toHaveCount(0);

    await open(page, host, '#/recovery?form=password');
    await page.getByLabel('Login', { exact: true }).fill(DEMO.plsa.login);
    await page.getByLabel('E-mail registered for your login').fill(DEMO.plsa.email);
    await page.getByLabel("Your company's COFOR").fill(DEMO.plsa.cofor);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText('so nothing was sent')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#recovery-done')).toHaveCount(0);
  });
});
