import type { Migration } from './index';

export const delivery: Migration = {
  version: 3,
  name: 'help requests, request timelines, e-mail delivery',
  rebuildsTables: true,
  sql: /* sql */ `
    -- Submissions gain the help request kind (a CHECK cannot be altered: the table is rebuilt).
    CREATE TABLE submissions_v3 (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('company-file', 'cofor-help', 'access-request', 'help')),
      company_id INTEGER REFERENCES companies (id),
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      state TEXT NOT NULL DEFAULT 'saved' CHECK (state IN ('saved', 'queued', 'sent', 'failed', 'answered')),
      created_at TEXT NOT NULL
    ) STRICT;
    INSERT INTO submissions_v3 (id, reference, kind, company_id, payload, state, created_at)
      SELECT id, reference, kind, company_id, payload, 'saved', created_at FROM submissions;
    DROP TABLE submissions;
    ALTER TABLE submissions_v3 RENAME TO submissions;
    CREATE INDEX submissions_created ON submissions (created_at);

    -- The timeline of each request: saved, queued, sent, failed (with the reason), answered.
    CREATE TABLE request_events (
      id INTEGER PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submissions (id),
      at TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('saved', 'queued', 'sent', 'failed', 'answered')),
      detail TEXT
    ) STRICT;
    CREATE INDEX request_events_submission ON request_events (submission_id, id);
    INSERT INTO request_events (submission_id, at, state) SELECT id, created_at, 'saved' FROM submissions;

    ALTER TABLE outbox ADD COLUMN submission_id INTEGER REFERENCES submissions (id);
    ALTER TABLE outbox ADD COLUMN html_body TEXT;
    -- Stable per item: a message resent after a crash carries the same Message-ID.
    ALTER TABLE outbox ADD COLUMN message_id TEXT;
    UPDATE outbox SET message_id = '<' || id || '@b2b-portal.invalid>' WHERE message_id IS NULL;

    CREATE TABLE outbox_attachments (
      id INTEGER PRIMARY KEY,
      outbox_id TEXT NOT NULL REFERENCES outbox (id),
      file_name TEXT NOT NULL,
      media_type TEXT NOT NULL,
      content BLOB NOT NULL
    ) STRICT;
    CREATE INDEX outbox_attachments_item ON outbox_attachments (outbox_id);
  `,
};
