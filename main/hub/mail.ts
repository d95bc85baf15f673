// The hub's e-mails (to the assistance and to suppliers): queued in the transaction of the
// decision that sends them, then delivered at least once, each under a stable Message-ID, with
// the retry policy the workstations use. A temporary password waits encrypted (AES-256-GCM, the
// hub's secret key) and is erased once sent. Several hubs on one database share the work: a
// message is taken with FOR UPDATE SKIP LOCKED, so two hubs never send it at the same time.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import type { MailSettings } from '../../preload/contract/schemas/mail-settings';
import { classifyFailure, describeFailure, nextAttempt, type RetryPolicy } from '../portal/mail/retry-policy';
import { SECRET_PLACEHOLDER } from '../portal/mail/templates';
import { createSmtpTransport, type MailTransport } from '../outbox/transport';

export interface SecretBox {
  seal(text: string): Buffer;
  open(sealed: Buffer): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The hub secret key must be 32 bytes (base64 in HUB_SECRET_KEY).');
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** A key's name in backups and messages: its SHA-256, shortened (the key itself never leaves). */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** The key this hub would use, without making one: for a restore, which must not seal anything
 * under a new key while the backup's e-mails wait under the old one. */
export function existingSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const given = env['HUB_SECRET_KEY'];
  if (given) return Buffer.from(given, 'base64');
  const file = join(dataDir, 'secret.key');
  return existsSync(file) ? Buffer.from(readFileSync(file, 'utf8').trim(), 'base64') : null;
}

/** HUB_SECRET_KEY (the same on every hub of one database), else a key made once in the data folder. */
export function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const given = env['HUB_SECRET_KEY'];
  if (given) return Buffer.from(given, 'base64');
  const file = join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

export interface HubMail {
  kind: string;
  to: string;
  lang: string;
  subject: string;
  body: string;
  /** Put in place of {{secret}} when the message leaves, never stored in clear. */
  secret?: string;
  html?: string;
  attachments?: Array<{ fileName: string; mediaType: string; content: Buffer }>;
}

export async function queueHubMail(tx: PoolClient, box: SecretBox, mail: HubMail): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO outbox (id, kind, to_address, lang, subject, body, html, secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      mail.kind,
      mail.to,
      mail.lang,
      mail.subject,
      mail.body,
      mail.html ?? null,
      mail.secret ? box.seal(mail.secret) : null,
    ],
  );
  for (const [position, file] of (mail.attachments ?? []).entries())
    await tx.query(
      `INSERT INTO outbox_attachments (outbox_id, position, file_name, media_type, content) VALUES ($1, $2, $3, $4, $5)`,
      [id, position, file.fileName, file.mediaType, file.content],
    );
  return id;
}

interface DueRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  html: string | null;
  secret: Buffer | null;
  attempts: number;
  queued_at: Date;
}

export function createHubMailer(deps: {
  pool: Pool;
  box: SecretBox;
  /** Null: no relay given (--smtp); e-mails wait in the outbox. */
  settings: MailSettings | null;
  password?: string | null;
  transport?: (settings: MailSettings) => MailTransport;
  policy?: RetryPolicy;
  intervalMs?: number;
  log?: (line: string) => void;
}) {
  const { pool, box, settings } = deps;
  let transport: MailTransport | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<number> | null = null;

  /** Sends one due message; false when none was due. */
  async function sendOne(): Promise<boolean> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<DueRow>(
        `SELECT id, to_address, subject, body, html, secret, attempts, queued_at FROM outbox
         WHERE state = 'queued' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) {
        await client.query('COMMIT');
        return false;
      }
      try {
        const body = row.secret ? row.body.replaceAll(SECRET_PLACEHOLDER, box.open(row.secret)) : row.body;
        const files = await client.query<{ file_name: string; media_type: string; content: Buffer }>(
          'SELECT file_name, media_type, content FROM outbox_attachments WHERE outbox_id = $1 ORDER BY position',
          [row.id],
        );
        transport ??= (deps.transport ?? ((s) => createSmtpTransport(s, deps.password ?? null)))(settings!);
        await transport.send({
          from: settings!.fromAddress,
          to: row.to_address,
          subject: row.subject,
          text: body,
          html: row.html ?? undefined,
          messageId: `<${row.id}@hub.b2b-portal.invalid>`,
          attachments: files.rows.map((f) => ({
            filename: f.file_name,
            contentType: f.media_type,
            content: f.content,
          })),
        });
        await client.query(`UPDATE outbox SET state = 'sent', sent_at = now(), secret = NULL WHERE id = $1`, [row.id]);
        await client.query('DELETE FROM outbox_attachments WHERE outbox_id = $1', [row.id]);
      } catch (error) {
        const failure = error as { code?: string; responseCode?: number; response?: string; message: string };
        const next =
          classifyFailure(failure) === 'permanent'
            ? ({ giveUp: true } as const)
            : nextAttempt(row.attempts + 1, row.queued_at, new Date(), deps.policy);
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2, state = $3, next_attempt_at = $4,
             secret = CASE WHEN $3 = 'failed' THEN NULL ELSE secret END WHERE id = $1`,
          [
            row.id,
            describeFailure(failure),
            'giveUp' in next ? 'failed' : 'queued',
            'giveUp' in next ? new Date() : next.retryAt,
          ],
        );
        deps.log?.(`hub mail: ${describeFailure(failure)}`);
      }
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Sends what is due, one message at a time; answers how many were tried. */
  function deliverDue(): Promise<number> {
    if (!settings) return Promise.resolve(0);
    running ??= (async () => {
      let tried = 0;
      while (tried < 100 && (await sendOne())) tried++;
      return tried;
    })().finally(() => (running = null));
    return running;
  }

  const run = () => void deliverDue().catch((error: unknown) => deps.log?.(`hub mail: ${(error as Error).message}`));
  return {
    deliverDue,
    start() {
      if (!settings) deps.log?.('hub: no --smtp relay: e-mails wait in the outbox until one is given');
      timer ??= setInterval(run, deps.intervalMs ?? 5_000);
      timer.unref?.();
      run();
    },
    kick: run,
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      transport?.close();
      transport = null;
    },
  };
}
export type HubMailer = ReturnType<typeof createHubMailer>;
