// SecretStore in a protected file, for a computer where no system keychain answers (a thin client
// running `npm run web`, a desktop without a Secret Service). The same idea as VS Code's "basic"
// password store and Chromium's os_crypt without a keyring, with a random key rather than a fixed
// one: the secrets are sealed with AES-256-GCM in one file, under a key in another file, both
// readable by this user only (0600, in a 0700 folder). Integrity is checked on every read: a
// changed or damaged file is refused with a clear error, never read as "no secret".
// What it does not do: protect from anyone who can read this user's files (both files sit side
// by side), as a keychain unlocked by the user's login does. README: "Secrets without a keychain".
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { SecretStoreUnavailable, type SecretStore } from './secret-store';

/** The folder of the data folder that holds the sealed secrets and their key. */
export const SECRETS_DIR = 'secrets';
export const SEALED_FILE = 'secrets.sealed';
export const KEY_FILE = 'secrets.key';
const LOCK_FILE = 'secrets.lock';
/** Names the format, and is authenticated with the contents (GCM's additional data). */
const MAGIC = Buffer.from('B2BSEC1\n', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** A lock older than this was left by a process that died while holding it. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/** The protected file cannot be used: its message says which file and what to do. */
export class SecretFileUnusable extends SecretStoreUnavailable {
  constructor(message: string, cause?: unknown) {
    super(cause ?? new Error(message), message);
    this.name = 'SecretFileUnusable';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createFileSecretStore(dataDir: string): SecretStore {
  const dir = join(dataDir, SECRETS_DIR);
  const sealedPath = join(dir, SEALED_FILE);
  const keyPath = join(dir, KEY_FILE);
  const lockPath = join(dir, LOCK_FILE);

  function ensureDir(): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // an existing folder loosened by hand is closed again
  }

  /** Exactly KEY_BYTES random bytes; created on the first write only, and never over secrets
   * sealed with another key (they would be lost for good). */
  function readKey(create: boolean): Buffer | null {
    if (!existsSync(keyPath)) {
      if (existsSync(sealedPath))
        throw new SecretFileUnusable(
          `The key file ${keyPath} is missing, so the protected secrets file ${sealedPath} cannot be opened. Put the key file back, or move the secrets file away to start with no saved secrets.`,
        );
      if (!create) return null;
      const fresh = randomBytes(KEY_BYTES);
      try {
        writeFileExclusive(keyPath, fresh);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process made it first
      }
    }
    const key = readFileSync(keyPath);
    if (key.length !== KEY_BYTES)
      throw new SecretFileUnusable(
        `The key file ${keyPath} is not a key of this app (${key.length} bytes instead of ${KEY_BYTES}): the protected secrets cannot be opened. Put the right key file back, or move both files of ${dir} away to start with no saved secrets.`,
      );
    return key;
  }

  function readAll(): Record<string, string> {
    if (!existsSync(sealedPath)) return {};
    const key = readKey(false)!;
    const sealed = readFileSync(sealedPath);
    const damaged = (cause?: unknown) =>
      new SecretFileUnusable(
        `The protected secrets file ${sealedPath} fails its integrity check: it was changed or damaged, or ${KEY_FILE} is not the key it was sealed with. Nothing was read from it. Move it away to start with no saved secrets (remembered logins, the relay password and the hub link must then be given again).`,
        cause,
      );
    if (sealed.length < MAGIC.length + IV_BYTES + TAG_BYTES || !sealed.subarray(0, MAGIC.length).equals(MAGIC))
      throw damaged();
    const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const tag = sealed.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(MAGIC);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([
        decipher.update(sealed.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
      const parsed = JSON.parse(plain.toString('utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a map of secrets');
      return parsed as Record<string, string>;
    } catch (error) {
      throw damaged(error);
    }
  }

  function writeAll(secrets: Record<string, string>): void {
    ensureDir();
    const key = readKey(true)!;
    const iv = randomBytes(IV_BYTES); // a fresh nonce for every seal: GCM must never reuse one under a key
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(MAGIC);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const temp = `${sealedPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileExclusive(temp, Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
      renameSync(temp, sealedPath); // readers see the old file or the new one, never half of one
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** Other processes on the same data folder (deliver.cjs, a second host) write the same file. */
  async function withFileLock<T>(work: () => T): Promise<T> {
    ensureDir();
    const started = Date.now();
    for (;;) {
      try {
        closeSync(openSync(lockPath, 'wx', 0o600));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > STALE_LOCK_MS) rmSync(lockPath, { force: true });
        else if (Date.now() - started > LOCK_WAIT_MS)
          throw new SecretFileUnusable(`The protected secrets file is held by another process (${lockPath}).`);
        else await sleep(15 + Math.random() * 20);
      }
    }
    try {
      return work();
    } finally {
      rmSync(lockPath, { force: true });
    }
  }

  // In this process, one change at a time: a read-modify-write must not overtake another.
  let lane: Promise<unknown> = Promise.resolve();
  function change<T>(work: (secrets: Record<string, string>) => T): Promise<T> {
    const run = lane.then(() => withFileLock(() => work(readAll())));
    lane = run.catch(() => undefined);
    return guarded(() => run);
  }

  return {
    get: (key) => guarded(async () => readAll()[key] ?? null),
    set: (key, secret) =>
      change((secrets) => {
        writeAll({ ...secrets, [key]: secret });
      }),
    delete: (key) =>
      change((secrets) => {
        if (!(key in secrets)) return false;
        const { [key]: _gone, ...rest } = secrets;
        writeAll(rest);
        return true;
      }),
    keys: () => guarded(async () => Object.keys(readAll())),
  };
}

/** Creates the file with owner-only permissions from the start (no moment where others may read it). */
function writeFileExclusive(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Every failure is a SecretStoreUnavailable (callers handle one error), with a file's own words. */
async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof SecretStoreUnavailable) throw error;
    throw new SecretFileUnusable(
      `The protected secrets file cannot be used: ${(error as Error).message.split('\n')[0]}`,
      error,
    );
  }
}
