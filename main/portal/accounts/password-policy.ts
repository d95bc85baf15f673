// Password rules after NIST SP 800-63B and OWASP: length, not composition. At least 15
// characters, up to 128 accepted, no forced mix of character classes, and refused when common
// or built on a word of its context (the login, the company's name, the portal's name).

export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 128;
export const PORTAL_WORDS = ['b2b', 'portal', 'portail', 'stellantis'];

export type PasswordRejection =
  'password.too-short' | 'password.too-long' | 'password.common' | 'password.context' | 'password.repetitive';

export interface PasswordContext {
  login: string;
  companyName?: string | null;
  personName?: string | null;
}

/** Counted in characters as people see them, not UTF-16 units: "é" or "🔒" is one. */
const length = (s: string): number => [...s.normalize('NFC')].length;

function contextWords(context: PasswordContext): string[] {
  const words = [context.login, ...PORTAL_WORDS];
  for (const text of [context.companyName, context.personName]) {
    for (const word of (text ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) words.push(word);
  }
  return words.map((w) => w.toLowerCase());
}

/** "passwordpassword", "aaaaaaaaaaaaaaaa", "abcabcabcabcabc": one short unit repeated. */
function isRepetitive(s: string): boolean {
  for (let unit = 1; unit <= Math.floor(s.length / 2); unit++) {
    if (s.length % unit === 0 && s.slice(0, unit).repeat(s.length / unit) === s) return true;
  }
  return false;
}

export function checkPassword(
  password: string,
  context: PasswordContext,
  common: ReadonlySet<string>,
): PasswordRejection | null {
  const n = length(password);
  if (n < PASSWORD_MIN) return 'password.too-short';
  if (n > PASSWORD_MAX) return 'password.too-long';
  const folded = password.normalize('NFC').toLowerCase();
  const compact = folded.replace(/\s+/g, '');
  if (isRepetitive(compact)) return 'password.repetitive';
  // The common list also catches "commonword" padded with digits or symbols at either end.
  const core = compact.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (common.has(folded) || common.has(compact) || (core.length >= 4 && (common.has(core) || isRepetitive(core)))) {
    return 'password.common';
  }
  if (contextWords(context).some((word) => compact.includes(word))) return 'password.context';
  return null;
}

export function parseBlocklist(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
}
