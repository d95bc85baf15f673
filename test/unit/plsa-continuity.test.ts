// PLSA continuity: a single PLSA is told so at login and in the console; a leaving PLSA hands
// over to a colleague, stays PLSA until the colleague accepts, and is then deactivated. Of two
// answers at once, one holds. Standalone (a real store) and through the hub (real HTTP, real
// PostgreSQL), with the same answers.
import { describe, expect, it } from 'vitest';
import type { PrivateArea } from '../../preload/contract/accounts';
import { registerDevice } from '../../main/hub/devices';
import { DEMO, deskSession, testCore } from '../fixtures/core';
import { guidesFound } from '../fixtures/help-search';
import { noKeychain } from '../fixtures/keychain-available';
import { useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();
type Core = ReturnType<typeof testCore>;
type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; fields?: object } };
const call = (core: Core, name: string, input: object) =>
  core.router.call(name as never, input as never) as Promise<Answer>;
async function logIn(core: Core, login: string, password: string): Promise<string> {
  const r = await call(core, 'login', { login, password, remember: false });
  if (!r.ok) throw new Error(`login ${login}: ${JSON.stringify(r.error)}`);
  return r.value['session'] as string;
}
const area = async (core: Core, session: string) => {
  const r = await call(core, 'privateArea', { session });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as unknown as PrivateArea;
};

/** The whole hand-over, on the PLSA's workstation and the successor's (one core standalone). */
async function handOver(plsaPc: Core, userPc: Core, consoleOnHub: boolean) {
  const plsa = await logIn(plsaPc, DEMO.plsa.login, DEMO.plsa.password);
  expect((await area(plsaPc, plsa)).continuity).toEqual({ onlyPlsa: true, handOver: null });
  expect(await call(plsaPc, 'consoleAccounts', { session: plsa })).toMatchObject({
    ok: true,
    value: { plsaCount: 1, handOver: null, throughHub: consoleOnHub },
  });
  expect(await call(plsaPc, 'handOverPlsa', { session: plsa, login: DEMO.plsa.login })).toMatchObject({
    ok: false,
    error: { fields: { login: 'handover.self' } },
  });
  expect(await call(plsaPc, 'handOverPlsa', { session: plsa, login: 'V100003' })).toMatchObject({
    ok: false,
    error: { fields: { login: 'handover.not-active' } }, // blocked
  });
  // Twice at once: one hand-over waits, the other is told so.
  const offers = await Promise.all(
    [1, 2].map(() => call(plsaPc, 'handOverPlsa', { session: plsa, login: DEMO.user.login })),
  );
  expect(offers.map((o) => o.ok).sort()).toEqual([false, true]);
  expect(offers.find((o) => !o.ok)).toMatchObject({ error: { fields: { login: 'handover.pending' } } });
  expect(await call(plsaPc, 'consoleAccounts', { session: plsa })).toMatchObject({
    value: { plsaCount: 1, handOver: { from: DEMO.plsa.login, to: DEMO.user.login, toName: 'Dominique Test' } },
  });
  // A user cannot hand over anything.
  const user = await logIn(userPc, DEMO.user.login, DEMO.user.password);
  expect(await call(userPc, 'handOverPlsa', { session: user, login: 'V100003' })).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect((await area(userPc, user)).continuity).toMatchObject({
    onlyPlsa: false,
    handOver: { from: DEMO.plsa.login, fromName: 'Camille Sample' },
  });
  // Withdrawn, answered: nothing waits any more.
  expect(await call(plsaPc, 'withdrawHandOver', { session: plsa })).toMatchObject({ ok: true });
  expect(await call(userPc, 'answerHandOver', { session: user, accept: true })).toMatchObject({
    ok: false,
    error: { fields: { login: 'handover.none' } },
  });
  expect(await call(plsaPc, 'handOverPlsa', { session: plsa, login: DEMO.user.login })).toMatchObject({ ok: true });
  // Two acceptances at once (two windows): one holds.
  const answers = await Promise.all([1, 2].map(() => call(userPc, 'answerHandOver', { session: user, accept: true })));
  expect(answers.map((a) => a.ok).sort()).toEqual([false, true]);
  // The successor is PLSA at once (the console opens), the leaver's account has ended.
  expect(await call(userPc, 'consoleAccounts', { session: user })).toMatchObject({
    ok: true,
    value: { plsaCount: 1, handOver: null },
  });
  expect((await area(userPc, user)).continuity).toEqual({ onlyPlsa: true, handOver: null });
  expect((await call(plsaPc, 'privateArea', { session: plsa })).ok).toBe(false);
  expect(
    await call(plsaPc, 'login', { login: DEMO.plsa.login, password: DEMO.plsa.password, remember: false }),
  ).toMatchObject({
    ok: false,
  });
}

