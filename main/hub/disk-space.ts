// A full disk (issue 24): on a 300 MB disk filled by one device's pushes, every call of every
// device got 500 while /v1/health kept answering {"ok":true}. The hub now knows it is out of
// space two ways:
// - it measures the free space of its data folder (statfs; the embedded PostgreSQL lives there)
//   and below a minimum (--min-free-mb) takes no call at all, before PostgreSQL meets a full disk
//   (a WAL write it cannot make stops the whole server);
// - it recognises a full disk in an error: PostgreSQL's disk_full (SQLSTATE 53100, a managed
//   cluster's disk too) or ENOSPC / EDQUOT on a file.
// Either way the answer is 503 `out-of-space` with Retry-After (the workstations keep what they
// send and retry), /v1/health fails saying so, and everything comes back by itself once there is
// space again: nothing to restart.
import { statfs } from 'node:fs/promises';
import { HubError } from './hub-error';

/** Seconds a workstation is asked to wait before it tries again. */
export const OUT_OF_SPACE_RETRY_SECONDS = 30;

/** After the database or a file said "disk full", /v1/health says so for this long (unless it
 * happens again): a full disk that nobody writes to is not seen any other way. */
const REMEMBERED_MS = 60_000;

const MB = 1024 * 1024;

/** An error that means the disk (the database's, or the hub's own files') is full. */
export function outOfSpace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '53100' || code === 'ENOSPC' || code === 'EDQUOT';
}

export const outOfSpaceError = (detail: string) =>
  new HubError(
    'out-of-space',
    `The hub is out of space${detail}: what this workstation sends waits on it and is sent again once the hub's administrator frees disk space.`,
    { retryAfterSeconds: OUT_OF_SPACE_RETRY_SECONDS },
  );

export interface DiskGuard {
  /** Refuses (503 `out-of-space`) while the data folder has less free space than the minimum. */
  check(): Promise<void>;
  /** As check, and also while a full disk was met in the last minute: for /v1/health. */
  checkHealth(): Promise<void>;
  /** An error met on a call: true (and remembered for /v1/health) when it means a full disk. */
  noted(error: unknown): boolean;
}

export function createDiskGuard(
  options: {
    /** The folder whose disk holds the hub's data (the embedded PostgreSQL); null: not measured
     * (a database by URL has its own disk, whose "full" the hub learns from its errors). */
    dir?: string | null;
    /** Free bytes under which the hub takes no call (0: never). */
    minFreeBytes?: number;
    /** The hub's clock (services.now), for how long a "disk full" is remembered. */
    now?: () => Date;
    /** How long one measure of the free space is used: a burst of calls makes one statfs. */
    measureEveryMs?: number;
    log?: (line: string) => void;
  } = {},
): DiskGuard {
  const { dir = null, minFreeBytes = 0, measureEveryMs = 1000 } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  let measured: { at: number; free: number | null } | null = null;
  let measuring: Promise<number | null> | null = null;
  let low = false;
  let fullUntil = 0;

  const measure = (folder: string): Promise<number | null> =>
    statfs(folder).then(
      (s) => s.bavail * s.bsize,
      (error: unknown) => {
        // Not measurable (the folder gone, a platform without statfs): not a reason to refuse.
        if (measured?.free !== null) log(`hub: cannot measure the free space of ${folder}: ${String(error)}`);
        return null;
      },
    );

  async function freeBytes(): Promise<number | null> {
    if (dir === null || minFreeBytes <= 0) return null;
    if (measured && performance.now() - measured.at < measureEveryMs) return measured.free;
    measuring ??= measure(dir).then((free) => {
      measured = { at: performance.now(), free };
      measuring = null;
      return free;
    });
    return measuring;
  }

  async function check(): Promise<void> {
    const free = await freeBytes();
    const isLow = free !== null && free < minFreeBytes;
    if (isLow !== low) {
      // Said once when it starts and once when it ends: a log line per refused call would write
      // to a disk that is full.
      low = isLow;
      log(
        isLow
          ? `hub: ${mb(free!)} MB free in ${dir}, under the minimum of ${mb(minFreeBytes)} MB (--min-free-mb): every call is refused until there is space`
          : `hub: ${mb(free ?? 0)} MB free in ${dir} again: calls are taken again`,
      );
    }
    if (isLow)
      throw outOfSpaceError(` (${mb(free!)} MB free on its data disk, under its minimum of ${mb(minFreeBytes)} MB)`);
  }

  return {
    check,
    async checkHealth() {
      await check();
      if (now().getTime() < fullUntil) throw outOfSpaceError(' (its database could not write for lack of disk space)');
    },
    noted(error) {
      if (!outOfSpace(error)) return false;
      const at = now().getTime();
      if (at >= fullUntil) log(`hub: out of space: ${(error as Error).message}`);
      fullUntil = at + REMEMBERED_MS;
      return true;
    },
  };
}

const mb = (bytes: number) => Math.floor(bytes / MB);
