// The hub's directory, its system of record: each company's record as the directory files hold
// it (identity, sites, people, accounts' logins and states, never a password), with the columns
// the analysis reads beside it. Every write publishes two changes: the analysis projection for
// every replica, the whole record for desks. A hub with no company yet loads the demo directory
// and its accounts (as a workstation does), unless told not to.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { directoryCompanySchema, type DirectoryCompany } from '../portal/directory/model';
import { hashPassword, type HashCost } from '../secrets/password-hasher';
import { CHANGES_LOCK, inTransaction } from './transaction';
import type { ChangeData } from '../hub-protocol/changes';

/** Companies per transaction when importing: a short lock, few commits. */
export const HUB_IMPORT_BATCH = 1000;

const PROJECTION = `cofor, legal_name AS "legalName", status, access, access_requested_at AS "accessRequestedAt", site_codes AS "siteCodes"`;

/**
 * Writes companies (new or changed) with their accounts, and their changes, in the caller's
 * transaction: one statement per table for the whole batch. Passwords and the hub's own account
 * states are kept: an import never resets them.
 */
export async function writeCompanies(tx: PoolClient, companies: DirectoryCompany[]): Promise<void> {
  if (companies.length === 0) return;
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
  const records = companies.map((c) => ({
    cofor: c.cofor,
    legal_name: c.legalName,
    status: c.status,
    access: c.access,
    access_requested_at: c.accessRequestedAt ?? null,
    site_codes: c.sites.map((s) => s.code),
    directory: c,
  }));
  await tx.query(
    `INSERT INTO companies (cofor, legal_name, status, access, access_requested_at, site_codes, directory)
     SELECT x.cofor, x.legal_name, x.status, x.access, x.access_requested_at, x.site_codes, x.directory
     FROM jsonb_to_recordset($1::jsonb) AS x(cofor text, legal_name text, status text, access text,
       access_requested_at timestamptz, site_codes text[], directory jsonb)
     ON CONFLICT (cofor) DO UPDATE SET legal_name = excluded.legal_name, status = excluded.status,
       access = excluded.access, access_requested_at = excluded.access_requested_at,
       site_codes = excluded.site_codes, directory = excluded.directory`,
    [JSON.stringify(records)],
  );
  const accounts = companies.flatMap((c) =>
    c.accounts.map((a) => ({
      login: a.login,
      cofor: c.cofor,
      full_name: c.people.find((p) => p.key === a.person)?.fullName ?? a.login,
      email: a.email,
      role: a.role,
      state: a.state,
    })),
  );
  await tx.query(
    `INSERT INTO accounts (login, cofor, full_name, email, role, state, must_change)
     SELECT x.login, x.cofor, x.full_name, x.email, x.role, x.state, true
     FROM jsonb_to_recordset($1::jsonb) AS x(login text, cofor text, full_name text, email text, role text, state text)
     ON CONFLICT (login) DO UPDATE SET cofor = excluded.cofor, full_name = excluded.full_name,
       email = excluded.email, role = excluded.role`,
    [JSON.stringify(accounts)],
  );
  await publish(
    tx,
    companies.map((c) => c.cofor),
  );
}

/** The changes of these companies: the projection for everyone, the record for desks. */
async function publish(tx: PoolClient, cofors: string[]): Promise<void> {
  await tx.query(
    `INSERT INTO changes (audience, entity, entity_id, data)
     SELECT a.audience, a.entity, c.cofor, CASE WHEN a.entity = 'company' THEN p.projection ELSE c.directory END
     FROM companies c
     CROSS JOIN LATERAL (SELECT to_jsonb(q) AS projection FROM (SELECT ${PROJECTION} FROM companies WHERE cofor = c.cofor) q) p
     CROSS JOIN (VALUES ('public', 'company', 1), ('desk', 'directory', 2)) AS a(audience, entity, n)
     WHERE c.cofor = ANY($1) AND (a.entity = 'company' OR c.directory IS NOT NULL)
     ORDER BY a.n, c.cofor`, // the projections, then the records: a desk writes these in one batch
    [cofors],
  );
}

/**
 * A company changed by an intent (its access, a new PLSA): its record follows, and its changes are
 * published with the intent's, through `change` (the intent's own transaction and order).
 */
