// Temporary passwords: random, 20 characters from an alphabet without look-alikes (they are
// read from an e-mail or handed over by a PLSA), single use, short-lived.

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TEMPORARY_PASSWORD_LENGTH = 20;
export const DEFAULT_TEMPORARY_PASSWORD_HOURS = 24;

export function generateTemporaryPassword(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  let out = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < TEMPORARY_PASSWORD_LENGTH) {
    for (const byte of random(new Uint8Array(32))) {
      if (byte < limit && out.length < TEMPORARY_PASSWORD_LENGTH) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

export const temporaryPasswordExpiry = (issuedAt: Date, hours = DEFAULT_TEMPORARY_PASSWORD_HOURS): Date =>
  new Date(issuedAt.getTime() + hours * 3_600_000);
