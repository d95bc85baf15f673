// The desk's directory import, as the screen drives it: start, then the file in numbered chunks
// (about 1 MB each, so a file of any size goes through a channel with a bounded payload), each
// answered with where the import stands. One import per agent at a time; a chunk sent twice (a
// retry after a lost answer) is answered again without being read twice.
import { randomUUID } from 'node:crypto';
import type { DeskImportProgress, DeskImportReport } from '../../preload/contract/help';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DirectoryRepository } from '../store/directory';
import type { DeskCaller } from './desk-guard';
import { startDirectoryImport, type DirectoryFormat, type DirectoryImportJob } from './directory-import-job';
import { fieldError, PortalError } from './errors';

/** An import left without a chunk this long is given up (what was written stays). */
const IDLE_MS = 30 * 60_000;

interface RunningImport {
  id: string;
  owner: string;
  job: DirectoryImportJob;
  /** The next chunk expected, and the answer to the one before (for a retry). */
  nextSeq: number;
  lastAnswer: DeskImportProgress | null;
  done: boolean;
  touchedAt: number;
}

export interface DirectoryImportDeps {
  db: Db;
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  resetSearch: () => void;
  now: () => Date;
  /** Linked to a hub, which holds the directory: a file is imported there, not into this copy. */
  hub?: { link(): unknown };
}

export function createDirectoryImports(deps: DirectoryImportDeps) {
  const running = new Map<string, RunningImport>(); // by agent

  const audit = (owner: string, details: Record<string, unknown>): void =>
    deps.accounts.audit({ companyId: null, actor: owner, action: 'directory-imported', details }, deps.now());

  /** An import replaced or left idle: what it wrote stays, and the audit says it stopped there. */
  const giveUp = (entry: RunningImport): void => {
    running.delete(entry.owner);
    if (entry.done) return;
    const counts = entry.job.counts();
    if (counts.written > 0) {
      deps.resetSearch();
      audit(entry.owner, { stopped: true, rows: counts.rows, written: counts.written });
    }
  };

  const sweep = (): void => {
    const now = deps.now().getTime();
    for (const entry of running.values()) if (now - entry.touchedAt > IDLE_MS) giveUp(entry);
  };

  const progressOf = (entry: RunningImport, report?: DeskImportReport): DeskImportProgress => ({
    importId: entry.id,
    ...entry.job.counts(),
    ...(report ? { report } : {}),
  });

  return {
    deskImportStart(input: { session: string; format: DirectoryFormat }, caller: DeskCaller): DeskImportProgress {
      if (deps.hub?.link())
        throw new PortalError(
          'needs-hub',
          'This desk is linked to the portal hub, which holds the directory: import the file on the hub (npm run hub -- import FILE), and every workstation receives it.',
          { _: 'desk.hub-directory' },
        );
      sweep();
      const owner = caller.agent.username;
      const previous = running.get(owner);
      if (previous) giveUp(previous);
      const entry: RunningImport = {
        id: randomUUID(),
        owner,
        job: startDirectoryImport(
          deps.db,
          input.format,
          (cofor) => deps.directory.companyByCofor(cofor) !== null,
          deps.now(),
        ),
        nextSeq: 0,
        lastAnswer: null,
        done: false,
        touchedAt: deps.now().getTime(),
      };
      running.set(owner, entry);
      return progressOf(entry);
    },

    deskImportChunk(
      input: { session: string; importId: string; seq: number; content: string; last: boolean },
      caller: DeskCaller,
    ): DeskImportProgress {
      sweep();
      const entry = running.get(caller.agent.username);
      if (!entry || entry.id !== input.importId)
        throw fieldError('not-found', 'importId', 'import.gone', 'This import is no longer running: start it again.');
      if (input.seq === entry.nextSeq - 1 && entry.lastAnswer) return entry.lastAnswer; // a retry
      if (entry.done || input.seq !== entry.nextSeq)
        throw fieldError(
          'conflict',
          'seq',
          'import.out-of-order',
          `Chunk ${input.seq} arrived where chunk ${entry.nextSeq} was expected: start the import again.`,
        );
      entry.touchedAt = deps.now().getTime();
      let report: DeskImportReport | undefined;
      try {
        entry.job.write(input.content);
        if (input.last) report = entry.job.finish();
      } catch (error) {
        giveUp(entry); // a chunk half read cannot be sent again: the import starts over
        throw error;
      }
      if (report) {
        entry.done = true;
        if (report.companies.inserted + report.companies.updated > 0) deps.resetSearch();
        audit(entry.owner, {
          rows: report.rows,
          rejected: report.rejectedTotal,
          companies: report.companies,
          accounts: report.accounts,
        });
      }
      entry.nextSeq++;
      entry.lastAnswer = progressOf(entry, report);
      return entry.lastAnswer;
    },
  };
}
