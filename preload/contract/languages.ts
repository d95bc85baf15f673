// The languages the app speaks, written once: its screens, e-mails and desk templates, and every
// channel that takes a language. A new one here must come with its dictionary (renderer/src/lib/i18n).
export const LANGS = ['en', 'fr', 'pt'] as const;
export type Lang = (typeof LANGS)[number];
