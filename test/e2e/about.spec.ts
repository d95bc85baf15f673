// The header menu's About screen, and the demo help's way back.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, expectAccessible, open, test } from './fixtures';

const { version } = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  version: string;
};

for (const [locale, words] of [
  [
    'en-US',
    { menu: 'Menu', about: 'About', title: 'About B2B Portal', licence: 'Proprietary', help: 'Help & Contact' },
  ],
  [
    'fr-FR',
    {
      menu: 'Menu',
      about: 'À propos',
      title: 'À propos du portail B2B',
      licence: 'propriétaire',
      help: 'Aide & Contact',
    },
  ],
] as const) {
  test.describe(locale, () => {
    test.use({ locale });
    test(`About, from the header menu with the keyboard alone: version, licence, assistance, data folder (${locale})`, async ({
      page,
      host,
    }) => {
      await open(page, host);
      await page.getByTestId('header-menu').focus();
      await page.keyboard.press('Enter');
      const about = page.locator('#header-menu-panel').getByRole('link', { name: words.about });
      for (let i = 0; i < 5 && !(await about.evaluate((a) => a === document.activeElement)); i++)
        await page.keyboard.press('Tab');
      await expect(about).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: words.title })).toBeFocused();
      await expect(page.getByTestId('about-version')).toHaveText(version);
      await expect(page.locator('main')).toContainText(words.licence);
      await expect(page.getByTestId('about-data-dir')).toHaveText(host.dataDir);
      await expect(page.locator('main').getByRole('link', { name: words.help })).toHaveAttribute('href', /#\/contact/);
      await expectAccessible(page);
    });
  });
}

test('the demo help, hidden, comes back from the header menu and stays back', async ({ page, host }) => {
  await open(page, host);
  const welcome = page.getByRole('region', { name: 'This workstation shows demo data' });
  await page.getByTestId('header-menu').click();
  await expect(page.getByRole('button', { name: 'Show the demo help again' })).toHaveCount(0); // it shows
  await page.getByTestId('header-menu').click();
  await welcome.getByRole('button', { name: 'Got it: hide this' }).click();
  await expect(welcome).toHaveCount(0);
  await expect(page.getByText('The menu shows it again.')).toHaveCount(0);

  await open(page, host, '#/help');
  await page.getByTestId('header-menu').click();
  await page.getByRole('button', { name: 'Show the demo help again' }).click();
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'This workstation shows demo data' })).toBeFocused();
  await page.reload();
  await expect(welcome).toBeVisible();
  await page.getByTestId('header-menu').click();
  await expect(page.getByRole('button', { name: 'Show the demo help again' })).toHaveCount(0);
});
