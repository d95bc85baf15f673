import type { Migration } from './index';

export const hubQueue: Migration = {
  version: 8,
  name: 'the queue of intents a workstation linked to a hub pushes to it',
  sql: /* sql */ `
    -- One row per intent, numbered from 1 without gaps for the device it was queued for: the
    -- hub applies them in that order and answers each once (docs: the hub's sync contract).
    CREATE TABLE hub_queue (
      mutation_id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      queued_at TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'refused')),
      result TEXT,
      settled_at TEXT
    );
    CREATE INDEX hub_queue_pending ON hub_queue (state, mutation_id);
  `,
};
