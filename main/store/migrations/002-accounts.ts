import type { Migration } from './index';

export const accounts: Migration = {
  version: 2,
  name: 'passwords, sessions, temporary passwords, remembered devices, audit log, outbox',
  sql: /* sql */ `
    -- Only a slow salted hash (scrypt) is ever stored; NULL = no password yet (a new account).
    ALTER TABLE accounts ADD COLUMN password_hash TEXT;
    ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN last_login_at TEXT;
    ALTER TABLE accounts ADD COLUMN created_at TEXT;
    CREATE INDEX accounts_email ON accounts (email);

    -- Failed logins per login as typed (known or not), so throttling reveals nothing.
    CREATE TABLE login_attempts (
      login TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      last_failure_at TEXT NOT NULL
    ) STRICT;

    -- Sessions by the SHA-256 of their token: the store never holds a usable session.
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      must_change_password INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX sessions_account ON sessions (account_id);

    CREATE TABLE temporary_passwords (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      password_hash TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      issued_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX temporary_passwords_account ON temporary_passwords (account_id);

    -- "Remember me": the token lives in the OS keychain, only its hash here.
    CREATE TABLE remembered_devices (
      token_hash TEXT PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE recovery_requests (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      subject TEXT NOT NULL, -- the login or e-mail the cap counts by
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX recovery_requests_subject ON recovery_requests (subject, at);

    -- Who did what to which account. Never a secret.
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      company_id INTEGER REFERENCES companies (id),
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target_login TEXT,
      details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
    ) STRICT;
    CREATE INDEX audit_log_company ON audit_log (company_id, at);

    -- Outgoing e-mails. A secret in a message (a temporary password) is not stored here: the
    -- body holds a placeholder and the secret waits in the OS keychain under secret_ref.
    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      kind TEXT NOT NULL,
      to_address TEXT NOT NULL,
      lang TEXT NOT NULL,
      subject TEXT NOT NULL,
      body_text TEXT NOT NULL,
      secret_ref TEXT,
      state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_error TEXT,
      sent_at TEXT
    ) STRICT;
    CREATE INDEX outbox_state ON outbox (state, next_attempt_at);
  `,
};