export async function companyChanged(
  tx: PoolClient,
  change: (audience: 'public' | 'desk', entity: string, id: string, data: unknown) => Promise<void>,
  cofor: string,
  edit: (record: DirectoryCompany) => DirectoryCompany = (r) => r,
): Promise<void> {
  const { rows } = await tx.query<{ projection: Record<string, unknown>; directory: DirectoryCompany | null }>(
    `SELECT to_jsonb(q) - 'directory' AS projection, q.directory FROM (SELECT ${PROJECTION}, directory FROM companies WHERE cofor = $1) q`,
    [cofor],
  );
  const row = rows[0];
  if (!row) return;
  const p = row.projection as {
    status: DirectoryCompany['status'];
    access: DirectoryCompany['access'];
    accessRequestedAt: string | null;
  };
  const base = row.directory ?? {
    cofor,
    legalName: String(row.projection['legalName']),
    sites: [],
    people: [],
    accounts: [],
  };
  const { accessRequestedAt: _earlier, ...rest } = base as DirectoryCompany;
  const record = edit({
    ...rest,
    status: p.status,
    access: p.access,
    // A replica keeps "requested" only with its moment (its store's rule).
    ...(p.access === 'requested' && p.accessRequestedAt
      ? { accessRequestedAt: new Date(p.accessRequestedAt).toISOString() }
      : {}),
  });
  await tx.query('UPDATE companies SET directory = $2 WHERE cofor = $1', [cofor, record]);
  await change('public', 'company', cofor, row.projection);
  await change('desk', 'directory', cofor, record);
}

/** A company's analysis projection, as every replica receives it (null: no such company). */
export async function companyProjection(tx: PoolClient, cofor: string): Promise<ChangeData<'company'> | null> {
  const { rows } = await tx.query<
    Omit<ChangeData<'company'>, 'accessRequestedAt'> & { accessRequestedAt: Date | null }
  >(`SELECT ${PROJECTION} FROM companies WHERE cofor = $1`, [cofor]);
  const row = rows[0];
  return row ? { ...row, accessRequestedAt: row.accessRequestedAt?.toISOString() ?? null } : null;
}

/** Reads a directory file's companies into the hub in batches (the formats of `npm run desk -- import`). */
export async function importToHub(
  pool: Pool,
  companies: AsyncIterable<DirectoryCompany[]> | Iterable<DirectoryCompany[]>,
): Promise<number> {
  let written = 0;
  for await (const batch of companies) {
    for (let i = 0; i < batch.length; i += HUB_IMPORT_BATCH) {
      const part = batch.slice(i, i + HUB_IMPORT_BATCH);
      await inTransaction(pool, (tx) => writeCompanies(tx, part));
      written += part.length;
    }
  }
  // A large import changes the tables' shape: fresh statistics keep a desk's first pull on its
  // index (without them PostgreSQL sorted every remaining change on each page).
  if (written >= 10_000) await pool.query('ANALYZE companies, accounts, changes');
  return written;
}

/** Every company's record, in COFOR order, through a cursor (a large directory is never held whole). */
export async function* exportFromHub(pool: Pool): AsyncGenerator<DirectoryCompany[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(
      'DECLARE records NO SCROLL CURSOR FOR SELECT directory FROM companies WHERE directory IS NOT NULL ORDER BY cofor',
    );
    for (;;) {
      const page = await client.query<{ directory: DirectoryCompany }>('FETCH 2000 FROM records');
      if (page.rows.length === 0) break;
      // Read through the schema, so fields come in the order the desk's own export writes them.
      yield page.rows.map((r) => directoryCompanySchema.parse(r.directory));
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** The demo directory and, next to it, its accounts' documented passwords (hashed here). */
export async function loadDemoDirectoryIfEmpty(pool: Pool, file: string, cost?: HashCost): Promise<number> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    companies: Array<Record<string, unknown> & { accessRequestedDaysAgo?: number }>;
  };
  const passwords = JSON.parse(readFileSync(join(dirname(file), 'passwords.json'), 'utf8')) as Record<string, string>;
  const companies = raw.companies.map(({ accessRequestedDaysAgo, ...c }) =>
    directoryCompanySchema.parse({
      ...c,
      ...(c['access'] === 'requested'
        ? { accessRequestedAt: new Date(Date.now() - (accessRequestedDaysAgo ?? 0) * 86_400_000).toISOString() }
        : {}),
    }),
  );
  const hashes = await Promise.all(
    Object.entries(passwords)
      .filter(([login]) => login.startsWith('V'))
      .map(async ([login, password]) => [login, await hashPassword(password, cost)] as const),
  );
  return inTransaction(pool, async (tx) => {
    await tx.query('LOCK TABLE companies IN EXCLUSIVE MODE'); // two hubs starting at once load it once
    const { rows } = await tx.query<{ n: string }>('SELECT count(*) AS n FROM companies');
    if (Number(rows[0]!.n) > 0) return 0;
    await writeCompanies(tx, companies);
    for (const [login, hash] of hashes)
      await tx.query('UPDATE accounts SET password_hash = $2, must_change = false WHERE login = $1', [login, hash]);
    return companies.length;
  });
}
