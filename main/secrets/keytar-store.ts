// SecretStore on keytar. keytar is an optional native module (it needs libsecret's headers to
// build on Linux): it is loaded lazily, so a machine without it, or without a keychain daemon,
// still runs the app, and every failure becomes SecretStoreUnavailable with its reason.
import { createRequire } from 'node:module';
import { SecretStoreUnavailable, type SecretStore } from './secret-store';

/** The part of keytar's API this app uses, written here so that the app type-checks and
 * builds on a machine where the optional module could not be installed. */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const KEYCHAIN_MODULE = 'keytar';

let keytar: Keytar | null = null;
function load(): Keytar {
  if (keytar) return keytar;
  try {
    keytar = createRequire(__filename)(KEYCHAIN_MODULE) as Keytar;
  } catch (error) {
    // Not cached: installing the module later (npm rebuild) is picked up without a restart.
    const missing = (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
    throw new Error(
      missing
        ? `the keychain module (${KEYCHAIN_MODULE}) is not installed on this computer`
        : `the keychain module (${KEYCHAIN_MODULE}) could not be loaded: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
  return keytar;
}

async function guarded<T>(operation: (k: Keytar) => Promise<T>): Promise<T> {
  try {
    return await operation(load());
  } catch (error) {
    throw new SecretStoreUnavailable(error);
  }
}

/** `service` names the entries in the keychain ("B2B Portal" for the app). */
export function createKeytarStore(service: string): SecretStore {
  return {
    get: (key) => guarded((k) => k.getPassword(service, key)),
    set: (key, secret) => guarded((k) => k.setPassword(service, key, secret)),
    delete: (key) => guarded((k) => k.deletePassword(service, key)),
    keys: () => guarded(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
  };
}
