import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv, parseJsonLines, toCsv, toJsonLines } from '../../main/portal/directory/file-formats';
import { describeRejection } from '../../main/portal/directory/import-problems';
import { exportDirectory, upsertDirectory } from '../../main/store/directory-import';
import { testCore } from '../fixtures/core';

let core: ReturnType<typeof testCore> | undefined;
afterEach(() => {
  core?.dispose();
  core = undefined;
});
const AT = new Date('2026-11-29T10:00:00Z');

const CSV = `record,cofor,duns,legal_name,registration_number,tax_number,street,postal_code,city,country,status,access,access_requested_at,site_code,site_name,person_key,full_name,job_title,email,phone,role,login,state
company,B20001,800000001,Brake Parts SA,,FR1,,,Lyon,FR,active,open,,,,,,,,,,,
site,B20001,,,,,,,Lyon,,,,,01,Lyon plant,,,,,,,,
person,B20001,,,,,,,,,,,,,,k1,Ana Admin,IT,ana@brake.example,,plsa,,
account,B20001,,,,,,,,,,,,,,k1,,,ana@brake.example,,plsa,V200001,active
company,B2,bad,,,,,,,,active,open,,,,,,,,,,,
site,ZZZZZZ,,,,,,,,,,,,01,,,,,,,,,
account,B20001,,,,,,,,,,,,,,,,,x@y.example,,admin,X1,active
widget,B20001,,,,,,,,,,,,,,,,,,,,,
company,B20002,800000002,Seat Fabrics GmbH,,,,,Berlin,DE,active,not-requested,,,,,,,,,,,
`;

describe('reading directory files', () => {
  it('reads the CSV form and reports every bad row with its line and reason', () => {
    const parsed = parseCsv(CSV);
    expect(parsed.rows).toBe(9);
    expect(parsed.companies.map((c) => c.cofor)).toEqual(['B20001', 'B20002']);
    expect(parsed.companies[0]).toMatchObject({
      sites: [{ code: '01' }],
      people: [{ key: 'k1' }],
      accounts: [{ login: 'V200001', person: 'k1' }],
    });
    // Each problem names the column the agent sees in the file, never a pattern or a field name.
    expect(parsed.rejected).toEqual([
      { line: 6, problem: 'format', field: 'cofor', value: 'B2' },
      { line: 6, problem: 'format', field: 'duns', value: 'bad' },
      { line: 6, problem: 'missing', field: 'legal_name' },
      { line: 7, problem: 'unknown-company', field: 'cofor', value: 'ZZZZZZ' },
      { line: 8, problem: 'format', field: 'login', value: 'X1' },
      { line: 8, problem: 'choice', field: 'role', value: 'admin', detail: 'user, plsa' },
      { line: 9, problem: 'record-type', field: 'record', value: 'widget' },
    ]);
    expect(parsed.rejected.map(describeRejection)).toEqual([
      'cofor does not have the expected form ("B2")',
      'duns does not have the expected form ("bad")',
      'legal_name is empty or missing',
      'unknown company ZZZZZZ: the file has no company row with this COFOR',
      'login does not have the expected form ("X1")',
      'role must be one of: user, plsa (found "admin")',
      'unknown record type "widget" (company, site, person or account)',
    ]);
  });

  it('reads JSON Lines and reports bad lines', () => {
    const good = JSON.stringify({ cofor: 'B20003', legalName: 'Glass Co', status: 'active', access: 'open' });
    const parsed = parseJsonLines(`${good}\n{not json\n${JSON.stringify({ cofor: 'B20004', status: 'active' })}\n\n`);
    expect(parsed.companies.map((c) => c.cofor)).toEqual(['B20003']);
    expect(parsed.rejected).toEqual([
      { line: 2, problem: 'not-json' },
      { line: 3, problem: 'missing', field: 'legalName' },
      { line: 3, problem: 'missing', field: 'access' },
    ]);
  });
});

describe('importing into the store', () => {
  it('is idempotent: the same file twice changes nothing the second time', () => {
    core = testCore({ loadDemo: false });
    const { companies } = parseCsv(CSV);
    const first = upsertDirectory(core!.db, companies, AT);
    expect(first).toMatchObject({
      companies: { inserted: 2 },
      sites: { inserted: 1 },
      people: { inserted: 1 },
      accounts: { inserted: 1 },
      conflicts: [],
    });
    const mutations = core!.db.prepare('SELECT count(*) FROM mutations').pluck().get();
    const second = upsertDirectory(core!.db, parseCsv(CSV).companies, AT);
    expect(second).toMatchObject({
      companies: { inserted: 0, updated: 0, unchanged: 2 },
      sites: { inserted: 0, updated: 0, unchanged: 1 },
      people: { inserted: 0, updated: 0, unchanged: 1 },
      accounts: { inserted: 0, updated: 0, unchanged: 1 },
    });
    expect(core!.db.prepare('SELECT count(*) FROM mutations').pluck().get()).toBe(mutations);
  });

  it('updates what changed and never touches passwords or account states', async () => {
    core = testCore();
    const before = core!.db.prepare("SELECT password_hash AS h, state FROM accounts WHERE login = 'V100003'").get();
    const companies = exportDirectory(core!.db);
    const demo = companies.find((c) => c.cofor === 'A10001')!;
    demo.city = 'Newtown';
    demo.accounts.find((a) => a.login === 'V100003')!.state = 'active';
    const result = upsertDirectory(core!.db, companies, AT);
    expect(result.companies).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    expect(core!.db.prepare("SELECT password_hash AS h, state FROM accounts WHERE login = 'V100003'").get()).toEqual(
      before,
    );
    expect(
      (await core!.router.call('login', { login: 'V100001', password: 'violet-harbour-lantern-42', remember: false }))
        .ok,
    ).toBe(true);
  });

  it('reports a company whose login belongs to another one, and keeps the rest', () => {
    core = testCore();
    const companies = parseJsonLines(
      [
        JSON.stringify({
          cofor: 'B30001',
          legalName: 'Thief Co',
          status: 'active',
          access: 'open',
          accounts: [{ login: 'V100001', email: 'x@y.example', role: 'plsa', state: 'active' }],
        }),
        JSON.stringify({ cofor: 'B30002', legalName: 'Honest Co', status: 'active', access: 'open' }),
      ].join('\n'),
    ).companies;
    const result = upsertDirectory(core!.db, companies, AT);
    expect(result.conflicts).toEqual([{ cofor: 'B30001', problem: 'login-elsewhere', value: 'V100001' }]);
    expect(core!.db.prepare("SELECT cofor FROM companies WHERE cofor LIKE 'B3%'").pluck().all()).toEqual(['B30002']);
  });

  it('exports both formats, and an export read back and imported elsewhere gives the same directory', () => {
    core = testCore();
    const exported = exportDirectory(core!.db);
    expect(JSON.stringify(exported)).not.toMatch(/scrypt|password/);
    for (const [text, read] of [
      [toCsv(exported), parseCsv],
      [toJsonLines(exported), parseJsonLines],
    ] as const) {
      const parsed = read(text);
      expect(parsed.rejected).toEqual([]);
      const other = testCore({ loadDemo: false });
      upsertDirectory(other.db, parsed.companies, AT);
      expect(
        exportDirectory(other.db).map((c) => [c.cofor, c.sites.length, c.people.length, c.accounts.length]),
      ).toEqual(exported.map((c) => [c.cofor, c.sites.length, c.people.length, c.accounts.length]));
      other.dispose();
    }
  });
});
