// The Agents screen's list: every agent of this workstation, their state and their last login
// here (audited as desk-login), never a password; desk sessions only.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDeskRepository } from '../../main/store/desk';
import { hashPasswordSync } from '../../main/secrets/password-hasher';
import { DEMO, deskSession, TEST_AGENT, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore>;
beforeEach(() => (core = testCore()));
afterEach(() => core.dispose());

it('lists the agents with their state and last login, and no password', async () => {
  const before = Date.now();
  const session = await deskSession(core);
  createDeskRepository(core.db).createAgent(
    {
      username: 'desk.bob',
      fullName: 'Bob Assist',
      email: 'bob@assist.example',
      passwordHash: hashPasswordSync('another long desk passphrase'),
      mustChange: true,
    },
    new Date(),
  );
  const answer = await core.router.call('deskAgents', { session });
  expect(answer).toMatchObject({
    ok: true,
    value: {
      agents: [
        { username: 'desk.bob', fullName: 'Bob Assist', state: 'active', mustChangePassword: true, lastLoginAt: null },
        { username: TEST_AGENT.username, fullName: 'Test Agent', state: 'active', mustChangePassword: false },
      ],
    },
  });
  const agents = (answer as { value: { agents: Array<Record<string, unknown>> } }).value.agents;
  expect(Date.parse(agents[1]!['lastLoginAt'] as string)).toBeGreaterThanOrEqual(before - 1000);
  expect(JSON.stringify(answer)).not.toMatch(/scrypt|argon|passwordHash/i);
  // Signed out, the login is still known: it is in the audit, not only in the session.
  expect((await core.router.call('logout', { session })).ok).toBe(true);
  const again = await deskSession(core);
  const second = (await core.router.call('deskAgents', { session: again })) as typeof answer;
  expect(second).toMatchObject({ ok: true });
  expect(
    core.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'desk-login' AND actor = ?")
      .pluck()
      .get(TEST_AGENT.username),
  ).toBe(2);
});

it("is refused to a supplier's session, a PLSA's included", async () => {
  const plsa = (await core.router.call('login', {
    login: DEMO.plsa.login,
    password: DEMO.plsa.password,
    remember: false,
  })) as {
    value: { session: string };
  };
  expect(await core.router.call('deskAgents', { session: plsa.value.session })).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
});
