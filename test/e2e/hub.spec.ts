// Two workstations and the hub, in Chromium, on a real (embedded) PostgreSQL: a supplier's PC
// and a desk's PC, each a browser host with its own data folder, linked to one hub.
import {
  AGENT,
  createAgent,
  DEMO,
  expect,
  expectAccessible,
  fillHelp,
  logIn,
  requestAccess,
  requireKeychain,
  signOut,
  test,
} from './fixtures';
import { deskLogIn, firstSync, syncAndShow, syncUntilOnline, workstation } from './workstations';
import { testHub, type TestHub } from '../fixtures/hub-process';
import { batch, help } from '../fixtures/hub-mutations';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import { tcpProxy, type TcpProxy } from '../fixtures/tcp-proxy';

const BOB = {
  username: 'desk.bob',
  password: 'purple window harbour snow',
  name: 'Bob Assist',
  email: 'bob@assist.example',
};

const ANA = { ...AGENT, name: 'Ana Assist', email: 'ana@assist.example' };
const ASSISTANCE = 'assistance@b2b-portal.example';

let hub: TestHub;
let smtp: TestSmtp;
const proxies: TcpProxy[] = [];
test.beforeEach(async () => {
  smtp = await startSmtp();
  hub = await testHub({ smtpPort: smtp.port, assistance: ASSISTANCE });
});
/** What the hub e-mailed to suppliers (the assistance also gets each request). */
const toSuppliers = () => smtp.received.filter((r) => !r.envelopeTo.includes(ASSISTANCE));
test.afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
  await hub.stop();
  hub.remove();
  await smtp.stop();
});

test("an access request sent while the hub is stopped reaches the desk's queue when the hub starts", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000); // the hub starts twice
  await requireKeychain(); // the device tokens live in each workstation's keychain
  const deskToken = hub.registerDesk(); // the hub is stopped: the request cannot leave
  hub.createAgent(ANA); // a linked desk's agents are the hub's
  const supplierPc = await workstation(hub.url);
  const deskPc = await workstation(hub.url, { PORTAL_HUB_DESK_TOKEN: deskToken });
  try {
    // Its first sync brings the hub's directory; then the hub stops and the request waits.
    await hub.start();
    await firstSync(page, supplierPc);
    await hub.stop();
    const reference = await requestAccess(page, supplierPc);
    const sync = page.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toContainText('Hub: offline');
    await expect(sync).toContainText('1 to sync');

    await hub.start();
    await sync.click();
    await expect(sync).toContainText('Hub: online');
    await expect(sync).not.toContainText('to sync');
    await expect(sync).toContainText('synced now');

    // The desk's PC, in another browser: after its sync, the request is in its queue.
    const desk = await browser.newPage();
    await deskLogIn(desk, deskPc, AGENT);
    await syncAndShow(desk, reference);
    await desk.getByRole('link', { name: reference }).click();
    await expect(desk.getByRole('heading', { name: `Request ${reference}` })).toBeVisible();
    await expect(desk.getByRole('region', { name: 'Company' })).toContainText('COFOR A10002');

    // A Help & Contact request from the supplier's PC, with its screenshot, reaches it too.
    await page.evaluate(() => (location.hash = '#/contact'));
    await fillHelp(page);
    await page
      .getByLabel('Choose an image')
      .setInputFiles({ name: 'problem.png', mimeType: 'image/png', buffer: await page.screenshot() });
    await page.getByRole('button', { name: 'Submit' }).click();
    const help = await page.getByTestId('reference').innerText();
    await sync.click();
    await expect(sync).not.toContainText('to sync');
    await desk.evaluate(() => (location.hash = '#/desk'));
    await syncAndShow(desk, help);
    await desk.getByRole('link', { name: help }).click();
    await expect(desk.getByText('The analysis shows nothing for our COFOR.')).toBeVisible();
    await expect(desk.getByText(/screenshot\.png \(/)).toBeVisible(); // the attachment came with it
    await desk.close();

    // The hub e-mailed both requests to the assistance, the screenshot attached; the supplier's
    // PC sent nothing itself (it has no relay), and My requests says where each went.
    const toAssistance = (ref: string) =>
      smtp.received.find((r) => r.envelopeTo.includes(ASSISTANCE) && r.mail.subject?.includes(ref));
    await expect.poll(() => !!toAssistance(help) && !!toAssistance(reference), { timeout: 20_000 }).toBe(true);
    expect(toAssistance(reference)!.mail.text).toContain('COFOR:\n  A10002');
    const helpMail = toAssistance(help)!.mail;
    expect(helpMail.text).toContain('The analysis shows nothing for our COFOR.');
    expect(helpMail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['screenshot.png', 'image/png']]);
    expect(helpMail.attachments[0]!.size).toBeGreaterThan(1_000);
    expect(smtp.received.filter((r) => r.mail.subject?.includes(help))).toHaveLength(1);
    await page.evaluate(() => (location.hash = '#/requests'));
    const mine = page.locator(`[data-reference="${help}"]`);
    await expect(mine).toHaveAttribute('data-state', 'sent');
    await mine.getByText('Timeline').click();
    await expect(mine).toContainText('Sent (received by the portal hub, which e-mails the assistance)');
    await expect(page.getByTestId('waiting-relay')).toHaveCount(0);
    await expect(page.getByTestId('outbox-indicator')).toHaveCount(0); // no relay needed: the hub sends
  } finally {
    await supplierPc.close();
    await deskPc.close();
  }
});

