// Regression tests for the holes an attack run found (issue "Hardening"): concurrent guessing,
// blocked accounts, the cost of a login, double decisions, no keychain, who may change the
// relay, expired desk sessions, and a log that claimed a rolled-back e-mail. Bursts and races go
// concurrently over real HTTP against the browser host.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPasswordSync, verifyPassword } from '../../main/secrets/password-hasher';
import { createDeskRepository } from '../../main/store/desk';
import { SecretStoreUnavailable, type SecretStore } from '../../main/secrets/secret-store';
import { DEMO, deskSession, TEST_AGENT, testClock, testCore } from '../fixtures/core';
import { httpClient, type HttpClient } from '../fixtures/http';
import { noKeychain } from '../fixtures/keychain-available';
import { loopbackSettings } from '../fixtures/smtp';

let core: ReturnType<typeof testCore> | null = null;
let http: HttpClient | null = null;
afterEach(async () => {
  await http?.close();
  core?.dispose();
  http = null;
  core = null;
});

const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;
const person = (n: string, e: string) => ({ fullName: n, jobTitle: 'Boss', email: e, phone: '+49 30 000000' });
const accessRequest = {
  cofor: 'A10002',
  legalRepresentative: person('Lea Legal', 'lea@sample.example'),
  plsa: person('Pat Plsa', 'pat@sample.example'),
  termsVersion: '2026-01',
  termsAccepted: true,
  samePersonConfirmed: false,
};

/** A keychain that is not there: what the port gives on a workstation without one. */
const absentKeychain: SecretStore = {
  get: () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service'))),
  set: () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service'))),
  delete: () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service'))),
  keys: () => Promise.reject(new SecretStoreUnavailable(new Error('no Secret Service'))),
};

describe('a burst of concurrent guesses', () => {
  it('gets at most 10 checked guesses of 40 for a V login, and the right password sent last opens no session', async () => {
    const clock = testClock();
    let checks = 0;
    core = testCore({ now: clock.now, verifyPassword: (p, h) => (checks++, verifyPassword(p, h)) });
    http = await httpClient(core);
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? DEMO.user.password : `wrong guess number ${i}`));
    const codes = (
      await Promise.all(
        guesses.map((password) => http!.call('login', { login: DEMO.user.login, password, remember: false })),
      )
    ).map(codeOf);
    const checked = count(codes, 'invalid-credentials') + count(codes, 'ok');
    expect(checked).toBeLessThanOrEqual(10);
    expect(count(codes, 'too-many-attempts')).toBe(40 - checked);
    expect(codes[39]).not.toBe('ok');
    expect(checks).toBe(checked * 2); // two hash checks per heard attempt, none for a refused one
    expect(core.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
  });

  it(
    'throttles desk agents the same way, never blocks one for failures, and another agent unblocks one blocked before',
    { timeout: 90_000 },
    async () => {
      const clock = testClock();
      core = testCore({ now: clock.now });
      http = await httpClient(core);
      await deskSession(core); // creates desk.test, the colleague who will unblock
      createDeskRepository(core.db).createAgent(
        {
          username: 'desk.bob',
          fullName: 'Bob',
          email: 'bob@assist.example',
          passwordHash: hashPasswordSync('bob has a long passphrase'),
          mustChange: false,
        },
        clock.now(),
      );
      const burst = (
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            http!.call('login', { login: 'desk.bob', password: `wrong ${i} wrong wrong`, remember: false }),
          ),
        )
      ).map(codeOf);
      expect(count(burst, 'invalid-credentials')).toBeLessThanOrEqual(10);
      for (let i = 0; i < 10; i++) {
        clock.advance(301_000);
        await http.call('login', { login: 'desk.bob', password: 'still the wrong one', remember: false });
      }
      // Issue 24, N12: failures slow the next attempt down, they never block the agent.
      expect(
        await http.call('login', { login: 'desk.bob', password: 'bob has a long passphrase', remember: false }),
      ).toMatchObject({ ok: false, error: { code: 'too-many-attempts' } });
      clock.advance(301_000);
      expect(
        (await http.call('login', { login: 'desk.bob', password: 'bob has a long passphrase', remember: false })).ok,
      ).toBe(true);
      const agents = createDeskRepository(core.db);
      expect(agents.agentByUsername('desk.bob')?.state).toBe('active');
      // An agent blocked before this rule (an older store) is unblocked by a colleague.
      agents.setAgentState(agents.agentByUsername('desk.bob')!.id, 'blocked');
      // the colleague logs in (hours later on the test clock) and unblocks
      const fresh = (await http.call('login', {
        login: TEST_AGENT.username,
        password: TEST_AGENT.password,
        remember: false,
      })) as { value: { session: string } };
      // two clicks at once: one unblocks (and is audited), the other finds nothing to do
      const both = await Promise.all(
        [1, 2].map(() => http!.call('deskUnblockAgent', { session: fresh.value.session, username: 'desk.bob' })),
      );
      expect(both.map((r) => (r as { value: { unblocked: boolean } }).value.unblocked).sort()).toEqual([false, true]);
      expect(
        (await http.call('login', { login: 'desk.bob', password: 'bob has a long passphrase', remember: false })).ok,
      ).toBe(true);
      expect(
        core.db.prepare("SELECT actor FROM audit_log WHERE action = 'desk-agent-unblocked'").pluck().all(),
      ).toEqual([TEST_AGENT.username]);
    },
  );

  it('lets the command line unblock an agent too', async () => {
    core = testCore();
    await deskSession(core);
    const desk = createDeskRepository(core.db);
    desk.setAgentState(desk.agentByUsername(TEST_AGENT.username)!.id, 'blocked');
    const cli = resolve(__dirname, '..', '..', 'dist', 'main', 'desk.cjs');
    const out = execFileSync(
      process.execPath,
      [cli, 'unblock-agent', '--data-dir', core.dataDir, '--username', TEST_AGENT.username],
      { encoding: 'utf8' },
    );
    expect(out).toContain('desk.test is unblocked');
    expect(desk.agentByUsername(TEST_AGENT.username)?.state).toBe('active');
  });
});

