import type { Migration } from './index';

export const accessReviews: Migration = {
  version: 12,
  name: 'access reviews: a PLSA confirms who still works for the company',
  sql: /* sql */ `
    -- How often each company's accounts are reviewed (the PLSA chooses, 30 to 365 days).
    ALTER TABLE companies ADD COLUMN review_every_days INTEGER NOT NULL DEFAULT 90;
    -- One review open per company at a time; closed once every account is answered, or when
    -- its 30 days of grace end (what was not confirmed is then blocked, never deleted).
    CREATE TABLE access_reviews (
      id INTEGER PRIMARY KEY,
      company_id INTEGER NOT NULL REFERENCES companies (id),
      opened_at TEXT NOT NULL,
      due_at TEXT NOT NULL,
      closed_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX access_reviews_open ON access_reviews (company_id) WHERE closed_at IS NULL;
    CREATE INDEX access_reviews_company ON access_reviews (company_id, opened_at);
    -- Each account's answer, once (the primary key is the lock of two answers at once).
    CREATE TABLE access_review_answers (
      review_id INTEGER NOT NULL REFERENCES access_reviews (id),
      account_id INTEGER NOT NULL REFERENCES accounts (id),
      answer TEXT NOT NULL CHECK (answer IN ('confirmed', 'left', 'blocked-unconfirmed')),
      by_login TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (review_id, account_id)
    ) STRICT;
  `,
};
