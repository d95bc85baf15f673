// Which personal data a message or a sync carried, by kind of field (never the values): the
// privacy ledger of "What left this PC" says it for each thing that left.
export const ERASED = '[erased]';

export type PersonalField = 'name' | 'email' | 'phone' | 'login' | 'attachment';

const KINDS: Record<PersonalField, RegExp> = {
  name: /(^|\.)(name|fullName|contactName|newPlsaName|legalRepName)$/,
  email: /(^|\.)(email|contactEmail|newPlsaEmail|legalRepEmail)$/,
  phone: /(^|\.)phone$/,
  login: /(^|\.)(login|loginOrCofor)$/,
  attachment: /(^|\.)(document|screenshot)$/,
};

/** The kinds of personal data among the filled fields of a payload (nested objects included). */
export function personalFieldsOf(payload: unknown): PersonalField[] {
  const found = new Set<PersonalField>();
  const walk = (value: unknown, path: string) => {
    // An erased value is no personal data any more (an erasure that runs twice erases nothing new).
    if (value === null || value === undefined || value === '' || value === false || value === ERASED) return;
    if (typeof value === 'object' && !Array.isArray(value) && !('contentBase64' in value) && !('size' in value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
      return;
    }
    for (const [kind, pattern] of Object.entries(KINDS) as Array<[PersonalField, RegExp]>)
      if (pattern.test(path)) found.add(kind);
  };
  walk(payload, '');
  return (Object.keys(KINDS) as PersonalField[]).filter((k) => found.has(k));
}

const PERSONAL_KEY =
  /^(name|fullName|contactName|newPlsaName|legalRepName|email|contactEmail|newPlsaEmail|legalRepEmail|phone|login|loginOrCofor)$/;

/** A payload with every personal value replaced by "[erased]" (nested objects included), and
 * its attachments (document, screenshot) dropped: an erasure request's effect on a copy. */
export function erasedPayload(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'document' && k !== 'screenshot')
      .map(([k, v]) => [k, PERSONAL_KEY.test(k) && typeof v === 'string' && v !== '' ? ERASED : erasedPayload(v)]),
  );
}
