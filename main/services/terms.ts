// The General Terms of Use the legal representative accepts. Versioned: an acceptance records
// the version, and a request made against an older version is refused.
import { z } from 'zod';
import type { TermsOfUse } from '../../preload/contract/dto';

const termsFileSchema = z.strictObject({
  version: z.string().min(1).max(20),
  texts: z.record(
    z.string().regex(/^[a-z]{2}$/),
    z.strictObject({ title: z.string(), paragraphs: z.array(z.string()) }),
  ),
});

export interface TermsCatalogue {
  currentVersion: string;
  forLanguage(lang: string): TermsOfUse;
  /** The channel: the terms in the asked language, or in English. */
  termsOfUse(input: { lang: string }): TermsOfUse;
}

export function createTermsCatalogue(json: unknown): TermsCatalogue {
  const file = termsFileSchema.parse(json);
  const english = file.texts['en'];
  if (!english) throw new Error('The terms of use need an English text.');
  const forLanguage = (lang: string): TermsOfUse => {
    const text = file.texts[lang] ?? english;
    return { version: file.version, lang: file.texts[lang] ? lang : 'en', ...text };
  };
  return { currentVersion: file.version, forLanguage, termsOfUse: ({ lang }) => forLanguage(lang) };
}
