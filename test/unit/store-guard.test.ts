// A store that vanishes or loses its journal is refused with words and a way back, never
// silently replaced; backups roll; a restore is a drill, run here through the desk's command.
import Database from 'better-sqlite3';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { actOnRefusedStore, refusedStoreBox } from '../../main/app/store-refused';
import { STORE_FILE } from '../../main/paths';
import { acceptStore, listBackups, verifyStoreCopy } from '../../main/store/backups';
import { openStore, StoreError } from '../../main/store/database';
import { inspectWal } from '../../main/store/wal-check';
import { tempDir, testCore } from '../fixtures/core';

const ROOT = resolve(__dirname, '..', '..');
const DESK_CLI = join(ROOT, 'dist', 'main', 'desk.cjs');
const run = promisify(execFile);
const desk = (...args: string[]) => run(process.execPath, [DESK_CLI, ...args], { encoding: 'utf8' });

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const folder = () => {
  const dir = tempDir('portal-guard-');
  cleanups.push(dir.remove);
  return dir.path;
};

const helpRequest = (message: string) => ({
  purpose: 'technical',
  message,
  name: 'Ana Lima',
  company: 'Lima Parts',
  email: 'ana@lima.example',
  phone: '+33 1 23 45 67 89',
  lang: 'en',
});

/** A data folder whose store holds the demo directory (with the demo's own request, A10003's
 * access request) and one help request, closed cleanly: 2 requests. */
async function folderWithData(): Promise<string> {
  const dataDir = folder();
  const core = testCore({ dataDir, backups: false });
  expect((await core.router.call('submitHelpRequest', helpRequest('first request'))).ok).toBe(true);
  core.close();
  return dataDir;
}

const refusal = (fn: () => unknown): StoreError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('the store was opened');
};

