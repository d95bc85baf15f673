// PLSA continuity through the screens, standalone: the company's only PLSA is reminded at login
// and in the console, hands the role over to a colleague, and stays PLSA until the colleague
// answers; accepted, the colleague has the console and the leaver can no longer log in.
import {
  chooseLanguage,
  createAgent,
  DEMO,
  expect,
  logIn,
  logInFr,
  open,
  openRequest,
  requireKeychain,
  signOut,
  test,
} from './fixtures';

test('a single PLSA is reminded, hands over to a colleague who accepts, and the leaver can no longer log in', async ({
  page,
  host,
}) => {
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'My private area' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('single-plsa')).toContainText('You are the only PLSA of your company');
  await page.getByTestId('single-plsa').getByRole('link', { name: 'Open the PLSA console' }).click();
  await expect(page.getByTestId('single-plsa')).toBeVisible(); // the console says it too

  const panel = page.getByTestId('handover-panel');
  await panel.getByRole('button', { name: 'Hand over' }).click();
  await expect(page.getByText('Choose the colleague who takes over, then press Hand over.')).toBeVisible();
  await panel.getByLabel('Colleague who takes over').selectOption(DEMO.user.login);
  await panel.getByRole('button', { name: 'Hand over' }).click();
  await expect(page.getByText(`Hand-over sent to Dominique Test (${DEMO.user.login})`)).toBeVisible();
  await expect(panel.getByTestId('handover-waiting')).toContainText('You stay PLSA until they accept.');
  await signOut(page);

  await logIn(page, host, DEMO.user.login, DEMO.user.password);
  const offer = page.getByTestId('handover-offer');
  await expect(offer).toContainText(`Camille Sample (${DEMO.plsa.login}), PLSA of your company, is leaving`);
  await offer.getByRole('button', { name: 'Accept: become PLSA' }).click();
  await expect(page.getByTestId('handover-answer')).toHaveText(
    'You are now the PLSA of your company: the console is open to you.',
  );
  await page.getByRole('link', { name: 'Open the PLSA console' }).first().click();
  await expect(page.getByRole('heading', { name: 'PLSA console' })).toBeVisible();
  await expect(page.locator(`tr[data-login="${DEMO.plsa.login}"]`)).toContainText('Deactivated');
  await expect(page.locator('table').last()).toContainText('PLSA role taken over (the former PLSA deactivated)');
  await signOut(page);

  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'My private area' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toBeVisible({ timeout: 20_000 });
});

test('en français : le seul PLSA est averti, transmet son rôle, le collègue refuse, et le PLSA le reste', async ({
  page,
  host,
}) => {
  await open(page, host);
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
  await logInFr(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByRole('heading', { name: 'Mon espace privé' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('single-plsa')).toContainText('Vous êtes le seul PLSA de votre entreprise');
  await open(page, host, '#/console');
  const panel = page.getByTestId('handover-panel');
  await expect(panel.getByRole('heading', { name: 'Vous partez ? Transmettez votre rôle de PLSA' })).toBeVisible();
  await panel.getByLabel('Collègue qui reprend le rôle').selectOption(DEMO.user.login);
  await panel.getByRole('button', { name: 'Transmettre' }).click();
  await expect(page.getByText(`Transmission envoyée à Dominique Test (${DEMO.user.login})`)).toBeVisible();
  await expect(page.getByTestId('single-plsa')).toHaveCount(0); // a hand-over waits: it says so instead
  await page.getByTestId('header-menu').click();
  await page.getByTestId('sign-out').click();

  await logInFr(page, host, DEMO.user.login, DEMO.user.password);
  const offer = page.getByTestId('handover-offer');
  await expect(offer.getByRole('heading', { name: 'On vous demande de devenir PLSA' })).toBeVisible({
    timeout: 20_000,
  });
  await offer.getByRole('button', { name: 'Refuser' }).click();
  await expect(page.getByTestId('handover-answer')).toContainText('Refusé : le PLSA qui vous l');
  await expect(offer).toHaveCount(0);
  await page.getByTestId('header-menu').click();
  await page.getByTestId('sign-out').click();

  await logInFr(page, host, DEMO.plsa.login, DEMO.plsa.password);
  await expect(page.getByTestId('single-plsa')).toContainText('Vous êtes le seul PLSA', { timeout: 20_000 });
  await open(page, host, '#/console');
  await expect(page.locator('table').last()).toContainText('transmission du rôle de PLSA refusée');
});

test('no PLSA left: "Replace our PLSA" from the guide carries the legal representative\'s confirmation; the desk follows its procedure and replaces the PLSA', async ({
  page,
  host,
}) => {
  await requireKeychain(); // the new PLSA's temporary password waits in the keychain for its e-mail
  createAgent(host);
  await open(page, host, '#/login');
  await page.getByTestId('login-help-link').click();
  await page.getByRole('button', { name: 'Our PLSA has left, and nobody can hand out logins' }).click();
  await page.getByRole('link', { name: 'Ask for a new PLSA' }).click();
  await expect(page.getByLabel('Purpose of your request')).toHaveValue('replace-plsa');
  const replace = page.getByTestId('replace-plsa');
  await replace.getByLabel('New PLSA: full name').fill('Noor Haddad');
  await replace.getByLabel('New PLSA: business e-mail').fill('noor.haddad@demo-forge.example');
  await replace.getByLabel('Legal representative: full name').fill('Alex Example');
  await replace.getByLabel('Legal representative: business e-mail').fill('alex.example@demo-forge.example');
  await page.getByLabel('Your question').fill('Camille Sample left last month without handing over.');
  await page.getByLabel('Name', { exact: true }).fill('Dominique Test');
  await page.getByLabel('Company', { exact: true }).fill('Demo Forge');
  await page.getByLabel('E-mail', { exact: true }).fill('dominique.test@demo-forge.example');
  await page.getByLabel('Phone', { exact: true }).fill('+33 1 00 00 00 00');
  await page.getByLabel("Your company's COFOR").fill('A10001');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-legalRepConfirms-error')).toContainText("on the legal representative's confirmation");
  await replace.getByLabel('Our legal representative confirms this request').check();
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();

  await openRequest(page, host, reference);
  const procedure = page.getByTestId('plsa-replacement');
  await expect(procedure.getByTestId('legal-rep-match')).toHaveText('matches the record');
  await expect(procedure).toContainText('Call the legal representative on a number you find yourself');
  const company = page.getByRole('region', { name: 'Company' });
  await company.getByRole('button', { name: 'Replace this PLSA' }).click();
  await expect(company.getByLabel('New PLSA: full name')).toHaveValue('Noor Haddad');
  await company.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(company.getByText(/The PLSA is replaced: new login V\d{6}/)).toBeVisible({ timeout: 20_000 });
  await expect(company).toContainText('noor.haddad@demo-forge.example');
});

test('en français : « Remplacer notre PLSA » exige la confirmation du représentant légal', async ({ page, host }) => {
  await open(page, host);
  await chooseLanguage(page, 'fr');
  await page.keyboard.press('Escape');
  await open(page, host, '#/contact?purpose=replace-plsa');
  const replace = page.getByTestId('replace-plsa');
  await expect(replace.locator('legend')).toHaveText('Le nouveau PLSA, et la confirmation de votre représentant légal');
  await expect(replace).toContainText("l'assistance le remplace sur confirmation du représentant légal");
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.locator('#f-legalRepConfirms-error')).toContainText('Cochez cette case');
  await expect(page.locator('#f-newPlsaName-error')).toBeVisible();
});
