import type { Migration } from './index';

export const desk: Migration = {
  version: 4,
  name: 'support desk: agents, sessions, the queue state of each request',
  rebuildsTables: true,
  sql: /* sql */ `
    -- Assistance agents: not V logins, no company. Created from the command line or by an agent.
    CREATE TABLE desk_agents (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE CHECK (username GLOB '[a-z]*' AND length(username) BETWEEN 3 AND 40),
      full_name TEXT NOT NULL,
      email TEXT NOT NULL,
      password_hash TEXT,
      must_change_password INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked', 'deactivated')),
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE desk_sessions (
      token_hash TEXT PRIMARY KEY,
      agent_id INTEGER NOT NULL REFERENCES desk_agents (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- Requests gain the recovery kinds the desk handles, and their place in the desk's queue.
    CREATE TABLE submissions_v4 (
      id INTEGER PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('company-file', 'cofor-help', 'access-request', 'help', 'blocked-access', 'find-plsa')),
      company_id INTEGER REFERENCES companies (id),
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      state TEXT NOT NULL DEFAULT 'saved' CHECK (state IN ('saved', 'queued', 'sent', 'failed', 'answered')),
      created_at TEXT NOT NULL,
      desk_state TEXT NOT NULL DEFAULT 'new' CHECK (desk_state IN ('new', 'in-progress', 'waiting-supplier', 'done')),
      assignee TEXT,
      lang TEXT NOT NULL DEFAULT 'en'
    ) STRICT;
    INSERT INTO submissions_v4 (id, reference, kind, company_id, payload, state, created_at, lang)
      SELECT id, reference, kind, company_id, payload, state, created_at, coalesce(json_extract(payload, '$.lang'), 'en') FROM submissions;
    DROP TABLE submissions;
    ALTER TABLE submissions_v4 RENAME TO submissions;
    CREATE INDEX submissions_created ON submissions (created_at);
    CREATE INDEX submissions_desk ON submissions (desk_state, created_at);
    CREATE INDEX companies_tax ON companies (tax_number);
  `,
};
