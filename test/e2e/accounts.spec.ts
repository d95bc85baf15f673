import type { Page } from '@playwright/test';
import {
  DEMO,
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

const problem = (page: Page) => page.locator('#login-problem');

test('the demo PLSA logs in from the header and sees the private area, then signs out', async ({ page, host }) => {
  await open(page, host);
  await page.getByRole('banner').getByRole('link', { name: 'Log in' }).click();
  await expectAccessible(page);
  await page.getByLabel('Login', { exact: true }).fill('v100001');
  await page.getByLabel('Password', { exact: true }).fill(DEMO.plsa.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible();
  await expect(page.getByTestId('my-login')).toHaveText('V100001');
  await expect(page.getByRole('region', { name: 'My PLSAs' })).toContainText('Camille Sample');
  // Logged in, stage 3 is done: nobody is asked to log in again.
  await expect(page.locator('[data-stage="login"]')).toHaveAttribute('data-status', 'done');
  await expect(page.locator('[data-stage="login"]')).toContainText('You are logged in as V100001.');
  await page.evaluate(() => (location.hash = '#/access'));
  await page.getByLabel('COFOR', { exact: true }).fill('A10001');
  await page.getByRole('button', { name: 'Start analysis' }).click();
  await expect(page.locator('[data-stage="login"]')).toHaveAttribute('data-status', 'done');
  await expect(page.locator('[data-stage="login"]').getByRole('link')).toHaveText(['Open my private area']);
  await page.getByRole('link', { name: 'Open my private area' }).click();
  await expect(page.getByRole('link', { name: 'PLSA console', exact: true })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Login to your private area' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/account'));
  await expect(page.getByRole('heading', { name: 'Login to your private area' })).toBeVisible();
});

test("a demo user logs in from the guide's stage 3, sees no console, and the engine refuses it anyway", async ({
  page,
  host,
}) => {
  await open(page, host, '#/access');
  await page.getByLabel('COFOR', { exact: true }).fill('A10001');
  await page.getByRole('button', { name: 'Start analysis' }).click();
  await page.locator('[data-stage="login"]').getByRole('link', { name: 'Log in to your private area' }).click();
  await page.getByLabel('Login', { exact: true }).fill(DEMO.user.login);
  await page.getByLabel('Password', { exact: true }).fill(DEMO.user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('my-login')).toHaveText('V100002');
  await expect(page.getByRole('link', { name: /PLSA console/ })).toHaveCount(0);
  await page.evaluate(() => (location.hash = '#/console'));
  await expect(page.getByText('Only a PLSA of your company can do this.')).toBeVisible();
});

test('a wrong password and an unknown login get the same answer', async ({ page, host }) => {
  await logIn(page, host, DEMO.user.login, 'not my password at all');
  await expect(problem(page)).toContainText('The login or the password is not right');
  const wrong = await problem(page).innerText();
  await logIn(page, host, 'V999999', 'not my password at all');
  await expect(problem(page)).toHaveText(wrong);
  expect(wrong).toContain('The login or the password is not right');
});

test('the blocked demo user gets the wrong-password answer (no password is confirmed), with the way out', async ({
  page,
  host,
}) => {
  await logIn(page, host, DEMO.blocked.login, DEMO.blocked.password);
  await expect(problem(page)).toContainText('The login or the password is not right, or the access is blocked');
  await problem(page).getByRole('link', { name: 'Blocked access?' }).click();
  await expect(page.getByRole('heading', { name: 'Blocked access?', exact: true })).toBeVisible();
});

const RECOVERY: Array<[string, string, (page: Page, known: boolean) => Promise<void>]> = [
  [
    'username',
    'Forgot your username?',
    async (page, known) => {
      await page
        .getByLabel('E-mail registered for your login')
        .fill(known ? DEMO.user.email : 'nobody@nowhere.example');
    },
  ],
  [
    'password',
    'Forgot your password?',
    async (page, known) => {
      await page.getByLabel('Login', { exact: true }).fill(known ? DEMO.user.login : 'V999999');
      await page.getByLabel('E-mail registered for your login').fill(DEMO.user.email);
    },
  ],
  [
    'plsa',
    'Who is my PLSA?',
    async (page, known) => {
      await page.getByLabel('Your login or your company COFOR').fill(known ? 'A10001' : 'Z99999');
      await page.getByLabel('E-mail registered for your login').fill(DEMO.user.email);
    },
  ],
  [
    'blocked',
    'Blocked access?',
    async (page, known) => {
      await page.getByLabel('Login', { exact: true }).fill(known ? DEMO.blocked.login : 'V999999');
      await page.getByLabel('E-mail registered for your login').fill(DEMO.blocked.email);
      await page.getByLabel('What happened?').fill('Back from holiday, I am locked out.');
    },
  ],
];

for (const [form, tab, fill] of RECOVERY) {
  test(`recovery "${tab}": the same confirmation for an existing and an unknown identifier`, async ({ page, host }) => {
    const answers: string[] = [];
    for (const known of [true, false]) {
      await open(page, host, '#/login');
      await page.getByRole('link', { name: 'Lost password / Username lost / Blocked access?' }).click();
      await page.getByRole('navigation', { name: 'Recovery forms' }).getByRole('link', { name: tab }).click();
      await expect(page).toHaveURL(new RegExp(`form=${form}`));
      // The address changes before the tab's screen replaces the previous one: fill the new one.
      await expect(page.getByRole('heading', { level: 2, name: tab })).toBeVisible();
      await fill(page, known);
      await page.getByRole('button', { name: 'Submit' }).click();
      answers.push(await page.locator('#recovery-done').innerText());
    }
    expect(answers[1]).toBe(answers[0]);
    await expectAccessible(page);
  });
}

test('recovery warns when the e-mail differs from the one used here only by case', async ({ page, host }) => {
  await logIn(page, host, DEMO.user.login, DEMO.user.password);
  await expect(page.getByTestId('my-login')).toHaveText('V100002');
  await signOut(page);
  await open(page, host, '#/recovery?form=username');
  await page.getByLabel('E-mail registered for your login').fill(DEMO.user.email.toLowerCase());
  await expect(
    page.getByText('differs from an e-mail used on this workstation only by upper/lower case'),
  ).toBeVisible();
  await page.getByLabel('E-mail registered for your login').fill(DEMO.user.email);
  await expect(page.getByText('differs from an e-mail used on this workstation')).toHaveCount(0);
});

test('a PLSA gets a temporary password by e-mail, uses it once and must choose a new password', async ({
  page,
  host,
}) => {
  await requireKeychain();
  await open(page, host, '#/recovery?form=password');
  await page.getByLabel('Login', { exact: true }).fill(DEMO.plsa.login);
  await page.getByLabel('E-mail registered for your login').fill(DEMO.plsa.email);
  await page.getByLabel("Your company's COFOR").fill(DEMO.plsa.cofor);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#recovery-done')).toContainText('temporary password');
  await expect(page.getByText('{{secret}}')).toHaveCount(0); // never on screen
  const [mail] = outboxFor(host, DEMO.plsa.email);
  expect(mail?.body).toContain('{{secret}}');
  const temporary = await keychainSecret(host, mail!.secretRef!);
  expect(temporary).toHaveLength(20);

  await logIn(page, host, DEMO.plsa.login, temporary!);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(page);
  await page.evaluate(() => (location.hash = '#/console'));
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change my password' }).click();
  await expect(page.getByText('Use at least 15 characters')).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('lantern ocean bicycle plum');
  await page.getByLabel('New password again').fill('lantern ocean bicycle plum');
  await page.getByRole('button', { name: 'Change my password' }).click();
  await expect(page.getByText('Your password was changed')).toBeVisible();
  await expect(page.getByTestId('my-login')).toHaveText('V100001');

  await signOut(page);
  await logIn(page, host, DEMO.plsa.login, temporary!);
  await expect(problem(page)).toContainText('The login or the password is not right');
});

test('the PLSA console creates an account, resets a password and unblocks, each audited', async ({ page, host }) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await page.getByRole('link', { name: 'PLSA console', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'PLSA console' })).toBeVisible();
  await expect(page.getByTestId('single-plsa')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Full name').fill('Gabriel Newcomer');
  await page.getByLabel('Business e-mail').fill('gabriel.newcomer@demo-forge.example');
  await page.getByRole('button', { name: 'Create the account' }).click();
  const panel = page.getByRole('region', { name: /Temporary password for V\d{6}/ });
  await expect(panel).toBeVisible();
  const newLogin = (await panel.getByRole('heading').innerText()).match(/V\d{6}/)![0];
  const newTemporary = await page.getByTestId('temporary-password').innerText();
  await expect(page.locator(`tr[data-login="${newLogin}"]`)).toContainText('Gabriel Newcomer');
  await page.getByRole('button', { name: 'Done: hide it' }).click();

  await page.getByRole('button', { name: 'Unblock V100003' }).click();
  await expect(page.getByText('V100003 is unblocked.')).toBeVisible();
  await expect(page.locator('tr[data-login="V100003"]')).toContainText('Active');

  // A reset asks for confirmation first: the first click changes nothing.
  await page.getByRole('button', { name: 'Reset password V100002' }).click();
  await expect(page.getByRole('region', { name: 'Temporary password for V100002' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Confirm: new password for V100002' }).click();
  await expect(page.getByRole('region', { name: 'Temporary password for V100002' })).toBeVisible();
  await expect(page.getByRole('table').last()).toContainText('password reset');
  await expect(page.getByRole('table').last()).toContainText('account unblocked'.replace('account ', ''));
  await expectAccessible(page);

  // The new colleague logs in with the temporary password and must change it.
  await signOut(page);
  await logIn(page, host, newLogin, newTemporary);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // The unblocked user can log in again.
  await signOut(page);
  await logIn(page, host, DEMO.blocked.login, DEMO.blocked.password);
  await expect(page.getByTestId('my-login')).toHaveText('V100003');
});

test('"Create it anyway" holds only for the name and e-mail it warned about', async ({ page, host }) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await page.getByRole('link', { name: 'PLSA console', exact: true }).click();
  await page.getByLabel('Full name').fill('Dominique Test');
  await page.getByLabel('Business e-mail').fill('someone.else@demo-forge.example');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByText('A colleague already has this name: check it is not the same person.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create it anyway' })).toBeVisible();
  await page.getByLabel('Full name').fill('Dominique Other');
  await expect(page.getByRole('button', { name: 'Create the account' })).toBeVisible();
  await expect(page.getByText('A colleague already has this name')).toHaveCount(0);
});

