// The stage engine. What each situation means for the three stages of the seed is data (the
// table below), so a new case is a new row, and the unit test walks the same table.
import type { Analysis, Notice, Proposal, Situation, Stage, StageId, StageStatus } from '../../../preload/contract/dto';
import { parseCofor, type CoforRejection } from './cofor';

/** What the directory knows of one head-office COFOR (and of the site asked for, if any). */
export interface CompanyFacts {
  legalName: string;
  status: 'active' | 'deactivated';
  access: 'not-requested' | 'requested' | 'open';
  accessRequestedAt: string | null;
  /** null when no site code was asked for. */
  siteKnown: boolean | null;
}

export type CompanyLookup = (cofor: string, siteCode: string | null) => CompanyFacts | null;

export type AnalysisOutcome =
  { ok: true; analysis: Analysis } | { ok: false; field: 'cofor' | 'siteCode'; reason: CoforRejection };

type StageRow = { status: StageStatus; proposals: Proposal[] };

const STAGE_ORDER: readonly StageId[] = ['present', 'access', 'login'];

const locked = (...proposals: Proposal[]): StageRow => ({ status: 'locked', proposals });
const info = (key: Extract<Proposal, { kind: 'info' }>['key']): Proposal => ({ kind: 'info', key });
const form = (id: Extract<Proposal, { kind: 'form' }>['form']): Proposal => ({ kind: 'form', form: id });

export const STAGE_TABLE: Readonly<Record<Situation, Record<StageId, StageRow>>> = {
  unknown: {
    present: {
      status: 'action',
      proposals: [info('check-typing'), info('not-in-database'), form('company-file'), form('cofor-help')],
    },
    access: locked(info('needs-cofor')),
    login: locked(info('needs-open-access')),
  },
  deactivated: {
    present: {
      status: 'action',
      proposals: [info('deactivated'), info('ask-purchasing'), form('company-file')],
    },
    access: locked(info('needs-cofor')),
    login: locked(info('needs-open-access')),
  },
  'not-requested': {
    present: { status: 'done', proposals: [] },
    access: { status: 'action', proposals: [info('name-two-people'), form('access-request')] },
    login: locked(info('needs-open-access')),
  },
  requested: {
    present: { status: 'done', proposals: [] },
    access: { status: 'waiting', proposals: [info('waiting-validation')] },
    login: locked(info('needs-open-access')),
  },
  open: {
    present: { status: 'done', proposals: [] },
    access: { status: 'done', proposals: [] },
    login: { status: 'action', proposals: [{ kind: 'login' }, info('personal-login-from-plsa')] },
  },
};

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/** The stages of each situation, built once and frozen: an analysis shares them, never copies. */
const STAGES_OF: Readonly<Record<Situation, readonly Stage[]>> = deepFreeze(
  Object.fromEntries(
    (Object.keys(STAGE_TABLE) as Situation[]).map((situation) => [
      situation,
      STAGE_ORDER.map((id) => ({
        id,
        status: STAGE_TABLE[situation][id].status,
        proposals: STAGE_TABLE[situation][id].proposals,
      })),
    ]),
  ) as Record<Situation, Stage[]>,
);

export function situationOf(facts: CompanyFacts | null): Situation {
  if (!facts) return 'unknown';
  if (facts.status === 'deactivated') return 'deactivated';
  return facts.access;
}

const DAY_MS = 86_400_000;

/**
 * Answers "Start analysis". Input that is not a COFOR is explained and nothing is looked up;
 * otherwise one lookup, then the table. Pure: the lookup and the clock are passed in.
 */
export function analyzeCofor(
  input: { cofor: string; siteCode?: string | undefined },
  lookup: CompanyLookup,
  now: Date,
): AnalysisOutcome {
  const parsed = parseCofor(input.cofor, input.siteCode);
  if (!parsed.ok) return parsed;

  const facts = lookup(parsed.cofor, parsed.siteCode);
  const situation = situationOf(facts);

  const notices: Notice[] = [];
  if (parsed.siteCode && facts) {
    notices.push(
      facts.siteKnown
        ? { kind: 'site-head-office-only', siteCode: parsed.siteCode }
        : { kind: 'unknown-site', siteCode: parsed.siteCode },
    );
  }

  const requestedAt = situation === 'requested' ? (facts?.accessRequestedAt ?? null) : null;
  const waitingDays =
    requestedAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(requestedAt)) / DAY_MS));

  return {
    ok: true,
    analysis: {
      cofor: parsed.cofor,
      siteCode: parsed.siteCode,
      situation,
      companyName: facts?.legalName ?? null,
      requestedOn: requestedAt,
      waitingDays,
      stages: STAGES_OF[situation] as Stage[],
      notices,
    },
  };
}
