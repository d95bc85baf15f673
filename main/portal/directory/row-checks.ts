// The checks of a CSV site, person or account row, read straight from its cells: the same rules
// as model.ts's schemas (test/unit/row-checks.test.ts holds them equal on thousands of rows),
// without building an input object for zod and an output object after it for each of the
// 800,000 such rows of a large directory: one object per good row, none per cell.
import type { ImportRejection } from '../../../preload/contract/help';
import type { DirectoryCompany } from './model';

interface Rule {
  /** The field of the record, and the CSV column it is read from. */
  key: string;
  column: string;
  required: boolean;
  max: number;
  min?: number;
  pattern?: RegExp;
  upperCase?: boolean;
  choices?: readonly string[];
}

const SITE: Rule[] = [
  { key: 'code', column: 'site_code', required: true, max: Infinity, pattern: /^[A-Z0-9]{2}$/, upperCase: true },
  { key: 'name', column: 'site_name', required: false, max: 120 },
  { key: 'city', column: 'city', required: false, max: 120 },
];
const PERSON: Rule[] = [
  { key: 'key', column: 'person_key', required: true, max: 40 },
  { key: 'fullName', column: 'full_name', required: true, max: 120, min: 1 },
  { key: 'jobTitle', column: 'job_title', required: false, max: 120 },
  { key: 'email', column: 'email', required: true, max: 254 },
  { key: 'phone', column: 'phone', required: false, max: 30 },
  { key: 'role', column: 'role', required: true, max: Infinity, choices: ['legal-representative', 'plsa', 'staff'] },
];
const ACCOUNT: Rule[] = [
  { key: 'login', column: 'login', required: true, max: Infinity, pattern: /^V\d{6}$/, upperCase: true },
  { key: 'person', column: 'person_key', required: false, max: 40 },
  { key: 'email', column: 'email', required: true, max: 254, min: 3 },
  { key: 'role', column: 'role', required: true, max: Infinity, choices: ['user', 'plsa'] },
  { key: 'state', column: 'state', required: true, max: Infinity, choices: ['active', 'blocked', 'deactivated'] },
];
export const CHILD_RULES = { site: SITE, person: PERSON, account: ACCOUNT } as const;

export type ChildRecord = keyof typeof CHILD_RULES;
export type ChildOf<R extends ChildRecord> = R extends 'site'
  ? DirectoryCompany['sites'][number]
  : R extends 'person'
    ? DirectoryCompany['people'][number]
    : DirectoryCompany['accounts'][number];

const shown = (value: string): string => value.slice(0, 60);

/**
 * Checks a row's cells (`valueOf(column)`: the trimmed cell, undefined when empty or absent).
 * Returns the record, or the problems found (at most 5), each naming its column.
 */
export function checkChildRow<R extends ChildRecord>(
  record: R,
  valueOf: (column: string) => string | undefined,
  line: number,
): { ok: true; value: ChildOf<R> } | { ok: false; problems: ImportRejection[] } {
  const value: Record<string, string> = {};
  let problems: ImportRejection[] | null = null;
  const problem = (p: ImportRejection) => (problems ??= []).length < 5 && problems.push(p);
  for (const rule of CHILD_RULES[record]) {
    const raw = valueOf(rule.column);
    if (raw === undefined) {
      if (rule.required) problem({ line, problem: 'missing', field: rule.column });
      continue;
    }
    const cell = rule.upperCase ? raw.toUpperCase() : raw;
    if (rule.choices && !rule.choices.includes(cell))
      problem({ line, problem: 'choice', field: rule.column, value: shown(raw), detail: rule.choices.join(', ') });
    else if (rule.min !== undefined && cell.length < rule.min)
      problem({ line, problem: 'format', field: rule.column, value: shown(raw) });
    else if (cell.length > rule.max)
      problem({ line, problem: 'too-long', field: rule.column, detail: String(rule.max) });
    else if (rule.pattern && !rule.pattern.test(cell))
      problem({ line, problem: 'format', field: rule.column, value: shown(raw) });
    else value[rule.key] = cell;
  }
  return problems ? { ok: false, problems } : { ok: true, value: value as unknown as ChildOf<R> };
}
