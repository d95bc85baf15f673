// Words for a store the guard refused: what happened, that nothing was changed, and the two
// ways on (restore the latest backup, or keep the store as it is), each as a command to run.
import { dirname } from 'node:path';
import { listBackups, verifyStoreCopy } from './backups';
import { StoreError, type StoreErrorCode } from './store-error';
import { describeRows, type GuardProblem } from './store-guard';

const CODES: Record<GuardProblem['kind'], StoreErrorCode> = {
  vanished: 'store-vanished',
  'journal-missing': 'store-journal-missing',
  'journal-damaged': 'store-journal-damaged',
};

export function latestBackupLine(storeFile: string): string {
  const latest = listBackups(storeFile)[0];
  if (!latest) return 'There is no backup of this store yet.';
  const when = latest.takenAt.toISOString().slice(0, 16).replace('T', ' ');
  try {
    return `The latest backup is from ${when} UTC, ${describeRows(verifyStoreCopy(latest.file))}.`;
  } catch (error) {
    return `The latest backup is from ${when} UTC (it cannot be used: ${(error as Error).message}).`;
  }
}

export function refusal(storeFile: string, problem: GuardProblem): StoreError {
  const dataDir = dirname(storeFile);
  const what =
    problem.kind === 'vanished'
      ? `${problem.detail}, though it held ${describeRows(problem.held.rows)} (last seen ${problem.held.seenAt.slice(0, 16).replace('T', ' ')} UTC)`
      : `${problem.detail}, so changes saved since the last checkpoint may be lost`;
  const keep =
    problem.kind === 'vanished'
      ? 'To start again with an empty store'
      : 'To keep the store with what SQLite can recover (a copy of its files is kept)';
  return new StoreError(
    CODES[problem.kind],
    `The local store in ${dataDir} was not opened: ${what}. Nothing was changed.\n` +
      `${latestBackupLine(storeFile)}\n` +
      `- To restore the latest backup: npm run desk -- restore --data-dir "${dataDir}"\n` +
      `- ${keep}: npm run desk -- accept-store --data-dir "${dataDir}"`,
  );
}
