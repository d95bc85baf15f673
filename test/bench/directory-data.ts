// A synthetic directory the size of a car maker's supplier base: 100,000 companies, 3 sites
// each (300,000) and 5 B2B accounts each (500,000). Deterministic, so runs compare.
import type { Directory, DirectoryCompany } from '../../main/portal/directory/model';

const ACCESS = ['open', 'open', 'open', 'not-requested', 'requested'] as const;

export const coforOf = (i: number): string => `B${i.toString(36).toUpperCase().padStart(5, '0')}`;

export function syntheticDirectory(companies: number, at: Date): Directory {
  const list: DirectoryCompany[] = [];
  let login = 0;
  for (let i = 0; i < companies; i++) {
    const access = ACCESS[i % ACCESS.length]!;
    list.push({
      cofor: coforOf(i),
      duns: String(100_000_000 + i),
      legalName: `Synthetic Supplier ${i} SA`,
      registrationNumber: `REG-${i}`,
      taxNumber: `FR${String(i).padStart(11, '0')}`,
      street: `${i % 200} rue du Banc d'Essai`,
      postalCode: String(10_000 + (i % 80_000)),
      city: `City ${i % 5000}`,
      country: 'FR',
      status: i % 23 === 0 ? 'deactivated' : 'active',
      access,
      accessRequestedAt: access === 'requested' ? at.toISOString() : undefined,
      sites: ['01', '02', '03'].map((code) => ({ code, name: `Site ${code}`, city: `City ${i % 5000}` })),
      people: [],
      accounts: Array.from({ length: 5 }, (_, k) => ({
        login: `V${String(login++).padStart(6, '0')}`,
        email: `user${k}@supplier${i}.example`,
        role: k === 0 ? ('plsa' as const) : ('user' as const),
        state: 'active' as const,
      })),
    });
  }
  return { companies: list };
}

export const rowCount = (d: Directory): number =>
  d.companies.reduce((n, c) => n + 1 + c.sites.length + c.people.length + c.accounts.length, 0);
