// The fictional demo directory shipped in resources/demo. Dates in it are relative ("requested
// 5 days ago") so the demo tells the same story whenever it is loaded; its accounts get the
// documented demo passwords, hashed like any other. What the directory says waits (A10003's
// access request) is in the desk's queue too, from requests.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { directorySchema, type Directory } from '../portal/directory/model';
import { hashPasswordSync, type HashCost } from '../secrets/password-hasher';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DirectoryRepository } from '../store/directory';
import type { SettingsRepository } from '../store/settings';
import { createRequestsRepository } from '../store/requests';
import { createSubmissionsRepository } from '../store/submissions';
import { DEMO_REQUESTS_KEY } from '../store/standalone-directory';
import { accessRequestSchema } from '../../preload/contract/schemas/forms';

const DAY_MS = 86_400_000;

const relativeDates = z.object({
  companies: z.array(z.looseObject({ accessRequestedDaysAgo: z.number().int().min(0).optional() })),
});
const demoPasswords = z.record(z.string(), z.string());
const demoRequests = z.object({
  requests: z.array(
    z.object({
      kind: z.literal('access-request'),
      // Checked as the access request form's answer is: stored whole, as a sent one would be.
      payload: accessRequestSchema,
    }),
  ),
});

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
  const requests = createRequestsRepository(db);
  const submissions = createSubmissionsRepository(db, requests);
  db.transaction(() => {
    repos.directory.importDirectory(directory, now);
    for (const [login, hash] of hashes) {
      const account = repos.accounts.byLogin(login);
      if (account) repos.accounts.setPassword(account.id, hash, false, now);
    }
    const references: string[] = [];
    for (const request of demoRequests.parse(read('requests.json')).requests) {
      // Sent when the directory says access was requested, for a company it says waits.
      const company = repos.directory.companyByCofor(request.payload.cofor);
      if (company?.access !== 'requested' || !company.accessRequestedAt) continue;
      const at = new Date(company.accessRequestedAt);
      const { termsVersion: version, legalRepresentative } = request.payload;
      const acceptedBy = legalRepresentative.fullName;
      // Its company is marked as waiting by the directory already; sent, as the demo tells it
      // (My requests leaves it out: it was not sent from this workstation).
      const stored = submissions.storeAccessRequest(
        company.id,
        request.payload,
        { version, acceptedBy },
        at,
        () => true,
      );
      requests.record(stored.id, 'sent', at);
      references.push(stored.reference);
    }
    repos.settings.set(DEMO_REQUESTS_KEY, JSON.stringify(references));
    repos.settings.set('demo-data', '1');
  })();
}