test('an agent enrols a standalone workstation as a desk one from Settings, with their hub login; others only see it', async ({
  page,
  host,
}) => {
  await requireKeychain();
  hub.createAgent(ANA);
  await hub.start();
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0); // standalone: nothing to show
  await page.evaluate(() => (location.hash = '#/settings'));
  const address = page.getByLabel('Hub address');
  await address.fill('http://hub.example.com');
  await page.getByRole('region', { name: 'Portal hub' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The address must start with https://')).toBeVisible();
  await address.fill(hub.url);
  const region = page.getByRole('region', { name: 'Portal hub' });
  await expect(region.getByLabel('Your user name on the hub')).toHaveValue(AGENT.username);
  await region.getByLabel('Your password on the hub').fill('not the password at all');
  await region.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('hub-saved')).toHaveText(
    'The hub did not accept this user name and password: nothing was changed.',
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('sync-indicator')).toHaveCount(0); // still standalone
  await region.getByLabel('Your password on the hub').fill(AGENT.password);
  await region.getByRole('button', { name: 'Save' }).click();
  // Saving enrols, then syncs once: allow a busy machine its time.
  await expect(page.getByTestId('hub-saved')).toHaveText(
    'Saved: desk.ana enrolled this workstation as a desk workstation; it now syncs the queue with the hub.',
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('sync-indicator')).toContainText('Hub: online');
  await expectAccessible(page);

  // Enrolled as a desk: a request another workstation sent to the hub reaches this queue.
  const { token } = (await (
    await fetch(`${hub.url}/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'supplier' }),
    })
  ).json()) as { token: string };
  const sent = help('Sent from another supplier PC.');
  await fetch(`${hub.url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: batch(sent) }),
  });
  await page.evaluate(() => (location.hash = '#/desk'));
  await syncAndShow(page, sent.args.reference);

  // A supplier on the same workstation sees where it syncs, and cannot change it.
  await signOut(page);
  await logIn(page, host, DEMO.plsa.login, DEMO.plsa.password); // checked by the hub now
  await expect(page.getByTestId('my-login')).toHaveText(DEMO.plsa.login);
  await page.evaluate(() => (location.hash = '#/settings'));
  await expect(page.getByLabel('Hub address')).toHaveValue(hub.url);
  await expect(page.getByLabel('Hub address')).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Portal hub' }).getByRole('button', { name: 'Save' })).toHaveCount(0);
});

