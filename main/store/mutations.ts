// Every state change is also written as a mutation row, in the same transaction as the change,
// so a later sync can push exactly what happened here, in order, each once (by its id).
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { storedJson } from './stored-json';

export interface Mutation {
  entity: 'company' | 'submission' | 'draft' | 'directory' | 'account' | 'outbox';
  entityId: string;
  op: string;
  data: Record<string, unknown>;
}

// Prepared once per store: every state change records one.
const inserts = new WeakMap<Db, Statement<[string, string, string, string, string, string]>>();

export function recordMutation(db: Db, mutation: Mutation, at: Date): string {
  const id = randomUUID();
  let insert = inserts.get(db);
  if (!insert) {
    insert = db.prepare<[string, string, string, string, string, string]>(
      'INSERT INTO mutations (id, at, entity, entity_id, op, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    inserts.set(db, insert);
  }
  const data = storedJson.mutationData.write(mutation.data);
  insert.run(id, at.toISOString(), mutation.entity, mutation.entityId, mutation.op, data);
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
    .prepare<[number, number], Omit<MutationRow, 'data'> & { data: string }>(
      'SELECT id, at, entity, entity_id AS entityId, op, data FROM mutations WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .all(afterSeq, limit);
  return rows.map((r) => ({ ...r, data: storedJson.mutationData.read(r.data) }));
}
