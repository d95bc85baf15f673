import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore>;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

const call = (method: string, payload: unknown) => core.router.call(method, payload);
async function session(login: string, password: string): Promise<string> {
  const r = await call('login', { login, password, remember: false });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as { session: string }).session;
}

describe('PLSA console', () => {
  it("lists the company's accounts and says when there is a single PLSA", async () => {
    const s = await session(DEMO.plsa.login, DEMO.plsa.password);
    const view = await call('consoleAccounts', { session: s });
    expect(view).toMatchObject({ ok: true, value: { cofor: 'A10001', plsaCount: 1, throughHub: false } });
    expect(
      (view as { value: { accounts: Array<{ login: string; state: string }> } }).value.accounts.map(
        (a) => `${a.login}:${a.state}`,
      ),
    ).toEqual(['V100001:active', 'V100002:active', 'V100003:blocked']);
  });

  it('is refused to a user by the engine, whatever the screen shows', async () => {
    const s = await session(DEMO.user.login, DEMO.user.password);
    for (const [method, payload] of [
      ['consoleAccounts', { session: s }],
      ['resetPassword', { session: s, login: 'V100003' }],
      ['unblockAccount', { session: s, login: 'V100003' }],
      ['createAccount', { session: s, fullName: 'X', email: 'x@y.example', role: 'plsa', confirmDuplicate: false }],
      ['companyAudit', { session: s }],
    ] as const) {
      expect(await call(method, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('creates an account with a generated login and a temporary password shown once, warning about duplicates', async () => {
    const s = await session(DEMO.plsa.login, DEMO.plsa.password);
    const duplicate = await call('createAccount', {
      session: s,
      fullName: 'dominique  test',
      email: 'new@demo-forge.example',
      role: 'user',
      confirmDuplicate: false,
    });
    expect(duplicate).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { fullName: 'account.duplicate-name' } },
    });
    const created = await call('createAccount', {
      session: s,
      fullName: 'Frankie New',
      email: 'frankie@demo-forge.example',
      role: 'plsa',
      confirmDuplicate: false,
    });
    expect(created).toMatchObject({
      ok: true,
      value: { login: expect.stringMatching(/^V\d{6}$/), temporaryPassword: expect.stringMatching(/^.{20}$/) },
    });
    const { login, temporaryPassword } = (created as { value: { login: string; temporaryPassword: string } }).value;
    expect(
      core.db
        .prepare('SELECT count(*) FROM temporary_passwords WHERE password_hash LIKE ?')
        .pluck()
        .get(`%${temporaryPassword}%`),
    ).toBe(0);
    expect(await call('login', { login, password: temporaryPassword, remember: false })).toMatchObject({
      ok: true,
      value: { mustChangePassword: true },
    });
    expect(await call('consoleAccounts', { session: s })).toMatchObject({ value: { plsaCount: 2 } });
  });

  it("resets a user's password (the old one stops working), unblocks, deactivates, and audits each", async () => {
    const s = await session(DEMO.plsa.login, DEMO.plsa.password);
    const userSession = await session(DEMO.user.login, DEMO.user.password);
    const reset = await call('resetPassword', { session: s, login: 'v100002' });
    expect(reset).toMatchObject({ ok: true, value: { login: 'V100002' } });
    expect(await call('privateArea', { session: userSession })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(
      await call('login', { login: DEMO.user.login, password: DEMO.user.password, remember: false }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-credentials' } });
    const temp = (reset as { value: { temporaryPassword: string } }).value.temporaryPassword;
    expect(await call('login', { login: DEMO.user.login, password: temp, remember: false })).toMatchObject({
      ok: true,
      value: { mustChangePassword: true },
    });

    expect(await call('unblockAccount', { session: s, login: 'V100003' })).toEqual({
      ok: true,
      value: { login: 'V100003' },
    });
    expect(
      (await call('login', { login: DEMO.blocked.login, password: DEMO.blocked.password, remember: false })).ok,
    ).toBe(true);
    expect(await call('unblockAccount', { session: s, login: 'V100003' })).toMatchObject({
      ok: false,
      error: { fields: { login: 'account.not-blocked' } },
    });
    expect(await call('deactivateAccount', { session: s, login: 'V100003' })).toMatchObject({ ok: true });
    expect(await call('deactivateAccount', { session: s, login: 'V100001' })).toMatchObject({
      ok: false,
      error: { fields: { login: 'account.self' } },
    });

    const audit = await call('companyAudit', { session: s });
    const actions = (audit as { value: { entries: Array<{ action: string; actor: string }> } }).value.entries.map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['password-reset', 'account-unblocked', 'account-deactivated']));
    expect(JSON.stringify(audit)).not.toContain(temp);
  });

  it("cannot reach another company's accounts", async () => {
    const s = await session(DEMO.plsa.login, DEMO.plsa.password);
    // A second company with an account, imported as the portal would.
    core.db
      .prepare(
        "INSERT INTO companies (cofor, legal_name, status, access_status) VALUES ('Z00001', 'Other Co', 'active', 'open')",
      )
      .run();
    core.db
      .prepare(
        "INSERT INTO accounts (login, company_id, email, role, state) SELECT 'V200001', id, 'o@other.example', 'user', 'blocked' FROM companies WHERE cofor = 'Z00001'",
      )
      .run();
    expect(await call('unblockAccount', { session: s, login: 'V200001' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await call('resetPassword', { session: s, login: 'V200001' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
