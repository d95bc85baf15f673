// What left this workstation, read from where it is kept anyway: the outbox (each e-mail, once
// sent) and the hub queue (each mutation pushed to the hub). The ledger shows when, to whom
// (masked), and which kinds of personal data, never the data itself.
import { personalFieldsOf, type PersonalField } from '../portal/requests/personal-data';
import type { Db } from './database';
import { storedJson } from './stored-json';

export interface LedgerEntry {
  at: string;
  channel: 'e-mail' | 'hub';
  /** Masked: "c***@demo-forge.example", the assistance, or the hub's host. */
  to: string;
  toAssistance: boolean;
  /** The request it belonged to, if any. */
  reference: string | null;
  fields: PersonalField[];
}

const mask = (email: string): string => email.replace(/^(.)[^@]*@/, '$1***@');

export function createPrivacyLedger(db: Db) {
  const mails = db.prepare<[], { at: string; to: string; reference: string | null; payload: string | null }>(
    `SELECT o.sent_at AS at, o.to_address AS "to", s.reference, s.payload
     FROM outbox o LEFT JOIN submissions s ON s.id = o.submission_id
     WHERE o.state = 'sent' ORDER BY o.sent_at DESC LIMIT 500`,
  );
  const syncs = db.prepare<[], { at: string; name: string; args: string }>(
    `SELECT settled_at AS at, name, args FROM hub_queue WHERE state IN ('done', 'refused') ORDER BY mutation_id DESC LIMIT 500`,
  );
  return {
    entries(hubHost: string | null): LedgerEntry[] {
      const fromMail = mails.all().map((m): LedgerEntry => {
        const toAssistance = m.to === 'assistance';
        return {
          at: m.at,
          channel: 'e-mail',
          to: toAssistance ? '' : mask(m.to),
          toAssistance,
          reference: m.reference,
          // A message of its own to a person (a temporary password, a reminder of logins) carries
          // their address and their login.
          fields: m.payload
            ? personalFieldsOf(storedJson.submissionPayload.read(m.payload))
            : toAssistance
              ? [] // a reminder or a reopening: the reference only
              : ['email', 'login'],
        };
      });
      const fromSync = syncs.all().map((s): LedgerEntry => {
        const args = JSON.parse(s.args) as Record<string, unknown>;
        return {
          at: s.at,
          channel: 'hub',
          to: hubHost ?? '',
          toAssistance: false,
          reference: typeof args['reference'] === 'string' ? args['reference'] : null,
          fields: personalFieldsOf(args['payload'] ?? args['input'] ?? args),
        };
      });
      return [...fromMail, ...fromSync].sort((a, b) => b.at.localeCompare(a.at));
    },
  };
}
