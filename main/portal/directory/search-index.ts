// Company search for the support desk: by COFOR, DUNS or tax number (exact, ranked first), and by
// name or city, tolerant of typos (trigram similarity). In memory, built once from the store and
// kept up to date as companies are added; trigrams shared by too many companies are skipped, so
// a search reads short lists only, even on 100,000 companies.

export interface SearchableCompany {
  id: number;
  cofor: string;
  legalName: string;
  city: string | null;
  duns: string | null;
  taxNumber: string | null;
}

export interface CompanyHit {
  id: number;
  score: number;
  /** What matched: an identifier exactly, or the name and city by similarity. */
  match: 'cofor' | 'duns' | 'tax-number' | 'name';
}

export const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function trigramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normalise(text).split(' ')) {
    if (word === '') continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** A company found by one of its identifiers, typed with spaces and dashes left out. */
export interface IdentifierHit {
  id: number;
  match: 'cofor' | 'duns' | 'tax-number';
}

/**
 * Finds companies by COFOR or DUNS. The store answers it from its unique indexes, so the search
 * index does not hold a second copy of 200,000 identifiers in memory.
 */
export type IdentifierLookup = (compact: string) => IdentifierHit[];

const compactTax = (taxNumber: string): string => normalise(taxNumber).replace(/ /g, '');

/**
 * The index, compact enough for a 100,000-company directory in a desktop process: the trigram
 * lists of the companies it was built with are Int32Arrays (4 bytes an id, no slack), filled in
 * two passes so that no growing arrays are left behind; companies added afterwards (a desk
 * referencing a new file, an import) go to small ordinary lists next to them.
 */
export function createCompanySearchIndex(byIdentifier: IdentifierLookup = () => []) {
  let built = new Map<string, Int32Array>();
  const added = new Map<string, number[]>();
  /** By company id: its number of trigrams plus one (0: not held). */
  let gramCounts = new Uint8Array(1024);
  let size = 0;
  const taxNumbers = new Map<string, number>();

  const hold = (company: SearchableCompany, grams: number): boolean => {
    if (company.id >= gramCounts.length) {
      const larger = new Uint8Array(Math.max(company.id + 1, gramCounts.length * 2));
      larger.set(gramCounts);
      gramCounts = larger;
    }
    if (gramCounts[company.id] !== 0) return false;
    gramCounts[company.id] = Math.min(grams, 254) + 1;
    size++;
    if (company.taxNumber) taxNumbers.set(compactTax(company.taxNumber), company.id);
    return true;
  };
  const gramsOfCompany = (c: SearchableCompany) => trigramsOf(`${c.legalName} ${c.city ?? ''}`);

  /** Builds the index from every company, read twice: once to count, once to fill. */
  function build(companies: () => Iterable<SearchableCompany>): void {
    const counts = new Map<string, number>();
    for (const company of companies())
      for (const gram of gramsOfCompany(company)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    const lists = new Map<string, Int32Array>();
    for (const [gram, count] of counts) lists.set(gram, new Int32Array(count));
    const filled = new Map<string, number>();
    for (const company of companies()) {
      const grams = gramsOfCompany(company);
      if (!hold(company, grams.size)) continue;
      for (const gram of grams) {
        const at = filled.get(gram) ?? 0;
        const list = lists.get(gram);
        if (list && at < list.length) list[at] = company.id;
        filled.set(gram, at + 1);
      }
    }
    // A company that changed between the two reads leaves unused slots: cut them off.
    for (const [gram, list] of lists) {
      const at = filled.get(gram) ?? 0;
      if (at < list.length) lists.set(gram, list.slice(0, at));
    }
    built = lists;
  }

  /** Adds a company once: a company already held is left as it is (rebuild the index to re-read it). */
  function add(company: SearchableCompany): void {
    const grams = gramsOfCompany(company);
    if (!hold(company, grams.size)) return;
    for (const gram of grams) {
      const list = added.get(gram);
      if (list) list.push(company.id);
      else added.set(gram, [company.id]);
    }
  }

  const listLength = (gram: string): number => (built.get(gram)?.length ?? 0) + (added.get(gram)?.length ?? 0);
  const known = (gram: string): boolean => built.has(gram) || added.has(gram);

  function search(query: string, limit = 10): CompanyHit[] {
    const hits: CompanyHit[] = [];
    const seen = new Set<number>();
    const compact = normalise(query).replace(/ /g, '');
    const identified = [
      ...byIdentifier(compact),
      ...(taxNumbers.has(compact) ? [{ id: taxNumbers.get(compact)!, match: 'tax-number' as const }] : []),
    ];
    for (const found of identified) {
      if (!seen.has(found.id)) {
        hits.push({ id: found.id, score: 2, match: found.match });
        seen.add(found.id);
      }
    }

    const grams = [...trigramsOf(query)];
    if (grams.length === 0) return hits.slice(0, limit);
    // A trigram most companies share tells little and costs much: read the rarer ones.
    const tooCommon = Math.max(2000, size * 0.05);
    let usable = grams.filter((g) => listLength(g) <= tooCommon);
    if (usable.length === 0) {
      usable = grams
        .filter(known)
        .sort((a, b) => listLength(a) - listLength(b))
        .slice(0, 2);
    }
    const shared = new Map<number, number>();
    for (const gram of usable) {
      for (const id of built.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      for (const id of added.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }

    const ranked: CompanyHit[] = [];
    for (const [id, count] of shared) {
      if (seen.has(id)) continue;
      // Dice similarity on the trigrams that were read, scaled to the query's own.
      const score = (2 * count) / (usable.length + Math.min((gramCounts[id] ?? 1) - 1, grams.length * 2));
      if (score >= 0.3) ranked.push({ id, score, match: 'name' });
    }
    ranked.sort((a, b) => b.score - a.score || a.id - b.id);
    return [...hits, ...ranked].slice(0, limit);
  }

  return {
    build,
    add,
    search,
    get size() {
      return size;
    },
  };
}
export type CompanySearchIndex = ReturnType<typeof createCompanySearchIndex>;
