// A request's reference, made where the person pressed Submit (a workstation, offline too) or
// where a recovery request is matched (the hub): a prefix for its kind, the day, six characters.
export type ReferenceKind = 'company-file' | 'cofor-help' | 'access-request' | 'help' | 'blocked-access' | 'find-plsa';

const REFERENCE_PREFIX: Record<ReferenceKind, string> = {
  'company-file': 'SDB',
  'cofor-help': 'COF',
  'access-request': 'ACC',
  help: 'HLP',
  'blocked-access': 'BLK',
  'find-plsa': 'PLS',
};

// No 0/O or 1/I: references are read out on the phone to the assistance.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(kind: ReferenceKind, at: Date): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  // 32 characters: a random 32-bit value modulo 32 is unbiased.
  const random = crypto.getRandomValues(new Uint32Array(6));
  let suffix = '';
  for (const value of random) suffix += REFERENCE_ALPHABET[value % REFERENCE_ALPHABET.length];
  return `${REFERENCE_PREFIX[kind]}-${day}-${suffix}`;
}
