// `npm run hub -- import FILE` and `export FILE`: the directory files a desk reads and writes (CSV
// or JSON Lines, by the file's extension), streamed, companies written while the file is read.
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Pool } from 'pg';
import type { ImportRejection } from '../../preload/contract/help';
import { createCsvDirectoryReader, createJsonLinesReader, toCsv, toJsonLines } from '../portal/directory/file-formats';
import type { DirectoryCompany } from '../portal/directory/model';
import { NOT_DIRECTORY_FILE_TEXT, notDirectoryFile } from '../portal/directory/file-kind';
import { exportFromHub, HUB_IMPORT_BATCH, importToHub, writeCompanies } from './directory';
import { inTransaction } from './transaction';

export interface HubImportReport {
  rows: number;
  companies: number;
  rejected: ImportRejection[];
  rejectedTotal: number;
}

const isCsv = (file: string) => file.toLowerCase().endsWith('.csv');

export async function importFileToHub(
  pool: Pool,
  file: string,
  onProgress: (rows: number, written: number) => void = () => {},
): Promise<HubImportReport> {
  const reader = isCsv(file) ? createCsvDirectoryReader() : createJsonLinesReader();
  let written = 0;
  let first = true;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    // A PDF or a spreadsheet is refused whole, as at the desk, before anything is written.
    if (first && notDirectoryFile(isCsv(file) ? 'csv' : 'jsonl', chunk as string))
      throw new Error(NOT_DIRECTORY_FILE_TEXT);
    first = false;
    reader.write(chunk as string);
    written += await importToHub(pool, [reader.take(HUB_IMPORT_BATCH)]);
    onProgress(reader.progress().rows, written);
  }
  const rest = reader.end();
  written += await importToHub(pool, [rest.companies]);
  // Rows of a company that came after it was written (a CSV not grouped by company): added to it.
  for (const late of rest.late) await addLateRows(pool, late);
  onProgress(rest.rows, written);
  return { rows: rest.rows, companies: written, rejected: rest.rejected, rejectedTotal: rest.rejectedTotal };
}

async function addLateRows(pool: Pool, late: DirectoryCompany): Promise<void> {
  await inTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ directory: DirectoryCompany }>(
      'SELECT directory FROM companies WHERE cofor = $1 FOR UPDATE',
      [late.cofor],
    );
    const record = rows[0]?.directory;
    if (!record) return;
    await writeCompanies(tx, [
      {
        ...record,
        sites: [...record.sites, ...late.sites],
        people: [...record.people, ...late.people],
        accounts: [...record.accounts, ...late.accounts],
      },
    ]);
  });
}

export async function exportHubToFile(pool: Pool, file: string): Promise<number> {
  const companies: DirectoryCompany[] = [];
  for await (const page of exportFromHub(pool)) companies.push(...page);
  await writeFile(file, isCsv(file) ? toCsv(companies) : toJsonLines(companies), { mode: 0o600 });
  return companies.length;
}
