import { expect, expectAccessible, open, test } from './fixtures';

async function analyse(page: import('@playwright/test').Page, cofor: string, site = '') {
  await page.getByLabel('COFOR', { exact: true }).fill(cofor);
  await page.getByLabel('Site code').fill(site);
  await page.getByRole('button', { name: 'Start analysis' }).click();
}

const stage = (page: import('@playwright/test').Page, id: string) => page.locator(`[data-stage="${id}"]`);

test('access open: stages 1 and 2 done, login proposed, PLSA named as the source of logins', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'a10001');
  await expect(page.getByRole('heading', { name: 'Result for COFOR A10001' })).toBeVisible();
  await expect(stage(page, 'present')).toHaveAttribute('data-status', 'done');
  await expect(stage(page, 'access')).toHaveAttribute('data-status', 'done');
  await expect(stage(page, 'login')).toHaveAttribute('data-status', 'action');
  await expect(stage(page, 'login')).toContainText("handed out by your company's PLSA");
  // Nobody's personal data is shown to whoever types a COFOR.
  await expect(page.locator('main')).not.toContainText('Camille');
  await expect(page.locator('main')).not.toContainText('@');
  await expectAccessible(page);
});

test('full form with a known site: analysed for the head office, and said so', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'A10001  02');
  await expect(page.getByText('opens for the head-office COFOR only')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Result for COFOR A10001, site 02' })).toBeVisible();
  await analyse(page, 'A1000101');
  await expect(page.getByRole('heading', { name: 'Result for COFOR A10001, site 01' })).toBeVisible();
});

test('unknown site code is pointed out', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'A10001', '07');
  await expect(page.getByText('Site code 07 is not registered for this company')).toBeVisible();
});

test('access never requested proposes the access request form', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'A10002');
  await expect(stage(page, 'present')).toHaveAttribute('data-status', 'done');
  await expect(stage(page, 'access')).toHaveAttribute('data-status', 'action');
  await expect(
    stage(page, 'access').getByRole('link', { name: 'Declare the legal representative and the PLSA' }),
  ).toBeVisible();
  await expect(stage(page, 'login')).toHaveAttribute('data-status', 'locked');
});

test('before any analysis, the three stages are shown in grey', async ({ page, host }) => {
  await open(page, host, '#/access');
  await expect(page.getByTestId('frieze').getByRole('listitem')).toHaveText([
    /Stage 1.*Present your company in the Supplier Database/,
    /Stage 2.*Get access to B2B portal/,
    /Stage 3.*Login to your private area/,
  ]);
  await analyse(page, 'A10002');
  await expect(page.getByTestId('frieze')).toHaveCount(0);
});

test('access requested 5 days ago is shown as waiting, with since when, and a way to ask the assistance', async ({
  page,
  host,
}) => {
  await open(page, host, '#/access');
  await analyse(page, 'A10003');
  await expect(stage(page, 'access')).toHaveAttribute('data-status', 'waiting');
  await expect(stage(page, 'access')).toContainText('(5 days ago)');
  await stage(page, 'access').getByRole('link', { name: 'Contact the assistance about this request' }).click();
  await expect(page.getByRole('heading', { name: 'Contact the B2B Portal assistance' })).toBeVisible();
  await expect(page.getByLabel('Purpose of your request')).toHaveValue('access-request');
  await expect(page.getByLabel(/COFOR, if you know it/)).toHaveValue('A10003');
});

test('deactivated company is told to ask purchasing or start a new file', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'A10004');
  await expect(stage(page, 'present')).toHaveAttribute('data-status', 'action');
  await expect(stage(page, 'present')).toContainText('deactivated');
  await expect(stage(page, 'present')).toContainText('purchasing contact');
  await expect(stage(page, 'access')).toHaveAttribute('data-status', 'locked');
});

test('unknown COFOR proposes presenting the company and the COFOR help form', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'Z99999');
  await expect(stage(page, 'present')).toHaveAttribute('data-status', 'action');
  await expect(stage(page, 'present').getByRole('link', { name: 'Present your company' })).toBeVisible();
  await expect(stage(page, 'present').getByRole('link', { name: 'I do not know my company COFOR' })).toBeVisible();
});

test('input that is not a COFOR is explained next to the field, and nothing is analysed', async ({ page, host }) => {
  await open(page, host, '#/access');
  await analyse(page, 'A1-B2');
  const field = page.getByLabel('COFOR', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('A COFOR is 6 letters or digits')).toBeVisible();
  await expect(page.locator('[data-stage]')).toHaveCount(0);
  await analyse(page, '');
  await expect(page.locator('#f-cofor-error')).toHaveText(/The COFOR is mandatory/);
  await expectAccessible(page);
});

test('the analysis works with the keyboard alone', async ({ page, host }) => {
  await open(page, host, '#/access');
  await page.getByLabel('COFOR', { exact: true }).focus();
  await page.keyboard.type('A10002');
  await page.keyboard.press('Enter');
  await expect(stage(page, 'access')).toHaveAttribute('data-status', 'action');
  await expect(page.getByRole('heading', { name: 'Result for COFOR A10002' })).toBeFocused();
});