test("the desk validates while its link is down; on reconnect the supplier's PC shows the access open, and the new PLSA logs in with the hub's e-mailed password and must change it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  const deskToken = hub.registerDesk();
  hub.createAgent(ANA);
  await hub.start();
  const deskLink = await tcpProxy(hub.port); // the desk's own link to the hub, to pull out
  proxies.push(deskLink);
  const supplierPc = await workstation(hub.url);
  const deskPc = await workstation(`http://127.0.0.1:${deskLink.port}`, { PORTAL_HUB_DESK_TOKEN: deskToken });
  try {
    await firstSync(page, supplierPc);
    const reference = await requestAccess(page, supplierPc);
    await syncUntilOnline(page);

    const desk = await browser.newPage();
    await deskLogIn(desk, deskPc, AGENT);
    await syncAndShow(desk, reference);
    await desk.getByRole('link', { name: reference }).click();

    await deskLink.cut();
    // Offline, the agent the hub let in just now logs in again with the same password (for 12
    // hours); a wrong one gets the one answer: the hub is needed.
    await signOut(desk);
    await desk.evaluate(() => (location.hash = '#/login'));
    await desk.getByLabel('Login', { exact: true }).fill(AGENT.username);
    await desk.getByLabel('Password', { exact: true }).fill('not the password at all');
    await desk.getByRole('button', { name: 'Log in' }).click();
    await expect(desk.getByRole('alert')).toContainText(
      'An assistance agent who logged in here through the hub in the last 12 hours can log in with the same password meanwhile',
    );
    await deskLogIn(desk, deskPc, AGENT);
    await desk.getByRole('link', { name: reference }).click();
    await desk.getByRole('button', { name: 'Validate: open the access' }).click();
    await expect(desk.getByTestId('decision-outcome')).toContainText('the hub, which makes the PLSA login');
    const deskSync = desk.getByTestId('sync-indicator');
    await deskSync.click();
    await expect(deskSync).toContainText('Hub: offline');
    await expect(deskSync).toContainText('1 to sync');
    expect(toSuppliers()).toHaveLength(0); // nothing leaves while the hub has not decided

    await deskLink.restore();
    await syncUntilOnline(desk);

    // The supplier's PC, after its own sync, shows the access open.
    await syncUntilOnline(page);
    await page.evaluate(() => (location.hash = '#/access'));
    await page.getByLabel('COFOR', { exact: true }).fill('A10002');
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'done');

    // The hub e-mailed the temporary password (and the legal representative the login).
    await expect
      .poll(() => smtp.received.filter((r) => r.envelopeTo.includes('pat@sample.example')).length, {
        timeout: 20_000,
      })
      .toBe(1);
    const text = smtp.received.find((r) => r.envelopeTo.includes('pat@sample.example'))!.mail.text ?? '';
    const login = /V\d{6}/.exec(text)![0];
    const temporary = /^\s+([A-Za-z0-9]{20})$/m.exec(text)![1]!;
    await expect
      .poll(
        () =>
          smtp.received.some((r) => r.envelopeTo.includes('lea@sample.example') && (r.mail.text ?? '').includes(login)),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);

    await logIn(page, supplierPc, login, temporary);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible({ timeout: 20_000 });
    await page.getByLabel('New password', { exact: true }).fill('lantern ocean bicycle plum');
    await page.getByLabel('New password again').fill('lantern ocean bicycle plum');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect(page.getByText('Your password was changed')).toBeVisible();
    await expect(page.getByTestId('my-login')).toHaveText(login);

    // The new password is the hub's: it logs in again; the temporary one does not.
    await signOut(page);
    await logIn(page, supplierPc, login, temporary);
    await expect(page.getByText('The login or the password is not right')).toBeVisible();
    await logIn(page, supplierPc, login, 'lantern ocean bicycle plum');
    await expect(page.getByTestId('my-login')).toHaveText(login);

    // The new PLSA names a deputy from the console: the account is made on the hub, and the
    // deputy logs in through it with the temporary password shown once.
    await page.getByRole('link', { name: 'PLSA console', exact: true }).click();
    await expect(page.getByTestId('console-through-hub')).toBeVisible();
    await expect(page.getByTestId('single-plsa')).toBeVisible();
    await page.getByLabel('Full name').fill('Dana Deputy');
    await page.getByLabel('Business e-mail').fill('dana@sample.example');
    await page.getByLabel('Role', { exact: true }).selectOption('plsa');
    await page.getByRole('button', { name: 'Create the account' }).click();
    const panel = page.getByRole('region', { name: /Temporary password for V\d{6}/ });
    await expect(panel).toBeVisible({ timeout: 20_000 });
    const deputy = (await panel.getByRole('heading').innerText()).match(/V\d{6}/)![0];
    const deputyTemporary = await page.getByTestId('temporary-password').innerText();
    await expect(page.locator(`tr[data-login="${deputy}"]`)).toContainText('Dana Deputy');
    await expect(page.getByTestId('single-plsa')).toHaveCount(0); // two PLSAs now
    await expectAccessible(page);
    const colleague = await browser.newPage();
    await logIn(colleague, supplierPc, deputy, deputyTemporary);
    await expect(colleague.getByRole('heading', { name: 'Choose a new password' })).toBeVisible({ timeout: 20_000 });
    await colleague.close();
    await signOut(page);

    // With the hub out of reach, logging in says plainly that it needs the hub.
    await hub.stop();
    await logIn(page, supplierPc, login, 'lantern ocean bicycle plum');
    await expect(page.getByText('Logging in needs the portal hub')).toBeVisible({ timeout: 20_000 });
    await desk.close();
  } finally {
    await supplierPc.close();
    await deskPc.close();
  }
});

