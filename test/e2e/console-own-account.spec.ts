// The PLSA console offers Reset password and Deactivate on colleagues' accounts only: on the
// PLSA's own row it says why not and where to change their password (the engine refuses anyway).
import { DEMO, expect, expectAccessible, logIn, logInFr, open, test } from './fixtures';

// Each test logs in (two scrypt checks) on a machine the other suites share: room for slowness.
test.describe.configure({ timeout: 90_000 });

test("the PLSA's own account offers no reset or deactivation, and says where to change the password", async ({
  page,
  host,
}) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  // A login costs two scrypt checks: on a busy shared machine, allow it more than the default.
  await expect(page.getByTestId('my-login')).toHaveText(DEMO.plsa.login, { timeout: 20_000 });
  await open(page, host, '#/console');
  const own = page.locator(`tr[data-login="${DEMO.plsa.login}"]`);
  await expect(own.getByTestId('own-account')).toHaveText(
    'Your own account: change your password in your private area.',
  );
  await expect(own.getByRole('button')).toHaveCount(0);
  // A colleague's row keeps both.
  const colleague = page.locator(`tr[data-login="${DEMO.user.login}"]`);
  await expect(colleague.getByRole('button', { name: /Reset password/ })).toBeVisible();
  await expect(colleague.getByRole('button', { name: /Deactivate/ })).toBeVisible();
  await expectAccessible(page);
  await own.getByRole('link', { name: /your private area/ }).click();
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('the own account says it in French', async ({ page, host }) => {
    await logInFr(page, host, DEMO.plsa.login, DEMO.plsa.password);
    await expect(page.getByTestId('my-login')).toHaveText(DEMO.plsa.login, { timeout: 20_000 });
    await open(page, host, '#/console');
    await expect(page.locator(`tr[data-login="${DEMO.plsa.login}"]`).getByTestId('own-account')).toHaveText(
      'Votre propre compte : changez votre mot de passe dans votre espace privé.',
    );
  });
});
