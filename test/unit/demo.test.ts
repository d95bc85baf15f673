import { afterEach, describe, expect, it } from 'vitest';
import type { DeskQueue } from '../../preload/contract/help';
import { deskSession, testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore> | undefined;
afterEach(() => core?.dispose());

describe('the demo directory', () => {
  it('holds the companies the guide promises, and says it is demo data', async () => {
    core = testCore();
    const q = (sql: string) => core!.db.prepare(sql).all();
    expect(q('SELECT cofor, status, access_status AS access FROM companies ORDER BY cofor')).toEqual([
      { cofor: 'A10001', status: 'active', access: 'open' },
      { cofor: 'A10002', status: 'active', access: 'not-requested' },
      { cofor: 'A10003', status: 'active', access: 'requested' },
      { cofor: 'A10004', status: 'deactivated', access: 'open' },
    ]);
    expect(
      q("SELECT code FROM sites JOIN companies c ON c.id = company_id WHERE c.cofor = 'A10001' ORDER BY code"),
    ).toEqual([{ code: '01' }, { code: '02' }]);
    expect(q('SELECT role, state FROM accounts ORDER BY login')).toEqual([
      { role: 'plsa', state: 'active' },
      { role: 'user', state: 'active' },
      { role: 'user', state: 'blocked' },
    ]);
    const analysis = await core.router.call('analyze', { cofor: 'A10003' });
    expect(analysis).toMatchObject({ ok: true, value: { waitingDays: 5 } });
    expect(await core.router.call('appInfo', {})).toMatchObject({ ok: true, value: { demoData: true } });
  });

  it('names its companies in words of no one language: the Demo data badge says they are fictional', () => {
    // A legal name is shown as it is on English and French screens alike: "(fictional)" read as
    // English on every French screen. The badge (app.demo) says it in the screen's language.
    core = testCore();
    const names = core.db.prepare('SELECT legal_name AS name FROM companies').all() as Array<{ name: string }>;
    expect(names.length).toBe(4);
    for (const { name } of names) expect(name).not.toMatch(/\(|fictional|fictif/i);
  });

  it("A10003's access request, which the analysis says waits, is in a standalone desk's queue", async () => {
    core = testCore();
    const session = await deskSession(core);
    const queue = (await core.router.call('deskQueue', { session, kind: 'access-request' })) as { value: DeskQueue };
    expect(queue.value.items).toEqual([
      expect.objectContaining({ kind: 'access-request', cofor: 'A10003', deskState: 'new', ageDays: 5 }),
    ]);
    // A believable request, whole: both people with their fictional e-mails, sent on the day the
    // directory says access was requested.
    const row = core.db
      .prepare(
        `SELECT s.payload, s.created_at AS sentAt, c.access_requested_at AS requestedAt
         FROM submissions s JOIN companies c ON c.id = s.company_id WHERE c.cofor = 'A10003'`,
      )
      .get() as { payload: string; sentAt: string; requestedAt: string };
    expect(row.sentAt).toBe(row.requestedAt);
    expect(JSON.parse(row.payload)).toMatchObject({
      legalRepresentative: { fullName: 'Rui Placeholder', email: 'rui.placeholder@placeholder-wiring.example' },
      plsa: { fullName: 'Ines Sample', email: 'ines.sample@placeholder-wiring.example' },
      termsAccepted: true,
    });
    // Not a request sent from this workstation: My requests does not list it.
    const mine = (await core.router.call('myRequests', {})) as { ok: boolean; value: { requests: unknown[] } };
    expect(mine).toMatchObject({ ok: true, value: { requests: [] } });
    // The desk can decide it: rejecting it, the analysis no longer says it waits.
    const { reference } = queue.value.items[0]!;
    const decided = await core.router.call('deskDecide', {
      session,
      reference,
      decision: { kind: 'reject-access', reason: 'A demo rejection.' },
    });
    expect(decided.ok).toBe(true);
    expect(await core.router.call('analyze', { cofor: 'A10003' })).toMatchObject({
      ok: true,
      value: { situation: 'not-requested' },
    });
  });

  it('is loaded once: a restart does not load it again', () => {
    core = testCore();
    core.close();
    const again = testCore({ dataDir: core.dataDir });
    expect(again.db.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(4);
    again.close();
  });

  it('is skipped with --no-demo: every COFOR is unknown and no badge shows', async () => {
    core = testCore({ loadDemo: false });
    expect(await core.router.call('analyze', { cofor: 'A10001' })).toMatchObject({
      ok: true,
      value: { situation: 'unknown' },
    });
    expect(await core.router.call('appInfo', {})).toMatchObject({ ok: true, value: { demoData: false } });
  });
});