const messages = (dataDir: string): string[] => {
  const db = new Database(join(dataDir, STORE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT payload FROM submissions ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('a store that vanished', () => {
  it('is refused when it became a 0-byte file, instead of starting again with the demo data', async () => {
    const dataDir = await folderWithData();
    const store = join(dataDir, STORE_FILE);
    truncateSync(store, 0);
    const error = refusal(() => testCore({ dataDir, backups: false }));
    expect(error.code).toBe('store-vanished');
    expect(error.message).toContain('portal.sqlite is an empty file (0 bytes)');
    expect(error.message).toMatch(/though it held 4 companies, \d+ accounts, 2 requests/);
    expect(error.message).toContain(`npm run desk -- restore --data-dir "${dataDir}"`);
    expect(statSync(store).size).toBe(0); // nothing was written over it
  });

  it('is refused when the file is missing or replaced by an empty database', async () => {
    const dataDir = await folderWithData();
    const store = join(dataDir, STORE_FILE);
    rmSync(store);
    expect(refusal(() => openStore(store)).message).toContain('portal.sqlite is missing');
    expect(existsSync(store)).toBe(false);
    const other = new Database(store); // another, unrelated database in its place
    other.exec('CREATE TABLE unrelated (x)');
    other.close();
    expect(refusal(() => openStore(store)).message).toContain('replaced by an empty database');
  });

  it('starts again empty only when the user says so, keeping a copy of what was there', async () => {
    const dataDir = await folderWithData();
    const store = join(dataDir, STORE_FILE);
    truncateSync(store, 0);
    const out = await desk('accept-store', '--data-dir', dataDir);
    expect(out.stdout).toContain('The store will open as it is now');
    const kept = readdirSync(join(dataDir, 'backups')).find((n) => n.startsWith('accepted-'));
    expect(kept && statSync(join(dataDir, 'backups', kept, STORE_FILE)).size).toBe(0);
    const core = testCore({ dataDir, backups: false });
    cleanups.push(() => core.close());
    // The first request is gone; the empty store got the demo again, with its own request only.
    expect(messages(dataDir).map((p) => (JSON.parse(p) as { cofor?: string }).cofor)).toEqual(['A10003']);
  });
});

describe('the desktop app', () => {
  it('offers the two ways on as buttons, and restores when asked', async () => {
    const dataDir = await folderWithData();
    const core = testCore({ dataDir, backups: false });
    await desk('backup', '--data-dir', dataDir);
    core.close();
    const store = join(dataDir, STORE_FILE);
    truncateSync(store, 0);
    const box = refusedStoreBox(refusal(() => openStore(store)));
    expect(box.buttons).toEqual(['Restore the latest backup', 'Start with an empty store', 'Quit']);
    expect(box.message).toContain('portal.sqlite is an empty file');
    expect(box.detail).toMatch(/^The latest backup is from /);
    expect(actOnRefusedStore(2, store, new Date())).toBe(false);
    expect(statSync(store).size).toBe(0);
    expect(actOnRefusedStore(0, store, new Date())).toBe(true);
    expect(messages(dataDir)).toHaveLength(2); // the demo's own request and the first request
  });
});

describe('the restore drill', () => {
  it('backs up, loses the store, is refused, restores through the desk command, and keeps what it replaced', async () => {
    const dataDir = await folderWithData();
    const store = join(dataDir, STORE_FILE);
    // Two backups asked for at once, with the app open: two whole, distinct files.
    const core = testCore({ dataDir, backups: false });
    const both = await Promise.all([desk('backup', '--data-dir', dataDir), desk('backup', '--data-dir', dataDir)]);
    for (const out of both) expect(out.stdout).toMatch(/Backup written to .*\(4 companies, \d+ accounts, 2 requests\)/);
    const backups = listBackups(store);
    expect(backups).toHaveLength(2);
    for (const b of backups) expect(verifyStoreCopy(b.file).submissions).toBe(2);
    expect((await core.router.call('submitHelpRequest', helpRequest('after the backup'))).ok).toBe(true);

    // While the app has it open, a restore is refused.
    const busy = await desk('restore', '--data-dir', dataDir).catch((e: { stderr: string; code: number }) => e);
    expect(busy).toMatchObject({ code: 1 });
    expect((busy as { stderr: string }).stderr).toContain('The store is open in another program');
    core.close();

    truncateSync(store, 0);
    const refused = refusal(() => testCore({ dataDir, backups: false }));
    expect(refused.message).toMatch(
      /The latest backup is from \d{4}-\d\d-\d\d \d\d:\d\d UTC, 4 companies, \d+ accounts, 2 requests\./,
    );

    const restored = await desk('restore', '--data-dir', dataDir);
    expect(restored.stdout).toMatch(/Restored .*backups\/portal-.*\.sqlite \(4 companies, \d+ accounts, 2 requests\)/);
    expect(restored.stdout).toContain('The files it replaced are kept in');
    const reopened = testCore({ dataDir, backups: false });
    cleanups.push(() => reopened.close());
    const restoredRows = messages(dataDir).map((p) => JSON.parse(p) as { message?: string; cofor?: string });
    expect(restoredRows.map((p) => p.message ?? `demo request ${p.cofor}`)).toEqual([
      'demo request A10003',
      'first request',
    ]);
    const replaced = readdirSync(join(dataDir, 'backups')).find((n) => n.startsWith('replaced-'))!;
    expect(statSync(join(dataDir, 'backups', replaced, STORE_FILE)).size).toBe(0);
  }, 60_000);

  it('runs one restore at a time when two are asked for at once', async () => {
    const dataDir = await folderWithData();
    await desk('backup', '--data-dir', dataDir);
    truncateSync(join(dataDir, STORE_FILE), 0);
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => desk('restore', '--data-dir', dataDir)));
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    for (const o of outcomes)
      if (o.status === 'rejected') expect((o.reason as { stderr: string }).stderr).toContain('already running');
    expect(messages(dataDir)).toHaveLength(2); // the demo's own request and the first request
    expect(() => openStore(join(dataDir, STORE_FILE)).close()).not.toThrow();
  });

  it('refuses a file that is not a store of this app, and leaves the store alone', async () => {
    const dataDir = await folderWithData();
    const bogus = join(dataDir, 'not-a-backup.sqlite');
    writeFileSync(bogus, 'hello');
    const out = await desk('restore', '--data-dir', dataDir, '--from', bogus).catch((e: { stderr: string }) => e);
    expect((out as { stderr: string }).stderr).toContain('not-a-backup.sqlite');
    expect(messages(dataDir)).toHaveLength(2); // the demo's own request and the first request
  });
});

describe('rolling backups', () => {
  it('takes one at start and then on schedule, keeps the newest few, each one a whole store', async () => {
    const log: string[] = [];
    const core = testCore({ backups: { everyMs: 40, keep: 3 }, log: (m) => log.push(m) });
    cleanups.push(() => core.dispose());
    while (log.filter((m) => m.startsWith('Backup of the local store')).length < 5)
      await new Promise((r) => setTimeout(r, 20));
    const backups = listBackups(join(core.dataDir, STORE_FILE));
    expect(backups).toHaveLength(3);
    for (const b of backups) expect(verifyStoreCopy(b.file).companies).toBe(4);
    expect(readdirSync(join(core.dataDir, 'backups')).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});

/** Starts a process that saves rows and is then killed with the store open. */
async function crashWithRows(store: string, rows: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'test', 'fixtures', 'store-writer.ts'), store, String(rows)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((ready, failed) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && ready());
    child.on('exit', (code) => failed(new Error(`the writer exited (${code})`)));
  });
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** The same crash, under a parent that never reaps its children: the writer stays a zombie. */
async function crashWithRowsLeavingZombie(
  store: string,
  rows: number,
): Promise<{ writerPid: number; stop: () => void }> {
  const writer = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(join(ROOT, 'test', 'fixtures', 'store-writer.ts'))} ${JSON.stringify(store)} ${rows}`;
  // sh starts the writer, prints its pid, then becomes "sleep", which never waits for it.
  const parent = spawn('sh', ['-c', `${writer} & echo "pid $!"; exec sleep 600`], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((ready, failed) => {
    parent.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (/pid \d+/.test(out) && out.includes('ready')) ready();
    });
    parent.on('exit', (code) => failed(new Error(`the writer's parent exited (${code})`)));
  });
  const writerPid = Number(/pid (\d+)/.exec(out)![1]);
  process.kill(writerPid, 'SIGKILL');
  for (let i = 0; i < 100 && !/\) Z /.test(readFileSync(`/proc/${writerPid}/stat`, 'utf8')); i++)
    await new Promise((r) => setTimeout(r, 20));
  return { writerPid, stop: () => parent.kill('SIGKILL') };
}

