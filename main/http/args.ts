// Command-line options of the browser host. Every mistake gets a sentence saying how to fix it.
import { parseArgs } from 'node:util';
import { parseHubUrl } from '../sync/hub-url';

export interface WebHostArgs {
  port: number;
  dataDir: string | null;
  demo: boolean;
  keychainName: string | null;
  hub: string | null;
  help: boolean;
}

export const USAGE = `Usage: npm run web -- [options]

  --port N         port on 127.0.0.1 (default 4650; 0 picks a free one)
  --data-dir DIR   folder of the local store (default: this user's app data folder)
  --no-demo        do not load the demo directory into an empty store
  --keychain-name NAME
                   name of this app's entries in the OS keychain (default "B2B Portal"),
                   so that several hosts on one workstation keep their secrets apart
  --hub URL        sync with the portal hub at URL (https://, or http:// to a hub on this
                   computer): this workstation becomes its replica. A desk workstation also
                   needs PORTAL_HUB_DESK_TOKEN, the token "npm run hub -- register-desk" printed
  --help           show this text`;

export class ArgsError extends Error {}

export function parseWebHostArgs(argv: string[]): WebHostArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-demo': { type: 'boolean' },
        'keychain-name': { type: 'string' },
        hub: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ArgsError(`${(error as Error).message.split('\n')[0]}\n\n${USAGE}`);
  }
  const portText = values.port ?? '4650';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new ArgsError(`--port must be a whole number from 0 to 65535 (got "${portText}").`);
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new ArgsError('--data-dir needs a folder path.');
  const keychainName = values['keychain-name'];
  if (keychainName !== undefined && !/^[\w .-]{1,100}$/.test(keychainName)) {
    throw new ArgsError('--keychain-name takes 1 to 100 letters, digits, spaces, dots or dashes.');
  }
  const hub = (() => {
    try {
      return values.hub === undefined ? null : parseHubUrl(values.hub);
    } catch (error) {
      throw new ArgsError((error as Error).message);
    }
  })();
  return {
    hub,
    port: Number(portText),
    dataDir: dataDir ?? null,
    demo: !values['no-demo'],
    keychainName: keychainName ?? null,
    help: values.help ?? false,
  };
}
