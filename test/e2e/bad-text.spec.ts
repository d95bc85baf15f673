// A question pasted with a broken character (issue 24, N1) is refused next to its field, in the
// person's language, before anything is saved or queued; corrected, it goes.
import { chooseLanguage, expect, fillHelp, open, test } from './fixtures';

for (const [lang, words, empty] of [
  ['en', /broken character.*retype/, /no request/i],
  ['fr', /caractère abîmé.*ressaisissez/, /aucune demande/i],
] as const) {
  test(`a question pasted with a lone surrogate or a NUL is refused on the form, and nothing leaves (${lang})`, async ({
    page,
    host,
  }) => {
    await open(page, host, '#/contact');
    if (lang === 'fr') await chooseLanguage(page, 'fr');
    if (lang === 'en') await fillHelp(page);
    else {
      await page.getByLabel('Objet de votre demande').selectOption('technical');
      await page.getByLabel('Nom', { exact: true }).fill('Rita Sousa');
      await page.getByLabel('Entreprise', { exact: true }).fill('Lost Parts Lda');
      await page.getByLabel('E-mail', { exact: true }).fill('rita@lost-parts.example');
      await page.getByLabel('Téléphone', { exact: true }).fill('+351 22 000 0000');
    }
    const question = page.locator('#f-message');
    // Pasted as a page would receive it: typing through the DevTools protocol would turn the
    // broken character into U+FFFD on the way (UTF-8), so it is put in the field's value here.
    const paste = (code: number) =>
      question.evaluate((field: HTMLTextAreaElement, c) => {
        field.value = `Pasted from a broken PDF: ${String.fromCharCode(c)} the end.`;
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }, code);
    await paste(0xd800);
    await page.getByRole('button', { name: lang === 'en' ? 'Submit' : 'Envoyer' }).click();
    await expect(page.locator('#f-message-error')).toHaveText(words);
    await paste(0);
    await page.getByRole('button', { name: lang === 'en' ? 'Submit' : 'Envoyer' }).click();
    await expect(page.locator('#f-message-error')).toHaveText(
      lang === 'en' ? /control character/ : /caractère de contrôle/,
    );
    await open(page, host, '#/requests');
    await expect(page.getByRole('main')).toContainText(empty);
  });
}
