// Every state change is also written as a mutation row, in the same transaction as the change,
// so a later sync can push exactly what happened here, in order, each once (by its id).
import { randomUUID } from 'node:crypto';
import type { Db } from './database';

export interface Mutation {
  entity: 'company' | 'submission' | 'draft' | 'directory' | 'account' | 'outbox';
  entityId: string;
  op: string;
  data: Record<string, unknown>;
}

export function recordMutation(db: Db, mutation: Mutation, at: Date): string {
  const id = randomUUID();
  db.prepare('INSERT INTO mutations (id, at, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    at.toISOString(),
    mutation.entity,
    mutation.entityId,
    mutation.op,
    JSON.stringify(mutation.data),
  );
  return id;
}

export interface MutationRow {
  id: string;
  at: string;
  entity: string;
  entityId: string;
  op: string;
  data: Record<string, unknown>;
}

export function listMutations(db: Db, afterSeq = 0, limit = 1000): MutationRow[] {
  const rows = db
    .prepare('SELECT id, at, entity, entity_id AS entityId, op, data FROM mutations WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as Array<Omit<MutationRow, 'data'> & { data: string }>;
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}
