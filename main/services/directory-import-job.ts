// One import of a directory file, fed chunk by chunk (from the desk's upload or from disk): each
// chunk is read at once, and companies are written a batch at a time while the rest arrives, so
// neither the file nor the whole directory is ever held in memory.
import type { DeskImportProgress, DeskImportReport } from '../../preload/contract/help';
import { createCsvDirectoryReader, createJsonLinesReader } from '../portal/directory/file-formats';
import { NOT_DIRECTORY_FILE_TEXT, notDirectoryFile } from '../portal/directory/file-kind';
import { MAX_REPORTED, type DirectoryReader } from '../portal/directory/read-report';
import type { Db } from '../store/database';
import { createDirectoryWriter, IMPORT_BATCH } from '../store/directory-import';
import { PortalError } from './errors';

export type DirectoryFormat = 'csv' | 'jsonl';

/** Characters read, rows found in them, rows left out, companies read and written so far. */
export type ImportCounts = Omit<DeskImportProgress, 'importId' | 'report'>;

export interface DirectoryImportJob {
  write(chunk: string): void;
  counts(): ImportCounts;
  /** Reads and writes what is left; the report of the whole import. */
  finish(): DeskImportReport;
}

export function startDirectoryImport(
  db: Db,
  format: DirectoryFormat,
  knownCofor: (cofor: string) => boolean,
  at: Date,
): DirectoryImportJob {
  const reader: DirectoryReader = format === 'csv' ? createCsvDirectoryReader(knownCofor) : createJsonLinesReader();
  const writer = createDirectoryWriter(db, at);
  let received = 0;
  let written = 0;

  const writeReady = (): void => {
    for (let batch = reader.take(IMPORT_BATCH); batch.length > 0; batch = reader.take(IMPORT_BATCH)) {
      writer.write(batch);
      written += batch.length;
    }
  };

  return {
    write(chunk) {
      // Judged on its first chunk (the screen's are 1 MB, the command line's 1 MB too): a PDF
      // or a spreadsheet is refused before anything is read or written.
      const kind = received === 0 && chunk.length > 0 ? notDirectoryFile(format, chunk) : null;
      if (kind)
        throw new PortalError(
          'invalid-input',
          NOT_DIRECTORY_FILE_TEXT,
          { file: 'import.not-directory-file' },
          undefined,
          {
            kind,
          },
        );
      received += chunk.length;
      reader.write(chunk);
      writeReady();
    },
    counts: () => ({ received, ...reader.progress(), written }),
    finish() {
      const parsed = reader.end();
      for (let i = 0; i < parsed.companies.length; i += IMPORT_BATCH) {
        const batch = parsed.companies.slice(i, i + IMPORT_BATCH);
        writer.write(batch);
        written += batch.length;
      }
      const unknownPeople = parsed.late.length > 0 ? writer.writeLate(parsed.late) : [];
      const result = writer.finish();
      const rejected = [...parsed.rejected, ...unknownPeople].slice(0, MAX_REPORTED);
      return {
        rows: parsed.rows,
        rejected,
        rejectedTotal: parsed.rejectedTotal + unknownPeople.length,
        conflicts: result.conflicts,
        companies: result.companies,
        accounts: result.accounts,
      };
    },
  };
}
