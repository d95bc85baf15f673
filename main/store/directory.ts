// The directory in SQLite: the one lookup the stage analysis needs, and the bulk import.
import type { CompanyFacts } from '../portal/onboarding/stages';
import type { Directory, DirectoryCompany } from '../portal/directory/model';
import type { Db } from './database';
import { recordMutation } from './mutations';

export interface CompanyRow {
  id: number;
  cofor: string;
  legalName: string;
  status: 'active' | 'deactivated';
  access: 'not-requested' | 'requested' | 'open';
  accessRequestedAt: string | null;
}

export type DirectoryRepository = ReturnType<typeof createDirectoryRepository>;

export function createDirectoryRepository(db: Db) {
  // One indexed statement answers the analysis: the company by its unique COFOR, and whether
  // the asked site exists under it (LEFT JOIN on the (company_id, code) unique index).
  const factsStmt = db.prepare<
    [string | null, string | null, string],
    {
      legalName: string;
      status: CompanyFacts['status'];
      access: CompanyFacts['access'];
      accessRequestedAt: string | null;
      siteKnown: number | null;
    }
  >(`
    SELECT c.legal_name AS legalName, c.status, c.access_status AS access,
           c.access_requested_at AS accessRequestedAt,
           CASE WHEN ? IS NULL THEN NULL ELSE s.id IS NOT NULL END AS siteKnown
    FROM companies c
    LEFT JOIN sites s ON s.company_id = c.id AND s.code = ?
    WHERE c.cofor = ?`);
  // Without a site code (the usual case) the join is not needed: the one indexed lookup suffices.
  const headOfficeStmt = db.prepare<[string], Omit<CompanyFacts, 'siteKnown'>>(`
    SELECT legal_name AS legalName, status, access_status AS access, access_requested_at AS accessRequestedAt
    FROM companies WHERE cofor = ?`);
  const companyStmt = db.prepare<[string], CompanyRow>(`
    SELECT id, cofor, legal_name AS legalName, status, access_status AS access,
           access_requested_at AS accessRequestedAt
    FROM companies WHERE cofor = ?`);
  const dunsStmt = db.prepare<[string], { id: number }>('SELECT id FROM companies WHERE duns = ?');
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM companies');
  const setAccessStmt = db.prepare<['open' | 'not-requested', number]>(
    'UPDATE companies SET access_status = ?, access_requested_at = NULL WHERE id = ?',
  );
  const createCompanyStmt = db.prepare<[string, string, string, string, string, string, string, string, string]>(
    `INSERT INTO companies (cofor, duns, legal_name, registration_number, tax_number, street, postal_code, city, country,
       status, access_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 'not-requested')`,
  );
  const coforTakenStmt = db.prepare<[string], { one: 1 }>('SELECT 1 AS one FROM companies WHERE cofor = ?');
  const markRequestedStmt = db.prepare<[string, number]>(
    `UPDATE companies SET access_status = 'requested', access_requested_at = ?
     WHERE id = ? AND access_status = 'not-requested' AND status = 'active'`,
  );

  return {
    companyFacts(cofor: string, siteCode: string | null): CompanyFacts | null {
      if (siteCode === null) {
        const company = headOfficeStmt.get(cofor);
        return company ? { ...company, siteKnown: null } : null;
      }
      const row = factsStmt.get(siteCode, siteCode, cofor);
      if (!row) return null;
      return { ...row, siteKnown: row.siteKnown === null ? null : row.siteKnown === 1 };
    },

    companyByCofor: (cofor: string): CompanyRow | null => companyStmt.get(cofor) ?? null,

    dunsKnown: (duns: string): boolean => dunsStmt.get(duns) !== undefined,

    companyCount: (): number => countStmt.get()?.n ?? 0,

    /** Moves an active company from "not requested" to "requested"; false if it was not there. */
    markAccessRequested(companyId: number, at: Date): boolean {
      const changed = markRequestedStmt.run(at.toISOString(), companyId).changes === 1;
      if (changed) {
        recordMutation(
          db,
          { entity: 'company', entityId: String(companyId), op: 'access-requested', data: { at: at.toISOString() } },
          at,
        );
      }
      return changed;
    },

    importDirectory: (directory: Directory, at: Date): ImportReport => importDirectory(db, directory, at),

    /** The desk's decision on an access request: open it, or send it back to "not requested". */
    setAccess(companyId: number, access: 'open' | 'not-requested', at: Date): void {
      setAccessStmt.run(access, companyId);
      recordMutation(db, { entity: 'company', entityId: String(companyId), op: `access-${access}`, data: {} }, at);
    },

    /** A company the desk references from its Supplier Database file. */
    createCompany(
      c: {
        cofor: string;
        duns: string;
        legalName: string;
        registrationNumber: string;
        taxNumber: string;
        street: string;
        postalCode: string;
        city: string;
        country: string;
      },
      at: Date,
    ): number {
      const id = Number(
        createCompanyStmt.run(
          c.cofor,
          c.duns,
          c.legalName,
          c.registrationNumber,
          c.taxNumber,
          c.street,
          c.postalCode,
          c.city,
          c.country,
        ).lastInsertRowid,
      );
      recordMutation(db, { entity: 'company', entityId: String(id), op: 'referenced', data: { cofor: c.cofor } }, at);
      return id;
    },

    coforTaken: (cofor: string): boolean => coforTakenStmt.get(cofor) !== undefined,
  };
}

