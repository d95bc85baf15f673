// Directory files: JSON Lines (one company per line, sites, people and accounts nested) and CSV
// (one record per row: company, site, person or account, tied to its company by COFOR). Both are
// read as a stream of chunks, row by row: a bad row is reported with its line number and a problem
// the screen puts into words, the others go on. Nothing holds the whole file, only its companies.
import { stringify } from 'csv-stringify/sync';
import { createCsvReader, CsvSyntaxError } from './csv-reader';
import { directoryCompanySchema, type DirectoryCompany } from './model';
import {
  keepKnownPeople,
  problemsOf,
  rejections,
  shown,
  type DirectoryReader,
  type ParsedDirectory,
} from './read-report';
import { checkChildRow, type ChildOf } from './row-checks';

const jsonPath = (path: PropertyKey[]): string => path.map(String).join('.') || 'row';

export function createJsonLinesReader(): DirectoryReader {
  let companies: DirectoryCompany[] = [];
  let taken = 0;
  const rejected = rejections();
  let rows = 0;
  let line = 0;
  let pending = '';
  const readLine = (raw: string): void => {
    line++;
    if (raw.trim() === '') return;
    rows++;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rejected.add({ line, problem: 'not-json' });
      return;
    }
    const parsed = directoryCompanySchema.safeParse(value);
    if (parsed.success) companies.push(parsed.data);
    else rejected.add(...problemsOf(parsed.error, line, value as Record<string, unknown>, jsonPath));
  };
  return {
    write(chunk) {
      const text = pending + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        readLine(text.slice(start, nl));
        start = nl + 1;
      }
      pending = text.slice(start);
    },
    take(batch) {
      if (companies.length <= 2 * batch) return [];
      const ready = companies.slice(0, batch);
      companies = companies.slice(batch);
      taken += batch;
      return keepKnownPeople(ready, rejected);
    },
    end() {
      if (pending !== '') readLine(pending);
      pending = '';
      const rest = keepKnownPeople(companies, rejected);
      return { companies: rest, late: [], rejected: rejected.list, rejectedTotal: rejected.total, rows };
    },
    progress: () => ({ rows, rejected: rejected.total, companies: taken + companies.length }),
  };
}

export function parseJsonLines(text: string): ParsedDirectory {
  const reader = createJsonLinesReader();
  reader.write(text);
  return reader.end();
}

