// `--password-store`, read the same way by the browser host, the Electron app and deliver.cjs.
import { PASSWORD_STORES, type PasswordStoreMode } from './choose-store';

/** Undefined is auto; anything else that is not a store's name is refused with the choices. */
export function parsePasswordStore(value: string | boolean | undefined): PasswordStoreMode {
  if (value === undefined) return 'auto';
  const found = PASSWORD_STORES.find((s) => s === value);
  if (!found)
    throw new Error(
      `--password-store takes auto, keychain or file (got "${String(value)}"): keychain keeps secrets in the system keychain, file in a protected file in the data folder, auto takes the keychain when it answers.`,
    );
  return found;
}
