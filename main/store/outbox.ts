// The outbox: e-mails waiting to be delivered, with their attachments. A message that carries a
// secret keeps it in the OS keychain under `outbox:<id>`, never in this table. State changes of a
// message linked to a request move that request's timeline in the same transaction.
import { randomUUID } from 'node:crypto';
import { REQUIRED_PRAGMAS, type Db } from './database';
import { recordMutation } from './mutations';
import type { RequestsRepository } from './requests';

export interface OutgoingAttachment {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}

export interface OutgoingMail {
  kind: string;
  to: string;
  lang: string;
  subject: string;
  body: string;
  html?: string | undefined;
  attachments?: OutgoingAttachment[] | undefined;
  submissionId?: number | undefined;
}

export interface OutboxItem {
  id: string;
  createdAt: string;
  kind: string;
  to: string;
  subject: string;
  state: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  hasSecret: boolean;
}

export interface DueMessage {
  id: string;
  createdAt: string;
  to: string;
  subject: string;
  body: string;
  html: string | null;
  messageId: string;
  secretRef: string | null;
  attempts: number;
  submissionId: number | null;
  attachments: OutgoingAttachment[];
}

export const outboxSecretKey = (id: string): string => `outbox:${id}`;
export const messageIdOf = (id: string): string => `<${id}@b2b-portal.invalid>`;

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

/** How one attempt to send a message went. */
export type DeliveryOutcome =
  | { id: string; result: 'sent'; at: Date }
  | { id: string; result: 'postponed'; retryAt: Date; reason: string }
  | { id: string; result: 'failed'; at: Date; reason: string };

