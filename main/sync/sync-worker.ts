// Keeps a workstation's replica in step with its hub: registers the device once (its token in
// the OS keychain), pushes the queued intents in order, then pulls what changed and applies it
// to the local store. Offline, it waits and tries again with backoff; nothing queued is lost.
// While it backs off, a cheap health probe every few seconds notices the hub answering again, so
// a long outage costs seconds after the hub is back, not the rest of a backoff.
import type { SyncStatus as ShownSyncStatus } from '../../preload/contract/dto';
import type { Db } from '../store/database';
import type { HubQueue } from '../store/hub-queue';
import { SecretStoreUnavailable, type SecretStore } from '../secrets/secret-store';
import { createHubClient, type HubClient } from './hub-client';
import { HubFailing, HubRefused, HubUnreachable } from '../hub-protocol/errors';
import { createReplica } from './replica';
import { readQueued } from '../intents/registry';
import { pushResults } from '../hub-protocol/push';

export const HUB_TOKEN_KEY = 'hub.deviceToken';

const isRevoked = (error: unknown) => error instanceof HubRefused && error.code === 'device-revoked';

/** When a 429 says the workstation may send again: its `retryAt`, else now + `retryAfterSeconds`. */
function retryAtOf(error: HubRefused, now: Date): string {
  const at = Date.parse(String(error.body['retryAt'] ?? ''));
  if (Number.isFinite(at)) return new Date(at).toISOString();
  const seconds = Number(error.body['retryAfterSeconds']);
  return new Date(now.getTime() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000).toISOString();
}

/** The longest wait between two rounds while the hub fails (jitter included). */
export const BACKOFF_CAP_MS = 60_000;
/** How often, while backing off, the hub's health is probed (with jitter), and how long a probe
 * may take: with these, a round starts within 10 s of the hub answering again. */
export const PROBE_EVERY_MS = 4_000;
const PROBE_TIMEOUT_MS = 3_000;

/** The wait before the next round after `failures` failed ones in a row: doubling from the
 * interval, capped, with jitter (between half and all of it) so that desks do not retry together. */
export function backoffMs(intervalMs: number, failures: number, random: () => number = Math.random): number {
  if (failures === 0) return intervalMs;
  return Math.min(BACKOFF_CAP_MS, intervalMs * 2 ** Math.min(failures, 10)) * (0.5 + random() / 2);
}

/** What the header shows (the contract's SyncStatus), and the last problem, for the log. */
export type SyncStatus = ShownSyncStatus & { problem: string | null };

