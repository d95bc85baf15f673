// The privacy ledger ("What left this PC", in My requests) and a person's own data: everything
// this workstation holds about the signed-in person, as one JSON file. Erasure is asked through
// Help & Contact (purpose "erasure"): the desk handles it as a request, and its decision is audited.
import type { LedgerEntry } from '../store/privacy-ledger';
import type { createPrivacyLedger } from '../store/privacy-ledger';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { HubQueue } from '../store/hub-queue';
import type { Caller } from './session-guard';
import type { HubAccounts } from './hub-accounts';

export function createPrivacyService(deps: {
  db: Db;
  ledger: ReturnType<typeof createPrivacyLedger>;
  accounts: AccountsRepository;
  hub: Pick<HubQueue, 'link'>;
  /** Linked, the hub holds the account and the requests too: their part of the export. */
  hubAccounts?: Pick<HubAccounts, 'linked' | 'console'>;
  now: () => Date;
}) {
  const { db } = deps;
  const requestsOf = db.prepare<
    [string, string],
    { reference: string; kind: string; createdAt: string; state: string; payload: string }
  >(
    `SELECT reference, kind, created_at AS createdAt, state, payload FROM submissions
     WHERE lower(payload) LIKE '%' || lower(?) || '%' OR payload LIKE '%"' || ? || '"%' ORDER BY created_at`,
  );
  const mailsTo = db.prepare<[string], { at: string; subject: string; state: string }>(
    `SELECT created_at AS at, subject, state FROM outbox WHERE lower(to_address) = lower(?) ORDER BY created_at`,
  );
  const auditOf = db.prepare<[string, string], { at: string; actor: string; action: string }>(
    `SELECT at, actor, action FROM audit_log WHERE target_login = ? OR actor = ? ORDER BY id`,
  );
  return {
    privacyLedger(): { entries: LedgerEntry[] } {
      const link = deps.hub.link();
      return { entries: deps.ledger.entries(link ? new URL(link.url).host : null) };
    },

    async exportMyData(
      _input: { session: string },
      caller: Caller,
    ): Promise<{ fileName: string; contentBase64: string }> {
      const a = caller.account;
      const onHub = deps.hubAccounts?.linked()
        ? await deps.hubAccounts.console<unknown>(caller.tokenHash, 'mydata', {})
        : null;
      const data = {
        exportedAt: deps.now().toISOString(),
        // What the portal hub holds (linked workstations), then what this workstation holds.
        ...(onHub ? { portalHub: onHub } : {}),
        account: {
          login: a.login,
          fullName: a.fullName,
          email: a.email,
          role: a.role,
          state: a.state,
          company: { name: a.companyName, cofor: a.cofor },
          lastLoginAt: a.lastLoginAt,
        },
        requests: requestsOf.all(a.email, a.login).map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown })),
        emailsToYou: mailsTo.all(a.email),
        accountEvents: auditOf.all(a.login, a.login),
      };
      return {
        fileName: `my-data-${a.login}.json`,
        contentBase64: Buffer.from(JSON.stringify(data, null, 2)).toString('base64'),
      };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
