// "I cannot log in": the decision tree from the login screen and in the help topic, offline,
// leading to the one form that fits with the login already typed filled in (issue 13, item 1).
import type { Page } from '@playwright/test';
import { expect, expectAccessible, open, test } from './fixtures';

/** From here on the engine does not answer: the tree must not need it. */
const cutTheEngine = (page: Page) => page.route('**/api/**', (route) => route.abort());

test('from the login screen, offline: a forgotten password leads a PLSA and a user to different forms, the login filled in', async ({
  page,
  host,
}) => {
  await open(page, host, '#/login');
  await page.getByLabel('Login', { exact: true }).fill('v100001');
  await page.getByTestId('login-help-link').click();
  await expect(page.getByRole('heading', { name: 'I cannot log in', level: 1 })).toBeVisible();
  await cutTheEngine(page);
  await expect(page.getByText('What stops you from logging in?')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'I forgot my password' }).click();
  await expect(page.getByText("Are you your company's PLSA")).toBeVisible();
  await page.getByRole('button', { name: 'Yes, I am the PLSA' }).click();
  await expect(page.getByTestId('login-help-leaf')).toContainText('you get a temporary password by e-mail');
  await expect(page.getByText('Filled in for you: V100001.')).toBeVisible();
  await page.getByRole('link', { name: 'Open "Forgot your password?"' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Login', { exact: true })).toHaveValue('V100001');

  // A user is sent to their PLSA instead: "Who is my PLSA?", with the same login.
  await page.goBack(); // the guide again, from its first question
  await page.getByRole('button', { name: 'I forgot my password' }).click();
  await page.getByRole('button', { name: 'No, I am a user' }).click();
  await expect(page.getByTestId('login-help-leaf')).toContainText("new password comes from the company's PLSA");
  await page.getByRole('link', { name: 'Open "Who is my PLSA?"' }).click();
  await expect(page.getByRole('heading', { name: 'Who is my PLSA?', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Your login or your company COFOR')).toHaveValue('V100001');
});

test('each answer of the tree leads to its own form', async ({ page, host }) => {
  const leads: Array<[string, RegExp]> = [
    ['I do not know my login', /form=username/],
    ['My access is blocked', /form=blocked/],
    ["I do not know who my company's PLSA is", /form=plsa/],
    ["My company's access to the portal is not open yet", /#\/access$/],
    ["My company's COFOR is deactivated", /#\/contact\?purpose=cofor/],
    ['Our PLSA has left, and nobody can hand out logins', /#\/contact\?purpose=replace-plsa/],
  ];
  await open(page, host, '#/login-help');
  for (const [answer, target] of leads) {
    await page.getByRole('button', { name: answer }).click();
    const link = page.getByTestId('login-help').getByRole('link');
    await expect(link).toHaveAttribute('href', target);
    await page.getByRole('button', { name: 'Start again' }).click();
  }
  // No login was typed: nothing is said to be filled in.
  await page.getByRole('button', { name: 'My access is blocked' }).click();
  await expect(page.getByText('Filled in for you')).toHaveCount(0);
});

test('the same tree is in the help topic', async ({ page, host }) => {
  await open(page, host, '#/help');
  const section = page.getByRole('region', { name: 'I cannot log in' });
  await section.getByRole('button', { name: 'My access is blocked' }).click();
  await section.getByRole('link', { name: 'Open "Blocked access?"' }).click();
  await expect(page.getByRole('heading', { name: 'Blocked access?', level: 2 })).toBeVisible();
});

test.describe('French workstation', () => {
  test.use({ locale: 'fr-FR' });
  test('the tree speaks French, and carries the login to the form', async ({ page, host }) => {
    await open(page, host, '#/login');
    await page.getByLabel('Identifiant', { exact: true }).fill('V100003');
    await page.getByTestId('login-help-link').click();
    await expect(page.getByRole('heading', { name: 'Je ne peux pas me connecter', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Mon accès est bloqué' }).click();
    await expect(page.getByTestId('login-help-leaf')).toContainText('prévient vos PLSA');
    await expect(page.getByText('Rempli pour vous : V100003.')).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Ouvrir « Accès bloqué ? »' }).click();
    await expect(page.getByRole('heading', { name: 'Accès bloqué ?', level: 2 })).toBeVisible();
    await expect(page.getByLabel('Identifiant', { exact: true })).toHaveValue('V100003');
  });
});
