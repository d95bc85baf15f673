import type { Migration } from './index';

export const directory: Migration = {
  version: 1,
  name: 'directory, submissions, drafts, mutations',
  sql: /* sql */ `
    CREATE TABLE companies (
      id INTEGER PRIMARY KEY,
      cofor TEXT NOT NULL UNIQUE CHECK (length(cofor) = 6),
      duns TEXT UNIQUE CHECK (duns IS NULL OR length(duns) = 9),
      legal_name TEXT NOT NULL,
      registration_number TEXT,
      tax_number TEXT,
      street TEXT,
      postal_code TEXT,
      city TEXT,
      country TEXT,
      status TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
      access_status TEXT NOT NULL CHECK (access_status IN ('not-requested', 'requested', 'open')),
      access_requested_at TEXT,
      CHECK (access_status <> 'requested' OR access_requested_at IS NOT NULL)
    ) STRICT;

    CREATE TABLE sites (
      id INTEGER PRIMARY KEY,
      company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      code TEXT NOT NULL CHECK (length(code) = 2),
      name TEXT,
      city TEXT,
      UNIQUE (company_id, code)
    ) STRICT;

    CREATE TABLE people (
      id INTEGER PRIMARY KEY,
      company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      full_name TEXT NOT NULL,
      job_title TEXT,
      email TEXT NOT NULL,
      phone TEXT,
      role TEXT NOT NULL CHECK (role IN ('legal-representative', 'plsa', 'staff'))
    ) STRICT;
    CREATE INDEX people_company ON people (company_id);

    CREATE TABLE accounts (
      id INTEGER PRIMARY KEY,
      login TEXT NOT NULL UNIQUE CHECK (login GLOB 'V[0-9][0-9][0-9][0-9][0-9][0-9]'),
      company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
      person_id INTEGER REFERENCES people (id),
      -- exactly as registered: recovery compares it case-sensitively
      email TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('user', 'plsa')),
      state TEXT NOT NULL CHECK (state IN ('active', 'blocked', 'deactivated'))
    ) STRICT;
    CREATE INDEX accounts_company ON accounts (company_id);

    CREATE TABLE submissions (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('company-file', 'cofor-help', 'access-request')),
      company_id INTEGER REFERENCES companies (id),
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      state TEXT NOT NULL DEFAULT 'saved',
      created_at TEXT NOT NULL
    ) STRICT;

    -- Supplier Database files: one per DUNS, ever (a DUNS is never reused).
    CREATE TABLE supplier_files (
      submission_id INTEGER PRIMARY KEY REFERENCES submissions (id),
      duns TEXT NOT NULL UNIQUE,
      contact_email TEXT NOT NULL UNIQUE COLLATE NOCASE
    ) STRICT;

    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submissions (id),
      media_type TEXT NOT NULL,
      original_name TEXT NOT NULL,
      size INTEGER NOT NULL,
      content BLOB NOT NULL
    ) STRICT;

    CREATE TABLE terms_acceptances (
      id INTEGER PRIMARY KEY,
      submission_id INTEGER NOT NULL REFERENCES submissions (id),
      company_id INTEGER NOT NULL REFERENCES companies (id),
      terms_version TEXT NOT NULL,
      accepted_by TEXT NOT NULL,
      accepted_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE drafts (
      form TEXT PRIMARY KEY,
      data TEXT NOT NULL CHECK (json_valid(data)),
      updated_at TEXT NOT NULL
    ) STRICT;

    -- Every state change, in order, with a unique id: what a later sync pushes.
    CREATE TABLE mutations (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      at TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL,
      data TEXT NOT NULL CHECK (json_valid(data))
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `,
};
