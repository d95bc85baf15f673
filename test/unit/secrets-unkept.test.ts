// A secret that cannot be kept anywhere is an error on screen, never a success (issue 23): where
// neither the keychain nor the protected file answers, "Forgot your password?" says nothing was
// sent, for an existing PLSA and an unknown login alike (the answer still tells nothing about the
// account), and nothing is queued.
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStoreUnavailable, type SecretStore } from '../../main/secrets/secret-store';
import { DEMO, testCore } from '../fixtures/core';

const refused = () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service')));
const nowhere: SecretStore = { get: refused, set: refused, delete: refused, keys: refused };

let core: ReturnType<typeof testCore> | undefined;
afterEach(() => core?.dispose());

describe('a workstation where no secret can be kept', () => {
  it('answers a forgotten password with "keychain-unavailable", for an existing PLSA and an unknown login alike', async () => {
    core = testCore({ secrets: nowhere });
    const ask = (login: string, email: string) =>
      core!.router.call('forgotPassword', { login, email, cofor: DEMO.plsa.cofor, lang: 'en' });
    const existing = await ask(DEMO.plsa.login, DEMO.plsa.email);
    const unknown = await ask('V999999', 'nobody@nowhere.example');
    expect(existing).toMatchObject({ ok: false, error: { code: 'keychain-unavailable' } });
    expect(unknown).toEqual(existing);
    expect(core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(await core.router.call('appInfo', {})).toMatchObject({
      ok: true,
      value: { secrets: { usable: false } },
    });
  });
});
