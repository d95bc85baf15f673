// Requests that wait, standalone, through the screens: a reminder from My requests after 5
// working days, refused when sent twice within 5 days (two windows), seen in the desk's queue;
// a request left waiting for its sender for 30 days expires with a notice and is reopened.
// The host's clock is moved by the test (PORTAL_CLOCK_FILE), never waited for.
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import { AGENT, chooseLanguage, configureRelay, expect, logIn, open, sendHelpRequest, signOut, test } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
let smtp: TestSmtp | null = null;
test.use({ movableClock: true });
test.afterEach(async () => {
  await smtp?.stop().catch(() => {});
  smtp = null;
});

test('a reminder after 5 working days, refused when sent twice within 5 days, and the desk sees it', async ({
  page,
  host,
  browser,
}) => {
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);
  const { reference, row } = await sendHelpRequest(page, host);
  await expect(row.locator('.badge.rstate-sent')).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('progress')).toHaveText('With the assistance');
  await expect(row.getByTestId('next-reminder')).toContainText('You can send a reminder from');
  await expect(row.getByRole('button', { name: `Send a reminder ${reference}` })).toHaveCount(0);

  host.advanceClock(8 * DAY); // whatever the weekday today, 5 working days have passed
  await page.reload();
  const remind = row.getByRole('button', { name: `Send a reminder ${reference}` });
  await expect(remind).toBeVisible();
  // A second window showed the same button before the first reminder left.
  const other = await browser.newPage();
  await open(other, host, '#/requests');
  const otherRemind = other.locator(`[data-reference="${reference}"]`).getByRole('button', { name: /Send a reminder/ });
  await expect(otherRemind).toBeVisible();

  await remind.click();
  await expect(row.getByTestId('outcome')).toContainText('Reminder sent. You can send another from');
  await expect(row.getByTestId('reminders')).toContainText('Reminders sent:');
  await otherRemind.click();
  await expect(other.locator(`[data-reference="${reference}"]`).getByTestId('outcome')).toContainText(
    'A reminder about this request was sent less than 5 days ago. You can send a reminder from',
  );
  await other.close();
  await expect(async () => {
    expect(smtp!.received.map((m) => m.mail.subject)).toContain(
      `[${reference}] Reminder: a request waits for an answer`,
    );
  }).toPass({ timeout: 20_000 });
  expect(smtp.received.filter((m) => m.mail.subject?.includes('Reminder'))).toHaveLength(1);

  // Five days later, another reminder is offered again.
  host.advanceClock(5 * DAY);
  await page.reload();
  await expect(remind).toBeVisible();

  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(`tr[data-reference="${reference}"]`).getByTestId('reminders')).toHaveText('Reminded ×1');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.locator('.timeline')).toContainText('reminder from the sender');
});

test('en français : une demande qui attend le fournisseur expire après 30 jours, avec un avis, et se rouvre', async ({
  page,
  host,
}) => {
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);
  const { reference, row } = await sendHelpRequest(page, host);
  await expect(row.locator('.badge.rstate-sent')).toBeVisible({ timeout: 20_000 });

  // The desk asks the supplier a question: the request now waits for them.
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await chooseLanguage(page, 'fr');
  await page.getByRole('link', { name: reference }).click();
  await page.getByLabel('État', { exact: true }).selectOption('waiting-supplier');
  await page.getByRole('button', { name: "Enregistrer l'état" }).click();
  await expect(page.locator('.timeline')).toContainText('état dans la file modifié');
  await signOut(page);

  await open(page, host, '#/requests');
  await expect(page.getByRole('heading', { name: 'Mes demandes' })).toBeVisible();
  await expect(row.getByTestId('progress')).toHaveText('En attente de votre réponse');
  await expect(row.getByTestId('waiting-you')).toContainText('répondez-lui avant le');
  await expect(row.getByRole('button', { name: /Envoyer une relance/ })).toHaveCount(0);

  host.advanceClock(31 * DAY);
  await page.reload();
  await expect(row.getByTestId('progress')).toHaveText('Expirée');
  await expect(row.getByTestId('expired')).toContainText("l'assistance a attendu votre réponse pendant 30 jours");
  await row.getByRole('button', { name: `Rouvrir cette demande ${reference}` }).click();
  await expect(row.getByTestId('outcome')).toHaveText("Rouverte : la demande est de nouveau chez l'assistance.");
  await expect(row.getByTestId('progress')).toHaveText("Chez l'assistance");
  await expect(row.getByTestId('expired')).toHaveCount(0);
  await expect(async () => {
    expect(smtp!.received.map((m) => m.mail.subject)).toContain(
      `[${reference}] Reopened: a request that had expired is back`,
    );
  }).toPass({ timeout: 20_000 });

  await open(page, host, '#/login');
  await page.getByLabel('Identifiant', { exact: true }).fill(AGENT.username);
  await page.getByLabel('Mot de passe', { exact: true }).fill(AGENT.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: "File de l'assistance" })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('link', { name: reference }).click();
  await expect(page.locator('.timeline')).toContainText("expirée : 30 jours sans réponse de l'expéditeur");
  await expect(page.locator('.timeline')).toContainText("rouverte par l'expéditeur");
  await expect(page.getByLabel('État', { exact: true })).toHaveValue('new');
});