export const CSV_COLUMNS = [
  'record',
  'cofor',
  'duns',
  'legal_name',
  'registration_number',
  'tax_number',
  'street',
  'postal_code',
  'city',
  'country',
  'status',
  'access',
  'access_requested_at',
  'site_code',
  'site_name',
  'person_key',
  'full_name',
  'job_title',
  'email',
  'phone',
  'role',
  'login',
  'state',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
type CsvRow = Partial<Record<Column, string>>;

/** The CSV column of each schema field, so a problem names the column the agent sees. */
const COMPANY_COLUMN_OF: Record<string, Column> = {
  legalName: 'legal_name',
  registrationNumber: 'registration_number',
  taxNumber: 'tax_number',
  postalCode: 'postal_code',
  accessRequestedAt: 'access_requested_at',
};
const companyColumn = (path: PropertyKey[]): string => {
  const key = String(path[0] ?? 'record');
  return COMPANY_COLUMN_OF[key] ?? key;
};
const MAX_CHILDREN = { site: 500, person: 500, account: 5000 } as const;
const CHILD_LIST = { site: 'sites', person: 'people', account: 'accounts' } as const;

export function createCsvDirectoryReader(knownCofor: (cofor: string) => boolean = () => false): DirectoryReader {
  const companies = new Map<string, DirectoryCompany>();
  /** Companies already taken, and the rows of theirs that came afterwards. */
  const taken = new Set<string>();
  const late = new Map<string, DirectoryCompany>();
  const rejected = rejections();
  /** Rows that came before their company's row: read again at the end. */
  const waiting: Array<{ cells: string[]; line: number }> = [];
  let index: Partial<Record<Column, number>> | null = null;
  let rows = 0;
  let unreadable = false;

  const cell = (cells: string[], column: Column): string | undefined => {
    const i = index![column];
    const value = i === undefined ? undefined : cells[i];
    return value === '' ? undefined : value;
  };

  const readHeader = (cells: string[], line: number): void => {
    index = {};
    cells.forEach((name, i) => {
      const column = name.toLowerCase() as Column;
      if ((CSV_COLUMNS as readonly string[]).includes(column)) index![column] = i;
    });
    for (const needed of ['record', 'cofor'] as const)
      if (index[needed] === undefined) rejected.add({ line, problem: 'header', field: needed });
  };

  const readCompany = (cells: string[], line: number): void => {
    const input = {
      cofor: cell(cells, 'cofor'),
      duns: cell(cells, 'duns'),
      legalName: cell(cells, 'legal_name'),
      registrationNumber: cell(cells, 'registration_number'),
      taxNumber: cell(cells, 'tax_number'),
      street: cell(cells, 'street'),
      postalCode: cell(cells, 'postal_code'),
      city: cell(cells, 'city'),
      country: cell(cells, 'country'),
      status: cell(cells, 'status'),
      access: cell(cells, 'access'),
      accessRequestedAt: cell(cells, 'access_requested_at'),
    };
    const parsed = directoryCompanySchema.safeParse(input);
    if (!parsed.success) {
      rejected.add(...problemsOf(parsed.error, line, input, companyColumn));
      return;
    }
    if (companies.has(parsed.data.cofor) || taken.has(parsed.data.cofor)) {
      rejected.add({ line, problem: 'duplicate-company', field: 'cofor', value: parsed.data.cofor });
      return;
    }
    companies.set(parsed.data.cofor, parsed.data);
  };

  /** A site, person or account row; false when its company has not been read (yet). */
  const readChild = (record: 'site' | 'person' | 'account', cells: string[], line: number): boolean => {
    const cofor = (cell(cells, 'cofor') ?? '').toUpperCase();
    const company = companies.get(cofor) ?? lateRowsOf(cofor);
    if (!company) return false;
    const list = CHILD_LIST[record];
    if (company[list].length >= MAX_CHILDREN[record]) {
      rejected.add({ line, problem: 'too-many', field: list, detail: String(MAX_CHILDREN[record]) });
      return true;
    }
    const checked = checkChildRow(record, (column) => cell(cells, column as Column), line);
    if (!checked.ok) rejected.add(...checked.problems);
    else if (record === 'site') company.sites.push(checked.value as ChildOf<'site'>);
    else if (record === 'person') company.people.push(checked.value as ChildOf<'person'>);
    else company.accounts.push(checked.value as ChildOf<'account'>);
    return true;
  };

  /** A taken company gets a second entry holding only its rows that follow. */
  const lateRowsOf = (cofor: string): DirectoryCompany | undefined => {
    if (!taken.has(cofor)) return undefined;
    let rows = late.get(cofor);
    if (!rows) {
      rows = {
        cofor,
        legalName: cofor,
        status: 'active',
        access: 'not-requested',
        sites: [],
        people: [],
        accounts: [],
      };
      late.set(cofor, rows);
    }
    return rows;
  };

  const readRecord = (cells: string[], line: number): void => {
    if (index === null) return readHeader(cells, line);
    if (index.record === undefined || index.cofor === undefined) return; // told once, at the header
    rows++;
    const record = cell(cells, 'record');
    if (record === 'company') return readCompany(cells, line);
    if (record === 'site' || record === 'person' || record === 'account') {
      if (!readChild(record, cells, line)) waiting.push({ cells, line });
      return;
    }
    rejected.add({ line, problem: 'record-type', field: 'record', value: shown(record ?? '') });
  };

  const csv = createCsvReader(readRecord);
  const unreadableAt = (error: unknown): void => {
    if (!(error instanceof CsvSyntaxError)) throw error;
    unreadable = true;
    rejected.add({ line: error.line, problem: 'unreadable', detail: error.problem });
  };

  return {
    write(chunk) {
      if (unreadable) return;
      try {
        csv.write(chunk);
      } catch (error) {
        unreadableAt(error);
      }
    },
    take(batch) {
      if (companies.size <= 2 * batch) return [];
      const ready: DirectoryCompany[] = [];
      for (const [cofor, company] of companies) {
        if (ready.length === batch) break;
        ready.push(company);
        companies.delete(cofor);
        taken.add(cofor);
      }
      return keepKnownPeople(ready, rejected);
    },
    end() {
      if (!unreadable) {
        try {
          csv.end();
        } catch (error) {
          unreadableAt(error);
        }
      }
      for (const { cells, line } of waiting) {
        const record = cell(cells, 'record') as 'site' | 'person' | 'account';
        if (readChild(record, cells, line)) continue;
        const cofor = (cell(cells, 'cofor') ?? '').toUpperCase();
        rejected.add(
          knownCofor(cofor)
            ? { line, problem: 'company-elsewhere', field: 'cofor', value: cofor, detail: record }
            : cofor === ''
              ? { line, problem: 'missing', field: 'cofor' }
              : { line, problem: 'unknown-company', field: 'cofor', value: cofor },
        );
      }
      waiting.length = 0;
      const rest = keepKnownPeople([...companies.values()], rejected);
      rejected.list.sort((a, b) => a.line - b.line);
      return {
        companies: rest,
        late: [...late.values()],
        rejected: rejected.list,
        rejectedTotal: rejected.total,
        rows,
      };
    },
    progress: () => ({ rows, rejected: rejected.total, companies: companies.size + taken.size }),
  };
}

export function parseCsv(text: string, knownCofor: (cofor: string) => boolean = () => false): ParsedDirectory {
  const reader = createCsvDirectoryReader(knownCofor);
  reader.write(text);
  return reader.end();
}

export function toJsonLines(companies: DirectoryCompany[]): string {
  return companies.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

export function toCsv(companies: DirectoryCompany[]): string {
  const rows: CsvRow[] = [];
  for (const c of companies) {
    rows.push({
      record: 'company',
      cofor: c.cofor,
      duns: c.duns,
      legal_name: c.legalName,
      registration_number: c.registrationNumber,
      tax_number: c.taxNumber,
      street: c.street,
      postal_code: c.postalCode,
      city: c.city,
      country: c.country,
      status: c.status,
      access: c.access,
      access_requested_at: c.accessRequestedAt,
    });
    for (const s of c.sites)
      rows.push({ record: 'site', cofor: c.cofor, site_code: s.code, site_name: s.name, city: s.city });
    for (const p of c.people)
      rows.push({
        record: 'person',
        cofor: c.cofor,
        person_key: p.key,
        full_name: p.fullName,
        job_title: p.jobTitle,
        email: p.email,
        phone: p.phone,
        role: p.role,
      });
    for (const a of c.accounts)
      rows.push({
        record: 'account',
        cofor: c.cofor,
        login: a.login,
        person_key: a.person,
        email: a.email,
        role: a.role,
        state: a.state,
      });
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
