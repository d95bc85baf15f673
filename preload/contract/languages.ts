// The languages the app speaks, written once: its screens, e-mails, guides and desk templates,
// and every channel that takes a language. A new one here must come complete (its dictionary in
// renderer/src/lib/i18n, its guides, e-mails and templates): `test/unit/languages.test.ts` fails
// on anything missing. Portuguese was offered with 12 strings and is left out until it is whole.
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
