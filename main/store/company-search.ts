// Loads the desk's company search index from the store (once, on first use).
import {
  createCompanySearchIndex,
  type CompanySearchIndex,
  type SearchableCompany,
} from '../portal/directory/search-index';
import type { Db } from './database';

export function loadCompanySearch(db: Db): CompanySearchIndex {
  const index = createCompanySearchIndex();
  const rows = db
    .prepare<[], SearchableCompany>(
      `SELECT id, cofor, legal_name AS legalName, city, duns, tax_number AS taxNumber FROM companies`,
    )
    .iterate();
  for (const row of rows) index.add(row);
  return index;
}
