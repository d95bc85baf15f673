// The hub a workstation links to (`--hub URL`): HTTPS, or plain HTTP to this computer only, since
// the device token would otherwise cross the network in clear.
export class HubUrlError extends Error {}

export function parseHubUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HubUrlError(`--hub takes the hub's address, such as https://hub.example.com (got "${text}").`);
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new HubUrlError(
      `--hub must be an https:// address (plain http:// only to a hub on this computer), got "${text}".`,
    );
  if (url.username || url.password || url.search || url.hash)
    throw new HubUrlError('--hub is the address alone: no user, password, query or fragment in it.');
  return url.origin + url.pathname.replace(/\/+$/, '');
}
