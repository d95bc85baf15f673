// Opens the local store and proves its settings. better-sqlite3 reopens WAL databases with
// synchronous=NORMAL, so every pragma is set on every open and read back, not assumed.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { StoreError } from './store-error';
import {
  checkAfterOpen,
  checkBeforeOpen,
  countRows,
  markOpen,
  readHeld,
  recordHeld,
  runningMaintenance,
} from './store-guard';
import { refusal } from './store-refusal';

export { StoreError } from './store-error';
export type Db = Database.Database;

export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL: a submission acknowledged to the user survives a power cut
  foreign_keys: 1,
  busy_timeout: 5000,
} as const;

/**
 * Opens the store in `file`, refusing one that vanished or lost its journal (see store-guard.ts)
 * with a StoreError that says what happened and how to restore or keep it.
 */
export function openStore(file: string): Db {
  const maintenance = runningMaintenance(file);
  if (maintenance !== null)
    throw new StoreError(
      'store-in-use',
      `The store is being restored (process ${maintenance}); start the app again once it has finished.`,
    );
  const before = checkBeforeOpen(file);
  if (before) throw refusal(file, before);
  const db = new Database(file, { timeout: REQUIRED_PRAGMAS.busy_timeout });
  try {
    const after = checkAfterOpen(file, schemaVersion(db), () => countRows(db));
    if (after) throw refusal(file, after);
    enterWal(db);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${REQUIRED_PRAGMAS.busy_timeout}`);
    verifyPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('store-corrupt', `The local store failed its check (${String(check)}).`);
    migrate(db);
    if (!readHeld(file)) recordHeld(file, countRows(db), new Date());
  } catch (error) {
    db.close();
    throw error;
  }
  const markClosed = markOpen(file);
  // The guard must see this connection close; the instance keeps better-sqlite3's own close.
  const close = db.close.bind(db);
  db.close = () => {
    if (db.open) {
      try {
        recordHeld(file, countRows(db), new Date());
      } catch {
        // a store closed after a failed migration or on a full disk: the last record stands
      }
      close();
    }
    markClosed();
    return db;
  };
  return db;
}

/**
 * Switches a new store to WAL. The switch needs the file to itself: while another process opening
 * the same new store creates and migrates it (the app and its command line started together, on
 * a loaded machine), SQLite's busy wait can run out, or end at once where waiting could deadlock.
 * An open is worth waiting for, so the switch is tried again for up to 30 seconds.
 */
function enterWal(db: Db): void {
  const until = Date.now() + 30_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > until) throw error;
      Atomics.wait(pause, 0, 0, 20); // a synchronous open: a short sleep, not a busy loop
    }
  }
}

export function readPragmas(db: Db): Record<keyof typeof REQUIRED_PRAGMAS, unknown> {
  return {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
    busy_timeout: db.pragma('busy_timeout', { simple: true }),
  };
}

function verifyPragmas(db: Db): void {
  const actual = readPragmas(db);
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const value = actual[name as keyof typeof REQUIRED_PRAGMAS];
    if (value !== expected) {
      throw new StoreError('store-settings', `SQLite refused ${name}=${expected} (got ${String(value)}).`);
    }
  }
}

export const schemaVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

/** Applies the numbered migrations past `user_version`, each in its own transaction. */
export function migrate(db: Db, migrations = MIGRATIONS): void {
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'store-newer-than-app',
      `This data folder was written by a newer version of the app (schema ${current}, this app knows ${latest}). ` +
        'Install the newer version, or start with another --data-dir.',
    );
  }
  for (const migration of migrations.slice(current)) {
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF'); // a no-op inside a transaction
    try {
      // IMMEDIATE takes the write lock first, so of two processes opening an older store at
      // once, the second waits, then finds the migration done and skips it.
      db.transaction(() => {
        if (schemaVersion(db) >= migration.version) return;
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0)
          throw new StoreError('store-corrupt', `Migration ${migration.name} broke ${broken.length} references.`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
}
