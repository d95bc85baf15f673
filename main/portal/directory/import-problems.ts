// The problems of an import put into English sentences, for the desk command line. The desk's
// screen says the same in the agent's language (renderer/src/lib/import-words.ts).
import type { DeskImportReport, ImportConflict, ImportRejection } from '../../../preload/contract/help';

/** "12 rows read. Companies: 2 added, 0 updated, 1 unchanged. Accounts: 3 added, 0 updated." */
export function describeImport(r: Pick<DeskImportReport, 'rows' | 'companies' | 'accounts'>): string {
  const { inserted, updated, unchanged } = r.companies;
  return (
    `${r.rows} rows read. Companies: ${inserted} added, ${updated} updated, ${unchanged} unchanged. ` +
    `Accounts: ${r.accounts.inserted} added, ${r.accounts.updated} updated.`
  );
}

export function describeRejection(r: ImportRejection): string {
  const field = r.field ?? '';
  switch (r.problem) {
    case 'unreadable':
      return r.detail === 'unclosed-quote'
        ? 'a quoted value is never closed: the file stops being readable here'
        : 'text follows a closing quote (write "" for a quote inside a quoted value): the file stops being readable here';
    case 'header':
      return `the first line must name the columns, including "${field}"`;
    case 'not-json':
      return 'this line is not valid JSON';
    case 'missing':
      return `${field} is empty or missing`;
    case 'format':
      return `${field} does not have the expected form${r.value ? ` ("${r.value}")` : ''}`;
    case 'too-long':
      return `${field} is longer than ${r.detail} characters`;
    case 'choice':
      return `${field} must be one of: ${r.detail}${r.value ? ` (found "${r.value}")` : ''}`;
    case 'unknown-field':
      return `${field} is not part of the format`;
    case 'too-many':
      return `a company has more than ${r.detail} ${field}`;
    case 'record-type':
      return `unknown record type "${r.value ?? ''}" (company, site, person or account)`;
    case 'duplicate-company':
      return `company ${r.value} appears twice`;
    case 'unknown-company':
      return `unknown company ${r.value}: the file has no company row with this COFOR`;
    case 'company-elsewhere':
      return `company ${r.value} must be in the same file to add its ${r.detail} records`;
    case 'unknown-person':
      return `account ${r.value} names person "${r.detail}", whom the company does not have`;
  }
}

export function describeConflict(c: ImportConflict): string {
  switch (c.problem) {
    case 'login-elsewhere':
      return `login ${c.value} belongs to another company`;
    case 'duns-elsewhere':
      return `DUNS ${c.value} belongs to another company`;
    case 'rejected-by-store':
      return `the store refused it (${c.value})`;
  }
}
