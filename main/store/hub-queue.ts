// A workstation linked to a hub: where the hub is, this device's identity there, how far it
// has pulled, and the intents waiting to be pushed. Standalone (no hub), nothing is queued.
import type { Db } from './database';
import type { SettingsRepository } from './settings';
import { PUSH_BATCH_BYTES } from '../hub-protocol/limits';
import type { IntentArgs, IntentName } from '../intents/registry';
import { forgetStandaloneDirectory } from './standalone-directory';

/** A queued intent as it is pushed: its arguments as they were queued (the hub reads them
 * against the intent's schema; the replica reads them with `readQueued`). */
export interface QueuedIntent {
  mutationId: number;
  name: string;
  args: unknown;
}

/** How this workstation is registered on its hub: a desk one pulls the queue, a supplier's
 * pulls the analysis only (null: not known, a link made by an older version). */
export type DeviceKind = 'desk' | 'supplier';

export interface HubLink {
  url: string;
  deviceId: string | null;
  deviceKind: DeviceKind | null;
  cursor: number;
  lastSyncAt: string | null;
}

const KEYS = {
  url: 'hub.url',
  deviceId: 'hub.deviceId',
  deviceKind: 'hub.deviceKind',
  cursor: 'hub.cursor',
  lastSyncAt: 'hub.lastSyncAt',
} as const;

export function createHubQueue(db: Db, settings: SettingsRepository, onQueued: () => void = () => {}) {
  const insert = db.prepare<[string, string, string]>(
    `INSERT INTO hub_queue (mutation_id, name, args, queued_at)
     VALUES ((SELECT coalesce(max(mutation_id), 0) + 1 FROM hub_queue), ?, ?, ?)`,
  );
  const pending = db.prepare<[number], { mutationId: number; name: string; args: string }>(
    `SELECT mutation_id AS mutationId, name, args FROM hub_queue WHERE state = 'pending' ORDER BY mutation_id LIMIT ?`,
  );
  const pendingSizes = db.prepare<[number], { size: number }>(
    `SELECT length(CAST(args AS BLOB)) + length(name) AS size FROM hub_queue WHERE state = 'pending' ORDER BY mutation_id LIMIT ?`,
  );
  const settle = db.prepare<[string, string, string, number]>(
    `UPDATE hub_queue SET state = ?, result = ?, settled_at = ? WHERE mutation_id = ? AND state = 'pending'`,
  );
  const allPending = db.prepare<[], { name: string; args: string; queuedAt: string }>(
    `SELECT name, args, queued_at AS queuedAt FROM hub_queue WHERE state = 'pending' ORDER BY mutation_id`,
  );
  const clear = db.prepare('DELETE FROM hub_queue');
  const reinsert = db.prepare<[number, string, string, string]>(
    'INSERT INTO hub_queue (mutation_id, name, args, queued_at) VALUES (?, ?, ?, ?)',
  );
  /** A new device on the hub counts its mutations from 1: what still waits is numbered again, in
   * its order, and what the former device settled is forgotten with it. */
  const renumber = (from = 1) => {
    const waiting = allPending.all();
    clear.run();
    waiting.forEach((m, i) => reinsert.run(from + i, m.name, m.args, m.queuedAt));
  };
  const counts = db.prepare<[], { pending: number; refused: number }>(
    `SELECT coalesce(sum(state = 'pending'), 0) AS pending, coalesce(sum(state = 'refused'), 0) AS refused FROM hub_queue`,
  );

  // The WAL still holds the pages as they were before the directory was forgotten: copied into
  // the store (scrubbed, secure_delete) and emptied now, not at SQLite's next checkpoint.
  const checkpoint = () => void db.pragma('wal_checkpoint(TRUNCATE)');

  return {
    link(): HubLink | null {
      const url = settings.get(KEYS.url);
      if (!url) return null;
      return {
        url,
        deviceId: settings.get(KEYS.deviceId),
        deviceKind: (settings.get(KEYS.deviceKind) || null) as DeviceKind | null,
        cursor: Number(settings.get(KEYS.cursor) ?? 0),
        lastSyncAt: settings.get(KEYS.lastSyncAt),
      };
    },
    /** Links this workstation to a hub (a new hub is a new device: what it had pulled restarts,
     * and the directory it held is forgotten: the hub's comes instead); an empty address unlinks it. */
    setUrl(url: string): void {
      if (settings.get(KEYS.url) === url) return;
      db.transaction(() => {
        if (url) forgetStandaloneDirectory(db, settings);
        settings.set(KEYS.url, url);
        settings.set(KEYS.deviceId, '');
        settings.set(KEYS.deviceKind, '');
        settings.set(KEYS.cursor, '0');
        renumber();
      })();
      if (url) checkpoint();
    },
    setDevice: (deviceId: string) => settings.set(KEYS.deviceId, deviceId),
    setDeviceKind: (kind: DeviceKind) => settings.set(KEYS.deviceKind, kind),
    /** A store linked before linking forgot the directory (an older version) holds the demo's:
     * forgotten now, and pulled again from the start. */
    forgetStandaloneDirectory: () => {
      db.transaction(() => {
        forgetStandaloneDirectory(db, settings);
        settings.set(KEYS.cursor, '0');
      })();
      checkpoint();
    },
    /** The hub expects `next` (this store was restored from an older backup, say): what waits is
     * numbered from there, in its order. */
    continueFrom: (next: number) => db.transaction(() => renumber(next))(),
    /** The hub no longer knows this device: it registers again, as a new one, from scratch. */
    forgetDevice: () =>
      db.transaction(() => {
        settings.set(KEYS.deviceId, '');
        settings.set(KEYS.deviceKind, '');
        settings.set(KEYS.cursor, '0');
        renumber();
      })(),
    setCursor: (cursor: number, at: Date) =>
      db.transaction(() => {
        settings.set(KEYS.cursor, String(cursor));
        settings.set(KEYS.lastSyncAt, at.toISOString());
      })(),
    /** Queues an intent in the caller's transaction, when this workstation is linked to a hub;
     * answers whether it did. */
    enqueueIfLinked<N extends IntentName>(name: N, args: IntentArgs<N>, at: Date): boolean {
      if (!settings.get(KEYS.url)) return false;
      insert.run(name, JSON.stringify(args), at.toISOString());
      onQueued();
      return true;
    },
    /** The next intents to push, in order: at most `limit`, and no more than `maxBytes` of them
     * (always at least one), so that two large requests queued offline never make a push the
     * hub must refuse as a whole, which would hold the queue for ever. */
    pending(limit = 100, maxBytes = PUSH_BATCH_BYTES): QueuedIntent[] {
      let bytes = 0;
      let fit = 0;
      for (const { size } of pendingSizes.all(limit)) {
        if (fit > 0 && bytes + size > maxBytes) break;
        bytes += size;
        fit++;
      }
      return pending
        .all(fit)
        .map((r) => ({ mutationId: r.mutationId, name: r.name, args: JSON.parse(r.args) as unknown }));
    },
    settle(mutationId: number, ok: boolean, result: unknown, at: Date): void {
      settle.run(ok ? 'done' : 'refused', JSON.stringify(result), at.toISOString(), mutationId);
    },
    counts: () => counts.get() ?? { pending: 0, refused: 0 },
  };
}
export type HubQueue = ReturnType<typeof createHubQueue>;
