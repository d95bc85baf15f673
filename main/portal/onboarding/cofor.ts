// COFOR rules (docs/domain.md): the full code is 6 characters, 2 spaces, then a 2-character site
// code. People type it in every shape, so we accept the 6-character head-office part alone,
// or the full 10-character form with or without its spaces, in any case.

export type CoforParse =
  | { ok: true; cofor: string; siteCode: string | null }
  | { ok: false; field: 'cofor' | 'siteCode'; reason: CoforRejection };

export type CoforRejection = 'cofor.empty' | 'cofor.format' | 'site.format' | 'site.conflict';

const FULL_FORM = /^([A-Z0-9]{6})(?: {0,2})([A-Z0-9]{2})?$/;
const SITE_CODE = /^[A-Z0-9]{2}$/;

const normalise = (raw: string): string => raw.trim().toUpperCase();

/** Reads what a person typed in the COFOR and Site code fields. Looks nothing up. */
export function parseCofor(coforInput: string, siteInput?: string): CoforParse {
  const cofor = normalise(coforInput);
  if (cofor === '') return { ok: false, field: 'cofor', reason: 'cofor.empty' };
  const match = FULL_FORM.exec(cofor);
  if (!match) return { ok: false, field: 'cofor', reason: 'cofor.format' };
  const [, headOffice, embeddedSite] = match as unknown as [string, string, string | undefined];

  const site = normalise(siteInput ?? '');
  if (site !== '' && !SITE_CODE.test(site)) {
    return { ok: false, field: 'siteCode', reason: 'site.format' };
  }
  if (embeddedSite && site !== '' && site !== embeddedSite) {
    return { ok: false, field: 'siteCode', reason: 'site.conflict' };
  }
  return { ok: true, cofor: headOffice, siteCode: embeddedSite ?? (site === '' ? null : site) };
}

/** The full 10-character form the portal prints: `A1B2C3  01`. */
export const formatFullCofor = (cofor: string, siteCode: string | null): string =>
  siteCode ? `${cofor}  ${siteCode}` : cofor;

/**
 * A COFOR typed in a free field (Help & Contact, where it only speeds the answer): the form the
 * portal prints when it reads as one (`a10001` -> `A10001`, `a1000101` -> `A10001  01`), with the
 * head-office COFOR its company is found by; anything else as typed (trimmed), naming no company.
 */
export function readTypedCofor(raw: string): { shown: string; headOffice: string | null } {
  const parsed = parseCofor(raw);
  return parsed.ok
    ? { shown: formatFullCofor(parsed.cofor, parsed.siteCode), headOffice: parsed.cofor }
    : { shown: raw.trim(), headOffice: null };
}
