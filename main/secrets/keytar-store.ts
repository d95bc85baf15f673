// SecretStore on keytar. keytar is a native module: loaded lazily, so a machine without it (or
// without a keychain daemon) still runs the app, and every failure becomes SecretStoreUnavailable.
import { createRequire } from 'node:module';
import { SecretStoreUnavailable, type SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

let keytar: Keytar | null = null;
function load(): Keytar {
  keytar ??= createRequire(__filename)('keytar') as Keytar;
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
