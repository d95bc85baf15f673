// Notices a store that vanished or lost its journal, which SQLite alone would paper over: a
// missing or 0-byte file opens as a new empty store, and a missing or damaged `-wal` after a
// crash is replayed as far as it goes, silently dropping acknowledged rows.
//
// What the guard knows lives outside the store, in `<store>.state/`:
// - `held.json`: the store exists (it was created here) and how many rows it last held;
// - `open-<pid>-<id>`: one file per open connection, removed when it closes. A file whose
//   process is gone means that process crashed with the store open, so the journal matters.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { inspectWal } from './wal-check';

export interface HeldRows {
  companies: number;
  accounts: number;
  submissions: number;
}

interface Held {
  createdAt: string;
  rows: HeldRows;
  seenAt: string;
}

export type GuardProblem =
  | { kind: 'vanished'; detail: string; held: Held }
  | { kind: 'journal-missing'; detail: string }
  | { kind: 'journal-damaged'; detail: string };

export const stateDir = (storeFile: string): string => `${storeFile}.state`;
export const backupsDir = (storeFile: string): string => join(dirname(storeFile), 'backups');
const heldFile = (storeFile: string): string => join(stateDir(storeFile), 'held.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
  return !isZombie(pid);
}

/** A killed process whose parent has not reaped it still answers signal 0, but it is dead and
 * its journal matters (Linux: the state letter in /proc/<pid>/stat; elsewhere unknown: alive). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}

interface OpenMarker {
  file: string;
  pid: number;
}

function openMarkers(storeFile: string): OpenMarker[] {
  const dir = stateDir(storeFile);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^open-(\d+)-[0-9a-f]+$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: join(dir, m[0]), pid: Number(m[1]) }));
}

/** Processes that have this store open now (a running app, host or desk command). */
export const liveConnections = (storeFile: string): number[] =>
  openMarkers(storeFile)
    .filter((m) => isAlive(m.pid))
    .map((m) => m.pid);

const maintenanceLock = (storeFile: string): string => join(stateDir(storeFile), 'maintenance.lock');

/** The process restoring or accepting this store now, or null (a lock left by a crash is removed). */
export function runningMaintenance(storeFile: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(maintenanceLock(storeFile), 'utf8'));
  } catch {
    return null;
  }
  if (pid === process.pid || (pid > 0 && isAlive(pid))) return pid;
  rmSync(maintenanceLock(storeFile), { force: true });
  return null;
}

/** Takes the maintenance lock (one restore or accept at a time, across processes); null if taken. */
export function takeMaintenanceLock(storeFile: string): (() => void) | null {
  mkdirSync(stateDir(storeFile), { recursive: true, mode: 0o700 });
  runningMaintenance(storeFile); // clears a lock whose process is gone
  try {
    writeFileSync(maintenanceLock(storeFile), String(process.pid), { flag: 'wx', mode: 0o600 }); // atomic: one creator wins
  } catch {
    return null;
  }
  return () => rmSync(maintenanceLock(storeFile), { force: true });
}

export function readHeld(storeFile: string): Held | null {
  try {
    return JSON.parse(readFileSync(heldFile(storeFile), 'utf8')) as Held;
  } catch {
    return null;
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}

export function recordHeld(storeFile: string, rows: HeldRows, at: Date): void {
  mkdirSync(stateDir(storeFile), { recursive: true, mode: 0o700 });
  const held = readHeld(storeFile);
  writeAtomically(
    heldFile(storeFile),
    JSON.stringify({ createdAt: held?.createdAt ?? at.toISOString(), rows, seenAt: at.toISOString() } satisfies Held),
  );
}

export const forgetHeld = (storeFile: string): void => rmSync(heldFile(storeFile), { force: true });

export function countRows(db: Database.Database): HeldRows {
  return db
    .prepare(
      'SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM submissions) AS submissions',
    )
    .get() as HeldRows;
}

const total = (rows: HeldRows): number => rows.companies + rows.accounts + rows.submissions;
export const describeRows = (rows: HeldRows): string =>
  `${rows.companies} companies, ${rows.accounts} accounts, ${rows.submissions} requests`;

/** Before SQLite touches the files: is anything missing that this store had? */
export function checkBeforeOpen(storeFile: string): GuardProblem | null {
  const held = readHeld(storeFile);
  if (held) {
    if (!existsSync(storeFile)) return { kind: 'vanished', detail: `${basename(storeFile)} is missing`, held };
    if (statSync(storeFile).size === 0)
      return { kind: 'vanished', detail: `${basename(storeFile)} is an empty file (0 bytes)`, held };
  }
  const markers = openMarkers(storeFile);
  const crashed = markers.filter((m) => !isAlive(m.pid));
  // While another process has the store open, its journal is in use and SQLite coordinates.
  if (crashed.length === 0 || crashed.length < markers.length || !existsSync(storeFile)) return null;
  const wal = `${storeFile}-wal`;
  if (!existsSync(wal)) {
    return {
      kind: 'journal-missing',
      detail: `the app stopped without closing the store and its journal (${basename(wal)}) is missing`,
    };
  }
  const shm = `${storeFile}-shm`;
  const report = inspectWal(readFileSync(wal), existsSync(shm) ? readFileSync(shm) : null);
  return report.damage
    ? { kind: 'journal-damaged', detail: `the journal ${basename(wal)} is damaged: ${report.damage}` }
    : null;
}

/** After SQLite opened it, before migrations: a store that held rows is not an empty one now. */
export function checkAfterOpen(storeFile: string, schemaVersion: number, rows: () => HeldRows): GuardProblem | null {
  const held = readHeld(storeFile);
  if (!held) return null;
  if (schemaVersion === 0)
    return { kind: 'vanished', detail: `${basename(storeFile)} has been replaced by an empty database`, held };
  if (total(held.rows) > 0 && total(rows()) === 0)
    return { kind: 'vanished', detail: `${basename(storeFile)} no longer holds any company, account or request`, held };
  return null;
}

/** Marks this connection open; the returned function marks it closed. Crashed markers go. */
export function markOpen(storeFile: string): () => void {
  mkdirSync(stateDir(storeFile), { recursive: true, mode: 0o700 });
  forgetCrashes(storeFile); // checkBeforeOpen judged them; SQLite has replayed their journal
  const file = join(stateDir(storeFile), `open-${process.pid}-${randomBytes(6).toString('hex')}`);
  writeFileSync(file, new Date().toISOString(), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** Forgets crashed connections, so that the store opens as it is now (after the user chose to). */
export function forgetCrashes(storeFile: string): void {
  for (const marker of openMarkers(storeFile)) if (!isAlive(marker.pid)) rmSync(marker.file, { force: true });
}
