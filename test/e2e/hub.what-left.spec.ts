// A hub started with neither --assistance nor --smtp: its requests reach the desks' queues, but
// nobody is e-mailed about them and a new PLSA's temporary password waits on the hub. The linked
// workstations say so (the hub tells them at each pull), instead of "the hub e-mails the
// assistance" and "e-mails its temporary password".
import { AGENT, expect, requestAccess, requireKeychain, test } from './fixtures';
import { deskLogIn, syncAndShow, syncUntilOnline, workstation, type Workstation } from './workstations';
import { testHub, type TestHub } from '../fixtures/hub-process';

let hub: TestHub;
const pcs: Workstation[] = [];
test.beforeEach(async () => {
  hub = await testHub(); // no --smtp, no --assistance
});
test.afterEach(async () => {
  await Promise.all(pcs.splice(0).map((pc) => pc.close()));
  await hub.stop();
  hub.remove();
});

test('a hub that cannot e-mail: the supplier is told the assistance is not e-mailed, the desk that the password waits', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await requireKeychain(); // the device tokens live in each workstation's keychain
  const deskToken = hub.registerDesk();
  hub.createAgent({ ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' });
  await hub.start();
  const supplierPc = await workstation(hub.url);
  pcs.push(supplierPc);
  const deskPc = await workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: deskToken });
  pcs.push(deskPc);

  await page.goto(supplierPc.url);
  await syncUntilOnline(page); // the first pull says what the hub can e-mail
  const reference = await requestAccess(page, supplierPc);
  await expect(page.getByTestId('delivery-note')).toContainText(
    "It will go to the portal hub at this workstation's next sync, and from there to the assistance's queue.",
  );
  await expect(page.getByTestId('delivery-note')).toContainText(
    'The hub does not e-mail the assistance: they see requests in their queue.',
  );
  await syncUntilOnline(page);
  await page.evaluate(() => (location.hash = '#/requests'));
  const row = page.locator(`[data-reference="${reference}"]`);
  await row.getByText('Timeline').click();
  await expect(row.locator('.timeline')).toContainText(
    "received by the portal hub: it is in the assistance's queue; the hub has no assistance address, so nobody is e-mailed about it",
  );
  await expect(row.locator('.timeline')).not.toContainText('which e-mails the assistance');

  const desk = await browser.newPage();
  await deskLogIn(desk, deskPc, AGENT);
  await syncAndShow(desk, reference);
  await desk.getByRole('link', { name: reference }).click();
  await desk.getByRole('button', { name: 'Validate: open the access' }).click();
  await expect(desk.getByTestId('decision-outcome')).toContainText(
    'The hub has no mail relay yet: its e-mails wait there until it has one.',
  );
  await desk.close();
});
