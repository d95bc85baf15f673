// The outbox: e-mails waiting to be delivered (a later issue delivers them by SMTP). A message
// that carries a secret keeps it in the OS keychain under `outbox:<id>`, never in this table.
import { randomUUID } from 'node:crypto';
import type { Db } from './database';
import { recordMutation } from './mutations';

export interface OutgoingMail {
  kind: string;
  to: string;
  lang: string;
  subject: string;
  body: string;
}

export interface OutboxItem {
  id: string;
  createdAt: string;
  kind: string;
  to: string;
  subject: string;
  state: string;
  hasSecret: boolean;
}

export const outboxSecretKey = (id: string): string => `outbox:${id}`;

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

export function createOutboxRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO outbox (id, created_at, kind, to_address, lang, subject, body_text, secret_ref, next_attempt_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return {
    newId: (): string => randomUUID(),
    queue(mail: OutgoingMail, at: Date, options: { id?: string; secretRef?: string } = {}): string {
      const id = options.id ?? randomUUID();
      insert.run(id, at.toISOString(), mail.kind, mail.to, mail.lang, mail.subject, mail.body, options.secretRef ?? null, at.toISOString());
      recordMutation(db, { entity: 'outbox', entityId: id, op: 'queued', data: { kind: mail.kind } }, at);
      return id;
    },
    list(limit = 100): OutboxItem[] {
      const rows = db.prepare(`SELECT id, created_at AS createdAt, kind, to_address AS "to", subject, state, secret_ref IS NOT NULL AS hasSecret
        FROM outbox ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as Array<Omit<OutboxItem, 'hasSecret'> & { hasSecret: number }>;
      return rows.map((r) => ({ ...r, hasSecret: r.hasSecret === 1 }));
    },
    body: (id: string): string | null => (db.prepare('SELECT body_text FROM outbox WHERE id = ?').pluck().get(id) as string | undefined) ?? null,
  };
}
