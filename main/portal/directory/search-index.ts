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

export function createCompanySearchIndex() {
  const postings = new Map<string, number[]>();
  const gramCount = new Map<number, number>();
  const exact = new Map<string, { id: number; match: CompanyHit['match'] }>();
  const known = new Set<number>();

  /** Adds a company once: a company already held is left as it is (rebuild the index to re-read it). */
  function add(company: SearchableCompany): void {
    if (known.has(company.id)) return;
    known.add(company.id);
    exact.set(`cofor:${company.cofor}`, { id: company.id, match: 'cofor' });
    if (company.duns) exact.set(`duns:${company.duns}`, { id: company.id, match: 'duns' });
    if (company.taxNumber)
      exact.set(`tax:${normalise(company.taxNumber).replace(/ /g, '')}`, { id: company.id, match: 'tax-number' });
    const grams = trigramsOf(`${company.legalName} ${company.city ?? ''}`);
    gramCount.set(company.id, grams.size);
    for (const gram of grams) {
      const list = postings.get(gram);
      if (list) list.push(company.id);
      else postings.set(gram, [company.id]);
    }
  }

  function search(query: string, limit = 10): CompanyHit[] {
    const hits: CompanyHit[] = [];
    const seen = new Set<number>();
    const compact = normalise(query).replace(/ /g, '');
    for (const key of [`cofor:${compact.toUpperCase()}`, `duns:${compact.replace(/-/g, '')}`, `tax:${compact}`]) {
      const found = exact.get(key);
      if (found && !seen.has(found.id)) {
        hits.push({ id: found.id, score: 2, match: found.match });
        seen.add(found.id);
      }
    }

    const grams = [...trigramsOf(query)];
    if (grams.length === 0) return hits.slice(0, limit);
    // A trigram most companies share tells little and costs much: read the rarer ones.
    const tooCommon = Math.max(2000, known.size * 0.05);
    let usable = grams.filter((g) => (postings.get(g)?.length ?? 0) <= tooCommon);
    if (usable.length === 0) {
      usable = grams
        .filter((g) => postings.has(g))
        .sort((a, b) => postings.get(a)!.length - postings.get(b)!.length)
        .slice(0, 2);
    }
    const shared = new Map<number, number>();
    for (const gram of usable) for (const id of postings.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);

    const ranked: CompanyHit[] = [];
    for (const [id, count] of shared) {
      if (seen.has(id)) continue;
      // Dice similarity on the trigrams that were read, scaled to the query's own.
      const score = (2 * count) / (usable.length + Math.min(gramCount.get(id) ?? 0, grams.length * 2));
      if (score >= 0.3) ranked.push({ id, score, match: 'name' });
    }
    ranked.sort((a, b) => b.score - a.score || a.id - b.id);
    return [...hits, ...ranked].slice(0, limit);
  }

  return {
    add,
    search,
    get size() {
      return known.size;
    },
  };
}
export type CompanySearchIndex = ReturnType<typeof createCompanySearchIndex>;
