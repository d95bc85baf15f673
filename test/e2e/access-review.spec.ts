// Access reviews through the screens, standalone, with the host's clock moved: the PLSA confirms
// accounts one by one and exports the evidence; 30 days on, the account nobody confirmed is
// blocked (its owner cannot log in) and the console says why. In French: the interval and "has left".
import { readFileSync } from 'node:fs';
import { chooseLanguage, DEMO, expect, logIn, logInFr, open, signOut, test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
test.use({ movableClock: true });

test('a review where one account is not confirmed blocks it after the 30 days of grace; the evidence exports as CSV and PDF', async ({
  page,
  host,
}) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
  await open(page, host, '#/console');
  const review = page.getByTestId('access-review');
  await expect(review.getByTestId('review-due')).toContainText('Confirm, account by account, who still works');
  await review.getByRole('button', { name: `Still works here ${DEMO.blocked.login}` }).click();
  await expect(review.getByTestId('review-message')).toHaveText(`${DEMO.blocked.login} confirmed.`);
  await expect(review.locator(`tr[data-review-login="${DEMO.plsa.login}"]`)).toContainText('still works here');
  await expect(review.locator(`tr[data-review-login="${DEMO.user.login}"]`)).toContainText('not answered yet');

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('button', { name: 'Export (CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^access-review-A10001-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(readFileSync((await csv.path())!, 'utf8')).toContain(`${DEMO.user.login},Dominique Test`);
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('button', { name: 'Export (PDF)' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync((await pdf.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  await signOut(page);

  host.advanceClock(31 * DAY);
  await logIn(page, host, DEMO.user.login, DEMO.user.password);
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'My private area' })).toHaveCount(0);

  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
  await open(page, host, '#/console');
  await expect(review.getByTestId('review-closed')).toContainText('Last review closed on');
  await expect(review.locator(`tr[data-review-login="${DEMO.user.login}"]`)).toContainText(
    'not confirmed in time: blocked',
  );
  await expect(page.locator(`tr[data-login="${DEMO.user.login}"]`)).toContainText('Blocked');
  await expect(page.locator('table').last()).toContainText('access review: not confirmed in time (blocked)');
});

test('en français : la fréquence de la revue, et un compte « est parti » désactivé', async ({ page, host }) => {
  await open(page, host);
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
  await logInFr(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'Mon espace privé' })).toBeVisible({ timeout: 20_000 });
  await open(page, host, '#/console');
  const review = page.getByTestId('access-review');
  await expect(review.getByRole('heading', { name: 'Revue des accès' })).toBeVisible();
  await review.getByLabel('Revue tous les (jours)').fill('60');
  await review.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(review.getByTestId('review-message')).toHaveText('Revue désormais tous les 60 jours.');
  await review.getByRole('button', { name: `Est parti ${DEMO.user.login}` }).click();
  await expect(review.getByTestId('review-message')).toHaveText(
    `${DEMO.user.login} est parti : le compte est désactivé.`,
  );
  await expect(page.locator(`tr[data-login="${DEMO.user.login}"]`)).toContainText('Désactivé');
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('button', { name: 'Exporter (PDF)' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/^access-review-A10001-.*\.pdf$/);
});
