// The app on a machine where the optional keychain module could not be installed (issue: a fresh
// machine without libsecret): the module resolves to a missing path. Every use of the keychain
// gives its clear "no keychain" answer and nothing crashes.
import { resolve } from 'node:path';
import {
  createAgent,
  DEMO,
  expect,
  logIn,
  open,
  openRequest,
  requestAccess,
  saveRelaySettings,
  test,
  signOut,
} from './fixtures';

const HOOK = resolve(__dirname, '..', 'fixtures', 'keychain-module-missing.cjs');
test.use({ hostEnv: { NODE_OPTIONS: `--require ${HOOK}` } });

test("remember me, a new PLSA's temporary password and the relay password each say there is no keychain", async ({
  page,
  host,
}) => {
  // Remember me: logged in, told why it will not be remembered.
  await logIn(page, host, DEMO.user.login, DEMO.user.password, true);
  await expect(page.getByTestId('my-login')).toHaveText('V100002');
  await expect(page.getByText('the system keychain is not available, so you will not be remembered')).toBeVisible();
  await signOut(page);

  // A desk validation creates a PLSA: its temporary password is handed over by the agent.
  createAgent(host);
  const reference = await requestAccess(page, host);
  await openRequest(page, host, reference);
  await page.getByRole('button', { name: 'Validate: open the access' }).click();
  await expect(page.getByTestId('decision-outcome')).toContainText('access open, PLSA login V');
  const plsaLogin = /V\d{6}/.exec(await page.getByTestId('decision-outcome').innerText())![0];
  const handOver = page.getByTestId('hand-over');
  await expect(handOver).toContainText('This workstation has no system keychain');
  const temporary = (await handOver.locator('code').innerText()).trim();
  expect(temporary).toMatch(/^\S{20}$/);

  // The relay password cannot be kept: nothing is saved, and the screen says why.
  await open(page, host, '#/settings');
  await saveRelaySettings(page, { host: 'smtp.example.com', user: 'portal', password: 'relay password here' });
  await expect(page.getByText('the relay password cannot be kept safely: nothing was saved')).toBeVisible();
  await signOut(page);

  // The PLSA logs in with the handed-over password and must choose a new one.
  await logIn(page, host, plsaLogin, temporary);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/new password/i);
});
