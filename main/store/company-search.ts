// Loads the desk's company search index from the store (once, on first use). Identifiers are
// looked up in the store's own unique indexes; names and cities in the index's trigram lists.
import {
  createCompanySearchIndex,
  type CompanySearchIndex,
  type IdentifierHit,
  type SearchableCompany,
} from '../portal/directory/search-index';
import type { Db } from './database';

export function loadCompanySearch(db: Db): CompanySearchIndex {
  const byCofor = db.prepare<[string], { id: number }>('SELECT id FROM companies WHERE cofor = ?');
  const byDuns = db.prepare<[string], { id: number }>('SELECT id FROM companies WHERE duns = ?');
  const index = createCompanySearchIndex((compact) => {
    const hits: IdentifierHit[] = [];
    const cofor = byCofor.get(compact.toUpperCase());
    if (cofor) hits.push({ id: cofor.id, match: 'cofor' });
    const duns = byDuns.get(compact);
    if (duns) hits.push({ id: duns.id, match: 'duns' });
    return hits;
  });
  const companies = db.prepare<[], SearchableCompany>(
    'SELECT id, cofor, legal_name AS legalName, city, duns, tax_number AS taxNumber FROM companies',
  );
  index.build(() => companies.iterate());
  return index;
}
