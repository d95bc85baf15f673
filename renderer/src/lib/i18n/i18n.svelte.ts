// The current language: from the OS (the browser's or Electron's locale) until the person picks
// one; the pick is remembered on this workstation. `t()` reads reactive state, so every text
// on screen follows a switch at once.
import { en, type MessageKey } from './en';
import { fr } from './fr';
import { LANGS, type Lang } from '$contract/languages';

export type { Lang } from '$contract/languages';

/** Each language by its own name, as the language menu shows it. */
const NAMES: Record<Lang, string> = { en: 'English', fr: 'Français' };
export const LANGUAGES = LANGS.map((code) => ({ code, label: NAMES[code] }));

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, fr };
const STORAGE_KEY = 'portal.lang';

const isLang = (value: unknown): value is Lang => LANGUAGES.some((l) => l.code === value);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}

let current = $state<Lang>(initialLang());

export const i18n = {
  get lang(): Lang {
    return current;
  },
  set lang(value: Lang) {
    current = value;
    localStorage.setItem(STORAGE_KEY, value);
    document.documentElement.lang = value;
  },
};

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = DICTIONARIES[current][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    // Counts in the reader's way of writing them: 100,000 in English, 100 000 in French.
    return typeof value === 'number' ? formatNumber(value) : (value ?? `{${name}}`);
  });
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(current).format(value);
}

/** True for a key of the dictionaries (audit actions and the like come from the engine as text). */
export const hasMessage = (key: string): key is MessageKey => key in en;

/** The message for an error key sent by the engine (`email.format`), in the current language. */
export function errorText(key: string): string {
  const full = `error.${key}`;
  return full in en ? t(full as MessageKey) : t('error.invalid');
}

export function formatDate(iso: string): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value formatted once, never observed
  return new Intl.DateTimeFormat(current, { dateStyle: 'long' }).format(new Date(iso));
}

/** A moment, short, in the reader's language ("30/11/2026 10:42"): one format for every screen. */
export function formatDateTime(iso: string): string {
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value formatted once, never observed
  return new Intl.DateTimeFormat(current, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([current], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** How long ago, in the reader's words ("5 days ago", "il y a 3 heures"), from the largest unit
 * that fits; "now" under a minute. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(current, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
