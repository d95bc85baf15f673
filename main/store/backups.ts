// Rolling backups of the local store, and the two ways back after the guard refused a store:
// restore a backup, or keep the store as it is. A backup is taken with SQLite's online backup
// API (never a file copy of a live store), checked, and only then given its final name, so a
// file in `backups/` is always a whole, consistent store.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MIGRATIONS } from './migrations';
import {
  backupsDir,
  countRows,
  forgetCrashes,
  forgetHeld,
  liveConnections,
  recordHeld,
  runningMaintenance,
  takeMaintenanceLock,
  type HeldRows,
} from './store-guard';
import { StoreError } from './store-error';

/** How many backups are kept: a week of daily ones, or the last starts of a busy week. */
export const BACKUPS_KEPT = 7;
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;

export interface BackupInfo {
  file: string;
  takenAt: Date;
  rows: HeldRows;
}

const BACKUP_NAME = /^(.+)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3})Z-[0-9a-f]{8}\.sqlite$/;
const stem = (storeFile: string): string => basename(storeFile).replace(/\.sqlite$/, '');
const stamp = (at: Date): string => at.toISOString().replace(/:/g, '-').replace('.', '-').replace('Z', '');

function timeOf(name: string): Date | null {
  const t = BACKUP_NAME.exec(name)?.[2];
  return t
    ? new Date(`${t.slice(0, 10)}T${t.slice(11, 13)}:${t.slice(14, 16)}:${t.slice(17, 19)}.${t.slice(20, 23)}Z`)
    : null;
}

/** This store's backups, newest first. */
export function listBackups(storeFile: string): { file: string; takenAt: Date }[] {
  const dir = backupsDir(storeFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => BACKUP_NAME.exec(name)?.[1] === stem(storeFile))
    .map((name) => ({ file: join(dir, name), takenAt: timeOf(name)! }))
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.file.localeCompare(a.file));
}

/**
 * Opens a copy as a store of its own, in rollback-journal mode so that it is one self-contained
 * file, and proves it: integrity, a schema this app knows, and what it holds.
 */
export function verifyStoreCopy(file: string, name = basename(file)): HeldRows {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('store-corrupt', `${name} failed its integrity check (${String(check)}).`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new StoreError('store-corrupt', `${name} is not a store of this app (it has no tables).`);
    if (version > MIGRATIONS.length) {
      throw new StoreError(
        'store-newer-than-app',
        `${name} was written by a newer version of the app (schema ${version}, this app knows ${MIGRATIONS.length}).`,
      );
    }
    return countRows(db);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('store-corrupt', `${name} cannot be read as a store: ${(error as Error).message}.`);
  } finally {
    db.close();
  }
}

/** Takes a backup now and drops the oldest beyond `keep`. Safe to run from two processes at once. */
export async function backupStore(
  db: Database.Database,
  storeFile: string,
  at: Date,
  keep = BACKUPS_KEPT,
): Promise<BackupInfo> {
  const dir = backupsDir(storeFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${stem(storeFile)}-${stamp(at)}Z-${randomBytes(4).toString('hex')}.sqlite`);
  const partial = `${file}.partial`;
  try {
    await db.backup(partial);
    const rows = verifyStoreCopy(partial, file);
    renameSync(partial, file);
    recordHeld(storeFile, countRows(db), at);
    pruneBackups(storeFile, keep, at);
    return { file, takenAt: at, rows };
  } finally {
    rmSync(partial, { force: true });
  }
}

function pruneBackups(storeFile: string, keep: number, now: Date): void {
  for (const old of listBackups(storeFile).slice(keep)) rmSync(old.file, { force: true });
  // A backup interrupted by a crash leaves its .partial; another process's may still be running.
  const dir = backupsDir(storeFile);
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith('.partial') && now.getTime() - statSync(file).mtimeMs > 60 * 60 * 1000)
      rmSync(file, { force: true });
  }
}

/** Backups at start and then every `everyMs` while the store is open; failures are logged. */
export function scheduleBackups(
  db: Database.Database,
  storeFile: string,
  options: { everyMs: number; keep: number; now: () => Date; log: (message: string, detail?: unknown) => void },
): { stop(): void; running(): Promise<unknown> } {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = (): void => {
    current = backupStore(db, storeFile, options.now(), options.keep).then(
      (info) => options.log(`Backup of the local store: ${info.file}`),
      (error: unknown) => {
        if (!stopped) options.log('The backup of the local store failed', (error as Error).message);
      },
    );
  };
  run();
  const timer = setInterval(run, options.everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    running: () => current,
  };
}

function refuseWhileOpen(storeFile: string, action: string): void {
  const live = liveConnections(storeFile);
  if (live.length > 0) {
    throw new StoreError(
      'store-in-use',
      `The store is open in another program (process ${live.join(', ')}): close the B2B Portal app and any \`npm run web\` using this data folder, then ${action} again.`,
    );
  }
}

/** Runs `task` while holding the store's maintenance lock; a second caller is refused. */
function exclusively<T>(storeFile: string, task: () => T): T {
  const release = takeMaintenanceLock(storeFile);
  if (!release) {
    throw new StoreError(
      'store-in-use',
      `A restore of this store is already running (process ${runningMaintenance(storeFile) ?? '?'}); wait for it to finish.`,
    );
  }
  try {
    return task();
  } finally {
    release();
  }
}

export interface RestoreResult {
  from: string;
  rows: HeldRows;
  /** Where the files that were replaced are kept (nothing is deleted). */
  setAside: string | null;
}

function setAside(storeFile: string, files: string[], label: string, at: Date, copy = false): string | null {
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) return null;
  const dir = join(backupsDir(storeFile), `${label}-${stamp(at)}Z`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const f of present) (copy ? copyFileSync : renameSync)(f, join(dir, basename(f)));
  return dir;
}

const storeFiles = (storeFile: string): string[] => [storeFile, `${storeFile}-wal`, `${storeFile}-shm`];

/** Puts a backup (the latest by default) in place of the store; the replaced files are kept. */
export function restoreBackup(storeFile: string, at: Date, from?: string): RestoreResult {
  return exclusively(storeFile, () => {
    refuseWhileOpen(storeFile, 'restore');
    const source = from ?? listBackups(storeFile)[0]?.file;
    if (!source) throw new StoreError('store-no-backup', `There is no backup in ${backupsDir(storeFile)} to restore.`);
    if (!existsSync(source)) throw new StoreError('store-no-backup', `The backup ${source} does not exist.`);
    const incoming = `${storeFile}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      copyFileSync(source, incoming); // a finished backup, not a live store: a plain copy is exact
      const rows = verifyStoreCopy(incoming, source);
      const aside = setAside(storeFile, storeFiles(storeFile), 'replaced', at);
      renameSync(incoming, storeFile);
      forgetCrashes(storeFile);
      recordHeld(storeFile, rows, at);
      return { from: source, rows, setAside: aside };
    } finally {
      rmSync(incoming, { force: true });
    }
  });
}

/**
 * Keeps the store as it is after the guard refused it: a vanished store starts again empty, a
 * store that lost its journal opens with what SQLite can recover. A copy of every file is kept.
 */
export function acceptStore(storeFile: string, at: Date): { setAside: string | null } {
  return exclusively(storeFile, () => {
    refuseWhileOpen(storeFile, 'accept the store');
    const aside = setAside(storeFile, storeFiles(storeFile), 'accepted', at, true);
    forgetCrashes(storeFile);
    forgetHeld(storeFile); // counted again on the next open, from what the store holds then
    return { setAside: aside };
  });
}
