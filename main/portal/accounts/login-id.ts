// A personal B2B login: the letter V and 6 digits. People type a lower-case v too.
export const LOGIN_PATTERN = /^V\d{6}$/;

export function normaliseLogin(raw: string): string | null {
  const login = raw.trim().toUpperCase();
  return LOGIN_PATTERN.test(login) ? login : null;
}
