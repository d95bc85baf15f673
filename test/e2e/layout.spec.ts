// How screens are laid out as a person sees them: the recovery tabs never leave one alone on a
// line, a new screen starts at its top, and the page's icon is there (no 404 at load).
import { expect, open, test } from './fixtures';

for (const locale of ['en-US', 'fr-FR'] as const) {
  for (const width of [1200, 1000, 375]) {
    test.describe(`${locale} at ${width} px`, () => {
      test.use({ locale, viewport: { width, height: 800 } });
      test(`the recovery tabs fill their rows evenly, none alone on a line (${locale}, ${width} px)`, async ({
        page,
        host,
      }) => {
        await open(page, host, '#/recovery?form=password');
        const tabs = page.locator('nav.tabs a');
        await expect(tabs).toHaveCount(4);
        const rows = new Map<number, number>();
        for (const box of await tabs.evaluateAll((links) => links.map((l) => l.getBoundingClientRect()))) {
          const top = Math.round(box.top);
          rows.set(top, (rows.get(top) ?? 0) + 1);
        }
        const counts = [...rows.values()];
        expect(
          counts.every((n) => n === counts[0]),
          `tabs per row: ${counts.join(', ')}`,
        ).toBe(true);
        expect(Math.min(...counts)).toBeGreaterThan(1);
      });
    });
  }
}

test.describe('a small window', () => {
  test.use({ viewport: { width: 1000, height: 640 } });
  test('a new screen starts at its top, wherever the last one was scrolled', async ({ page, host }) => {
    await open(page, host, '#/access');
    await page.locator('#f-cofor').fill('A10002');
    await page.locator('form.analysis-form button[type=submit]').click();
    await page.locator('[data-situation]').waitFor();
    await page.locator('#result-title').evaluate((title) => title.scrollIntoView({ block: 'start' }));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await page.evaluate(() => (location.hash = '#/recovery?form=password'));
    await page.locator('#f-login').waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await expect(page.getByRole('banner')).toBeInViewport({ ratio: 1 });
  });
});

test('the page declares its icon and every file of its load answers (no 404)', async ({ page, host }) => {
  const failures: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
  });
  await open(page, host);
  await expect(page.locator('link[rel~=icon]'), 'a <link rel="icon"> in index.html').toHaveCount(1);
  const icon = await page.locator('link[rel~=icon]').getAttribute('href');
  // Headless Chromium does not fetch icons itself: ask for it as a browser window would.
  const answer = await page.request.get(new URL(icon!, page.url()).href);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toBe('image/svg+xml');
  expect(failures).toEqual([]);
});