describe.skipIf(noKeychain)('PLSA continuity', () => {
  it('standalone: a single PLSA hands over; the colleague accepts once; the leaver is deactivated', async () => {
    const core = testCore();
    try {
      await handOver(core, core, false);
      const audit = core.db
        .prepare('SELECT action FROM audit_log WHERE action LIKE ? ORDER BY id')
        .pluck()
        .all('plsa-handover-%');
      expect(audit).toEqual([
        'plsa-handover-offered',
        'plsa-handover-withdrawn',
        'plsa-handover-offered',
        'plsa-handover-accepted',
      ]);
    } finally {
      core.dispose();
    }
  });

  it('through the hub: the same hand-over on two linked PCs; the hub and the replicas follow it', async () => {
    const { own, server, url } = await linked.own();
    const plsaPc = testCore({ hub: { url } });
    const userPc = testCore({ hub: { url } });
    try {
      await handOver(plsaPc, userPc, true);
      const accounts = await own.query(`SELECT login, role, state FROM accounts WHERE login = ANY($1) ORDER BY login`, [
        [DEMO.plsa.login, DEMO.user.login],
      ]);
      expect(accounts.rows).toEqual([
        { login: DEMO.plsa.login, role: 'plsa', state: 'deactivated' },
        { login: DEMO.user.login, role: 'plsa', state: 'active' },
      ]);
      const record = await own.query(`SELECT directory FROM companies WHERE cofor = 'A10001'`);
      const roles = (record.rows[0].directory as { accounts: Array<{ login: string; role: string; state: string }> })
        .accounts;
      expect(roles.find((a) => a.login === DEMO.user.login)).toMatchObject({ role: 'plsa', state: 'active' });
      expect(roles.find((a) => a.login === DEMO.plsa.login)).toMatchObject({ state: 'deactivated' });
    } finally {
      plsaPc.dispose();
      userPc.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});

/** "Replace our PLSA", as the Help & Contact form sends it when no PLSA is left. */
const replaceRequest = (over: Record<string, unknown> = {}) => ({
  purpose: 'replace-plsa',
  message: 'Camille Sample left the company last month without handing over.',
  name: 'Dominique Test',
  company: 'Demo Forge',
  email: 'Dominique.Test@demo-forge.example',
  phone: '+33 1 00 00 00 00',
  cofor: 'A10001',
  newPlsaName: 'Noor Haddad',
  newPlsaEmail: 'noor.haddad@demo-forge.example',
  legalRepName: 'Alex Example',
  legalRepEmail: 'alex.example@demo-forge.example',
  legalRepConfirms: true,
  lang: 'en',
  ...over,
});

describe.skipIf(noKeychain)('a request to replace the PLSA when none is left', () => {
  it("is refused without the new PLSA, the legal representative and their confirmation; the desk sees whether the confirming person is on record, and replaces the PLSA with the request's new PLSA", async () => {
    const core = testCore();
    try {
      const missing = await call(core, 'submitHelpRequest', {
        ...replaceRequest({ newPlsaName: '', legalRepEmail: '', legalRepConfirms: false, cofor: '' }),
      });
      expect(missing).toMatchObject({
        ok: false,
        error: {
          fields: {
            cofor: 'required',
            newPlsaName: 'required',
            legalRepEmail: 'required',
            legalRepConfirms: 'replace.confirm-required',
          },
        },
      });
      const sent = await call(core, 'submitHelpRequest', replaceRequest());
      expect(sent.ok).toBe(true);
      const reference = (sent as unknown as { value: { reference: string } }).value.reference;
      const impostor = await call(core, 'submitHelpRequest', replaceRequest({ legalRepEmail: 'someone@else.example' }));
      const session = await deskSession(core);
      const view = await call(core, 'deskRequest', { session, reference });
      expect(view).toMatchObject({
        ok: true,
        value: {
          company: { cofor: 'A10001' },
          plsaReplacement: {
            newPlsa: { fullName: 'Noor Haddad', email: 'noor.haddad@demo-forge.example' },
            legalRepsOnRecord: [{ fullName: 'Alex Example', email: 'alex.example@demo-forge.example' }],
            matchesRecord: true,
          },
        },
      });
      const other = (impostor as unknown as { value: { reference: string } }).value.reference;
      expect(await call(core, 'deskRequest', { session, reference: other })).toMatchObject({
        value: { plsaReplacement: { matchesRecord: false } },
      });
      const replaced = await call(core, 'deskReplacePlsa', {
        session,
        cofor: 'A10001',
        oldLogin: DEMO.plsa.login,
        fullName: 'Noor Haddad',
        email: 'noor.haddad@demo-forge.example',
        lang: 'en',
      });
      expect(replaced.ok).toBe(true);
      expect(await call(core, 'deskRequest', { session, reference })).toMatchObject({
        value: {
          company: {
            accounts: expect.arrayContaining([
              expect.objectContaining({ login: DEMO.plsa.login, state: 'deactivated' }),
              expect.objectContaining({ email: 'noor.haddad@demo-forge.example', role: 'plsa', state: 'active' }),
            ]),
          },
        },
      });
    } finally {
      core.dispose();
    }
  });

  it('through the hub: the request reaches a linked desk, which sees the legal representative on record', async () => {
    const { own, server, url } = await linked.own();
    const supplier = testCore({ hub: { url } });
    const desk = testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } });
    try {
      const sent = await call(supplier, 'submitHelpRequest', replaceRequest({ lang: 'fr' }));
      const reference = (sent as unknown as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      await desk.syncNow();
      expect(await call(desk, 'deskRequest', { session: await deskSession(desk), reference })).toMatchObject({
        ok: true,
        value: { lang: 'fr', plsaReplacement: { matchesRecord: true, newPlsa: { fullName: 'Noor Haddad' } } },
      });
    } finally {
      supplier.dispose();
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});

describe('the help topic', () => {
  it('explains the hand-over and the replacement of a PLSA, in English and French', async () => {
    const core = testCore();
    try {
      for (const [query, lang] of [
        ['hand over', 'en'],
        ['transmettre', 'fr'],
        ['legal representative', 'en'],
        ['représentant légal', 'fr'],
      ] as const) {
        expect(await guidesFound(core!, query, lang)).toContain('plsa-tasks');
      }
    } finally {
      core.dispose();
    }
  });
});
