// Accounts on a workstation linked to a hub, over real HTTP and a real PostgreSQL: the PLSA's
// console works on the hub, agents log in through it (then offline for 12 hours), and a PLSA
// replaced on a desk is replaced on the hub.
import { describe, expect, it } from 'vitest';
import type { SessionStart } from '../../preload/contract/accounts';
import { hashPasswordSync } from '../../main/secrets/password-hasher';
import { createDeskRepository } from '../../main/store/desk';
import { registerDevice } from '../../main/hub/devices';
import { DEMO, deskSession, testClock, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { testAgentOnHub } from '../fixtures/hub-agent';
import { useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();

describe.skipIf(noKeychain)('accounts through the hub', () => {
  it("a PLSA's console on a linked workstation works on the hub: create, reset, unblock, deactivate, for their own company only", async () => {
    // A hub of this test's own: its accounts change.
    const { own, server, url } = await linked.own();
    const supplier = testCore({ hub: { url } });
    const other = testCore({ hub: { url } }); // a colleague's PC
    type Answer =
      { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; fields?: object } };
    const call = (core: typeof supplier, name: string, input: object) =>
      core.router.call(name as never, input as never) as Promise<Answer>;
    const logIn = async (core: typeof supplier, login: string, password: string) => {
      const r = await call(core, 'login', { login, password, remember: false });
      if (!r.ok) throw new Error(`login ${login}: ${r.error.code}`);
      return r.value as unknown as SessionStart;
    };
    try {
      const { session } = await logIn(supplier, DEMO.plsa.login, DEMO.plsa.password);
      const view = await call(supplier, 'consoleAccounts', { session });
      expect(view).toMatchObject({ ok: true, value: { cofor: 'A10001', throughHub: true } });
      const logins = (view as unknown as { value: { accounts: Array<{ login: string; lastLoginAt: string | null }> } })
        .value.accounts;
      expect(logins.find((a) => a.login === DEMO.plsa.login)!.lastLoginAt).not.toBeNull(); // the hub's own record

      // Two creations of one colleague at once: the first holds, the second is asked to confirm.
      const person = { session, fullName: 'Noor Haddad', email: 'noor.haddad@demo-forge.example', role: 'user' };
      const both = await Promise.all([
        call(supplier, 'createAccount', { ...person, confirmDuplicate: false }),
        call(supplier, 'createAccount', { ...person, confirmDuplicate: false }),
      ]);
      expect(both.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
      const issued = both.find((r) => r.ok)!.value as { login: string; temporaryPassword: string };
      const onHub = await own.query('SELECT cofor, role, password_hash FROM accounts WHERE login = $1', [issued.login]);
      expect(onHub.rows).toEqual([{ cofor: 'A10001', role: 'user', password_hash: null }]);
      // The new colleague logs in on their own PC with it, through the hub, and must change it.
      expect((await logIn(other, issued.login, issued.temporaryPassword)).mustChangePassword).toBe(true);

      // A reset gives a new temporary password and ends the colleague's sessions.
      const reset = await call(supplier, 'resetPassword', { session, login: issued.login });
      expect(reset.ok).toBe(true);
      const again = (reset as unknown as { value: { temporaryPassword: string } }).value.temporaryPassword;
      expect(again).not.toBe(issued.temporaryPassword);
      expect((await logIn(other, issued.login, again)).mustChangePassword).toBe(true);

      // Unblock: only a blocked account; then deactivate, never one's own.
      expect(await call(supplier, 'unblockAccount', { session, login: DEMO.user.login })).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: { login: 'account.not-blocked' } },
      });
      expect((await call(supplier, 'unblockAccount', { session, login: DEMO.blocked.login })).ok).toBe(true);
      expect((await logIn(other, DEMO.blocked.login, DEMO.blocked.password)).account.login).toBe(DEMO.blocked.login);
      expect(await call(supplier, 'deactivateAccount', { session, login: DEMO.plsa.login })).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: { login: 'account.self' } },
      });
      expect((await call(supplier, 'deactivateAccount', { session, login: issued.login })).ok).toBe(true);
      expect(await call(other, 'login', { login: issued.login, password: again, remember: false })).toMatchObject({
        ok: false,
        error: { code: 'invalid-credentials' },
      });

      // Another company's account does not "exist" for this PLSA; a user is not a PLSA.
      const { rows: elsewhere } = await own.query(`SELECT login FROM accounts WHERE cofor <> 'A10001' LIMIT 1`);
      if (elsewhere[0])
        expect(await call(supplier, 'resetPassword', { session, login: elsewhere[0].login })).toMatchObject({
          ok: false,
          error: { code: 'not-found', fields: { login: 'login.not-in-company' } },
        });
      const user = await logIn(other, DEMO.user.login, DEMO.user.password);
      expect(await call(other, 'consoleAccounts', { session: user.session })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });

      // The audit is the hub's, and desks learn the accounts' states from the company's record.
      const audit = await call(supplier, 'companyAudit', { session });
      const actions = (audit as unknown as { value: { entries: Array<{ action: string }> } }).value.entries.map(
        (e) => e.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining(['account-created', 'password-reset', 'account-unblocked', 'account-deactivated']),
      );
      const record = await own.query(`SELECT directory FROM companies WHERE cofor = 'A10001'`);
      const states = Object.fromEntries(
        (record.rows[0].directory.accounts as Array<{ login: string; state: string }>).map((a) => [a.login, a.state]),
      );
      expect(states).toMatchObject({ [issued.login]: 'deactivated', [DEMO.blocked.login]: 'active' });
      // A desk replica takes the hub's states over its own (its demo copy had V100003 blocked).
      const { token: deskToken } = await registerDevice(own, 'desk');
      const desk = testCore({ hub: { url, deskToken } });
      try {
        await desk.syncNow();
        const stateOf = (login: string) =>
          (desk.db.prepare('SELECT state FROM accounts WHERE login = ?').get(login) as { state: string }).state;
        expect([stateOf(DEMO.blocked.login), stateOf(issued.login)]).toEqual(['active', 'deactivated']);
      } finally {
        desk.dispose();
      }

      // The hub away: the console says it needs the hub, in its own words.
      await new Promise((done) => server.close(done));
      expect(await call(supplier, 'consoleAccounts', { session })).toMatchObject({
        ok: false,
        error: { code: 'needs-hub', fields: { _: 'console.needs-hub' } },
      });
    } finally {
      supplier.dispose();
      other.dispose();
      server.close();
    }
  }, 90_000);

  it("a linked desk logs its agents in through the hub, then offline for 12 hours after; a password changed there is the hub's", async () => {
    await linked.start();
    const clock = testClock(new Date().toISOString());
    const { token: deskToken } = await registerDevice(linked.pool, 'desk');
    const desk = testCore({ hub: { url: linked.url, deskToken }, now: clock.now });
    const agent = { username: 'desk.offline', password: 'an agent passphrase on the hub' };
    const login = (password: string, username = agent.username) =>
      desk.router.call('login', { login: username, password, remember: false }) as Promise<
        { ok: true; value: SessionStart } | { ok: false; error: { code: string; message: string } }
      >;
    const code = (r: Awaited<ReturnType<typeof login>>) => (r.ok ? 'ok' : r.error.code);
    try {
      // An agent of this workstation only is not one of the hub's: refused, as a wrong password.
      createDeskRepository(desk.db).createAgent(
        {
          username: 'desk.local',
          fullName: 'Local Agent',
          email: 'local@assist.example',
          passwordHash: hashPasswordSync('a local agent passphrase here'),
          mustChange: false,
        },
        clock.now(),
      );
      expect(code(await login('a local agent passphrase here', 'desk.local'))).toBe('invalid-credentials');

      await testAgentOnHub(linked.pool, agent);
      const online = await login(agent.password);
      expect(online.ok && online.value.account).toMatchObject({ login: agent.username, role: 'desk' });
      const audit = await linked.pool.query(
        `SELECT count(*)::int AS n FROM audit WHERE action = 'desk-login' AND actor = $1`,
        [agent.username],
      );
      expect(audit.rows[0].n).toBe(1);

      // The hub is away: for 12 hours the agent logs in with the same password; any failure gets
      // the one answer, whether the agent exists or not.
      await linked.stop();
      clock.advance(11 * 3_600_000);
      expect(code(await login(agent.password))).toBe('ok');
      expect(code(await login('not the password at all'))).toBe('needs-hub');
      expect(code(await login(agent.password, 'desk.nobody'))).toBe('needs-hub');
      clock.advance(2 * 3_600_000);
      expect(code(await login(agent.password))).toBe('needs-hub'); // 13 hours: the hub must vouch again

      // Back online: the password changed from the workstation is the hub's (the old one no
      // longer opens anywhere); two changes at once: one holds.
      await linked.start();
      const started = await login(agent.password);
      if (!started.ok) throw new Error(started.error.message);
      const session = started.value.session;
      const change = (newPassword: string) =>
        desk.router.call('changePassword', { session, currentPassword: agent.password, newPassword, lang: 'en' });
      const both = await Promise.all([
        change('a brand new harbour passphrase'),
        change('another fresh lantern passphrase'),
      ]);
      expect(
        both.filter((r) => r.ok),
        JSON.stringify(both),
      ).toHaveLength(1);
      const kept = both[0]!.ok ? 'a brand new harbour passphrase' : 'another fresh lantern passphrase';
      expect(code(await login(agent.password))).toBe('invalid-credentials');
      expect(code(await login(kept))).toBe('ok');
      // Refused by the hub, the old password no longer opens offline either.
      await linked.stop();
      expect(code(await login(agent.password))).toBe('needs-hub');
      expect(code(await login(kept))).toBe('ok');
    } finally {
      desk.dispose();
      await linked.start();
    }
  }, 60_000);

  it('a PLSA replaced on a linked desk is replaced on the hub, which makes the new login and e-mails its password', async () => {
    const { own, server, url } = await linked.own();
    const desk = testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } });
    try {
      await desk.syncNow();
      const session = await deskSession(desk);
      const replace = { session, cofor: 'A10001', oldLogin: DEMO.plsa.login, fullName: 'Nia New', lang: 'en' };
      const both = await Promise.all([
        desk.router.call('deskReplacePlsa', { ...replace, email: 'nia@demo-forge.example' }),
        desk.router.call('deskReplacePlsa', { ...replace, email: 'nia.again@demo-forge.example' }),
      ]);
      expect(both.map((r) => r.ok).sort()).toEqual([false, true]); // one replacement per PLSA
      expect(both.find((r) => r.ok)).toMatchObject({ ok: true, value: { viaHub: true } });
      await desk.syncNow();
      expect(desk.syncStatus()).toMatchObject({ pending: 0, refused: 0 });
      const accounts = await own.query<{ login: string; state: string; email: string }>(
        `SELECT login, state, email FROM accounts WHERE cofor = 'A10001' AND role = 'plsa' ORDER BY created_at`,
      );
      expect(accounts.rows.map((a) => [a.state, a.email])).toEqual([
        ['deactivated', DEMO.plsa.email],
        ['active', 'nia@demo-forge.example'],
      ]);
      const sealed = await own.query(
        `SELECT to_address, secret IS NOT NULL AS sealed FROM outbox WHERE kind = 'temporary-password'`,
      );
      expect(sealed.rows).toEqual([{ to_address: 'nia@demo-forge.example', sealed: true }]);
      // The desk's copy follows: the new PLSA is in the company's panel, the old one deactivated.
      const local = desk.db
        .prepare(
          `SELECT a.login, a.state FROM accounts a JOIN companies c ON c.id = a.company_id WHERE c.cofor = 'A10001' AND a.role = 'plsa' ORDER BY a.login`,
        )
        .all();
      expect(local).toEqual(
        expect.arrayContaining([
          { login: DEMO.plsa.login, state: 'deactivated' },
          { login: accounts.rows[1]!.login, state: 'active' },
        ]),
      );
    } finally {
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});
