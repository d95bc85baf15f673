// The hub's backup, as a documented equivalent of pg_dump (whose Debian build is older than the
// embedded PostgreSQL 18 and refuses to dump it): one gzip'd JSON Lines file, a header line
// then every row of every table, read in one repeatable-read snapshot so the file is consistent
// while the hub keeps serving. `restore` loads it into an empty hub database, sequences included.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Pool } from 'pg';
import { HUB_SCHEMA_VERSION } from './migrations';
import { inTransaction } from './transaction';

export const BACKUP_FORMAT = 'b2b-portal-hub-backup';
/** In the order a restore inserts them (foreign keys first). Every table of the hub's schema is
 * here but hub_schema (a test holds this list to the schema: a table left out lost its rows). */
export const BACKUP_TABLES = [
  'desk_agents',
  'devices',
  'device_quota_use',
  'desk_device_agents',
  'companies',
  'accounts',
  'requests',
  'mutations',
  'changes',
  'sessions',
  'login_attempts',
  'audit',
  'outbox',
  'outbox_attachments',
  'recovery_requests',
  'desk_settings',
  'request_reminders',
  'plsa_handovers',
  'access_reviews',
  'access_review_answers',
] as const;
const TABLES = BACKUP_TABLES;

/** Tables numbered by a sequence: a restore sets it to go on after the last number restored. */
const SEQUENCES = [
  ['changes', 'version'],
  ['audit', 'id'],
  ['plsa_handovers', 'id'],
  ['access_reviews', 'id'],
] as const;

export interface BackupSummary {
  schema: number;
  rows: Record<string, number>;
  /** E-mails waiting with a sealed secret (a temporary password): a restore needs their key. */
  sealed: number;
}

/**
 * `keyId` names the key that sealed the waiting e-mails' secrets (keyIdOf in mail.ts), so that a
 * restore under another key is refused in words instead of queueing passwords nobody can open.
 */
export async function backupHub(pool: Pool, file: string, keyId: string | null = null): Promise<BackupSummary> {
  const client = await pool.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const counted = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE secret IS NOT NULL AND state <> 'sent'`,
    );
    const sealed = counted.rows[0]?.n ?? 0;
    async function* lines() {
      const header = { format: BACKUP_FORMAT, schema: HUB_SCHEMA_VERSION, takenAt: new Date().toISOString() };
      yield `${JSON.stringify({ ...header, sealed, sealedWith: keyId })}\n`;
      for (const table of TABLES) {
        // 5,000 rows at a time through a cursor, so a large hub is never held in memory whole.
        rows[table] = 0;
        await client.query(`DECLARE rows_of_${table} NO SCROLL CURSOR FOR SELECT to_jsonb(t) AS row FROM ${table} t`);
        for (;;) {
          const page = await client.query<{ row: unknown }>(`FETCH 5000 FROM rows_of_${table}`);
          if (page.rows.length === 0) break;
          rows[table] += page.rows.length;
          for (const r of page.rows) yield `${JSON.stringify({ table, row: r.row })}\n`;
        }
        await client.query(`CLOSE rows_of_${table}`);
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file, { mode: 0o600 }));
    await client.query('COMMIT');
    return { schema: HUB_SCHEMA_VERSION, rows, sealed };
  } finally {
    client.release();
  }
}

export class BackupRefused extends Error {}

/** `keyId` names this hub's key (null: it has none yet); a backup whose waiting e-mails were
 * sealed under another key is refused, saying which key to give. */
export async function restoreHub(pool: Pool, file: string, keyId: string | null = null): Promise<BackupSummary> {
  return inTransaction(pool, async (tx) => {
    const { rows: existing } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    if ((existing[0]?.n ?? 0) > 0) throw new BackupRefused('This hub database is not empty: restore into a new one.');
    // Opened only now, and read at once: lines a reader emits before its iterator exists are lost.
    const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    const rows: Record<string, number> = Object.fromEntries(TABLES.map((t) => [t, 0]));
    let header: { format?: string; schema?: number; sealed?: number; sealedWith?: string | null } | null = null;
    for await (const line of input) {
      if (!line) continue;
      const parsed = JSON.parse(line) as {
        table?: string;
        row?: Record<string, unknown>;
        format?: string;
        schema?: number;
        sealed?: number;
        sealedWith?: string | null;
      };
      if (!header) {
        header = parsed;
        if (header.format !== BACKUP_FORMAT) throw new BackupRefused(`${file} is not a hub backup.`);
        if (header.schema !== HUB_SCHEMA_VERSION)
          throw new BackupRefused(`${file} is from schema ${header.schema}; this hub is at ${HUB_SCHEMA_VERSION}.`);
        const sealed = header.sealed ?? 0;
        if (sealed > 0 && header.sealedWith && header.sealedWith !== keyId)
          throw new BackupRefused(
            `${file} holds ${sealed} e-mail(s) waiting with a sealed temporary password, sealed with the key ${header.sealedWith}; ` +
              (keyId ? `this hub's key is ${keyId}. ` : 'this hub has no key yet. ') +
              "Give it the key of the hub the backup was taken from (copy that hub's secret.key into this hub's data folder, or set HUB_SECRET_KEY), then restore again. Nothing was restored.",
          );
        continue;
      }
      if (!(TABLES as readonly string[]).includes(parsed.table ?? ''))
        throw new BackupRefused(`Unknown table in ${file}.`);
      await tx.query(`INSERT INTO ${parsed.table} SELECT * FROM jsonb_populate_record(NULL::${parsed.table}, $1)`, [
        parsed.row,
      ]);
      rows[parsed.table!] = (rows[parsed.table!] ?? 0) + 1;
    }
    if (!header) throw new BackupRefused(`${file} is empty.`);
    // The numbers go on from the last one restored (changes: so the replicas' cursors stay valid).
    for (const [table, column] of SEQUENCES)
      await tx.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`,
      );
    return { schema: HUB_SCHEMA_VERSION, rows, sealed: header.sealed ?? 0 };
  });
}
