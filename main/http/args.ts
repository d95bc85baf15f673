// Command-line options of the browser host. Every mistake gets a sentence saying how to fix it.
import { parseArgs } from 'node:util';
import { parseHubUrl } from '../sync/hub-url';
import { parsePasswordStore } from '../secrets/password-store-arg';
import type { PasswordStoreMode } from '../secrets/choose-store';

export interface WebHostArgs {
  port: number;
  dataDir: string | null;
  demo: boolean;
  keychainName: string | null;
  passwordStore: PasswordStoreMode;
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
  --password-store auto|keychain|file
                   where secrets (remembered logins, temporary passwords waiting for their
                   e-mail, the relay password, the hub's device token) are kept: the system
                   keychain, or a protected file in the data folder (README: "Secrets without
                   a keychain"). auto (default) takes the keychain when it answers, else the
                   file, decided once per data folder and remembered there
  --hub URL        sync with the portal hub at URL (https://, or http:// to a hub on this
                   computer): this workstation becomes its replica, and keeps no directory
                   of its own. Given at start, it replaces the hub that Settings held
  --help           show this text

The portal hub (README, "The hub"):
  --hub URL        as above; without it, the hub saved in Settings › Portal hub (an agent
                   changes it there; empty: standalone)
  PORTAL_HUB_DESK_TOKEN
                   environment variable, with --hub: the device token that
                   "npm run hub -- register-desk" printed; this workstation is then a desk
                   one (it receives the queue). Without it, a desk workstation is enrolled
                   by an agent's hub login in Settings › Portal hub; otherwise it registers
                   as a supplier's PC, whose desk queue stays empty
  --keychain-name NAME
                   also names where the hub's device token is kept (the OS keychain)
  The hub's own settings (DATABASE_URL, HUB_SECRET_KEY, HUB_SMTP_PASSWORD, --smtp,
  --assistance, ...) belong to the hub's computer: npm run hub -- --help`;

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
        'password-store': { type: 'string' },
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
  let passwordStore: PasswordStoreMode;
  try {
    passwordStore = parsePasswordStore(values['password-store']);
  } catch (error) {
    throw new ArgsError((error as Error).message);
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
    passwordStore,
    help: values.help ?? false,
  };
}
