// Each supplier device's quota (issue 24, N4): one anonymous device pushed 20 requests with a
// 4.9 MB PDF each, +271 MB in 15 s, until the hub's disk was full. A supplier's workstation may
// now send so many requests an hour and so many bytes a day (far above what a real supplier
// sends); past that its push is answered 429 `rate-limited` with Retry-After and words. Nothing
// is lost: a refused push settles none of its mutations, so the workstation keeps them queued and
// sends them again later (main/sync/sync-worker.ts retries every 4xx that is not a mutation's own
// answer).
//
// Counted before a push is applied, per mutation id, in PostgreSQL under a per-device lock: two
// pushes at once (or on two hubs of one database) cannot both take the last place, and a push
// sent again (a lost answer, a 5xx) is not counted twice. Desk devices are not counted: each
// belongs to an agent who logged in, and a desk clearing a backlog must not be refused.
import type { Pool, PoolClient } from 'pg';
import type { Device } from './devices';
import { HubError } from './hub-error';
import type { PushBody } from '../hub-protocol/push';
import { inTransaction } from './transaction';

export interface DeviceQuota {
  /** New mutations (requests, reminders, recovery forms…) a supplier device may send an hour. */
  requestsPerHour: number;
  /** Bytes of new mutations (their arguments as JSON, attachments included) it may send a day. */
  bytesPerDay: number;
}

const MB = 1024 * 1024;

/** A supplier sends a few requests a week; these are met only by a device sending in a loop. */
export const DEFAULT_DEVICE_QUOTA: DeviceQuota = { requestsPerHour: 30, bytesPerDay: 100 * MB };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Each device's counting, one at a time on every hub of the database (a transaction lock; the
 * push's own lock, DEVICE_LOCK in sync.ts, is another key, so neither waits for the other). */
const QUOTA_LOCK = 4650_0024;

type Mutation = PushBody['mutations'][number];

/** What a mutation weighs against the daily bytes: its name and arguments as the hub keeps them. */
export const weightOf = (mutation: Mutation): number =>
  Buffer.byteLength(mutation.name) + Buffer.byteLength(JSON.stringify(mutation.args ?? null));

/**
 * The push as it may be applied: every mutation the device sent before (applied, or counted by
 * an earlier push), then its new ones in order as long as they fit the quota, each counted now.
 * The rest is cut (the workstation sends it again with its next push, which is refused until
 * the quota allows it); a push with nothing left is refused with 429 and when to come back.
 */
export function admitPush(
  pool: Pool,
  device: Device,
  body: PushBody,
  quota: DeviceQuota,
  now: Date,
): Promise<PushBody> {
  if (device.kind !== 'supplier') return Promise.resolve(body);
  // One count of a device at a time in this process: the others wait here without holding a pool
  // connection (a burst of one device must not take the connections every device needs).
  return oneAtATime(pool, device.id, async () => {
    const admitted = await inTransaction(pool, (tx) => admitLocked(tx, device, body, quota, now));
    if (admitted instanceof HubError) throw admitted;
    return admitted;
  });
}

interface Use {
  id: number;
  bytes: number;
  at: number;
}

