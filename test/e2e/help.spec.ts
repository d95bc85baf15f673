import { png } from '../fixtures/files';
import { startSmtp, type TestSmtp } from '../fixtures/smtp';
import {
  AGENT,
  configureRelay,
  createAgent,
  DEMO,
  expect,
  expectAccessible,
  fillHelp,
  logIn,
  open,
  saveRelaySettings,
  sendHelpRequest,
  test,
  signOut,
} from './fixtures';

let smtp: TestSmtp | null = null;
test.afterEach(async () => {
  await smtp?.stop().catch(() => {});
  smtp = null;
});

test('Help & Contact: a request with a screenshot reaches the assistance and shows as sent', async ({ page, host }) => {
  smtp = await startSmtp();
  await configureRelay(page, host, smtp.port);
  await expectAccessible(page);

  await page.getByRole('banner').getByRole('link', { name: 'Help & Contact' }).click();
  await page.getByRole('link', { name: 'Get help' }).click();
  await expect(page.getByRole('heading', { name: 'Contact the B2B Portal assistance' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-purpose-error')).toHaveText(/Choose the purpose/);
  await expect(page.locator('#f-message-error')).toHaveText(/required/);
  await expectAccessible(page);

  await fillHelp(page);
  await page
    .getByLabel('Choose an image')
    .setInputFiles({ name: 'not-really.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.4\n%%EOF') });
  // Told at once, with no broken preview; Submit says it again and sends nothing.
  await expect(page.locator('#f-screenshot-error')).toHaveText(/must be a PNG or JPEG/);
  await expect(page.locator('.shot-preview')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('#f-screenshot-error')).toHaveText(/must be a PNG or JPEG/);
  await expect(page.getByTestId('reference')).toHaveCount(0);

  const screenshot = png(120, 80);
  await page
    .getByLabel('Choose an image')
    .setInputFiles({ name: 'problem.png', mimeType: 'image/png', buffer: screenshot });
  await expect(page.getByRole('img', { name: 'Preview of the screenshot' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  const reference = await page.getByTestId('reference').innerText();
  expect(reference).toMatch(/^HLP-/);

  await page.getByRole('link', { name: 'My requests' }).last().click();
  const row = page.locator(`[data-reference="${reference}"]`);
  await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expectAccessible(page);
  const mail = smtp.received.find((r) => r.mail.subject?.includes(reference))!;
  expect(mail.mail.attachments[0]!.content.equals(screenshot)).toBe(true);
  expect(mail.mail.text).toContain('The analysis shows nothing for our COFOR.');
});

test('a screenshot can be pasted from the clipboard', async ({ page, host }) => {
  await open(page, host, '#/contact');
  const bytes = [...png(30, 20)];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'clip.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer }));
  }, bytes);
  await expect(page.getByRole('img', { name: 'Preview of the screenshot' })).toBeVisible();
  await expect(page.getByText('Attached: pasted image')).toBeVisible();
});

test("a screenshot can be dropped on its zone, which names it in the screen's words", async ({ page, host }) => {
  await open(page, host, '#/contact');
  const zone = page.locator('.drop-zone');
  await expect(zone).toContainText('No file chosen');
  const transfer = await page.evaluateHandle(
    (data) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(data)], 'dropped.png', { type: 'image/png' }));
      return t;
    },
    [...png(30, 20)],
  );
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(zone).toHaveClass(/over/);
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('img', { name: 'Preview of the screenshot' })).toBeVisible();
  await expect(zone).toContainText('dropped.png');
  await expectAccessible(page);
});

test('offline: the request waits with the reason, and leaves with "Send now" once the relay is back', async ({
  page,
  host,
}) => {
  smtp = await startSmtp();
  const port = smtp.port;
  await smtp.stop();
  smtp = null;
  await configureRelay(page, host, port);
  const { reference, row } = await sendHelpRequest(page, host);
  await expect(row).toContainText('Waiting to retry', { timeout: 15_000 });
  await expect(page.getByTestId('outbox-indicator')).toContainText('Offline');
  await expect(page.getByTestId('outbox-indicator')).toContainText('1 waiting');

  smtp = await startSmtp({ port });
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  await expect(page.getByTestId('outbox-indicator')).toContainText('Online');
  expect(smtp.received.filter((r) => r.mail.subject?.includes(reference))).toHaveLength(1);
});

