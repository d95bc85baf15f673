// The address of a hub a workstation links to, checked the same way on the command line
// (`--hub URL`) and in Settings: HTTPS, or plain HTTP to this computer only (the device token
// would otherwise cross the network in clear), and the address alone.
export type HubUrlProblem = 'hub.url.format' | 'hub.url.insecure' | 'hub.url.extra';

export function checkHubUrl(text: string): { ok: true; url: string } | { ok: false; problem: HubUrlProblem } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'hub.url.format' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'hub.url.format' };
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) return { ok: false, problem: 'hub.url.insecure' };
  if (url.username || url.password || url.search || url.hash) return { ok: false, problem: 'hub.url.extra' };
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') };
}