const savedRows = (store: string): number => {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM settings WHERE key LIKE 'crash-row-%'").pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('a crash and the journal', () => {
  it('reopens with every saved row when the journal is intact (no false alarm)', async () => {
    const store = join(folder(), STORE_FILE);
    openStore(store).close();
    await crashWithRows(store, 30);
    expect(existsSync(`${store}-wal`)).toBe(true);
    expect(inspectWal(readFileSync(`${store}-wal`)).damage).toBeNull();
    const db = openStore(store);
    db.close();
    expect(savedRows(store)).toBe(30);
  }, 30_000);

  it('refuses a store whose journal was deleted after the crash, until the user keeps it as it is', async () => {
    const store = join(folder(), STORE_FILE);
    openStore(store).close();
    await crashWithRows(store, 30);
    rmSync(`${store}-wal`);
    const error = refusal(() => openStore(store));
    expect(error.code).toBe('store-journal-missing');
    expect(error.message).toContain('its journal (portal.sqlite-wal) is missing');
    expect(error.message).toContain('npm run desk -- accept-store');
    acceptStore(store, new Date());
    openStore(store).close();
    expect(savedRows(store)).toBe(0); // what the journal held is gone, and the user was told
  }, 30_000);

  it('refuses a damaged journal that SQLite would replay only up to the damage', async () => {
    const store = join(folder(), STORE_FILE);
    openStore(store).close();
    await crashWithRows(store, 30);
    const wal = readFileSync(`${store}-wal`);
    wal[32 + 24 + 200] = wal[32 + 24 + 200]! ^ 0xff; // one byte in the first frame's page
    writeFileSync(`${store}-wal`, wal);
    const report = inspectWal(wal);
    expect(report.droppedCommits).toBeGreaterThanOrEqual(30);

    const error = refusal(() => openStore(store));
    expect(error.code).toBe('store-journal-damaged');
    expect(error.message).toMatch(/frame 1 of \d+ is damaged and \d+ saved transaction\(s\) after it would be dropped/);
    // What plain SQLite does with it: opens without a word and without the saved rows.
    expect(savedRows(store)).toBeLessThan(30);
  }, 30_000);

  it('refuses damage on the last saved transaction: the shared index says it was committed', async () => {
    const store = join(folder(), STORE_FILE);
    openStore(store).close();
    await crashWithRows(store, 30);
    const wal = readFileSync(`${store}-wal`);
    const shm = readFileSync(`${store}-shm`);
    expect(inspectWal(wal, shm).damage).toBeNull(); // as the crash left it: nothing lost
    const at = wal.length - 100; // a byte in the last frame, the last commit's
    wal[at] = wal[at]! ^ 0xff;
    writeFileSync(`${store}-wal`, wal);
    expect(inspectWal(wal).damage).toBeNull(); // the log alone cannot tell it from a torn write
    expect(inspectWal(wal, shm)).toMatchObject({ droppedCommits: 1 });
    const error = refusal(() => openStore(store));
    expect(error.code).toBe('store-journal-damaged');
    expect(error.message).toMatch(/is damaged and 1 saved transaction\(s\) after it would be dropped/);
    expect(savedRows(store)).toBe(29); // what plain SQLite makes of it: one acknowledged row gone
  }, 30_000);

  it('counts a killed writer that its parent has not reaped (a zombie) as crashed', async () => {
    const store = join(folder(), STORE_FILE);
    openStore(store).close();
    const { writerPid, stop } = await crashWithRowsLeavingZombie(store, 30);
    try {
      expect(readFileSync(`/proc/${writerPid}/stat`, 'utf8')).toMatch(/\) Z /);
      const wal = readFileSync(`${store}-wal`);
      wal[32 + 24 + 200] = wal[32 + 24 + 200]! ^ 0xff;
      writeFileSync(`${store}-wal`, wal);
      // Before: signal 0 reached the zombie, so the store counted as open elsewhere and the
      // damaged journal was replayed as far as it went, without a word.
      expect(refusal(() => openStore(store)).code).toBe('store-journal-damaged');
    } finally {
      stop();
    }
  }, 30_000);

  it('does not mistake a transaction torn by the crash for damage', () => {
    const store = join(folder(), STORE_FILE);
    const db = openStore(store);
    db.pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 5; i++) db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(`row-${i}`, 'x');
    const wal = readFileSync(`${store}-wal`);
    db.close();
    expect(inspectWal(wal).damage).toBeNull();
    const torn = Buffer.concat([wal, wal.subarray(32, 32 + 24 + 100)]); // half a frame more
    expect(inspectWal(torn).damage).toBeNull();
    const lastFrameGarbled = Buffer.from(wal);
    const at = lastFrameGarbled.length - 10;
    lastFrameGarbled[at] = lastFrameGarbled[at]! ^ 0xff;
    expect(inspectWal(lastFrameGarbled).damage).toBeNull();
  });
});
