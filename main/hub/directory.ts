// The hub's directory: the companies a replica's analysis runs on. A hub with no company yet
// loads the demo directory (as a workstation does), unless told not to.
import { readFileSync } from 'node:fs';
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
}

export async function loadDemoDirectoryIfEmpty(pool: Pool, file: string): Promise<number> {
  const { companies } = JSON.parse(readFileSync(file, 'utf8')) as { companies: DirectoryCompany[] };
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
    }
    return companies.length;
  });
}
