// Importing a directory file into the store: insert what is new, update what changed, leave the
// rest alone, so importing the same file twice changes nothing. Companies are written in batches,
// one transaction each, while the file is still being read. A company that conflicts with the store
// (a login of another company) is reported and leaves no trace; the others are kept. Passwords and
// account states set here are never touched by an import.
import type { ImportConflict, ImportRejection } from '../../preload/contract/help';
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
  conflicts: ImportConflict[];
}

/** Companies per transaction: few enough commits to stay near plain inserts, a short write lock. */
export const IMPORT_BATCH = 2000;

const TABLES = ['companies', 'sites', 'people', 'accounts'] as const;
const tally = (): Tally => ({ inserted: 0, updated: 0, unchanged: 0 });
type Tallies = Record<(typeof TABLES)[number], Tally>;
const tallies = (): Tallies => ({ companies: tally(), sites: tally(), people: tally(), accounts: tally() });
const addTallies = (into: Tallies, from: Tallies): void => {
  for (const table of TABLES)
    for (const k of ['inserted', 'updated', 'unchanged'] as const) into[table][k] += from[table][k];
};

/** Thrown inside a company's savepoint to undo it and report why. */
class Conflict extends Error {
  constructor(readonly conflict: ImportConflict) {
    super(conflict.problem);
  }
}

export interface DirectoryWriter {
  /** Writes companies (with their sites, people and accounts) in one transaction. */
  write(companies: DirectoryCompany[]): void;
  /**
   * Rows of the file that came after their company was written (`companies` holds only those
   * rows): added to the stored company. Accounts naming a person the company lacks come back.
   */
  writeLate(companies: DirectoryCompany[]): ImportRejection[];
  /** Records the import as a change (when it changed something) and returns the counts. */
  finish(): ImportResult;
}

/** `statesFromSource`: the records are a hub's (the system of record), whose account states win
 * over this store's; a file import keeps the states set here. */
