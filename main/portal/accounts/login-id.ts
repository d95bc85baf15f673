// A personal B2B login: the letter V and 6 digits. People type a lower-case v too.
export const LOGIN_PATTERN = /^V\d{6}$/;

export function normaliseLogin(raw: string): string | null {
  const login = raw.trim().toUpperCase();
  return LOGIN_PATTERN.test(login) ? login : null;
}

/** A new personal login, V and 6 random digits, never one already given. */
export function generateLogin(taken: (login: string) => boolean): string {
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const login = `V${String(buffer[0]! % 1_000_000).padStart(6, '0')}`;
    if (!taken(login)) return login;
  }
}
