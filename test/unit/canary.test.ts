// No secret in clear in the data folder: log in with "remember me", change the password, get and
// use a temporary password, save the relay password, then read every byte of the data folder
// (database, WAL, anything else): none of the passwords, temporary passwords or tokens appears in
// clear. With the system keychain they are in no file at all; with the protected file
// (--password-store file, a computer with no keychain) they are only in its sealed file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { keychainFor } from '../fixtures/keychain';
import { DEMO, deskSession, TEST_AGENT, testCore } from '../fixtures/core';
import { RELAY_PASSWORD_KEY } from '../../main/outbox/delivery';
import { SEALED_FILE, SECRETS_DIR } from '../../main/secrets/file-store';

const keychainService = `B2B Portal canary ${process.pid}`;
const keychain = keychainFor(keychainService);
const cores: Array<ReturnType<typeof testCore>> = [];
afterAll(async () => {
  for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
  for (const core of cores) core.dispose();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function occurrences(core: { dataDir: string }, secrets: string[]): string[] {
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

/** The scenario, then the scan; returns what the store was asked to keep, for the caller's checks. */
async function scenario(core: ReturnType<typeof testCore>): Promise<string[]> {
  {
    const call = (method: string, payload: unknown) => core.router.call(method, payload);
    const RELAY_PASSWORD = 'canary-relay-password-c0d4';
    const NEW_PASSWORD = 'canary-new-passphrase-7f3a';
    const PLSA_NEW_PASSWORD = 'canary-plsa-passphrase-91c2';

    const first = await call('login', { login: DEMO.user.login, password: DEMO.user.password, remember: true });
    expect(first).toMatchObject({ ok: true, value: { remembered: true } });
    const session = (first as { value: { session: string } }).value.session;
    const rememberToken = (await core.secrets.get('remember:V100002'))!;
    expect(rememberToken).toMatch(/\S{20}/);
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
    const emailed = (await core.secrets.get(ref))!;
    expect(emailed).toMatch(/\S{12}/);
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

    const desk = await deskSession(core);
    expect(
      await call('saveMailSettings', {
        session: desk,
        assistanceAddress: 'assistance@b2b-portal.example',
        fromAddress: 'no-reply@b2b-portal.example',
        host: '127.0.0.1',
        port: 2525,
        security: 'none',
        user: 'portal',
        password: RELAY_PASSWORD,
        maxMessageBytes: 10 * 1024 * 1024,
      }),
    ).toMatchObject({ ok: true, value: { passwordSet: true } });
    expect(await core.secrets.get(RELAY_PASSWORD_KEY)).toBe(RELAY_PASSWORD);

    const secrets = [
      RELAY_PASSWORD,
      TEST_AGENT.password,
      desk,
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
    expect(occurrences(core, secrets)).toEqual([]);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(occurrences(core, secrets)).toEqual([]);
    expect(filesUnder(core.dataDir).length).toBeGreaterThan(0);
    return secrets;
  }
}

describe('canary: secrets never reach the data folder in clear', () => {
  it.skipIf(noKeychain)('with the system keychain: no password, temporary password or token in any file', async () => {
    const core = track(testCore({ keychainService, passwordStore: 'keychain' }));
    await scenario(core);
    expect(await keychain.get(RELAY_PASSWORD_KEY)).not.toBeNull(); // where they went instead
    expect(filesUnder(core.dataDir).some((f) => f.endsWith(SEALED_FILE))).toBe(false);
  });

  it('with the protected file: none in clear, and the sealed file is the only place that keeps them', async () => {
    const core = track(testCore({ keychainService: `${keychainService} file`, passwordStore: 'file' }));
    await scenario(core);
    expect(readdirSync(join(core.dataDir, SECRETS_DIR))).toContain(SEALED_FILE);
    expect(
      await keychainFor(`${keychainService} file`)
        .keys()
        .catch(() => []),
    ).toEqual([]);
  });
});

function track(core: ReturnType<typeof testCore>) {
  cores.push(core);
  return core;
}
