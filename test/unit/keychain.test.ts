// "Remember me" against the real Secret Service (gnome-keyring, started by scripts/with-keyring.sh),
// and the app's behaviour when no keychain can be reached.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import { SecretStoreUnavailable } from '../../main/secrets/secret-store';
import { DEMO, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore> | undefined;
afterEach(() => core?.dispose());

describe('the keytar secret store', () => {
  it.skipIf(noKeychain)('stores, reads back, lists and deletes a secret', async () => {
    const store = createKeytarStore(`B2B Portal keychain test ${process.pid}`);
    await store.set('canary', 'keychain-canary-value');
    expect(await store.get('canary')).toBe('keychain-canary-value');
    expect(await store.keys()).toEqual(['canary']);
    expect(await store.delete('canary')).toBe(true);
    expect(await store.get('canary')).toBeNull();
  });

  it('raises SecretStoreUnavailable when no keychain answers', () => {
    // A process whose D-Bus session bus does not exist: what a workstation without a keychain gives.
    const script = resolve(__dirname, '..', 'fixtures', 'keychain-probe.ts');
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('SecretStoreUnavailable');
    expect(new SecretStoreUnavailable(new Error('x')).message).toMatch(/keychain is not available/);
  });
});

describe('remember me', () => {
  it.skipIf(noKeychain)(
    'remembers a login in the keychain, resumes it without the password, and forgets it',
    async () => {
      core = testCore();
      const first = await core.router.call('login', {
        login: DEMO.user.login,
        password: DEMO.user.password,
        remember: true,
      });
      expect(first).toMatchObject({ ok: true, value: { remembered: true, rememberProblem: null } });
      expect(await core.router.call('rememberedLogins', {})).toEqual({ ok: true, value: { logins: ['V100002'] } });
      expect(await core.secrets.keys()).toEqual(['remember:V100002']);

      const resumed = await core.router.call('resumeRemembered', { login: 'V100002' });
      expect(resumed).toMatchObject({ ok: true, value: { account: { login: 'V100002' }, remembered: true } });

      expect(await core.router.call('forgetMe', { login: 'V100002' })).toEqual({
        ok: true,
        value: { forgotten: true },
      });
      expect(await core.router.call('rememberedLogins', {})).toEqual({ ok: true, value: { logins: [] } });
      expect(await core.router.call('resumeRemembered', { login: 'V100002' })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    },
  );

  it.skipIf(noKeychain)('is dropped when the password changes: the old credential cannot be replayed', async () => {
    core = testCore();
    const first = await core.router.call('login', {
      login: DEMO.user.login,
      password: DEMO.user.password,
      remember: true,
    });
    const session = (first as { value: { session: string } }).value.session;
    await core.router.call('changePassword', {
      session,
      currentPassword: DEMO.user.password,
      newPassword: 'entirely new words here',
      lang: 'en',
    });
    expect(await core.secrets.keys()).toEqual([]);
    expect(await core.router.call('resumeRemembered', { login: 'V100002' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});
