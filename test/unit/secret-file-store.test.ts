// The protected file that keeps secrets where no system keychain answers (issue 23): owner-only
// permissions, contents sealed (no secret in clear), a changed file or a wrong key refused with a
// clear error, concurrent writers that lose nothing; and the choice between it and the keychain.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createChosenSecretStore, CHOICE_FILE } from '../../main/secrets/choose-store';
import { createFileSecretStore, KEY_FILE, SEALED_FILE, SECRETS_DIR } from '../../main/secrets/file-store';
import { parsePasswordStore } from '../../main/secrets/password-store-arg';
import { SecretStoreUnavailable, type SecretStore } from '../../main/secrets/secret-store';
import { tempDir } from '../fixtures/core';

const dirs: Array<{ remove(): void }> = [];
const folder = () => {
  const dir = tempDir('portal-secrets-');
  dirs.push(dir);
  return dir.path;
};
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

const CANARY = 'file-store-canary-9e41b7';
const mode = (path: string) => statSync(path).mode & 0o777;
const inClear = (dir: string, secret: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .filter((path) => {
      const bytes = readFileSync(path);
      return bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(secret, 'utf16le'));
    });

describe('the protected secrets file', () => {
  it('keeps secrets readable by this user only, sealed, and reads them back in a new store', async () => {
    const dataDir = folder();
    await createFileSecretStore(dataDir).set('remember:V100002', CANARY);
    const dir = join(dataDir, SECRETS_DIR);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, KEY_FILE))).toBe(0o600);
    expect(mode(join(dir, SEALED_FILE))).toBe(0o600);
    expect(readFileSync(join(dir, KEY_FILE))).toHaveLength(32);
    expect(inClear(dataDir, CANARY)).toEqual([]);
    expect(inClear(dataDir, 'remember:V100002')).toEqual([]); // even the names are sealed

    const again = createFileSecretStore(dataDir);
    expect(await again.get('remember:V100002')).toBe(CANARY);
    expect(await again.keys()).toEqual(['remember:V100002']);
    expect(await again.delete('remember:V100002')).toBe(true);
    expect(await again.delete('remember:V100002')).toBe(false);
    expect(await again.get('remember:V100002')).toBeNull();
  });

  it('refuses a changed file with a clear error, and does not write over it', async () => {
    const dataDir = folder();
    const store = createFileSecretStore(dataDir);
    await store.set('relay-password', CANARY);
    const sealedPath = join(dataDir, SECRETS_DIR, SEALED_FILE);
    const sealed = readFileSync(sealedPath);
    sealed[sealed.length - 3]! ^= 0x01; // one bit of the sealed contents
    writeFileSync(sealedPath, sealed);

    await expect(store.get('relay-password')).rejects.toThrow(SecretStoreUnavailable);
    await expect(store.get('relay-password')).rejects.toThrow(/fails its integrity check: it was changed or damaged/);
    await expect(store.set('other', 'value')).rejects.toThrow(/integrity check/);
    expect(readFileSync(sealedPath)).toEqual(sealed); // the evidence is left as it was
  });

  it('keeps both of two keys written at once, by one store and by two on the same folder', async () => {
    const dataDir = folder();
    const one = createFileSecretStore(dataDir);
    const two = createFileSecretStore(dataDir); // its own queue: only the file lock orders them
    await Promise.all([
      one.set('outbox:a', 'secret-a'),
      two.set('outbox:b', 'secret-b'),
      one.get('outbox:a'),
      two.set('outbox:c', 'secret-c'),
      one.set('outbox:d', 'secret-d'),
      two.get('outbox:b'),
    ]);
    expect((await one.keys()).sort()).toEqual(['outbox:a', 'outbox:b', 'outbox:c', 'outbox:d']);
    const [a, b] = await Promise.all([two.get('outbox:a'), one.get('outbox:b')]);
    expect([a, b]).toEqual(['secret-a', 'secret-b']);
  });

  it('keeps what two processes write at the same moment', async () => {
    const dataDir = folder();
    const script = resolve(__dirname, '..', 'fixtures', 'secret-file-writer.ts');
    const run = (prefix: string) =>
      new Promise<void>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, prefix], { stdio: 'inherit' });
        child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`writer exited ${code}`))));
      });
    await Promise.all([run('p'), run('q')]);
    const keys = (await createFileSecretStore(dataDir).keys()).sort();
    expect(keys).toHaveLength(20);
    expect(keys.filter((k) => k.startsWith('p'))).toHaveLength(10);
  }, 30_000);

  it('refuses a key file that is not its key, and a missing one, saying which file', async () => {
    const dataDir = folder();
    await createFileSecretStore(dataDir).set('hub-device-token', CANARY);
    const keyPath = join(dataDir, SECRETS_DIR, KEY_FILE);

    writeFileSync(keyPath, 'not a key');
    await expect(createFileSecretStore(dataDir).get('hub-device-token')).rejects.toThrow(
      /key file .*secrets\.key is not a key of this app \(9 bytes instead of 32\)/,
    );
    writeFileSync(keyPath, randomBytes(32)); // a key, but not the one it was sealed with
    await expect(createFileSecretStore(dataDir).get('hub-device-token')).rejects.toThrow(/integrity check/);
    execFileSync('rm', [keyPath]);
    await expect(createFileSecretStore(dataDir).set('x', 'y')).rejects.toThrow(/key file .* is missing/);
    expect(readdirSync(join(dataDir, SECRETS_DIR))).not.toContain(KEY_FILE); // no new key over old secrets
  });
});