describe('the cost of a login', () => {
  it('is two hash checks whatever exists: unknown login, known login, a pending temporary password, a desk name', async () => {
    const clock = testClock();
    let checks = 0;
    core = testCore({ now: clock.now, verifyPassword: (p, h) => (checks++, verifyPassword(p, h)) });
    const plsa = (await core.router.call('login', {
      login: DEMO.plsa.login,
      password: DEMO.plsa.password,
      remember: false,
    })) as { value: { session: string } };
    const reset = await core.router.call('resetPassword', { session: plsa.value.session, login: DEMO.user.login });
    expect(reset.ok).toBe(true); // V100002 now has a temporary password waiting
    const costs: Record<string, number> = {};
    for (const login of ['V999999', DEMO.user.login, DEMO.plsa.login, 'desk.nobody']) {
      clock.advance(3_600_000);
      checks = 0;
      await core.router.call('login', { login, password: 'not the password at all', remember: false });
      costs[login] = checks;
    }
    expect(costs).toEqual({ V999999: 2, V100002: 2, V100001: 2, 'desk.nobody': 2 });
  });
});

describe('desk decisions', () => {
  it.skipIf(noKeychain)(
    'two simultaneous "Validate" clicks give one PLSA, one e-mail, and a plain "already validated by" answer',
    async () => {
      core = testCore();
      http = await httpClient(core);
      const desk = await deskSession(core);
      const ref = ((await http.call('submitAccessRequest', accessRequest)) as { value: { reference: string } }).value
        .reference;
      const both = await Promise.all(
        [1, 2].map(() =>
          http!.call('deskDecide', { session: desk, reference: ref, decision: { kind: 'validate-access' } }),
        ),
      );
      expect(both.map(codeOf).sort()).toEqual(['conflict', 'ok']);
      const refused = both.find((r) => !r.ok) as {
        error: { message: string; fields: Record<string, string>; details: Record<string, string> };
      };
      expect(refused.error.fields).toEqual({ _: 'desk.already-decided' });
      expect(refused.error.details).toMatchObject({ what: 'validated', by: TEST_AGENT.username });
      expect(refused.error.message).toMatch(/^This request was already validated by desk\.test at \d{4}-/);
      expect(
        core.db
          .prepare(
            "SELECT count(*) FROM accounts WHERE role = 'plsa' AND company_id = (SELECT id FROM companies WHERE cofor = 'A10002')",
          )
          .pluck()
          .get(),
      ).toBe(1);
      expect(core.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'temporary-password'").pluck().get()).toBe(1);
      expect(core.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'desk-access-validated'").pluck().get()).toBe(1);
    },
  );

  it('refuses to reject a request that was validated: the company stays open, the supplier gets one answer', async () => {
    core = testCore();
    const desk = await deskSession(core);
    const ref = ((await core.router.call('submitAccessRequest', accessRequest)) as { value: { reference: string } })
      .value.reference;
    expect(
      (await core.router.call('deskDecide', { session: desk, reference: ref, decision: { kind: 'validate-access' } }))
        .ok,
    ).toBe(true);
    for (const decision of [
      { kind: 'reject-access', reason: 'Changed my mind.' },
      { kind: 'answer', message: 'Closing this.' },
    ]) {
      expect(await core.router.call('deskDecide', { session: desk, reference: ref, decision })).toMatchObject({
        ok: false,
        error: { code: 'conflict', details: { what: 'validated' } },
      });
    }
    // Nor can the queue state be moved back to reopen it by the side door.
    expect(
      await core.router.call('deskSetState', { session: desk, reference: ref, state: 'in-progress', assignToMe: true }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { what: 'validated', by: TEST_AGENT.username } },
    });
    expect(
      await core.router.call('deskDecide', {
        session: desk,
        reference: ref,
        decision: { kind: 'reject-access', reason: 'Second try.' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.router.call('analyze', { cofor: 'A10002' })).toMatchObject({
      ok: true,
      value: { situation: 'open' },
    });
    expect(core.db.prepare("SELECT count(*) FROM outbox WHERE kind LIKE 'desk-%'").pluck().get()).toBe(1);
  });

  it('creates one agent when the same user name is asked twice at once, and answers the other "taken"', async () => {
    core = testCore();
    http = await httpClient(core);
    const desk = await deskSession(core);
    const both = await Promise.all(
      [1, 2].map(() =>
        http!.call('createDeskAgent', {
          session: desk,
          username: 'desk.eve',
          fullName: 'Eve',
          email: 'eve@assist.example',
        }),
      ),
    );
    expect(both.map(codeOf).sort()).toEqual(['conflict', 'ok']);
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { fields: { username: 'username.taken' } } });
  });
});

describe('a workstation without a keychain', () => {
  it('validates an access and shows the temporary password once to the agent, with no e-mail carrying it', async () => {
    core = testCore({ secrets: absentKeychain });
    const desk = await deskSession(core);
    const ref = ((await core.router.call('submitAccessRequest', accessRequest)) as { value: { reference: string } })
      .value.reference;
    const r = (await core.router.call('deskDecide', {
      session: desk,
      reference: ref,
      decision: { kind: 'validate-access' },
    })) as { ok: true; value: { logins: string[]; handOver: Array<{ login: string; temporaryPassword: string }> } };
    expect(r.ok).toBe(true);
    expect(r.value.handOver).toEqual([
      { login: r.value.logins[0], temporaryPassword: expect.stringMatching(/^\S{20}$/) },
    ]);
    expect(core.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'temporary-password'").pluck().get()).toBe(0);
    const login = await core.router.call('login', {
      login: r.value.logins[0],
      password: r.value.handOver[0]!.temporaryPassword,
      remember: false,
    });
    expect(login).toMatchObject({ ok: true, value: { mustChangePassword: true } });
  });

  it('answers the relay password with "keychain-unavailable", the same code on every channel', async () => {
    core = testCore({ secrets: absentKeychain });
    const desk = await deskSession(core);
    const saved = await core.router.call('saveMailSettings', {
      ...loopbackSettings(2525),
      password: 'relay secret',
      session: desk,
    });
    expect(saved).toMatchObject({
      ok: false,
      error: { code: 'keychain-unavailable', message: expect.stringMatching(/keychain is not available/) },
    });
    expect(await core.router.call('mailSettings', {})).toEqual({ ok: true, value: null }); // nothing half-saved
  });
});

describe('the mail relay settings', () => {
  it.skipIf(noKeychain)('need a desk agent to change them or send a test; reading them shows no secret', async () => {
    core = testCore();
    const plsa = (await core.router.call('login', {
      login: DEMO.plsa.login,
      password: DEMO.plsa.password,
      remember: false,
    })) as { value: { session: string } };
    const settings = { ...loopbackSettings(2525), password: 'relay secret' };
    expect(await core.router.call('saveMailSettings', settings)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { session: 'required' } },
    });
    expect(await core.router.call('saveMailSettings', { ...settings, session: plsa.value.session })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await core.router.call('saveMailSettings', { ...settings, session: 'x'.repeat(43) })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(
      await core.router.call('saveMailSettings', { ...settings, session: await deskSession(core), extra: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { extra: 'unknown-field' } } });
    expect(
      await core.router.call('sendTestEmail', { to: 'me@example.com', lang: 'en', session: plsa.value.session }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await core.router.call('saveMailSettings', { ...settings, session: await deskSession(core) })).ok).toBe(
      true,
    );
    const read = (await core.router.call('mailSettings', {})) as { value: Record<string, unknown> };
    expect(read.value).toMatchObject({ host: '127.0.0.1', passwordSet: true });
    expect(JSON.stringify(read.value)).not.toContain('relay secret');
  });
});

describe('expired sessions', () => {
  it('answer "unauthenticated" on desk channels, so the screen sends the agent to the login', async () => {
    const clock = testClock();
    core = testCore({ now: clock.now });
    const desk = await deskSession(core);
    expect((await core.router.call('deskQueue', { session: desk })).ok).toBe(true);
    clock.advance(13 * 3_600_000);
    expect(await core.router.call('deskQueue', { session: desk })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await core.router.call('deskQueue', { session: 'y'.repeat(43) })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});

describe('the log of queued e-mails', () => {
  it('says "queued" only for a row that committed, not under a full disk', async () => {
    const logs: string[] = [];
    core = testCore({ log: (message) => logs.push(message) });
    const help = {
      purpose: 'technical',
      message: 'x'.repeat(3900),
      name: 'Rita',
      company: 'Lost Parts',
      email: 'rita@lost.example',
      phone: '+351 22 000 0000',
      lang: 'en',
    };
    const pages = core.db.pragma('page_count', { simple: true }) as number;
    core.db.pragma(`max_page_count = ${pages}`); // the disk is full: the next page cannot be written
    const full = await core.router.call('submitHelpRequest', help);
    expect(full).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logs.filter((l) => l.startsWith('outbox: queued'))).toEqual([]);
    core.db.pragma('max_page_count = 1073741823');
    expect((await core.router.call('submitHelpRequest', help)).ok).toBe(true);
    expect(logs.filter((l) => l.startsWith('outbox: queued'))).toHaveLength(1);
  });
});