test('remember me: continue without the password, then forget me', async ({ page, host }) => {
  await logIn(page, host, DEMO.user.login, DEMO.user.password, true);
  await expect(page.getByTestId('my-login')).toHaveText('V100002');
  await signOut(page);
  await page.getByRole('button', { name: 'Continue as V100002' }).click();
  await expect(page.getByTestId('my-login')).toHaveText('V100002');
  await signOut(page);
  await page.getByRole('button', { name: 'Forget V100002' }).click();
  await expect(page.getByText('V100002 is no longer remembered on this workstation.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue as V100002' })).toHaveCount(0);
});

// Without a keychain the protected file remembers (no-keychain-module.spec.ts); forced to the
// keychain that does not answer, nothing can be remembered, so nothing offers to.
test.describe('on a workstation forced to a keychain that does not answer', () => {
  test.use({
    hostEnv: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
    hostArgs: ['--password-store', 'keychain'],
  });
  test('login still works, and "Remember me" is not offered', async ({ page, host }) => {
    await requireKeychain();
    await open(page, host, '#/login');
    await expect(page.getByTestId('secrets-store')).toHaveText('No secret can be kept on this workstation');
    await expect(page.getByLabel('Remember me on this workstation')).toHaveCount(0);
    await logIn(page, host, DEMO.user.login, DEMO.user.password);
    await expect(page.getByTestId('my-login')).toHaveText('V100002', { timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Forget me on this workstation' })).toHaveCount(0);
  });
});

test.describe('French workstation', () => {
  test.use({ locale: 'fr-FR' });
  test('login and recovery speak French', async ({ page, host }) => {
    await open(page, host, '#/login');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connectez-vous à votre espace privé');
    await page.getByLabel('Identifiant', { exact: true }).fill('V100002');
    await page.getByLabel('Mot de passe', { exact: true }).fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(problem(page)).toContainText("L'identifiant ou le mot de passe n'est pas bon");
    await page.getByRole('link', { name: 'Mot de passe perdu / Identifiant perdu / Accès bloqué ?' }).click();
    await expect(page.getByText('Respectez les majuscules et minuscules')).toBeVisible();
    await expectAccessible(page);
  });
});
