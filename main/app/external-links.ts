// Which links may leave the app for the system browser: https only, exact host from the
// allowlist, no credentials, default port. Look-alikes and IDN homographs fail the exact match
// (the URL parser turns them into punycode).
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['www.stellantis.com', 'b2b.stellantis.com'];

export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): boolean {
  if (raw.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    allowedHosts.includes(url.hostname)
  );
}
