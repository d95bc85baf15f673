// The hub's directory: the companies a replica's analysis runs on. A hub with no company yet
// loads the demo directory and its accounts (as a workstation does), unless told not to.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hashPassword, type HashCost } from '../secrets/password-hasher';
import type { Pool } from 'pg';
import { CHANGES_LOCK } from './sync';
import { inTransaction } from './transaction';

interface DirectoryCompany {
  cofor: string;
  legalName: string;
  status: 'active' | 'deactivated';
  access: 'not-requested' | 'requested' | 'open';
  accessRequestedDaysAgo?: number;
  sites?: Array<{ code: string }>;
  people?: Array<{ key: string; fullName: string }>;
  accounts?: Array<{ login: string; person: string; email: string; role: 'user' | 'plsa'; state: string }>;
}

/** The demo directory and, next to it, its accounts' documented passwords (hashed here). */
export async function loadDemoDirectoryIfEmpty(pool: Pool, file: string, cost?: HashCost): Promise<number> {
  const { companies } = JSON.parse(readFileSync(file, 'utf8')) as { companies: DirectoryCompany[] };
  const passwords = JSON.parse(readFileSync(join(dirname(file), 'passwords.json'), 'utf8')) as Record<string, string>;
  return inTransaction(pool, async (tx) => {
    await tx.query('LOCK TABLE companies IN EXCLUSIVE MODE'); // two hubs starting at once load it once
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
    const { rows } = await tx.query<{ n: string }>('SELECT count(*) AS n FROM companies');
    if (Number(rows[0]!.n) > 0) return 0;
    for (const c of companies) {
      const requestedAt =
        c.access === 'requested' ? new Date(Date.now() - (c.accessRequestedDaysAgo ?? 0) * 86_400_000) : null;
      const inserted = await tx.query(
        `INSERT INTO companies (cofor, legal_name, status, access, access_requested_at, site_codes)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING cofor, legal_name AS "legalName", status, access, access_requested_at AS "accessRequestedAt", site_codes AS "siteCodes"`,
        [c.cofor, c.legalName, c.status, c.access, requestedAt, (c.sites ?? []).map((s) => s.code)],
      );
      await tx.query(`INSERT INTO changes (audience, entity, entity_id, data) VALUES ('public', 'company', $1, $2)`, [
        c.cofor,
        inserted.rows[0],
      ]);
      for (const a of c.accounts ?? []) {
        const password = passwords[a.login];
        await tx.query(
          `INSERT INTO accounts (login, cofor, full_name, email, role, state, password_hash, must_change)
           VALUES ($1, $2, $3, $4, $5, $6, $7, false)`,
          [
            a.login,
            c.cofor,
            c.people?.find((p) => p.key === a.person)?.fullName ?? a.login,
            a.email,
            a.role,
            a.state,
            password ? await hashPassword(password, cost) : null,
          ],
        );
      }
    }
    return companies.length;
  });
}