export function createDirectoryWriter(db: Db, at: Date, options: { statesFromSource?: boolean } = {}): DirectoryWriter {
  const done = tallies();
  const conflicts: ImportConflict[] = [];
  /** Person keys of the file, by company, for accounts that name them in a later row. */
  const personIdsOf = new Map<string, Map<string, number>>();

  const findCompany = db.prepare<[string], { id: number }>('SELECT id FROM companies WHERE cofor = ?');
  const dunsOwner = db.prepare<[string], { cofor: string }>('SELECT cofor FROM companies WHERE duns = ?');
  type CompanyValues = Record<string, string | number | null>;
  type CompanyRow = [string, ...Array<string | null>];
  const insertCompany = db.prepare<CompanyRow>(
    `INSERT INTO companies (cofor, duns, legal_name, registration_number, tax_number, street, postal_code, city, country, status, access_status, access_requested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateCompany = db.prepare<
    [CompanyValues]
  >(`UPDATE companies SET duns = @duns, legal_name = @legalName, registration_number = @registrationNumber, tax_number = @taxNumber,
      street = @street, postal_code = @postalCode, city = @city, country = @country, status = @status, access_status = @access, access_requested_at = @accessRequestedAt
    WHERE id = @id AND (duns IS NOT @duns OR legal_name IS NOT @legalName OR registration_number IS NOT @registrationNumber OR tax_number IS NOT @taxNumber
      OR street IS NOT @street OR postal_code IS NOT @postalCode OR city IS NOT @city OR country IS NOT @country OR status IS NOT @status
      OR access_status IS NOT @access OR access_requested_at IS NOT @accessRequestedAt)`);
  const insertSite = db.prepare<[number, string, string | null, string | null]>(
    'INSERT INTO sites (company_id, code, name, city) VALUES (?, ?, ?, ?)',
  );
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
  const insertAccount = db.prepare<[string, number, number | null, string, string, string]>(
    'INSERT INTO accounts (login, company_id, person_id, email, role, state) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const upsertAccount = db.prepare<
    [string, number, number | null, string, string, string]
  >(`INSERT INTO accounts (login, company_id, person_id, email, role, state) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (login) DO UPDATE SET person_id = excluded.person_id, email = excluded.email, role = excluded.role${
      options.statesFromSource ? ', state = excluded.state' : ''
    }
    WHERE person_id IS NOT excluded.person_id OR email IS NOT excluded.email OR role IS NOT excluded.role${
      options.statesFromSource ? ' OR state IS NOT excluded.state' : ''
    }`);

  const n = (v: string | undefined) => v ?? null;

  /**
   * Writes one company into `into`. `checked` asks the store first about what could clash (a DUNS
   * or a login of another company) and says so; without it a new company's rows are plain inserts,
   * and a clash surfaces as a constraint error that sends the whole batch to the checked path.
   */
  const writeCompany = (c: DirectoryCompany, into: Tallies, checked: boolean): void => {
    if (checked && c.duns !== undefined) {
      const owner = dunsOwner.get(c.duns);
      if (owner && owner.cofor !== c.cofor)
        throw new Conflict({ cofor: c.cofor, problem: 'duns-elsewhere', value: c.duns });
    }
    const existing = findCompany.get(c.cofor);
    if (!existing) {
      // Positional, in the columns' order: binding an object costs a property lookup per column.
      const inserted = insertCompany.run(
        c.cofor,
        n(c.duns),
        c.legalName,
        n(c.registrationNumber),
        n(c.taxNumber),
        n(c.street),
        n(c.postalCode),
        n(c.city),
        n(c.country),
        c.status,
        c.access,
        n(c.accessRequestedAt),
      );
      const companyId = Number(inserted.lastInsertRowid);
      into.companies.inserted++;
      writeChildren(companyId, c, into, checked ? 'checked' : 'new');
    } else {
      const changed = updateCompany.run({
        id: existing.id,
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
      }).changes;
      into.companies[changed ? 'updated' : 'unchanged']++;
      writeChildren(existing.id, c, into, 'checked');
    }
  };

  /** Sites, people and accounts of a company; `new` when the company was inserted just now. */
  const writeChildren = (
    companyId: number,
    c: DirectoryCompany,
    into: Tallies,
    mode: 'new' | 'checked',
  ): ImportRejection[] => {
    for (const s of c.sites) {
      if (mode === 'new') {
        insertSite.run(companyId, s.code, n(s.name), n(s.city));
        into.sites.inserted++;
        continue;
      }
      const had = siteExists.get(companyId, s.code) !== undefined;
      const changed = upsertSite.run(companyId, s.code, n(s.name), n(s.city)).changes > 0;
      into.sites[!had ? 'inserted' : changed ? 'updated' : 'unchanged']++;
    }
    let personIds = personIdsOf.get(c.cofor);
    if (c.people.length > 0 && !personIds) personIdsOf.set(c.cofor, (personIds = new Map()));
    for (const p of c.people) {
      const found = mode === 'new' ? undefined : findPerson.get(companyId, p.fullName, p.email);
      if (!found) {
        personIds!.set(
          p.key,
          Number(insertPerson.run(companyId, p.fullName, n(p.jobTitle), p.email, n(p.phone), p.role).lastInsertRowid),
        );
        into.people.inserted++;
      } else {
        personIds!.set(p.key, found.id);
        const same = found.jobTitle === n(p.jobTitle) && found.phone === n(p.phone) && found.role === p.role;
        if (!same) updatePerson.run(n(p.jobTitle), n(p.phone), p.role, found.id);
        into.people[same ? 'unchanged' : 'updated']++;
      }
    }
    const unknownPeople: ImportRejection[] = [];
    for (const a of c.accounts) {
      let personId: number | null = null;
      if (a.person !== undefined) {
        personId = personIds?.get(a.person) ?? null;
        if (personId === null) {
          unknownPeople.push({
            line: 0,
            problem: 'unknown-person',
            field: 'person_key',
            value: a.login,
            detail: a.person,
          });
          continue;
        }
      }
      if (mode === 'new') {
        insertAccount.run(a.login, companyId, personId, a.email, a.role, a.state);
        into.accounts.inserted++;
        continue;
      }
      const owner = findAccount.get(a.login);
      if (owner && owner.companyId !== companyId)
        throw new Conflict({ cofor: c.cofor, problem: 'login-elsewhere', value: a.login });
      const changed = upsertAccount.run(a.login, companyId, personId, a.email, a.role, a.state).changes > 0;
      into.accounts[!owner ? 'inserted' : changed ? 'updated' : 'unchanged']++;
    }
    return unknownPeople;
  };

  const conflictOf = (c: DirectoryCompany, error: unknown): ImportConflict => {
    if (error instanceof Conflict) return error.conflict;
    const message = (error as Error).message;
    return { cofor: c.cofor, problem: 'rejected-by-store', value: message.replace(/^UNIQUE constraint failed: /, '') };
  };

  return {
    write(companies) {
      const batch = tallies();
      try {
        // The fast path: the whole batch, no savepoint per company (each costs a statement journal).
        // IMMEDIATE: the write lock is taken before the first read, so another process writing
        // the directory at the same time waits its turn instead of invalidating what was read.
        db.transaction(() => {
          for (const c of companies) writeCompany(c, batch, false);
        }).immediate();
        addTallies(done, batch);
        return;
      } catch {
        // Some company clashes: the batch is undone and written again, each company on its own.
      }
      const careful = tallies();
      db.transaction(() => {
        for (const c of companies) {
          const one = tallies();
          try {
            db.transaction(() => writeCompany(c, one, true))(); // a savepoint: a clash leaves no trace
            addTallies(careful, one);
          } catch (error) {
            conflicts.push(conflictOf(c, error));
          }
        }
      }).immediate();
      addTallies(done, careful);
    },

    writeLate(companies) {
      const rejected: ImportRejection[] = [];
      const late = tallies();
      db.transaction(() => {
        for (const c of companies) {
          const stored = findCompany.get(c.cofor);
          if (!stored) continue; // the company itself clashed: its conflict is already told
          const one = tallies();
          try {
            db.transaction(() => rejected.push(...writeChildren(stored.id, c, one, 'checked')))();
            addTallies(late, one);
          } catch (error) {
            conflicts.push(conflictOf(c, error));
          }
        }
      }).immediate();
      addTallies(done, late);
      return rejected;
    },

    finish() {
      const changed = TABLES.some((k) => done[k].inserted + done[k].updated > 0);
      if (changed)
        db.transaction(() =>
          recordMutation(
            db,
            {
              entity: 'directory',
              entityId: 'directory',
              op: 'imported',
              data: { companies: done.companies, accounts: done.accounts },
            },
            at,
          ),
        )();
      return { ...done, conflicts };
    },
  };
}

/** Imports companies already read, in batches; `onProgress` after each batch. */
export function upsertDirectory(
  db: Db,
  companies: DirectoryCompany[],
  at: Date,
  onProgress?: (done: number, total: number) => void,
): ImportResult {
  const writer = createDirectoryWriter(db, at);
  for (let i = 0; i < companies.length; i += IMPORT_BATCH) {
    writer.write(companies.slice(i, i + IMPORT_BATCH));
    onProgress?.(Math.min(i + IMPORT_BATCH, companies.length), companies.length);
  }
  return writer.finish();
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
