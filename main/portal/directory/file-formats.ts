// Directory files: JSON Lines (one company per line, sites, people and accounts nested) and CSV
// (one record per row: company, site, person or account, tied to its company by COFOR). Both are
// read row by row: a bad row is reported with its line number and reason, the others go on.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import {
  directoryAccountSchema,
  directoryCompanySchema,
  directoryPersonSchema,
  directorySiteSchema,
  type DirectoryCompany,
} from './model';

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ParsedDirectory {
  companies: DirectoryCompany[];
  rejected: RejectedRow[];
  rows: number;
}

const describe = (error: z.ZodError): string =>
  error.issues
    .map((i) => `${i.path.join('.') || 'row'}: ${i.message}`)
    .join('; ')
    .slice(0, 300);

export function parseJsonLines(text: string): ParsedDirectory {
  const companies: DirectoryCompany[] = [];
  const rejected: RejectedRow[] = [];
  let rows = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    rows++;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      rejected.push({ line: index + 1, reason: 'not valid JSON' });
      return;
    }
    const parsed = directoryCompanySchema.safeParse(value);
    if (parsed.success) companies.push(parsed.data);
    else rejected.push({ line: index + 1, reason: describe(parsed.error) });
  });
  return { ...dedupe(companies, rejected), rows };
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
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

const opt = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function parseCsv(text: string, knownCofors: (cofor: string) => boolean = () => false): ParsedDirectory {
  let records: CsvRow[];
  try {
    records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    }) as CsvRow[];
  } catch (error) {
    return {
      companies: [],
      rejected: [{ line: 1, reason: `unreadable CSV: ${(error as Error).message.split('\n')[0]}` }],
      rows: 0,
    };
  }
  const companies = new Map<string, DirectoryCompany>();
  const rejected: RejectedRow[] = [];
  const later: Array<{ line: number; row: CsvRow }> = [];

  records.forEach((row, index) => {
    const line = index + 2; // the header is line 1
    if (row.record !== 'company') return later.push({ line, row });
    const parsed = directoryCompanySchema.safeParse({
      cofor: row.cofor,
      duns: opt(row.duns),
      legalName: row.legal_name,
      registrationNumber: opt(row.registration_number),
      taxNumber: opt(row.tax_number),
      street: opt(row.street),
      postalCode: opt(row.postal_code),
      city: opt(row.city),
      country: opt(row.country),
      status: row.status,
      access: row.access,
      accessRequestedAt: opt(row.access_requested_at),
    });
    if (!parsed.success) return rejected.push({ line, reason: describe(parsed.error) });
    if (companies.has(parsed.data.cofor))
      return rejected.push({ line, reason: `company ${parsed.data.cofor} appears twice` });
    companies.set(parsed.data.cofor, parsed.data);
  });

  for (const { line, row } of later) {
    const cofor = (row.cofor ?? '').trim().toUpperCase();
    const company = companies.get(cofor);
    if (!company) {
      rejected.push({
        line,
        reason: knownCofors(cofor)
          ? `company ${cofor} must be in the same file to add its ${row.record} records`
          : `unknown company ${cofor || '(empty COFOR)'}`,
      });
      continue;
    }
    const result =
      row.record === 'site'
        ? directorySiteSchema.safeParse({ code: row.site_code, name: opt(row.site_name), city: opt(row.city) })
        : row.record === 'person'
          ? directoryPersonSchema.safeParse({
              key: row.person_key,
              fullName: row.full_name,
              jobTitle: opt(row.job_title),
              email: row.email,
              phone: opt(row.phone),
              role: row.role,
            })
          : row.record === 'account'
            ? directoryAccountSchema.safeParse({
                login: row.login,
                person: opt(row.person_key),
                email: row.email,
                role: row.role,
                state: row.state,
              })
            : null;
    if (!result)
      rejected.push({ line, reason: `unknown record type "${row.record ?? ''}" (company, site, person or account)` });
    else if (!result.success) rejected.push({ line, reason: describe(result.error) });
    else if (row.record === 'site') company.sites.push(result.data as DirectoryCompany['sites'][number]);
    else if (row.record === 'person') company.people.push(result.data as DirectoryCompany['people'][number]);
    else company.accounts.push(result.data as DirectoryCompany['accounts'][number]);
  }
  return { ...dedupe([...companies.values()], rejected), rows: records.length };
}

/** An account naming a person the company does not have is rejected, not the whole company. */
function dedupe(companies: DirectoryCompany[], rejected: RejectedRow[]): Omit<ParsedDirectory, 'rows'> {
  for (const company of companies) {
    const keys = new Set(company.people.map((p) => p.key));
    company.accounts = company.accounts.filter((a) => {
      if (a.person === undefined || keys.has(a.person)) return true;
      rejected.push({ line: 0, reason: `account ${a.login} of ${company.cofor} names unknown person "${a.person}"` });
      return false;
    });
  }
  return { companies, rejected };
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
