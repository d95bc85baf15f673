// Every language the app offers is complete: its screens, guides, e-mails, desk templates and
// the help topic's "about" text. A language with a missing key, guide or template fails here,
// so nobody is offered a language that turns back to English halfway through a screen.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_IDS } from '../../main/portal/help/guides';
import { mailLang, mails } from '../../main/portal/mail/templates';
import { LANGS } from '../../preload/contract/languages';
import { en } from '../../renderer/src/lib/i18n/en';
import { fr } from '../../renderer/src/lib/i18n/fr';

const RESOURCES = resolve(__dirname, '..', '..', 'resources');
const DICTIONARIES: Record<string, Record<string, string>> = { en, fr };
const others = LANGS.filter((l) => l !== 'en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Words that are the same in both languages on purpose (codes, acronyms, names).
const SAME_IN_EVERY_LANGUAGE =
  /^(TLS \(port 465\)|STARTTLS \(port 587\)|COFOR|PLSA|D-U-N-S|E-mail|Message|Code|Contact|Site|Documents?|Total|Audit|Statut|Notes?|B2B|[\W\d]*|.*\{\w+\}.*)$/;

describe('offered languages', () => {
  it('are English and French, each with a dictionary', () => {
    expect([...LANGS]).toEqual(['en', 'fr']);
    for (const lang of LANGS) expect(DICTIONARIES[lang], lang).toBeDefined();
  });

  for (const lang of others) {
    it(`${lang}: every screen text exists, with the same placeholders as in English`, () => {
      const dictionary = DICTIONARIES[lang]!;
      const missing = Object.keys(en).filter((key) => !dictionary[key]?.trim());
      const extra = Object.keys(dictionary).filter((key) => !(key in en));
      expect(missing, `keys missing in ${lang}`).toEqual([]);
      expect(extra, `keys in ${lang} unknown to English`).toEqual([]);
      const mismatched = Object.entries(en).filter(
        ([key, text]) => placeholders(text).join() !== placeholders(dictionary[key]!).join(),
      );
      expect(mismatched.map(([key]) => key)).toEqual([]);
    });

    it(`${lang}: no English sentence left untranslated`, () => {
      const dictionary = DICTIONARIES[lang]!;
      const untranslated = Object.entries(en)
        .filter(([key, text]) => dictionary[key] === text && text.split(/\s+/).length > 1)
        .filter(([, text]) => !SAME_IN_EVERY_LANGUAGE.test(text))
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    });

    it(`${lang}: the e-mails are written in it`, () => {
      expect(mailLang(lang)).toBe(lang);
      const at = '2026-12-01 10:00';
      const pairs = [
        [mails.loginsReminder('en', ['V1']), mails.loginsReminder(mailLang(lang), ['V1'])],
        [mails.temporaryPassword('en', 'V1', at), mails.temporaryPassword(mailLang(lang), 'V1', at)],
        [mails.plsaList('en', 'A1', []), mails.plsaList(mailLang(lang), 'A1', [])],
        [
          mails.blockedAccess('en', 'V1', 'a@b.example', 'x'),
          mails.blockedAccess(mailLang(lang), 'V1', 'a@b.example', 'x'),
        ],
        [mails.passwordChanged('en', 'V1', at), mails.passwordChanged(mailLang(lang), 'V1', at)],
      ];
      for (const [english, other] of pairs) expect(other!.subject).not.toBe(english!.subject);
    });
  }

  for (const lang of LANGS) {
    it(`${lang}: every guide, desk template and the "about" text exist`, () => {
      for (const id of GUIDE_IDS) {
        const file = join(RESOURCES, 'guides', lang, `${id}.md`);
        expect(existsSync(file), file).toBe(true);
        expect(readFileSync(file, 'utf8')).toMatch(/^# \S/m);
      }
      const templates = JSON.parse(readFileSync(join(RESOURCES, 'desk', 'templates.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const [name, template] of Object.entries(templates).filter(([k]) => !k.startsWith('_'))) {
        const text = (template as Record<string, { subject?: string; body?: string }>)[lang];
        expect(text?.subject?.trim(), `${name}.${lang}.subject`).toBeTruthy();
        expect(text?.body?.trim(), `${name}.${lang}.body`).toBeTruthy();
      }
      const about = JSON.parse(readFileSync(join(RESOURCES, 'help', 'about.json'), 'utf8')) as Record<string, string>;
      // What people read is about the car maker, never where the text is configured.
      expect(about[lang]).not.toMatch(/resources\/|about\.json/);
      expect(about[lang]?.trim(), `about.${lang}`).toBeTruthy();
    });
  }
});