/** A keychain that answers, or not, as the test says (the real one is tested in keychain.test.ts). */
function keychainDouble(): SecretStore & { answers: boolean; entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const store = {
    answers: true,
    entries,
    check() {
      if (!store.answers) throw new SecretStoreUnavailable(new Error('no Secret Service'));
    },
    get: async (k: string) => (store.check(), entries.get(k) ?? null),
    set: async (k: string, v: string) => void (store.check(), entries.set(k, v)),
    delete: async (k: string) => (store.check(), entries.delete(k)),
    keys: async () => (store.check(), [...entries.keys()]),
  };
  return store;
}

describe('which store keeps the secrets (--password-store)', () => {
  it('auto takes the file where no keychain answers, remembers it, and keeps it when a keychain appears', async () => {
    const dataDir = folder();
    const keychain = keychainDouble();
    keychain.answers = false;
    const first = createChosenSecretStore({ mode: 'auto', dataDir, keychain });
    await first.set('relay-password', CANARY);
    expect(await first.info()).toEqual({ kind: 'file', why: 'no-keychain', usable: true });
    expect(JSON.parse(readFileSync(join(dataDir, SECRETS_DIR, CHOICE_FILE), 'utf8'))).toMatchObject({ store: 'file' });

    keychain.answers = true; // the keychain answers on the next start: the secrets stay where they are
    const next = createChosenSecretStore({ mode: 'auto', dataDir, keychain });
    expect(await next.get('relay-password')).toBe(CANARY);
    expect((await next.info()).kind).toBe('file');
    expect(keychain.entries.size).toBe(0);
  });

  it('auto takes the keychain when it answers; forcing the file later still reads what the keychain holds', async () => {
    const dataDir = folder();
    const keychain = keychainDouble();
    const auto = createChosenSecretStore({ mode: 'auto', dataDir, keychain });
    await auto.set('remember:V100002', CANARY);
    expect(await auto.info()).toEqual({ kind: 'keychain', why: 'keychain-answers', usable: true });
    expect(keychain.entries.get('remember:V100002')).toBe(CANARY);

    const forced = createChosenSecretStore({ mode: 'file', dataDir, keychain });
    expect(await forced.get('remember:V100002')).toBe(CANARY);
    await forced.set('relay-password', 'relay');
    expect(await forced.keys()).toEqual(expect.arrayContaining(['remember:V100002', 'relay-password']));
    expect(await forced.delete('remember:V100002')).toBe(true);
    expect(keychain.entries.has('remember:V100002')).toBe(false);
    expect(await forced.info()).toEqual({ kind: 'file', why: 'option', usable: true });
  });

  it('auto that chose the keychain says how to go on when it stops answering, and writes no file', async () => {
    const dataDir = folder();
    const keychain = keychainDouble();
    await createChosenSecretStore({ mode: 'auto', dataDir, keychain }).set('relay-password', CANARY);
    keychain.answers = false;
    const next = createChosenSecretStore({ mode: 'auto', dataDir, keychain });
    await expect(next.set('relay-password', 'new')).rejects.toThrow(/start with --password-store file/);
    expect(await next.info()).toEqual({ kind: 'keychain', why: 'keychain-answers', usable: false });
    expect(readdirSync(join(dataDir, SECRETS_DIR))).toEqual([CHOICE_FILE]);
  });

  it('a forced keychain that does not answer keeps nothing and says so: no silent file', async () => {
    const dataDir = folder();
    const keychain = keychainDouble();
    keychain.answers = false;
    const store = createChosenSecretStore({ mode: 'keychain', dataDir, keychain });
    await expect(store.set('relay-password', CANARY)).rejects.toThrow(SecretStoreUnavailable);
    expect(await store.info()).toEqual({ kind: 'keychain', why: 'option', usable: false });
    expect(readdirSync(join(dataDir, SECRETS_DIR))).toEqual([CHOICE_FILE]);
  });

  it('reads --password-store strictly', () => {
    expect(parsePasswordStore(undefined)).toBe('auto');
    expect(parsePasswordStore('file')).toBe('file');
    expect(parsePasswordStore('keychain')).toBe('keychain');
    expect(() => parsePasswordStore('basic')).toThrow(/--password-store takes auto, keychain or file \(got "basic"\)/);
    expect(() => parsePasswordStore(true)).toThrow(/--password-store takes/);
  });
});