export interface ImportReport {
  companies: number;
  sites: number;
  people: number;
  accounts: number;
}

/**
 * Loads a validated directory in one transaction with prepared statements, so a failed import
 * leaves the store as it was. The import itself is one mutation, not one per row: the directory
 * comes from the portal and is not pushed back by a sync.
 */
export function importDirectory(db: Db, directory: Directory, at: Date): ImportReport {
  const insertCompany = db.prepare<[Record<string, string | number | null>]>(`
    INSERT INTO companies (cofor, duns, legal_name, registration_number, tax_number, street,
      postal_code, city, country, status, access_status, access_requested_at)
    VALUES (@cofor, @duns, @legalName, @registrationNumber, @taxNumber, @street, @postalCode,
      @city, @country, @status, @access, @accessRequestedAt)`);
  const insertSite = db.prepare<[number | bigint, string, string | null, string | null]>(
    'INSERT INTO sites (company_id, code, name, city) VALUES (?, ?, ?, ?)',
  );
  const insertPerson = db.prepare<[number | bigint, string, string | null, string, string | null, string]>(
    'INSERT INTO people (company_id, full_name, job_title, email, phone, role) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAccount = db.prepare<[string, number | bigint, number | bigint | null, string, string, string]>(
    'INSERT INTO accounts (login, company_id, person_id, email, role, state) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const report: ImportReport = { companies: 0, sites: 0, people: 0, accounts: 0 };
  const insertOne = (c: DirectoryCompany): void => {
    const companyId = insertCompany.run({
      cofor: c.cofor,
      duns: c.duns ?? null,
      legalName: c.legalName,
      registrationNumber: c.registrationNumber ?? null,
      taxNumber: c.taxNumber ?? null,
      street: c.street ?? null,
      postalCode: c.postalCode ?? null,
      city: c.city ?? null,
      country: c.country ?? null,
      status: c.status,
      access: c.access,
      accessRequestedAt: c.accessRequestedAt ?? null,
    }).lastInsertRowid;
    report.companies++;
    for (const s of c.sites) {
      insertSite.run(companyId, s.code, s.name ?? null, s.city ?? null);
      report.sites++;
    }
    const personIds = new Map<string, number | bigint>();
    for (const p of c.people) {
      const id = insertPerson.run(
        companyId,
        p.fullName,
        p.jobTitle ?? null,
        p.email,
        p.phone ?? null,
        p.role,
      ).lastInsertRowid;
      personIds.set(p.key, id);
      report.people++;
    }
    for (const a of c.accounts) {
      const personId = a.person === undefined ? null : personIds.get(a.person);
      if (personId === undefined)
        throw new Error(`Account ${a.login} names unknown person "${a.person}" in ${c.cofor}`);
      insertAccount.run(a.login, companyId, personId, a.email, a.role, a.state);
      report.accounts++;
    }
  };

  db.transaction(() => {
    for (const company of directory.companies) insertOne(company);
    recordMutation(db, { entity: 'directory', entityId: 'directory', op: 'imported', data: { ...report } }, at);
  })();
  return report;
}
