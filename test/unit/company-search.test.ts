// The desk's company search on a real store: identifiers from its unique indexes, names and
// cities from the in-memory trigram lists, for companies read at build time and added later.
import { afterAll, describe, expect, it } from 'vitest';
import { loadCompanySearch } from '../../main/store/company-search';
import { testCore } from '../fixtures/core';

const COMPANIES = [
  {
    id: 1,
    cofor: 'A10001',
    legalName: 'Demo Forge Components SAS',
    city: 'Demoville',
    duns: '900000001',
    taxNumber: 'FR00900000001',
  },
  {
    id: 2,
    cofor: 'A10002',
    legalName: 'Sample Plastics GmbH',
    city: 'Musterstadt',
    duns: '900000002',
    taxNumber: 'DE900000002',
  },
  {
    id: 3,
    cofor: 'A10003',
    legalName: 'Placeholder Wiring Lda',
    city: 'Exemplopolis',
    duns: '900000003',
    taxNumber: 'PT900000003',
  },
  { id: 4, cofor: 'B10004', legalName: 'Forge & Fonderie Lyonnaise', city: 'Lyon', duns: '900000004', taxNumber: null },
  { id: 5, cofor: 'B10005', legalName: 'Société Générale des Pièces', city: 'Besançon', duns: null, taxNumber: null },
];
const core = testCore({ loadDemo: false });
afterAll(() => core.dispose());
const insert = core.db.prepare(
  `INSERT INTO companies (id, cofor, legal_name, city, duns, tax_number, status, access_status)
   VALUES (@id, @cofor, @legalName, @city, @duns, @taxNumber, 'active', 'open')`,
);
// Three companies are in the store when the index is built; two come after, as a desk adds them.
COMPANIES.slice(0, 3).forEach((c) => insert.run(c));
const index = loadCompanySearch(core.db);
COMPANIES.slice(3).forEach((c) => {
  insert.run(c);
  index.add(c);
});

describe('company search', () => {
  it.each([
    ['A10002', 2, 'cofor'],
    ['a10002', 2, 'cofor'],
    ['900000003', 3, 'duns'],
    ['90-000-0003', 3, 'duns'],
    ['FR00900000001', 1, 'tax-number'],
    ['fr 009 000 000 01', 1, 'tax-number'],
  ])('finds %j exactly, first', (query, id, match) => {
    expect(index.search(query)[0]).toEqual({ id, score: 2, match });
  });

  it.each([
    ['Demo Forge Components', 1],
    ['demo frge components', 1], // one typo
    ['Sampel Plastics', 2], // two letters swapped
    ['placeholder wireing', 3],
    ['societe generale pieces', 5], // accents left out
    ['Musterstadt', 2], // by city
  ])('finds %j by name or city, despite typos', (query, id) => {
    expect(index.search(query)[0]).toMatchObject({ id, match: 'name' });
  });

  it('ranks the closer name first', () => {
    expect(
      index
        .search('forge')
        .map((h) => h.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([1, 4]);
    expect(index.search('Forge Fonderie Lyon')[0]!.id).toBe(4);
  });

  it('holds a company once, however often it is added', () => {
    const before = index.search('Sample Plastics');
    index.add(COMPANIES[1]!);
    expect(index.size).toBe(COMPANIES.length);
    expect(index.search('Sample Plastics')).toEqual(before);
  });

  it('answers nothing for nothing, and nothing unrelated', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('zzzzqqqq')).toEqual([]);
  });
});