test('two desks decide the same request while offline: the first to reach the hub wins, the other is told why', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await requireKeychain();
  const tokens = [hub.registerDesk(), hub.registerDesk()];
  hub.createAgent(ANA);
  hub.createAgent(BOB);
  await hub.start();
  const links = [await tcpProxy(hub.port), await tcpProxy(hub.port)];
  proxies.push(...links);
  const supplierPc = await workstation(hub.url);
  const deskPcs = [
    await workstation(`http://127.0.0.1:${links[0]!.port}`, { PORTAL_HUB_DESK_TOKEN: tokens[0]! }),
    await workstation(`http://127.0.0.1:${links[1]!.port}`, { PORTAL_HUB_DESK_TOKEN: tokens[1]! }),
  ];
  try {
    await firstSync(page, supplierPc);
    const reference = await requestAccess(page, supplierPc);
    await syncUntilOnline(page);
    const [ana, bob] = [await browser.newPage(), await browser.newPage()];
    await deskLogIn(ana, deskPcs[0]!, AGENT);
    await deskLogIn(bob, deskPcs[1]!, BOB);
    for (const desk of [ana, bob]) {
      await syncAndShow(desk, reference);
      await desk.getByRole('link', { name: reference }).click();
    }

    // Both links down: Ana validates, Bob rejects, each on their own PC.
    await Promise.all(links.map((l) => l.cut()));
    await ana.getByRole('button', { name: 'Validate: open the access' }).click();
    await expect(ana.getByTestId('decision-outcome')).toContainText('Done here');
    await bob.getByLabel('Reason (sent to the supplier)').fill('The legal representative is not the one registered.');
    await bob.getByRole('button', { name: 'Reject' }).click();
    await expect(bob.getByTestId('decision-outcome')).toContainText('Done');

    // Ana's PC reaches the hub first: hers is the decision.
    await links[0]!.restore();
    await syncUntilOnline(ana);
    await links[1]!.restore();
    const bobSync = bob.getByTestId('sync-indicator');
    await expect(async () => {
      await bobSync.click();
      await expect(bobSync).toContainText('1 refused', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await bob.reload();
    await expect(bob.getByTestId('decision-overruled')).toHaveText(
      'Your decision was not applied: desk.ana had already decided this request on another desk, and the hub keeps the first decision. The decision shown is theirs.',
    );
    await expect(bob.getByTestId('decision-final')).toContainText('Decided: validated by desk.ana');
    await expect(bob.locator('section[aria-labelledby=state-title] ol')).toContainText(
      'your decision not applied: decided first on another desk (desk.ana)',
    );
    await expectAccessible(bob);

    // Both queues show the hub's truth: the winner's agent on the request, on Bob's desk too.
    for (const desk of [ana, bob]) {
      await desk.evaluate(() => (location.hash = '#/desk'));
      const row = desk.locator(`tr[data-reference="${reference}"]`);
      await expect(row.locator('td').last()).toHaveText('desk.ana');
      await expect(row).toContainText('Done');
    }

    // Only the winner's answer left: the PLSA's password, the legal representative's login.
    await expect.poll(() => toSuppliers().length, { timeout: 20_000 }).toBe(2);
    expect(
      toSuppliers()
        .flatMap((r) => r.envelopeTo)
        .sort(),
    ).toEqual(['lea@sample.example', 'pat@sample.example']);
    expect(
      toSuppliers()
        .map((r) => r.mail.text ?? '')
        .join('\n'),
    ).not.toContain('not the one registered');
    await ana.close();
    await bob.close();
  } finally {
    await supplierPc.close();
    await Promise.all(deskPcs.map((pc) => pc.close()));
  }
});