export function createOutboxRepository(db: Db, requests: RequestsRepository) {
  type Row = Omit<DueMessage, 'attachments'>;
  type RawItem = Omit<OutboxItem, 'hasSecret'> & { hasSecret: number };
  // Every statement prepared once, typed by its parameters and its row.
  const q = {
    insert: db.prepare<
      [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string | null,
        string | null,
        string,
        string,
        number | null,
      ]
    >(
      `INSERT INTO outbox (id, created_at, kind, to_address, lang, subject, body_text, html_body, secret_ref,
       next_attempt_at, message_id, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAttachment: db.prepare<[string, string, string, Uint8Array]>(
      'INSERT INTO outbox_attachments (outbox_id, file_name, media_type, content) VALUES (?, ?, ?, ?)',
    ),
    attachmentsOf: db.prepare<[string], OutgoingAttachment>(
      'SELECT file_name AS fileName, media_type AS mediaType, content FROM outbox_attachments WHERE outbox_id = ? ORDER BY id',
    ),
    submissionOf: db.prepare<[string], { s: number | null }>('SELECT submission_id AS s FROM outbox WHERE id = ?'),
    exists: db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM outbox WHERE id = ?'),
    due: db.prepare<[string, number], Row>(
      `SELECT id, created_at AS createdAt, to_address AS "to", subject, body_text AS body, html_body AS html,
         message_id AS messageId, secret_ref AS secretRef, attempts, submission_id AS submissionId
       FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, rowid LIMIT ?`,
    ),
    markSending: db.prepare<[string]>(
      "UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'queued'",
    ),
    markSent: db.prepare<[string, string]>(
      "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
    ),
    postpone: db.prepare<[string, string, string]>(
      "UPDATE outbox SET state = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ?",
    ),
    markFailed: db.prepare<[string, string]>(
      "UPDATE outbox SET state = 'failed', last_error = ?, next_attempt_at = NULL WHERE id = ?",
    ),
    stateOf: db.prepare<[string], { state: OutboxItem['state'] }>('SELECT state FROM outbox WHERE id = ?'),
    retry: db.prepare<[string, string]>(
      "UPDATE outbox SET state = 'queued', next_attempt_at = ? WHERE id = ? AND state IN ('queued', 'failed')",
    ),
    requeueInterrupted: db.prepare<[]>("UPDATE outbox SET state = 'queued' WHERE state = 'sending'"),
    syncNormal: db.prepare('PRAGMA synchronous = NORMAL'),
    syncFull: db.prepare(`PRAGMA synchronous = ${REQUIRED_PRAGMAS.synchronous}`),
    idsOfSubmission: db.prepare<[number], { id: string }>('SELECT id FROM outbox WHERE submission_id = ?'),
    waitingIds: db.prepare<[], { id: string }>("SELECT id FROM outbox WHERE state = 'queued'"),
    counts: db.prepare<[], { state: OutboxItem['state']; n: number }>(
      'SELECT state, count(*) AS n FROM outbox GROUP BY state',
    ),
    list: db.prepare<[number], RawItem>(
      `SELECT id, created_at AS createdAt, kind, to_address AS "to", subject, state, attempts, last_error AS lastError,
         secret_ref IS NOT NULL AS hasSecret FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
  };
  const linked = (id: string) => q.submissionOf.get(id)?.s ?? null;
  const settle = (done: DeliveryOutcome): void => {
    if (done.result === 'postponed') return void q.postpone.run(done.retryAt.toISOString(), done.reason, done.id);
    if (done.result === 'sent') q.markSent.run(done.at.toISOString(), done.id);
    else q.markFailed.run(done.reason, done.id);
    const submission = linked(done.id);
    if (submission !== null)
      requests.record(submission, done.result, done.at, done.result === 'failed' ? done.reason : null);
  };

  return {
    newId: (): string => randomUUID(),
    exists: (id: string): boolean => q.exists.get(id) !== undefined,

    /** Queues a message; call inside the transaction that stores what it reports. */
    queue(mail: OutgoingMail, at: Date, options: { id?: string; secretRef?: string } = {}): string {
      const id = options.id ?? randomUUID();
      q.insert.run(
        id,
        at.toISOString(),
        mail.kind,
        mail.to,
        mail.lang,
        mail.subject,
        mail.body,
        mail.html ?? null,
        options.secretRef ?? null,
        at.toISOString(),
        messageIdOf(id),
        mail.submissionId ?? null,
      );
      for (const a of mail.attachments ?? []) q.insertAttachment.run(id, a.fileName, a.mediaType, a.content);
      recordMutation(db, { entity: 'outbox', entityId: id, op: 'queued', data: { kind: mail.kind } }, at);
      if (mail.submissionId !== undefined) requests.record(mail.submissionId, 'queued', at);
      return id;
    },

    due: (at: Date, limit: number): DueMessage[] =>
      q.due.all(at.toISOString(), limit).map((r) => ({ ...r, attachments: q.attachmentsOf.all(r.id) })),

    /**
     * Records how the last message went and claims the next one, in one commit: the next is marked
     * "sending" before it leaves (a crash from there on resends it, at least once), and at most one
     * message is ever between "sending" and its outcome, so a crash resends at most one message.
     * False when the next one was no longer waiting (another process took it).
     */
    settleAndClaim(done: DeliveryOutcome | null, nextId: string | null): boolean {
      // Written to the journal without waiting for the disk (synchronous=NORMAL, this commit only):
      // a process killed at any point keeps it, as SQLite's WAL survives the process; only a power
      // cut can lose it, and then the message goes out once more, under the same Message-ID. The
      // message itself, and whatever it reports, was committed with synchronous=FULL.
      q.syncNormal.run();
      try {
        return db.transaction(() => {
          if (done) settle(done);
          return nextId === null || q.markSending.run(nextId).changes === 1;
        })();
      } finally {
        q.syncFull.run();
      }
    },

    /** A person's "retry" (or "Send now"): failed or waiting messages become due at once. */
    retry(ids: string[], at: Date): number {
      let changed = 0;
      db.transaction(() => {
        for (const id of ids) {
          const wasFailed = q.stateOf.get(id)?.state === 'failed';
          changed += q.retry.run(at.toISOString(), id).changes;
          const submission = linked(id);
          if (wasFailed && submission !== null) requests.record(submission, 'queued', at, 'retried');
        }
      })();
      return changed;
    },

    /** After a crash: messages caught between "sending" and "sent" go back to the queue. */
    requeueInterrupted: (): number => q.requeueInterrupted.run().changes,

    idsOfSubmission: (submissionId: number): string[] => q.idsOfSubmission.all(submissionId).map((r) => r.id),
    waitingIds: (): string[] => q.waitingIds.all().map((r) => r.id),

    counts(): Record<OutboxItem['state'], number> {
      const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
      for (const row of q.counts.all()) counts[row.state] = row.n;
      return counts;
    },

    list: (limit = 100): OutboxItem[] => q.list.all(limit).map((r) => ({ ...r, hasSecret: r.hasSecret === 1 })),
  };
}
