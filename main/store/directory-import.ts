// Importing a directory file into the store: insert what is new, update what changed, leave the
// rest alone, so importing the same file twice changes nothing. Each company goes in on its own
// savepoint: one that conflicts with the store (a login of another company) is reported, the
// others are kept. Passwords and account states set here are never touched by an import.
import { directoryCompanySchema, type DirectoryCompany } from '../portal/directory/model';
import type { Db } from './database';
import { recordMutation } from './mutations';

export interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  companies: Tally;
  sites: Tally;
  people: Tally;
  accounts: Tally;
  conflicts: Array<{ cofor: string; reason: string }>;
}

const tally = (): Tally => ({ inserted: 0, updated: 0, unchanged: 0 });

export function upsertDirectory(
  db: Db,
  companies: DirectoryCompany[],
  at: Date,
  onProgress?: (done: number, total: number) => void,
): ImportResult {
  const result: ImportResult = {
    companies: tally(),
    sites: tally(),
    people: tally(),
    accounts: tally(),
    conflicts: [],
  };
  const findCompany = db.prepare<[string], { id: number }>('SELECT id FROM companies WHERE cofor = ?');
  type CompanyValues = Record<string, string | number | null>;
  const insertCompany = db.prepare<
    [CompanyValues]
  >(`INSERT INTO companies (cofor, duns, legal_name, registration_number, tax_number, street, postal_code, city, country, status, access_status, access_requested_at)
    VALUES (@cofor, @duns, @legalName, @registrationNumber, @taxNumber, @street, @postalCode, @city, @country, @status, @access, @accessRequestedAt)`);
  const updateCompany = db.prepare<
    [CompanyValues]
  >(`UPDATE companies SET duns = @duns, legal_name = @legalName, registration_number = @registrationNumber, tax_number = @taxNumber,
      street = @street, postal_code = @postalCode, city = @city, country = @country, status = @status, access_status = @access, access_requested_at = @accessRequestedAt
    WHERE id = @id AND (duns IS NOT @duns OR legal_name IS NOT @legalName OR registration_number IS NOT @registrationNumber OR tax_number IS NOT @taxNumber
      OR street IS NOT @street OR postal_code IS NOT @postalCode OR city IS NOT @city OR country IS NOT @country OR status IS NOT @status
      OR access_status IS NOT @access OR access_requested_at IS NOT @accessRequestedAt)`);
  const upsertSite = db.prepare<
    [number, string, string | null, string | null]
  >(`INSERT INTO sites (company_id, code, name, city) VALUES (?, ?, ?, ?)
    ON CONFLICT (company_id, code) DO UPDATE SET name = excluded.name, city = excluded.city
    WHERE name IS NOT excluded.name OR city IS NOT excluded.city`);
  const siteExists = db.prepare<[number, string], { one: 1 }>(
    'SELECT 1 AS one FROM sites WHERE company_id = ? AND code = ?',
  );
  const findPerson = db.prepare<
    [number, string, string],
    { id: number; jobTitle: string | null; phone: string | null; role: string }
  >('SELECT id, job_title AS jobTitle, phone, role FROM people WHERE company_id = ? AND full_name = ? AND email = ?');
  const insertPerson = db.prepare<[number, string, string | null, string, string | null, string]>(
    'INSERT INTO people (company_id, full_name, job_title, email, phone, role) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const updatePerson = db.prepare<[string | null, string | null, string, number]>(
    'UPDATE people SET job_title = ?, phone = ?, role = ? WHERE id = ?',
  );
  const findAccount = db.prepare<[string], { companyId: number }>(
    'SELECT company_id AS companyId FROM accounts WHERE login = ?',
  );
  const upsertAccount = db.prepare<
    [string, number, number | null, string, string, string]
  >(`INSERT INTO accounts (login, company_id, person_id, email, role, state) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (login) DO UPDATE SET person_id = excluded.person_id, email = excluded.email, role = excluded.role
    WHERE person_id IS NOT excluded.person_id OR email IS NOT excluded.email OR role IS NOT excluded.role`);

  const n = (v: string | undefined) => v ?? null;
  const one = (c: DirectoryCompany): void => {
    const values = {
      cofor: c.cofor,
      duns: n(c.duns),
      legalName: c.legalName,
      registrationNumber: n(c.registrationNumber),
      taxNumber: n(c.taxNumber),
      street: n(c.street),
      postalCode: n(c.postalCode),
      city: n(c.city),
      country: n(c.country),
      status: c.status,
      access: c.access,
      accessRequestedAt: n(c.accessRequestedAt),
    };
    const existing = findCompany.get(c.cofor);
    let companyId: number;
    if (!existing) {
      companyId = Number(insertCompany.run(values).lastInsertRowid);
      result.companies.inserted++;
    } else {
      companyId = existing.id;
      result.companies[updateCompany.run({ ...values, id: companyId }).changes ? 'updated' : 'unchanged']++;
    }
    for (const s of c.sites) {
      const had = siteExists.get(companyId, s.code) !== undefined;
      const changed = upsertSite.run(companyId, s.code, n(s.name), n(s.city)).changes > 0;
      result.sites[!had ? 'inserted' : changed ? 'updated' : 'unchanged']++;
    }
    const personIds = new Map<string, number>();
    for (const p of c.people) {
      const found = findPerson.get(companyId, p.fullName, p.email);
      if (!found) {
        personIds.set(
          p.key,
          Number(insertPerson.run(companyId, p.fullName, n(p.jobTitle), p.email, n(p.phone), p.role).lastInsertRowid),
        );
        result.people.inserted++;
      } else {
        personIds.set(p.key, found.id);
        const same = found.jobTitle === n(p.jobTitle) && found.phone === n(p.phone) && found.role === p.role;
        if (!same) updatePerson.run(n(p.jobTitle), n(p.phone), p.role, found.id);
        result.people[same ? 'unchanged' : 'updated']++;
      }
    }
    for (const a of c.accounts) {
      const owner = findAccount.get(a.login);
      if (owner && owner.companyId !== companyId) throw new Error(`login ${a.login} belongs to another company`);
      const changed =
        upsertAccount.run(
          a.login,
          companyId,
          a.person ? (personIds.get(a.person) ?? null) : null,
          a.email,
          a.role,
          a.state,
        ).changes > 0;
      result.accounts[!owner ? 'inserted' : changed ? 'updated' : 'unchanged']++;
    }
  };

  db.transaction(() => {
    companies.forEach((company, index) => {
      try {
        db.transaction(() => one(company))(); // a savepoint: a conflicting company leaves no trace
      } catch (error) {
        result.conflicts.push({
          cofor: company.cofor,
          reason: (error as Error).message.replace(/^UNIQUE constraint failed: /, 'already used: '),
        });
      }
      if (onProgress && (index % 1000 === 999 || index === companies.length - 1))
        onProgress(index + 1, companies.length);
    });
    const changed = (['companies', 'sites', 'people', 'accounts'] as const).some(
      (k) => result[k].inserted + result[k].updated > 0,
    );
    if (changed)
      recordMutation(
        db,
        {
          entity: 'directory',
          entityId: 'directory',
          op: 'imported',
          data: { companies: result.companies, accounts: result.accounts },
        },
        at,
      );
  })();
  return result;
}