export function createSyncWorker(deps: {
  db: Db;
  queue: HubQueue;
  secrets: SecretStore;
  now: () => Date;
  log?: (message: string, detail?: unknown) => void;
  /** A desk workstation's token from the hub's `register-desk` (until enrolment by an agent's login). */
  deskToken?: string | null;
  intervalMs?: number;
  /** A desk's directory changed under it (its company search is built again). */
  onDirectoryChanged?: () => void;
  /** The desks' answer templates, as another desk saved them on the hub. */
  onTemplates?: (templates: unknown) => void;
}) {
  const { db, queue, secrets, now } = deps;
  let online: boolean | null = null;
  let problem: string | null = null;
  let needsKeychain = false;
  // The hub's administrator revoked this device (401 device-revoked): no more rounds of its own
  // (each would be refused), what waits is kept, and the header says why until an agent enrols
  // this workstation again. Never "register again", which would go on as a new anonymous device.
  let revoked = false;
  // The hub answered 429 (this workstation's sending quota, or too many pushes at once): it is up,
  // so the header says "online", and until when the hub asked it to wait (what waits is kept).
  let waitUntil: string | null = null;
  let running: Promise<void> | null = null;
  // Rounds and enrolments one at a time: each reads and writes this device's token and id, and
  // two enrolments at once could otherwise leave one's token with the other's id.
  let lane: Promise<unknown> = Promise.resolve();
  const inLane = <T>(work: () => Promise<T>): Promise<T> => {
    const next = lane.then(work, work);
    lane = next.catch(() => undefined);
    return next;
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let probe: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  // The last round failed because the hub did not answer at all (or a probe found it so): the
  // next probe that it answers starts a round at once.
  let hubWasDown = false;
  let stopped = true;

  const replica = createReplica({
    db,
    now,
    onDirectoryChanged: deps.onDirectoryChanged,
    onTemplates: deps.onTemplates,
  });

  async function device(link: NonNullable<ReturnType<HubQueue['link']>>, client: HubClient) {
    let token = await secrets.get(HUB_TOKEN_KEY);
    if (token && link.deviceId) return { token, deviceId: link.deviceId };
    if (deps.deskToken) {
      // The operator's token: the device id is learnt from the hub's first answer (a pull).
      token = deps.deskToken;
      queue.setDeviceKind('desk');
    } else {
      const registered = await client.register();
      token = registered.token;
      queue.setDevice(registered.deviceId);
      queue.setDeviceKind('supplier');
    }
    await secrets.set(HUB_TOKEN_KEY, token);
    return { token, deviceId: queue.link()?.deviceId || null };
  }

  async function round(): Promise<void> {
    const link = queue.link();
    if (!link) return;
    const client = createHubClient(link.url);
    try {
      const { token, deviceId } = await device(link, client);
      for (let batch = queue.pending(); batch.length > 0; batch = queue.pending()) {
        const answer = await client
          .push(
            token,
            deviceId,
            batch.map((m) => ({ id: m.mutationId, name: m.name, args: m.args })),
          )
          .catch((error: unknown) => {
            // What waits starts after what the hub has (a store restored from an older backup):
            // number it on from the hub's last id rather than wait for a gap to fill forever.
            if (error instanceof HubRefused && error.code === 'mutation-gap') {
              // With the answers of what it applied before the gap: settled here, never sent again.
              const lastMutationId = Number(error.body['lastMutationId']);
              const results = pushResults.safeParse(error.body['results']);
              if (!Number.isSafeInteger(lastMutationId) || !results.success) throw error;
              return { lastMutationId, results: results.data, continueFrom: lastMutationId + 1 };
            }
            throw error;
          });
        const at = now();
        // This store was restored from an older copy: the hub already holds other mutations
        // under these ids. Nothing this PC sent since is lost: those are pushed again, after
        // the hub's last id (see queue.continueFrom below), and the person is told.
        const restored = (answer.results ?? []).filter(
          (r) => r.duplicate && !r.result.ok && r.result.error.code === 'mutation-mismatch',
        );
        db.transaction(() => {
          for (const r of answer.results ?? []) {
            const sent = batch.find((m) => m.mutationId === r.id);
            const intent = sent ? readQueued(sent) : null;
            if (restored.includes(r)) {
              if (intent?.name === 'submitRequest') replica.noteResent(intent.args, at);
              continue;
            }
            const result = r.result;
            queue.settle(r.id, result.ok || result.error.overtaken === true, result, at);
            if (intent?.name === 'submitRequest') replica.noteRequestAnswer(intent.args, result, at);
            if (intent?.name === 'remindRequest') replica.noteReminderAnswer(intent.args, result);
            // A settled one is never pushed again. The replica's own rebase must never hold the
            // queue: if it fails, the refusal is still settled, and the log says what failed.
            if (!result.ok && intent?.name === 'deskDecide')
              try {
                db.transaction(() => replica.noteRefusal(intent.args, result.error, at))();
              } catch (error) {
                deps.log?.(`sync: could not take back refused mutation ${r.id}: ${(error as Error).message}`);
              }
          }
        })();
        if ('continueFrom' in answer) queue.continueFrom(answer.continueFrom);
        else if (restored.length > 0) queue.continueFrom(answer.lastMutationId + 1);
        else if ((answer.results ?? []).length === 0) break;
      }
      let cursor = link.cursor;
      for (;;) {
        const page = await client.pull(token, cursor);
        replica.apply(page.changes, page.mail);
        cursor = page.cursor;
        queue.setCursor(cursor, now());
        if (!page.more) break;
      }
      online = true;
      problem = null;
      needsKeychain = false;
      revoked = false;
      waitUntil = null;
      failures = 0;
      hubWasDown = false;
    } catch (error) {
      failures++;
      // A failing push or pull is never shown as online, whatever failed.
      online = false;
      hubWasDown = error instanceof HubUnreachable && !(error instanceof HubFailing);
      problem = (error as Error).message;
      needsKeychain = error instanceof SecretStoreUnavailable;
      revoked = isRevoked(error);
      // A 429 is the hub answering: never shown as "offline". Its quota says until when.
      const asksToWait = error instanceof HubRefused && error.status === 429;
      if (asksToWait) online = true;
      waitUntil = asksToWait && error.body['quota'] !== undefined ? retryAtOf(error, now()) : null;

      if (error instanceof HubRefused && error.code === 'unauthenticated') {
        // The hub no longer knows this device (a new database): register again; nothing queued is dropped.
        await secrets.delete(HUB_TOKEN_KEY).catch(() => false);
        queue.forgetDevice();
      }
      deps.log?.(`sync: ${problem}`);
    }
  }

  function clearTimers() {
    if (timer) clearTimeout(timer);
    if (probe) clearTimeout(probe);
    timer = probe = null;
  }

  /** After every round: the next one every interval while it works; after failures, with
   * backoff, and the health probe meanwhile. */
  function plan() {
    clearTimers();
    if (stopped || revoked) return;
    timer = setTimeout(() => void syncNow(), backoffMs(deps.intervalMs ?? 10_000, failures));
    timer.unref?.();
    if (failures > 0) probeSoon();
  }

  function probeSoon() {
    probe = setTimeout(
      () => {
        probe = null;
        const link = queue.link();
        if (!link || running) return; // a round is on its way; it plans what follows
        void createHubClient(link.url, PROBE_TIMEOUT_MS)
          .health()
          .then(
            () => true,
            () => false,
          )
          .then((answers) => {
            if (stopped || failures === 0 || running) return;
            if (!answers) hubWasDown = true;
            // Back after being down: the round now. Answering all along while rounds fail (a
            // refusal, a 5xx on one push): the backoff alone decides, so no retry storm.
            if (answers && hubWasDown) void syncNow();
            else probeSoon();
          });
      },
      PROBE_EVERY_MS * (0.8 + Math.random() * 0.2),
    );
    probe.unref?.();
  }

  /** A round that starts after this call (a person who presses "sync" after a change sees it):
   * while one runs, the next is queued once and shared by every caller in the meantime. */
  let next: Promise<void> | null = null;
  function syncNow(): Promise<void> {
    if (running) {
      next ??= running.then(() => {
        next = null;
        return syncNow();
      });
      return next;
    }
    running = inLane(round).finally(() => {
      running = null;
      plan();
    });
    return running;
  }

  /** The hub answered a call (a login, say): online, unless the rounds fail; then a round now,
   * since the hub is back. */
  function answered() {
    if (failures === 0) online = true;
    else if (!stopped && !running) void syncNow();
  }

  let kicked: ReturnType<typeof setTimeout> | null = null;
  return {
    syncNow,
    /** An agent's login on the hub enrols this workstation as a desk device there: it then pulls
     * the queue from the start. Nothing changes here when the hub refuses or cannot be reached. */
    enrol(url: string, username: string, password: string): Promise<void> {
      return inLane(async () => {
        const enrolment = await createHubClient(url).enrolDesk({ username, password });
        if (queue.link()?.url === url) queue.forgetDevice();
        else queue.setUrl(url);
        await secrets.set(HUB_TOKEN_KEY, enrolment.token);
        queue.setDevice(enrolment.deviceId);
        queue.setDeviceKind('desk');
        online = true;
        revoked = false; // a new device: what waited is pushed from it
      });
    },
    /** Calls the hub as this device (registering it first if needed): a login, say. */
    async call<T>(fn: (client: HubClient, token: string) => Promise<T>): Promise<T> {
      const link = queue.link();
      if (!link) throw new HubUnreachable('This workstation is not linked to a hub.');
      const client = createHubClient(link.url);
      try {
        const { token } = await device(link, client);
        const answer = await fn(client, token);
        answered();
        return answer;
      } catch (error) {
        if (isRevoked(error)) {
          revoked = true;
          online = false;
        } else if (error instanceof HubRefused) answered();
        if (error instanceof HubUnreachable) online = false; // the header says so at once
        throw error;
      }
    },
    /** Something was queued: push it shortly (after the transaction that queued it commits). */
    kick(): void {
      if (stopped || kicked) return;
      kicked = setTimeout(() => {
        kicked = null;
        void syncNow();
      }, 200);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      void syncNow();
    },
    stop() {
      stopped = true;
      clearTimers();
      if (kicked) clearTimeout(kicked);
    },
    status(): SyncStatus {
      const link = queue.link();
      const counts = queue.counts();
      return {
        linked: link !== null,
        hubUrl: link?.url ?? null,
        online,
        pending: counts.pending,
        refused: counts.refused,
        lastSyncAt: link?.lastSyncAt ?? null,
        needsKeychain,
        revoked,
        waitUntil,
        // Without a desk token or an enrolment, the first round registers it as a supplier's PC.
        deviceKind: link ? (link.deviceKind ?? (deps.deskToken ? 'desk' : link.deviceId ? null : 'supplier')) : null,
        problem,
      };
    },
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;