test('help topic: guides, offline search, Get help and Read more', async ({ page, host }) => {
  await open(page, host, '#/help');
  await expect(page.getByRole('heading', { name: 'Help & Contact', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Present your company in the Supplier Database' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Register your company to the B2B portal' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in to your private area' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'About the car maker' })).toBeVisible();
  // The shipped text is about a car maker and its purchasing, marked as sample content.
  const about = page.getByRole('region', { name: 'About the car maker' });
  await expect(about).toContainText('Purchasing organisation');
  await expect(page.getByTestId('about-sample')).toContainText('Sample content');
  await expect(about).not.toContainText('about.json');
  await expectAccessible(page);

  await page.getByRole('searchbox', { name: 'Words to look for' }).fill('temporary pasword');
  await page.locator('.hits').getByRole('link', { name: 'Log in to your private area' }).click();
  await expect(page.getByRole('heading', { name: 'Log in to your private area', level: 1 })).toBeVisible();
  await expectAccessible(page);

  await open(page, host, '#/help');
  await page.getByRole('link', { name: 'Read more' }).click();
  await expect(page.getByRole('heading', { name: 'The B2B Portal in a few words' })).toBeVisible();
  await page.getByRole('link', { name: 'Get help' }).click();
  await expect(page.getByRole('heading', { name: 'Contact the B2B Portal assistance' })).toBeVisible();
});

test('mail settings: read-only without a desk session, refuse a remote relay without TLS; My requests starts empty', async ({
  page,
  host,
}) => {
  await open(page, host, '#/requests');
  await expect(page.getByText('No request sent from this workstation yet.')).toBeVisible();
  await open(page, host, '#/settings');
  await expect(page.getByTestId('settings-desk-only')).toContainText(
    'Only the portal assistance can change these settings',
  );
  await expect(page.getByLabel('Relay host')).toBeDisabled();
  await expectAccessible(page);
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/settings'));
  await saveRelaySettings(page, { host: 'smtp.example.com', port: 25, security: 'none' });
  await expect(page.getByText('TLS is required to a relay on another computer')).toBeVisible();
  await expectAccessible(page);
});

test('settings typed before the saved ones have loaded keep what was typed', async ({ page, host }) => {
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/settings'));
  await saveRelaySettings(page, { host: 'smtp.saved.example', port: 465, security: 'tls' });
  await expect(page.getByText('Settings saved.')).toBeVisible();
  // A busy workstation: the saved settings answer a second and a half after the screen shows
  // (the first answer of each: the header reads the sync status again every 2 s).
  let late = 0;
  for (const method of ['mailSettings', 'syncStatus']) {
    let first = true;
    await page.route(`**/api/${method}`, async (route) => {
      if (!first) return route.continue();
      first = false;
      late += 1;
      await new Promise((done) => setTimeout(done, 1_500));
      await route.continue();
      late -= 1;
    });
  }
  await page.reload();
  await page.getByLabel('Relay host').fill('smtp.typed.example');
  await page.getByLabel('Hub address').fill('https://hub.typed.example');
  await expect.poll(() => late, { timeout: 10_000 }).toBe(0); // every late answer has arrived
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue('465'); // not typed: the saved one
  await expect(page.getByLabel('Relay host')).toHaveValue('smtp.typed.example');
  await expect(page.getByLabel('Hub address')).toHaveValue('https://hub.typed.example');
});

test.describe('French workstation', () => {
  test.use({ locale: 'fr-FR' });
  test('the help topic and the contact form speak French', async ({ page, host }) => {
    await open(page, host, '#/help');
    await expect(page.getByRole('heading', { name: 'Aide & Contact', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Présentez votre entreprise dans la Base Fournisseurs' }),
    ).toBeVisible();
    await page.getByRole('link', { name: "Obtenir de l'aide" }).click();
    await expect(page.getByLabel('Objet de votre demande')).toBeVisible();
    await expectAccessible(page);
  });
});

test('a capture blanks password fields and the details the person marks private', async ({ page, host }) => {
  // The capture itself is Electron's; what it shows is decided here: the page blanks these
  // fields while <html> carries the "capturing" class.
  await open(page, host, '#/contact');
  await page.getByLabel('E-mail', { exact: true }).fill('rita@lost-parts.example');
  await page.evaluate(() => {
    const details = document.querySelector('[data-testid="contact-details"]')!;
    details.setAttribute('data-private', ''); // what "Blank out my details in the capture" sets
    document.documentElement.classList.add('capturing');
  });
  const color = await page.getByLabel('E-mail', { exact: true }).evaluate((el) => getComputedStyle(el).color);
  expect(color).toBe('rgba(0, 0, 0, 0)');
  await page.evaluate(() => document.documentElement.classList.remove('capturing'));
  expect(await page.getByLabel('E-mail', { exact: true }).evaluate((el) => getComputedStyle(el).color)).not.toBe(
    'rgba(0, 0, 0, 0)',
  );
});

test('what is typed before the saved draft has loaded wins over it, and is saved', async ({ page, host }) => {
  await open(page, host, '#/contact');
  await page.getByLabel('Your question').fill('An older draft.');
  await expect(page.getByText('Draft saved')).toBeVisible();
  // A slow store (a busy workstation): the draft's load answers a second and a half late.
  await page.route('**/api/loadDraft', async (route) => {
    await new Promise((done) => setTimeout(done, 1_500));
    await route.continue();
  });
  await page.reload();
  await page.getByLabel('Your question').fill('Typed at once, before the draft answered.');
  await expect(page.getByText('Draft saved')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('Your question')).toHaveValue('Typed at once, before the draft answered.');
  await page.unroute('**/api/loadDraft');
  await page.reload();
  await expect(page.getByLabel('Your question')).toHaveValue('Typed at once, before the draft answered.');
});

test("the help form keeps nobody else's draft: sent, typed by another window, or typed while logged in", async ({
  page,
  host,
  browser,
}) => {
  // A sent form starts empty again.
  await open(page, host, '#/contact');
  await fillHelp(page);
  await expect(page.getByText('Draft saved')).toBeVisible();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByTestId('reference')).toHaveText(/^HLP-/);
  await page.evaluate(() => (location.hash = '#/help'));
  await page.evaluate(() => (location.hash = '#/contact'));
  await expect(page.getByLabel('Your question')).toHaveValue('');
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');

  // A person types and leaves without sending: the next browser at the workstation sees nothing.
  await fillHelp(page);
  await expect(page.getByText('Draft saved')).toBeVisible();
  const next = await browser.newPage();
  await open(next, host, '#/contact');
  await expect(next.getByRole('heading', { name: 'Contact the B2B Portal assistance' })).toBeVisible();
  await expect(next.getByText('Your draft was restored.')).toHaveCount(0);
  await expect(next.getByLabel('Your question')).toHaveValue('');
  await expect(next.getByLabel('E-mail', { exact: true })).toHaveValue('');
  // …while the one who typed it gets it back after a reload.
  await page.reload();
  await expect(page.getByLabel('Your question')).toHaveValue('The analysis shows nothing for our COFOR.');

  // Typed while logged in, it is that login's: gone from the window once they sign out.
  await logIn(next, host, DEMO.user.login, DEMO.user.password);
  await expect(next.getByTestId('my-login')).toHaveText(DEMO.user.login);
  await next.evaluate(() => (location.hash = '#/contact'));
  await expect(next.getByLabel('B2B login, if you have one')).toHaveValue(DEMO.user.login);
  await next.getByLabel('Your question').fill('Only for me to read.');
  await expect(next.getByText('Draft saved')).toBeVisible();
  await signOut(next);
  await next.evaluate(() => (location.hash = '#/contact'));
  await expect(next.getByLabel('Your question')).toHaveValue('');
  await expect(next.getByLabel('B2B login, if you have one')).toHaveValue('');
  await next.close();
});

test('a request sent before the relay is set up leaves for the assistance address of Settings, never a placeholder', async ({
  page,
  host,
}) => {
  smtp = await startSmtp();
  const { reference, row } = await sendHelpRequest(page, host);
  await expect(row).not.toHaveAttribute('data-state', 'sent');
  await expect(page.getByTestId('outbox-indicator')).toContainText('Mail relay not set up');
  await expect(row.getByTestId('waiting-relay')).toContainText('the mail relay of this workstation is not set up yet');

  // Later, an agent sets up the relay with the assistance's real address.
  createAgent(host);
  await logIn(page, host, AGENT.username, AGENT.password);
  await expect(page.getByRole('heading', { name: 'Assistance queue' })).toBeVisible();
  await page.evaluate(() => (location.hash = '#/settings'));
  await saveRelaySettings(page, {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    assistance: 'help-desk@carmaker.example',
  });
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.evaluate(() => (location.hash = '#/requests'));
  await page.getByRole('button', { name: 'Send now' }).click();
  await expect(row).toHaveAttribute('data-state', 'sent', { timeout: 15_000 });
  const mail = smtp.received.find((r) => r.mail.subject?.includes(reference));
  expect(mail?.envelopeTo).toEqual(['help-desk@carmaker.example']);
  expect(smtp.received.flatMap((r) => r.envelopeTo)).not.toContain('assistance@b2b-portal.example');
});
