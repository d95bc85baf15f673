import type { Migration } from './index';

export const waitingRequests: Migration = {
  version: 10,
  name: 'requests that wait: reminders, when the desk last moved a request, expiry',
  sql: /* sql */ `
    -- When the desk last moved each request: the 30 days a request may wait for its sender
    -- count from the move to "waiting for the supplier". Older requests: from their creation.
    ALTER TABLE submissions ADD COLUMN desk_state_at TEXT;
    UPDATE submissions SET desk_state_at = created_at;
    -- When a request that waited 30 days for its sender expired (NULL: it did not, or it was
    -- reopened since). An expired request is done in the queue, and its sender may reopen it.
    ALTER TABLE submissions ADD COLUMN expired_at TEXT;

    -- The reminders a sender sent about a request waiting for the desk. hub_refused: the hub
    -- did not take it (the desk had moved the request meanwhile), with the reason's code.
    CREATE TABLE request_reminders (
      id INTEGER PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submissions (id),
      at TEXT NOT NULL,
      hub_refused TEXT,
      UNIQUE (submission_id, at)
    ) STRICT;
    CREATE INDEX submissions_waiting ON submissions (desk_state, desk_state_at);
  `,
};
