// Which store keeps this data folder's secrets: the system keychain or the protected file
// (`--password-store keychain|file`, default auto). Auto decides once per data folder, the first
// time a secret is needed (the keychain when it answers, else the file), and remembers it in the
// folder: a keychain that appears or disappears later does not move secrets behind the user's
// back. A store forced by the option is remembered the same way; what the other store still holds
// from before is read (and deleted) as a fallback, so switching loses nothing it can reach.
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileSecretStore, SEALED_FILE, SECRETS_DIR } from './file-store';
import type { SecretStoreInfo } from '../../preload/contract/dto';
import { SecretStoreUnavailable, type SecretStore } from './secret-store';

export const PASSWORD_STORES = ['auto', 'keychain', 'file'] as const;
export type PasswordStoreMode = (typeof PASSWORD_STORES)[number];
/** The file, in the secrets folder, that remembers the choice (no secret in it). */
export const CHOICE_FILE = 'store.json';

type Kind = SecretStoreInfo['kind'];
interface Choice {
  store: Kind;
  /** `option`: forced by --password-store; otherwise what auto found. */
  why: SecretStoreInfo['why'];
  /** Stores this folder used before: read as a fallback. */
  earlier: Kind[];
}

export interface ChosenSecretStore extends SecretStore {
  info(): Promise<SecretStoreInfo>;
}

export function createChosenSecretStore(options: {
  mode: PasswordStoreMode;
  dataDir: string;
  keychain: SecretStore;
  log?: (message: string) => void;
}): ChosenSecretStore {
  const dir = join(options.dataDir, SECRETS_DIR);
  const choiceFile = join(dir, CHOICE_FILE);
  const stores: Record<Kind, SecretStore> = {
    keychain: options.keychain,
    file: createFileSecretStore(options.dataDir),
  };

  function saved(): Choice | null {
    try {
      const parsed = JSON.parse(readFileSync(choiceFile, 'utf8')) as Partial<Choice>;
      if (parsed.store !== 'keychain' && parsed.store !== 'file') return null;
      const earlier = (parsed.earlier ?? []).filter((k): k is Kind => k === 'keychain' || k === 'file');
      return { store: parsed.store, why: parsed.why ?? 'option', earlier };
    } catch {
      return null;
    }
  }

  function remember(choice: Choice): void {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const temp = `${choiceFile}.${randomUUID()}.tmp`;
      writeFileSync(temp, `${JSON.stringify(choice)}\n`, { mode: 0o600 });
      renameSync(temp, choiceFile);
    } catch (error) {
      // The choice still holds for this run; the next start decides again.
      options.log?.(`secrets: could not remember the store chosen (${(error as Error).message})`);
    }
  }

  async function keychainAnswers(): Promise<boolean> {
    const probe = `store-probe-${randomUUID()}`;
    try {
      await stores.keychain.set(probe, 'probe');
      await stores.keychain.delete(probe);
      return true;
    } catch {
      return false;
    }
  }

  async function decide(): Promise<Choice> {
    const before = saved();
    if (options.mode !== 'auto') {
      const earlier = before ? [...new Set([...before.earlier, before.store])].filter((k) => k !== options.mode) : [];
      const choice: Choice = { store: options.mode, why: 'option', earlier };
      if (JSON.stringify(before) !== JSON.stringify(choice)) remember(choice);
      return choice;
    }
    if (before) return before;
    // Secrets already sealed here (a folder whose choice file was lost) stay where they are.
    const choice: Choice = existsSync(join(dir, SEALED_FILE))
      ? { store: 'file', why: 'no-keychain', earlier: [] }
      : (await keychainAnswers())
        ? { store: 'keychain', why: 'keychain-answers', earlier: [] }
        : { store: 'file', why: 'no-keychain', earlier: [] };
    remember(choice);
    options.log?.(
      choice.store === 'file'
        ? `secrets: no system keychain answers: secrets are kept in a protected file in ${dir}`
        : 'secrets: kept in the system keychain',
    );
    return choice;
  }

  /** Auto chose the keychain for this folder and it no longer answers: say how to go on. */
  const keychainGone = (error: unknown): never => {
    if (!(error instanceof SecretStoreUnavailable)) throw error;
    throw new SecretStoreUnavailable(
      error,
      `${error.message} This data folder keeps its secrets in the system keychain; to keep new ones in a protected file instead, start with --password-store file.`,
    );
  };
  const primary = (c: Choice): SecretStore => {
    const store = stores[c.store];
    if (c.store === 'file' || c.why === 'option') return store;
    return {
      get: (key) => store.get(key).catch(keychainGone),
      set: (key, secret) => store.set(key, secret).catch(keychainGone),
      delete: (key) => store.delete(key).catch(keychainGone),
      keys: () => store.keys().catch(keychainGone),
    };
  };

  let decided: Promise<Choice> | null = null;
  const choice = () => (decided ??= decide());
  const fallback = (c: Choice): SecretStore | null => {
    const other: Kind = c.store === 'file' ? 'keychain' : 'file';
    return c.earlier.includes(other) ? stores[other] : null;
  };

  return {
    async get(key) {
      const c = await choice();
      const value = await primary(c).get(key);
      if (value !== null) return value;
      return (
        (await fallback(c)
          ?.get(key)
          .catch(() => null)) ?? null
      );
    },
    async set(key, secret) {
      const c = await choice();
      await primary(c).set(key, secret);
      // A copy left in the other store must not come back once this one is deleted.
      await fallback(c)
        ?.delete(key)
        .catch(() => false);
    },
    async delete(key) {
      const c = await choice();
      const here = await primary(c).delete(key);
      const there =
        (await fallback(c)
          ?.delete(key)
          .catch(() => false)) ?? false;
      return here || there;
    },
    async keys() {
      const c = await choice();
      const here = await primary(c).keys();
      const there =
        (await fallback(c)
          ?.keys()
          .catch(() => [])) ?? [];
      return [...new Set([...here, ...there])];
    },
    async info() {
      const c = await choice();
      const usable = await stores[c.store].keys().then(
        () => true,
        () => false,
      );
      return { kind: c.store, why: c.why, usable };
    },
  };
}
