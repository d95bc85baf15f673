// The recovery forms: one neutral answer, in about the same time, whatever exists; the work
// (e-mails, temporary passwords) happens only for exact matches and within the hourly cap.
import { afterEach, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { keychainFor } from '../fixtures/keychain';
import { DEMO, testClock, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore>;
let clock: ReturnType<typeof testClock>;
const keychainService = `B2B Portal recovery test ${process.pid}`;
const keychain = keychainFor(keychainService);
const start = () => {
  clock = testClock();
  // auto: the keychain where one answers, else the protected file (either keeps a temporary password)
  core = testCore({ now: clock.now, keychainService, passwordStore: 'auto' });
};
afterEach(async () => {
  for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
  core.dispose();
});

const call = (method: string, payload: unknown) => core.router.call(method, payload);
const outbox = () =>
  core.db
    .prepare(
      'SELECT id, kind, to_address AS "to", subject, body_text AS body, secret_ref AS secretRef FROM outbox ORDER BY rowid',
    )
    .all() as Array<{
    id: string;
    kind: string;
    to: string;
    subject: string;
    body: string;
    secretRef: string | null;
  }>;

async function timed(method: string, payload: unknown) {
  const t0 = performance.now();
  const result = await call(method, payload);
  return { result, ms: performance.now() - t0 };
}

const CASES: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  ['forgotUsername', { email: DEMO.user.email, lang: 'en' }, { email: 'nobody@nowhere.example', lang: 'en' }],
  [
    'forgotPassword',
    { login: DEMO.plsa.login, email: DEMO.plsa.email, cofor: DEMO.plsa.cofor, lang: 'en' },
    { login: 'V999999', email: DEMO.plsa.email, cofor: 'A10001', lang: 'en' },
  ],
  [
    'findPlsa',
    { loginOrCofor: DEMO.user.login, email: DEMO.user.email, lang: 'en' },
    { loginOrCofor: 'V999999', email: DEMO.user.email, lang: 'en' },
  ],
  [
    'reportBlockedAccess',
    { login: DEMO.blocked.login, email: DEMO.blocked.email, message: 'Locked out', lang: 'en' },
    { login: 'V999999', email: 'x@y.example', message: 'Locked out', lang: 'en' },
  ],
];

describe('neutral answers', () => {
  it.each(CASES)(
    '%s answers the same, in about the same time, for an existing and an unknown identifier',
    async (method, existing, unknown) => {
      start();
      const a = await timed(method, existing);
      const b = await timed(method, unknown);
      expect(a.result).toEqual({ ok: true, value: { received: true } });
      expect(b.result).toEqual(a.result);
      // Both wait for the fixed answer time (150 ms in tests): neither returns early.
      expect(a.ms).toBeGreaterThanOrEqual(145);
      expect(b.ms).toBeGreaterThanOrEqual(145);
      // the existing one did its work (its temporary password waits in the keychain or the file)
      expect(outbox().length).toBeGreaterThan(0);
    },
  );
});

describe('forgot username', () => {
  it('sends the logins to exactly that e-mail, and nothing for another case', async () => {
    start();
    await call('forgotUsername', { email: DEMO.user.email.toLowerCase(), lang: 'en' });
    expect(outbox()).toHaveLength(0);
    await call('forgotUsername', { email: DEMO.user.email, lang: 'fr' });
    expect(outbox()).toMatchObject([
      { kind: 'logins-reminder', to: DEMO.user.email, subject: 'Vos identifiants du portail B2B' },
    ]);
    expect(outbox()[0]!.body).toContain('V100002');
  });
});

describe('forgot password', () => {
  it.skipIf(noKeychain)(
    'gives a PLSA with login, COFOR and exact e-mail a temporary password by e-mail, kept in the keychain only',
    async () => {
      start();
      await call('forgotPassword', { login: 'v100001', email: DEMO.plsa.email, cofor: 'a10001', lang: 'en' });
      const [mail] = outbox();
      expect(mail).toMatchObject({
        kind: 'temporary-password',
        to: DEMO.plsa.email,
        subject: 'Temporary password for V100001',
      });
      expect(mail!.body).toContain('{{secret}}');
      const temporary = await keychain.get(mail!.secretRef!);
      expect(temporary).toMatch(/^[A-Za-z2-9]{20}$/);
      expect(mail!.body).not.toContain(temporary);

      // The old password still works: a request never changes the account by itself.
      expect((await call('login', { login: DEMO.plsa.login, password: DEMO.plsa.password, remember: false })).ok).toBe(
        true,
      );
      // The temporary password works once, and forces a new password.
      const first = await call('login', { login: DEMO.plsa.login, password: temporary, remember: true });
      expect(first).toMatchObject({ ok: true, value: { mustChangePassword: true, remembered: false } });
      const session = (first as { value: { session: string } }).value.session;
      expect(await call('privateArea', { session })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await call('login', { login: DEMO.plsa.login, password: temporary, remember: false })).toMatchObject({
        ok: false,
        error: { code: 'invalid-credentials' },
      });
      expect(
        await call('changePassword', {
          session,
          currentPassword: '',
          newPassword: 'a fresh passphrase of mine',
          lang: 'en',
        }),
      ).toMatchObject({ ok: true });
      expect((await call('privateArea', { session })).ok).toBe(true);
    },
  );

  it.skipIf(noKeychain)('rejects an expired temporary password', async () => {
    start();
    await call('forgotPassword', {
      login: DEMO.plsa.login,
      email: DEMO.plsa.email,
      cofor: DEMO.plsa.cofor,
      lang: 'en',
    });
    const temporary = await keychain.get(outbox()[0]!.secretRef!);
    clock.advance(24 * 3_600_000 + 1000);
    expect(await call('login', { login: DEMO.plsa.login, password: temporary, remember: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid-credentials' },
    });
  });

  it('does nothing for a user (their PLSA gives new passwords), a wrong COFOR or an e-mail in another case', async () => {
    start();
    await call('forgotPassword', { login: DEMO.user.login, email: DEMO.user.email, cofor: 'A10001', lang: 'en' });
    await call('forgotPassword', { login: DEMO.plsa.login, email: DEMO.plsa.email, cofor: 'A10002', lang: 'en' });
    await call('forgotPassword', {
      login: DEMO.plsa.login,
      email: DEMO.plsa.email.toUpperCase(),
      cofor: 'A10001',
      lang: 'en',
    });
    await call('forgotPassword', { login: DEMO.plsa.login, email: DEMO.plsa.email, lang: 'en' });
    expect(outbox()).toHaveLength(0);
    expect(core.db.prepare('SELECT count(*) FROM temporary_passwords').pluck().get()).toBe(0);
  });

  it.skipIf(noKeychain)('caps requests per login per hour, still answering the same', async () => {
    start();
    const request = { login: DEMO.plsa.login, email: DEMO.plsa.email, cofor: DEMO.plsa.cofor, lang: 'en' };
    for (let i = 0; i < 7; i++)
      expect(await call('forgotPassword', request)).toEqual({ ok: true, value: { received: true } });
    expect(outbox()).toHaveLength(5);
    clock.advance(3_600_001);
    await call('forgotPassword', request);
    expect(outbox()).toHaveLength(6);
    const actions = core.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'recovery-password%'")
      .pluck()
      .all();
    expect(actions.filter((a) => a === 'recovery-password-over-cap')).toHaveLength(2);
  });
});

describe('find my PLSA and blocked access', () => {
  it('sends the PLSAs to the exact e-mail of a colleague, found by login or by COFOR', async () => {
    start();
    await call('findPlsa', { loginOrCofor: 'A10001', email: DEMO.user.email, lang: 'en' });
    await call('findPlsa', { loginOrCofor: 'A10001', email: 'stranger@elsewhere.example', lang: 'en' });
    expect(outbox()).toMatchObject([{ kind: 'plsa-list', to: DEMO.user.email }]);
    expect(outbox()[0]!.body).toContain('Camille Sample <camille.sample@demo-forge.example>');
  });

  it('forwards a blocked-access report to the PLSAs and the assistance, without unblocking', async () => {
    start();
    await call('reportBlockedAccess', {
      login: DEMO.blocked.login,
      email: DEMO.blocked.email,
      message: 'I was on holiday',
      lang: 'en',
    });
    expect(
      outbox()
        .map((m) => m.to)
        .sort(),
    ).toEqual(['assistance', DEMO.plsa.email]); // the assistance's address is read when it leaves
    expect(core.db.prepare("SELECT state FROM accounts WHERE login = 'V100003'").pluck().get()).toBe('blocked');
  });
});