/** The directory as a file would hold it: no password, no session, nothing secret. */
export function exportDirectory(db: Db): DirectoryCompany[] {
  type Row = Record<string, unknown>;
  const companies = db
    .prepare<[], Row & { id: number }>(
      `SELECT id, cofor, duns, legal_name AS legalName, registration_number AS registrationNumber, tax_number AS taxNumber,
      street, postal_code AS postalCode, city, country, status, access_status AS access, access_requested_at AS accessRequestedAt FROM companies ORDER BY cofor`,
    )
    .all();
  const sites = db.prepare<[number], Row>('SELECT code, name, city FROM sites WHERE company_id = ? ORDER BY code');
  const people = db.prepare<[number], Row & { id: number }>(
    'SELECT id, full_name AS fullName, job_title AS jobTitle, email, phone, role FROM people WHERE company_id = ? ORDER BY id',
  );
  const accounts = db.prepare<[number], Row & { personId: number | null }>(
    'SELECT login, person_id AS personId, email, role, state FROM accounts WHERE company_id = ? ORDER BY login',
  );
  const clean = <T extends Record<string, unknown>>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;
  // Read back through the schema an import checks: an export is always a file the app imports.
  return companies.map(({ id, ...c }) =>
    directoryCompanySchema.parse({
      ...clean(c),
      sites: sites.all(id).map(clean),
      people: people.all(id).map(({ id: pid, ...p }) => clean({ key: `p${pid}`, ...p })),
      accounts: accounts
        .all(id)
        .map(({ personId, ...a }) => clean({ ...a, person: personId === null ? null : `p${personId}` })),
    }),
  );
}