async function admitLocked(
  tx: PoolClient,
  device: Device,
  body: PushBody,
  quota: DeviceQuota,
  now: Date,
): Promise<PushBody | HubError> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [QUOTA_LOCK, device.id]);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const { rows } = await tx.query<{ last: string; id: string | null; bytes: string | null; at: Date | null }>(
    `SELECT d.last_mutation_id AS last, u.mutation_id AS id, u.bytes, u.at
     FROM devices d LEFT JOIN device_quota_use u ON u.device_id = d.id AND u.at > $2
     WHERE d.id = $1 ORDER BY u.at`,
    [device.id, dayAgo],
  );
  const last = Number(rows[0]?.last ?? 0);
  const used: Use[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({ id: Number(r.id), bytes: Number(r.bytes), at: r.at!.getTime() }));
  const counted = new Set(used.map((u) => u.id));
  const at = now.getTime();
  const kept: Mutation[] = [];
  const fresh: Use[] = [];
  let refusal: HubError | null = null;
  for (const mutation of [...body.mutations].sort((a, b) => a.id - b.id)) {
    if (mutation.id <= last || counted.has(mutation.id)) {
      kept.push(mutation); // applied already (answered again) or counted by an earlier push
      continue;
    }
    const next: Use = { id: mutation.id, bytes: weightOf(mutation), at };
    refusal = overQuota([...used, ...fresh], next, quota, at);
    if (refusal) break;
    fresh.push(next);
    kept.push(mutation);
  }
  if (fresh.length > 0)
    // Re-counted when sent again after its count left the day (a row pruned or not yet).
    await tx.query(
      `INSERT INTO device_quota_use (device_id, mutation_id, bytes, at)
       SELECT $1, x.id, x.bytes, $4 FROM unnest($2::bigint[], $3::bigint[]) AS x(id, bytes)
       ON CONFLICT (device_id, mutation_id) DO UPDATE SET bytes = excluded.bytes, at = excluded.at`,
      [device.id, fresh.map((u) => u.id), fresh.map((u) => u.bytes), now],
    );
  // Counts older than a day say nothing any more: a few are pruned at each push (any device's,
  // none another push is pruning), so the table stays about one day of pushes.
  await tx.query(
    `DELETE FROM device_quota_use WHERE ctid = ANY(ARRAY(
       SELECT ctid FROM device_quota_use WHERE at <= $1 LIMIT 200 FOR UPDATE SKIP LOCKED))`,
    [dayAgo],
  );
  // Refused whole only when nothing is left: the counting and pruning above are kept either way.
  return kept.length === 0 ? refusal! : { ...body, mutations: kept };
}

/** Why `next` does not fit beside what the device sent in the last day (`used`, oldest first),
 * with when it will; null when it fits. */
function overQuota(used: Use[], next: Use, quota: DeviceQuota, now: number): HubError | null {
  const lastHour = used.filter((u) => u.at > now - HOUR_MS);
  const dayBytes = used.reduce((sum, u) => sum + u.bytes, 0);
  const waits: Array<{ until: number; words: string; quota: string }> = [];
  if (lastHour.length + 1 > quota.requestsPerHour) {
    // Room for one more once enough of the hour's requests are an hour old.
    const freeing = lastHour[lastHour.length - quota.requestsPerHour]!;
    waits.push({
      until: freeing.at + HOUR_MS,
      words: `${quota.requestsPerHour} requests in an hour`,
      quota: 'requests-per-hour',
    });
  }
  // One mutation larger than the whole day's bytes passes on a day with nothing else, so that a
  // small quota never holds a queue for ever.
  if (dayBytes > 0 && dayBytes + next.bytes > quota.bytesPerDay) {
    let left = dayBytes;
    let until = now;
    for (const u of used) {
      left -= u.bytes;
      until = u.at + DAY_MS;
      if (left === 0 || left + next.bytes <= quota.bytesPerDay) break;
    }
    waits.push({ until, words: `${Math.round(quota.bytesPerDay / MB)} MB in a day`, quota: 'bytes-per-day' });
  }
  if (waits.length === 0) return null;
  const wait = waits.reduce((a, b) => (b.until > a.until ? b : a));
  const when = new Date(wait.until);
  return new HubError(
    'rate-limited',
    `This workstation sent more than ${wait.words}: it can send again at ${shownTime(when)}. Nothing is lost: what it sends waits on it until then.`,
    {
      quota: wait.quota,
      retryAt: when.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((wait.until - now) / 1000)),
    },
  );
}

/** The hub's time in words a person reads anywhere, to the next minute (a person who comes back
 * at the minute shown is not refused again): "2026-11-29 10:05 UTC". */
const shownTime = (at: Date) =>
  `${new Date(Math.ceil(at.getTime() / 60_000) * 60_000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Each pool's counts in progress, by device (a pool is a hub: two hubs in one process, as in
 * the tests, are kept apart, so that only PostgreSQL's lock stands between them). */
const countingOn = new WeakMap<Pool, Map<string, Promise<unknown>>>();

function oneAtATime<T>(pool: Pool, key: string, work: () => Promise<T>): Promise<T> {
  const counting = countingOn.get(pool) ?? new Map<string, Promise<unknown>>();
  countingOn.set(pool, counting);
  const run = (counting.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  counting.set(key, tail);
  void tail.then(() => {
    if (counting.get(key) === tail) counting.delete(key);
  });
  return run;
}
