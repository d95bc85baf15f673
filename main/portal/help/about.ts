// The "about" text of the help screen (resources/help/about.json): read and cut into paragraphs
// once per language; a language without its own text reads the English one.
import type { HelpTopic } from '../../../preload/contract/help';

export function readAbout(json: string, langs: readonly string[]): (lang: string) => HelpTopic['about'] {
  const file = JSON.parse(json) as Record<string, unknown>;
  const abouts = new Map<string, HelpTopic['about']>(
    langs.map((lang) => [
      lang,
      {
        paragraphs: String(file[lang] ?? file['en'] ?? '')
          .split(/\n\s*\n/)
          .map((p) => p.trim())
          .filter(Boolean),
        sample: file['sample'] !== false,
      },
    ]),
  );
  const english = abouts.get('en') ?? { paragraphs: [], sample: true };
  return (lang) => abouts.get(lang) ?? english;
}
