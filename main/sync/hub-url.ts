// `--hub URL` on the command line: the contract's check, said as a sentence for the terminal.
import { checkHubUrl } from '../../preload/contract/hub-url';

export class HubUrlError extends Error {}

const SAY = {
  'hub.url.format': (text: string) => `--hub takes the hub's address, such as https://hub.example.com (got "${text}").`,
  'hub.url.insecure': (text: string) =>
    `--hub must be an https:// address (plain http:// only to a hub on this computer), got "${text}".`,
  'hub.url.extra': () => '--hub is the address alone: no user, password, query or fragment in it.',
} as const;

export function parseHubUrl(text: string): string {
  const checked = checkHubUrl(text);
  if (!checked.ok) throw new HubUrlError(SAY[checked.problem](text));
  return checked.url;
}
