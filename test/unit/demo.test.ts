import { afterEach, describe, expect, it } from 'vitest';
import { testCore } from '../fixtures/core';

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
