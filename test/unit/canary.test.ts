// No secret outside the keychain: log in with "remember me", change the password, get and use a
// temporary password, then read every byte of the data folder (database, WAL, anything else):
// none of the passwords, temporary passwords or tokens appears in clear.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { keychainFor } from '../fixtures/keychain';
import { DEMO, testCore } from '../fixtures/core';

const keychainService = `B2B Portal canary ${process.pid}`;
const keychain = keychainFor(keychainService);
const core = testCore({ keychainService });
afterAll(async () => {
  for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
  core.dispose();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function occurrences(secrets: string[]): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(core.dataDir)) {
    const bytes = readFileSync(file);
    for (const secret of secrets) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        if (bytes.includes(Buffer.from(secret, encoding))) hits.push(`${file}: ${secret} (${encoding})`);
      }
    }
  }
  return hits;
}

describe('canary: secrets never reach the data folder', () => {
  it.skipIf(noKeychain)('finds no password, temporary password or token in any file', async () => {
    const call = (method: string, payload: unknown) => core.router.call(method, payload);
    const NEW_PASSWORD = 'canary-new-passphrase-7f3a';
    const PLSA_NEW_PASSWORD = 'canary-plsa-passphrase-91c2';

    const first = await call('login', { login: DEMO.user.login, password: DEMO.user.password, remember: true });
    expect(first).toMatchObject({ ok: true, value: { remembered: true } });
    const session = (first as { value: { session: string } }).value.session;
    const rememberToken = (await keychain.get('remember:V100002'))!;
    expect(
      await call('changePassword', {
        session,
        currentPassword: DEMO.user.password,
        newPassword: NEW_PASSWORD,
        lang: 'en',
      }),
    ).toMatchObject({ ok: true });

    await call('forgotPassword', {
      login: DEMO.plsa.login,
      email: DEMO.plsa.email,
      cofor: DEMO.plsa.cofor,
      lang: 'en',
    });
    const ref = core.db
      .prepare("SELECT secret_ref FROM outbox WHERE kind = 'temporary-password'")
      .pluck()
      .get() as string;
    const emailed = (await keychain.get(ref))!;
    const temp = await call('login', { login: DEMO.plsa.login, password: emailed, remember: false });
    const plsaSession = (temp as { value: { session: string } }).value.session;
    await call('changePassword', {
      session: plsaSession,
      currentPassword: '',
      newPassword: PLSA_NEW_PASSWORD,
      lang: 'en',
    });
    const plsa = await call('login', { login: DEMO.plsa.login, password: PLSA_NEW_PASSWORD, remember: false });
    const consoleSession = (plsa as { value: { session: string } }).value.session;
    const issued = await call('resetPassword', { session: consoleSession, login: DEMO.blocked.login });
    const handedOver = (issued as { value: { temporaryPassword: string } }).value.temporaryPassword;

    const secrets = [
      DEMO.user.password,
      NEW_PASSWORD,
      PLSA_NEW_PASSWORD,
      emailed,
      handedOver,
      session,
      plsaSession,
      consoleSession,
      rememberToken,
      DEMO.plsa.password,
    ];
    expect(occurrences(secrets)).toEqual([]);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(occurrences(secrets)).toEqual([]);
    expect(filesUnder(core.dataDir).length).toBeGreaterThan(0);
  });
});
