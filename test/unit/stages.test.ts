import { describe, expect, it, vi } from 'vitest';
import { analyzeCofor, STAGE_TABLE, type CompanyFacts } from '../../main/portal/onboarding/stages';

const NOW = new Date('2026-11-29T12:00:00Z');
const company = (over: Partial<CompanyFacts> = {}): CompanyFacts => ({
  legalName: 'Example SA',
  status: 'active',
  access: 'open',
  accessRequestedAt: null,
  siteKnown: null,
  ...over,
});

type Row = {
  case: string;
  input: { cofor: string; siteCode?: string };
  facts: CompanyFacts | null;
  situation: string;
  statuses: [string, string, string];
  forms: string[];
  notices?: string[];
};

const CASES: Row[] = [
  {
    case: 'unknown COFOR',
    input: { cofor: 'Z99999' },
    facts: null,
    situation: 'unknown',
    statuses: ['action', 'locked', 'locked'],
    forms: ['company-file', 'cofor-help'],
  },
  {
    case: 'deactivated company',
    input: { cofor: 'A10004' },
    facts: company({ status: 'deactivated' }),
    situation: 'deactivated',
    statuses: ['action', 'locked', 'locked'],
    forms: ['company-file'],
  },
  {
    case: 'access not yet requested',
    input: { cofor: 'A10002' },
    facts: company({ access: 'not-requested' }),
    situation: 'not-requested',
    statuses: ['done', 'action', 'locked'],
    forms: ['access-request'],
  },
  {
    case: 'access requested, pending',
    input: { cofor: 'A10003' },
    facts: company({ access: 'requested', accessRequestedAt: '2026-11-24T12:00:00Z' }),
    situation: 'requested',
    statuses: ['done', 'waiting', 'locked'],
    forms: [],
  },
  {
    case: 'access open',
    input: { cofor: 'A10001' },
    facts: company(),
    situation: 'open',
    statuses: ['done', 'done', 'action'],
    forms: [],
  },
  {
    case: 'known site: head office only',
    input: { cofor: 'A10001', siteCode: '01' },
    facts: company({ siteKnown: true }),
    situation: 'open',
    statuses: ['done', 'done', 'action'],
    forms: [],
    notices: ['site-head-office-only'],
  },
  {
    case: 'unknown site code',
    input: { cofor: 'A10001', siteCode: '09' },
    facts: company({ siteKnown: false }),
    situation: 'open',
    statuses: ['done', 'done', 'action'],
    forms: [],
    notices: ['unknown-site'],
  },
  {
    case: 'site code of an unknown COFOR',
    input: { cofor: 'Z99999', siteCode: '01' },
    facts: null,
    situation: 'unknown',
    statuses: ['action', 'locked', 'locked'],
    forms: ['company-file', 'cofor-help'],
    notices: [],
  },
];

describe('analyzeCofor: the stage table', () => {
  it.each(CASES)('$case', (row) => {
    const lookup = vi.fn(() => row.facts);
    const outcome = analyzeCofor(row.input, lookup, NOW);
    if (!outcome.ok) throw new Error('expected an analysis');
    const { analysis } = outcome;
    expect(analysis.situation).toBe(row.situation);
    expect(analysis.stages.map((s) => s.id)).toEqual(['present', 'access', 'login']);
    expect(analysis.stages.map((s) => s.status)).toEqual(row.statuses);
    const forms = analysis.stages.flatMap((s) => s.proposals.flatMap((p) => (p.kind === 'form' ? [p.form] : [])));
    expect(forms).toEqual(row.forms);
    expect(analysis.notices.map((n) => n.kind)).toEqual(row.notices ?? []);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('says since when a request waits', () => {
    const outcome = analyzeCofor(
      { cofor: 'A10003' },
      () => company({ access: 'requested', accessRequestedAt: '2026-11-24T12:00:00Z' }),
      NOW,
    );
    expect(outcome.ok && outcome.analysis.requestedOn).toBe('2026-11-24T12:00:00Z');
    expect(outcome.ok && outcome.analysis.waitingDays).toBe(5);
  });

  it('points an open company to the login and to the PLSA, naming nobody', () => {
    const outcome = analyzeCofor({ cofor: 'A10001' }, () => company(), NOW);
    if (!outcome.ok) throw new Error('expected an analysis');
    const login = outcome.analysis.stages[2]!;
    expect(login.proposals).toEqual([{ kind: 'login' }, { kind: 'info', key: 'personal-login-from-plsa' }]);
    expect(JSON.stringify(outcome.analysis)).not.toMatch(/@|plsa.*name/i);
  });

  it.each(['', 'A1B2', 'A1B2C3D4E5', '<script>'])('explains %j without looking anything up', (cofor) => {
    const lookup = vi.fn(() => company());
    const outcome = analyzeCofor({ cofor }, lookup, NOW);
    expect(outcome.ok).toBe(false);
    expect(lookup).not.toHaveBeenCalled();
  });

  it('passes the normalised COFOR and site to the lookup', () => {
    const lookup = vi.fn(() => null);
    analyzeCofor({ cofor: ' a1b2c3  0x ' }, lookup, NOW);
    expect(lookup).toHaveBeenCalledWith('A1B2C3', '0X');
  });

  it('has a row for every situation, and every row covers the three stages', () => {
    for (const row of Object.values(STAGE_TABLE))
      expect(Object.keys(row).sort()).toEqual(['access', 'login', 'present']);
    expect(Object.keys(STAGE_TABLE).sort()).toEqual(['deactivated', 'not-requested', 'open', 'requested', 'unknown']);
  });
});
