// What reading a directory file reports, whatever its format: the companies read, the rows left
// out with a problem the screen puts into words (bounded, so a file of bad rows cannot fill the
// memory), and zod's findings turned into those problems.
import type { z } from 'zod';
import type { ImportRejection } from '../../../preload/contract/help';
import type { DirectoryCompany } from './model';

export interface ParsedDirectory {
  /** The companies read and not yet taken. */
  companies: DirectoryCompany[];
  /**
   * Rows that came after their company had been taken (CSV only): each entry holds the company's
   * COFOR and only those sites, people and accounts, to add to the company just written.
   */
  late: DirectoryCompany[];
  /** The first MAX_REPORTED rows left out, in line order, and how many there were in all. */
  rejected: ImportRejection[];
  rejectedTotal: number;
  rows: number;
}

/** Reads a directory file chunk by chunk, as it is uploaded or read from disk. */
export interface DirectoryReader {
  write(chunk: string): void;
  /**
   * The oldest companies read, `batch` at a time, once more than twice that many wait: they can be
   * written while the file is still being read (the newest stay, for rows that follow them).
   */
  take(batch: number): DirectoryCompany[];
  /** Reads what is left and returns what was not taken, and every row left out. */
  end(): ParsedDirectory;
  /** Rows read, rows left out, companies read so far (taken or not). */
  progress(): { rows: number; rejected: number; companies: number };
}

/** Rows left out that a report lists; beyond, only the count. */
export const MAX_REPORTED = 1000;
const MAX_PROBLEMS_PER_ROW = 5;

/** The rows left out: a bounded list and a count, so a file of bad rows cannot fill the memory. */
export function rejections() {
  const list: ImportRejection[] = [];
  let total = 0;
  return {
    add(...rows: ImportRejection[]): void {
      total += rows.length;
      for (const row of rows) if (list.length < MAX_REPORTED) list.push(row);
    },
    get total() {
      return total;
    },
    list,
  };
}
export const shown = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : String(value).slice(0, 60);

/** Zod's findings put as problems, each naming the field as the file names it. */
export function problemsOf(
  error: z.ZodError,
  line: number,
  input: Record<string, unknown>,
  fieldName: (path: PropertyKey[]) => string,
): ImportRejection[] {
  return error.issues.slice(0, MAX_PROBLEMS_PER_ROW).map((issue): ImportRejection => {
    const field = fieldName(issue.path);
    let value: unknown = input;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    const found = shown(value);
    const withValue = (problem: 'choice' | 'format', detail?: string): ImportRejection => ({
      line,
      problem,
      field,
      ...(found === undefined ? {} : { value: found }),
      ...(detail === undefined ? {} : { detail }),
    });
    if (issue.code === 'unrecognized_keys')
      return { line, problem: 'unknown-field', field: issue.keys.map((k) => fieldName([...issue.path, k])).join(', ') };
    if (value === undefined || (issue.code === 'too_small' && value === '')) return { line, problem: 'missing', field };
    switch (issue.code) {
      case 'too_small':
        return issue.origin === 'string' && issue.minimum === 1
          ? { line, problem: 'missing', field }
          : withValue('format');
      case 'too_big':
        return issue.origin === 'array'
          ? { line, problem: 'too-many', field, detail: String(issue.maximum) }
          : { line, problem: 'too-long', field, detail: String(issue.maximum) };
      case 'invalid_value':
        return withValue('choice', issue.values.join(', '));
      default:
        return withValue('format');
    }
  });
}

/** An account naming a person the company does not have is rejected, not the whole company. */
export function keepKnownPeople(
  companies: DirectoryCompany[],
  rejected: ReturnType<typeof rejections>,
): DirectoryCompany[] {
  for (const company of companies) {
    const keys = new Set(company.people.map((p) => p.key));
    company.accounts = company.accounts.filter((a) => {
      if (a.person === undefined || keys.has(a.person)) return true;
      rejected.add({ line: 0, problem: 'unknown-person', field: 'person_key', value: a.login, detail: a.person });
      return false;
    });
  }
  return companies;
}
