// Requests that wait, through the hub (embedded PostgreSQL, a supplier's PC in French and a
// desk's PC, one clock the test moves for all three): the reminder reaches the desk's queue and
// the assistance's mailbox from the hub, a second one within 5 days is refused, and a request
// left waiting for the supplier for 30 days expires on the hub and is reopened from the PC; the
// supplier's ledger ("What left this PC") lists the syncs that carried it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testHub, type TestHub } from '../fixtures/hub-process';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import {
  advanceClockOf,
  AGENT,
  chooseLanguage,
  expect,
  open,
  requireKeychain,
  sendHelpRequest,
  test,
} from './fixtures';
import { deskLogIn, syncAndShow, syncUntilOnline, workstation } from './workstations';

const DAY = 24 * 60 * 60 * 1000;
const ASSISTANCE = 'assistance@b2b-portal.example';
let hub: TestHub;
let smtp: TestSmtp;
let clockDir: string;
test.beforeEach(async () => {
  clockDir = mkdtempSync(join(tmpdir(), 'portal-clock-'));
  smtp = await startSmtp();
  hub = await testHub({ smtpPort: smtp.port, assistance: ASSISTANCE, clockFile: `${clockDir}/now.clock` });
});
test.afterEach(async () => {
  await hub.stop();
  hub.remove();
  await smtp.stop();
  rmSync(clockDir, { recursive: true, force: true });
});

test('through the hub: a reminder reaches the desk once, a second within 5 days is refused; 30 days waiting for the supplier expire it, and it is reopened', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  const clock = { PORTAL_CLOCK_FILE: `${clockDir}/now.clock` };
  // advanceClockOf writes `${dir}.clock`: the shared file is clockDir/now.clock.
  const days = (n: number) => advanceClockOf(join(clockDir, 'now'), n * DAY);
  const deskToken = hub.registerDesk();
  hub.createAgent({ ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' });
  await hub.start();
  const supplierPc = await workstation(hub.url, clock);
  const deskPc = await workstation(hub.url, { ...clock, PORTAL_HUB_DESK_TOKEN: deskToken });
  try {
    const { reference, row } = await sendHelpRequest(page, supplierPc);
    await syncUntilOnline(page);
    await chooseLanguage(page, 'fr');
    await page.reload(); // the hub's answer shown now, not at the screen's next refresh
    await expect(row.getByTestId('progress')).toHaveText("Chez l'assistance");
    await expect(row.getByTestId('next-reminder')).toContainText('Vous pourrez envoyer une relance à partir du');

    days(8);
    await page.reload();
    const other = await browser.newPage();
    await open(other, supplierPc, '#/requests');
    await chooseLanguage(other, 'fr');
    const otherRow = other.locator(`[data-reference="${reference}"]`);
    await row.getByRole('button', { name: `Envoyer une relance ${reference}` }).click();
    await expect(row.getByTestId('outcome')).toContainText('Relance envoyée.');
    await otherRow.getByRole('button', { name: `Envoyer une relance ${reference}` }).click();
    await expect(otherRow.getByTestId('outcome')).toContainText(
      'Une relance sur cette demande a été envoyée il y a moins de 5 jours.',
    );
    await other.close();
    await syncUntilOnline(page, 'fr');
    await expect(async () => {
      expect(smtp.received.filter((m) => m.mail.subject?.startsWith(`[${reference}] Reminder`))).toHaveLength(1);
    }).toPass({ timeout: 20_000 });

    // The desk sees the reminder, and asks the supplier a question.
    const desk = await browser.newPage();
    await deskLogIn(desk, deskPc, AGENT);
    await syncAndShow(desk, reference);
    await expect(desk.locator(`tr[data-reference="${reference}"]`).getByTestId('reminders')).toHaveText('Reminded ×1');
    await desk.getByRole('link', { name: reference }).click();
    await desk.getByLabel('State', { exact: true }).selectOption('waiting-supplier');
    await desk.getByRole('button', { name: 'Save the state' }).click();
    await expect(desk.locator('.timeline')).toContainText('reminder from the sender');
    await syncUntilOnline(desk);

    await syncUntilOnline(page, 'fr');
    await page.reload();
    await expect(row.getByTestId('progress')).toHaveText('En attente de votre réponse');

    // 30 days without the supplier's answer: the hub expires it; the supplier reopens it.
    days(31);
    await syncUntilOnline(page, 'fr');
    await page.reload();
    await expect(row.getByTestId('expired')).toContainText("l'assistance a attendu votre réponse pendant 30 jours");
    await row.getByRole('button', { name: `Rouvrir cette demande ${reference}` }).click();
    await expect(row.getByTestId('outcome')).toHaveText("Rouverte : la demande est de nouveau chez l'assistance.");
    await syncUntilOnline(page, 'fr');

    // A month on, the agent's session has long ended: they log in again.
    await deskLogIn(desk, deskPc, AGENT);
    await syncAndShow(desk, reference);
    await desk.getByRole('link', { name: reference }).click();
    await expect(desk.locator('.timeline')).toContainText("expired: 30 days without the sender's answer");
    await expect(desk.locator('.timeline')).toContainText('reopened by the sender');
    await expect(desk.getByLabel('State', { exact: true })).toHaveValue('new');

    // The supplier's ledger lists each sync that left for the hub, with what it carried.
    await page.reload();
    const synced = page.getByTestId('privacy-ledger').locator('tr[data-channel="hub"]');
    await expect(synced.filter({ hasText: reference }).first()).toContainText(new URL(hub.url).host);
    // The request itself carried the name, e-mail and phone; the reminders and the reopening none.
    await expect(synced.filter({ hasText: 'nom, adresse e-mail, téléphone' })).toHaveCount(1);
    await expect(synced.filter({ hasText: 'aucune' }).first()).toContainText('Synchronisation avec le hub du portail');
  } finally {
    await supplierPc.close();
    await deskPc.close();
  }
});
