// The hub's schema on PostgreSQL, as numbered migrations. Each runs once, in its own transaction,
// under an advisory lock, so hub processes starting together on one database migrate it once; a
// database from a newer hub is refused rather than written by code that does not know it.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction';

export const HUB_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'devices, mutations, changes, companies, requests',
    sql: `
      CREATE TABLE devices (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('supplier', 'desk')),
        token_hash text NOT NULL UNIQUE,
        last_mutation_id bigint NOT NULL DEFAULT 0,
        registered_at timestamptz NOT NULL DEFAULT now()
      );
      -- Every mutation applied, with the answer it got: a duplicate gets the same answer again.
      CREATE TABLE mutations (
        device_id text NOT NULL REFERENCES devices (id),
        mutation_id bigint NOT NULL,
        name text NOT NULL,
        result jsonb NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (device_id, mutation_id)
      );
      -- What replicas pull: one row per change, in the order of the hub's commits, each for an
      -- audience ('public', 'desk', or 'device:<id>').
      CREATE TABLE changes (
        version bigserial PRIMARY KEY,
        audience text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX changes_audience ON changes (audience, version);
      CREATE TABLE companies (
        cofor text PRIMARY KEY,
        legal_name text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'deactivated')),
        access text NOT NULL CHECK (access IN ('not-requested', 'requested', 'open')),
        access_requested_at timestamptz,
        site_codes text[] NOT NULL DEFAULT '{}'
      );
      CREATE TABLE requests (
        reference text PRIMARY KEY,
        kind text NOT NULL,
        device_id text NOT NULL REFERENCES devices (id),
        lang text NOT NULL,
        payload jsonb NOT NULL,
        cofor text,
        desk_state text NOT NULL DEFAULT 'new',
        received_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'a fingerprint of each applied mutation',
    sql: `
      -- The SHA-256 of a mutation's name and arguments: the same id arriving with other content
      -- is not a duplicate (a store restored from an old backup), and is refused as such.
      ALTER TABLE mutations ADD COLUMN fingerprint text;
    `,
  },
  {
    version: 3,
    name: 'desk decisions, accounts, sessions, the e-mail outbox',
    sql: `
      -- A request's one decision: the first desk decision to reach the hub (the hub's clock).
      ALTER TABLE requests ADD COLUMN decision text, ADD COLUMN decided_by text,
        ADD COLUMN decided_at timestamptz;
      CREATE TABLE accounts (
        login text PRIMARY KEY CHECK (login ~ '^V[0-9]{6}$'),
        cofor text NOT NULL REFERENCES companies (cofor),
        full_name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('user', 'plsa')),
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked', 'deactivated')),
        password_hash text,
        temporary_hash text,
        temporary_expires_at timestamptz,
        must_change boolean NOT NULL DEFAULT true,
        failures integer NOT NULL DEFAULT 0,
        last_failure_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- Login attempts are counted per typed login, known or not (no enumeration by counting).
      CREATE TABLE login_attempts (
        login text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        login text NOT NULL REFERENCES accounts (login),
        device_id text NOT NULL REFERENCES devices (id),
        must_change boolean NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      );
      -- E-mails the hub sends. A secret (a temporary password) is kept encrypted until sent,
      -- then erased; several hubs share the work (FOR UPDATE SKIP LOCKED).
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        to_address text NOT NULL,
        lang text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        secret bytea,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        queued_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'queued';
    `,
  },
  {
    version: 4,
    name: 'desk agents, who enrol desk workstations',
    sql: `
      CREATE TABLE desk_agents (
        username text PRIMARY KEY,
        full_name text NOT NULL,
        email text NOT NULL,
        password_hash text NOT NULL,
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'blocked', 'deactivated')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- The agent who enrolled each desk device (none for supplier devices and register-desk).
      ALTER TABLE devices ADD COLUMN enrolled_by text REFERENCES desk_agents (username);
    `,
  },
  {
    version: 5,
    name: "each company's directory record",
    sql: `
      -- The company as the directory files hold it (identity, sites, people, accounts' logins and
      -- states; never a password): what desk replicas pull, and what export writes.
      ALTER TABLE companies ADD COLUMN directory jsonb;
    `,
  },
  {
    version: 6,
    name: "the assistance's e-mails: an HTML version and attachments",
    sql: `
      ALTER TABLE outbox ADD COLUMN html text;
      -- A request's document or screenshot, sent with its e-mail to the assistance, then erased
      -- (the request keeps its own copy).
      CREATE TABLE outbox_attachments (
        outbox_id uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        position integer NOT NULL,
        file_name text NOT NULL,
        media_type text NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (outbox_id, position)
      );
    `,
  },
  {
    version: 7,
    name: "accounts' last login, for the PLSA console",
    sql: `ALTER TABLE accounts ADD COLUMN last_login_at timestamptz;`,
  },
  {
    version: 8,
    name: 'recovery requests, capped per subject per hour',
    sql: `
      CREATE TABLE recovery_requests (
        kind text NOT NULL,
        subject text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX recovery_requests_subject ON recovery_requests (subject, at);
    `,
  },
  {
    version: 9,
    name: "who works on each request, for every desk's queue",
    sql: `ALTER TABLE requests ADD COLUMN assignee text;`,
  },
  {
    version: 10,
    name: "the desks' shared settings: their answer templates",
    sql: `
      CREATE TABLE desk_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 11,
    name: 'requests that wait: reminders, when the desk last moved a request, expiry',
    sql: `
      -- A request waiting 30 days for its sender (desk_state 'waiting-supplier' since
      -- desk_state_at) expires: done, expired_at set; its sender may reopen it.
      ALTER TABLE requests ADD COLUMN desk_state_at timestamptz, ADD COLUMN expired_at timestamptz;
      UPDATE requests SET desk_state_at = received_at;
      CREATE INDEX requests_waiting ON requests (desk_state, desk_state_at);
      CREATE TABLE request_reminders (
        reference text NOT NULL REFERENCES requests (reference),
        at timestamptz NOT NULL
      );
      CREATE INDEX request_reminders_reference ON request_reminders (reference, at);
    `,
  },
  {
    version: 12,
    name: "a leaving PLSA's hand-over to a colleague, held until the colleague answers",
    sql: `
      CREATE TABLE plsa_handovers (
        id bigserial PRIMARY KEY,
        cofor text NOT NULL REFERENCES companies (cofor),
        from_login text NOT NULL REFERENCES accounts (login),
        to_login text NOT NULL REFERENCES accounts (login),
        created_at timestamptz NOT NULL DEFAULT now(),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn')),
        answered_at timestamptz
      );
      CREATE UNIQUE INDEX plsa_handovers_pending ON plsa_handovers (from_login) WHERE state = 'pending';
      CREATE INDEX plsa_handovers_to ON plsa_handovers (to_login, state);
    `,
  },
  {
    version: 13,
    name: 'access reviews: a PLSA confirms who still works for the company',
    sql: `
      ALTER TABLE companies ADD COLUMN review_every_days integer NOT NULL DEFAULT 90;
      CREATE TABLE access_reviews (
        id bigserial PRIMARY KEY,
        cofor text NOT NULL REFERENCES companies (cofor),
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        closed_at timestamptz
      );
      CREATE UNIQUE INDEX access_reviews_open ON access_reviews (cofor) WHERE closed_at IS NULL;
      CREATE INDEX access_reviews_due ON access_reviews (due_at) WHERE closed_at IS NULL;
      CREATE TABLE access_review_answers (
        review_id bigint NOT NULL REFERENCES access_reviews (id),
        login text NOT NULL REFERENCES accounts (login),
        answer text NOT NULL CHECK (answer IN ('confirmed', 'left', 'blocked-unconfirmed')),
        by_login text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (review_id, login)
      );
    `,
  },
  {
    version: 14,
    name: "each supplier device's quota: what it sent in the last day",
    sql: `
      -- One row per mutation id a supplier device was let send (counted before it is applied,
      -- once per id however often it is pushed again), on the hub's clock: the requests of the
      -- last hour and the bytes of the last day are read from here, by every hub of the database.
      -- Rows older than a day count for nothing and are pruned.
      CREATE TABLE device_quota_use (
        device_id text NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        mutation_id bigint NOT NULL,
        bytes bigint NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (device_id, mutation_id)
      );
      CREATE INDEX device_quota_use_at ON device_quota_use (at);
    `,
  },
  {
    version: 15,
    name: 'desk devices belong to agents; devices revoked; audit lines name the device',
    sql: `
      -- A desk workstation works offline, so a push carries no live session: the hub instead
      -- knows which agents may act on each desk device (who enrolled it, who logged in on it
      -- through the hub). A link ends when the agent is deactivated or the device revoked.
      CREATE TABLE desk_device_agents (
        device_id text NOT NULL REFERENCES devices (id),
        username text NOT NULL REFERENCES desk_agents (username),
        linked_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        PRIMARY KEY (device_id, username)
      );
      CREATE INDEX desk_device_agents_username ON desk_device_agents (username);
      -- The links a hub already knew of: each enrolment, and each login through the hub
      -- (audited as desk-login with the device), so no agent is locked out by the upgrade.
      INSERT INTO desk_device_agents (device_id, username, linked_at)
        SELECT id, enrolled_by, registered_at FROM devices WHERE kind = 'desk' AND enrolled_by IS NOT NULL;
      INSERT INTO desk_device_agents (device_id, username, linked_at)
        SELECT d.id, a.username, max(au.at) FROM audit au
        JOIN devices d ON d.id = au.details->>'device' AND d.kind = 'desk'
        JOIN desk_agents a ON a.username = au.actor
        WHERE au.action = 'desk-login' GROUP BY d.id, a.username
        ON CONFLICT (device_id, username) DO NOTHING;
      -- A revoked device gets 401 device-revoked on every call; last seen, for list-devices
      -- (written at most once a minute per device).
      ALTER TABLE devices ADD COLUMN revoked_at timestamptz, ADD COLUMN last_seen_at timestamptz;
      -- The device a desk mutation came from: set once per mutation's transaction where the hub
      -- applies intents (desk-actor.ts), so every audit line the intent writes names it.
      ALTER TABLE audit ADD COLUMN device_id text DEFAULT nullif(current_setting('hub.device', true), '');
    `,
  },
];

export const HUB_SCHEMA_VERSION = HUB_MIGRATIONS.at(-1)!.version;

export class NewerHubSchemaError extends Error {}

const LOCK = 4650_0001; // any constant: the one advisory lock of the hub's migrations

export async function migrateHub(pool: Pool): Promise<number> {
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS hub_schema (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const current = await schemaVersion(tx);
    if (current > HUB_SCHEMA_VERSION) {
      throw new NewerHubSchemaError(
        `This database was written by a newer hub (schema ${current}; this hub knows up to ${HUB_SCHEMA_VERSION}): update the hub, or point it at another database.`,
      );
    }
    for (const migration of HUB_MIGRATIONS.filter((m) => m.version > current)) {
      await tx.query(migration.sql);
      await tx.query('INSERT INTO hub_schema (version) VALUES ($1)', [migration.version]);
    }
    return HUB_SCHEMA_VERSION;
  });
}

async function schemaVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_schema');
  return rows[0]?.v ?? 0;
}
