// The fictional demo directory shipped in resources/demo. Dates in it are relative ("requested
// 5 days ago") so the demo tells the same story whenever it is loaded; its accounts get the
// documented demo passwords, hashed like any other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { directorySchema, type Directory } from '../portal/directory/model';
import { hashPasswordSync, type HashCost } from '../secrets/password-hasher';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DirectoryRepository } from '../store/directory';
import type { SettingsRepository } from '../store/settings';

const DAY_MS = 86_400_000;

const relativeDates = z.object({
  companies: z.array(z.looseObject({ accessRequestedDaysAgo: z.number().int().min(0).optional() })),
});
const demoPasswords = z.record(z.string(), z.string());

export function demoDirectory(json: unknown, now: Date): Directory {
  const raw = relativeDates.parse(json);
  const companies = raw.companies.map(({ accessRequestedDaysAgo, ...company }) =>
    accessRequestedDaysAgo === undefined
      ? company
      : { ...company, accessRequestedAt: new Date(now.getTime() - accessRequestedDaysAgo * DAY_MS).toISOString() },
  );
  return directorySchema.parse({ companies });
}

export function loadDemo(
  db: Db,
  demoDir: string,
  repos: { directory: DirectoryRepository; accounts: AccountsRepository; settings: SettingsRepository },
  cost: HashCost,
  now: Date,
): void {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(demoDir, name), 'utf8'));
  const directory = demoDirectory(read('directory.json'), now);
  const passwords = Object.entries(demoPasswords.parse(read('passwords.json'))).filter(([login]) =>
    login.startsWith('V'),
  );
  const hashes = passwords.map(([login, password]) => [login, hashPasswordSync(password, cost)] as const);
  db.transaction(() => {
    repos.directory.importDirectory(directory, now);
    for (const [login, hash] of hashes) {
      const account = repos.accounts.byLogin(login);
      if (account) repos.accounts.setPassword(account.id, hash, false, now);
    }
    repos.settings.set('demo-data', '1');
  })();
}
