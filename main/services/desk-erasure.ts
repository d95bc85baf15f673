// A person's erasure request, handled by the desk: what this workstation holds about the person
// who asked (the e-mail address of the request) is erased: their requests' personal fields
// become "[erased]", their attachments and the e-mails sent to them are deleted. The outcome is
// audited with the request; the agent then answers the request, saying what was done.
import { personalFieldsOf } from '../portal/requests/personal-data';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DeskRepository } from '../store/desk';
import type { HubQueue } from '../store/hub-queue';
import { storedJson } from '../store/stored-json';
import type { DeskCaller } from './desk-guard';
import { fieldError, PortalError } from './errors';

const ERASED = '[erased]';
const PERSONAL =
  /^(name|fullName|contactName|newPlsaName|legalRepName|email|contactEmail|newPlsaEmail|legalRepEmail|phone|login|loginOrCofor)$/;

/** The payload with every personal value replaced, nested objects included. */
function erased(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      PERSONAL.test(k) && typeof v === 'string' && v !== '' ? ERASED : erased(v),
    ]),
  );
}

export function createDeskErasure(deps: {
  db: Db;
  desk: DeskRepository;
  accounts: AccountsRepository;
  hub: Pick<HubQueue, 'link'>;
  now: () => Date;
}) {
  const { db } = deps;
  const q = {
    requestsOf: db.prepare<[string], { id: number; payload: string }>(
      `SELECT id, payload FROM submissions WHERE lower(payload) LIKE '%"' || lower(?) || '"%'`,
    ),
    setPayload: db.prepare<[string, number]>('UPDATE submissions SET payload = ? WHERE id = ?'),
    dropDocuments: db.prepare<[number]>('DELETE FROM documents WHERE submission_id = ?'),
    mailsTo: db.prepare<[string], { id: string }>(
      `SELECT id FROM outbox WHERE lower(to_address) = lower(?) AND state IN ('sent', 'failed')`,
    ),
    dropAttachments: db.prepare<[string]>('DELETE FROM outbox_attachments WHERE outbox_id = ?'),
    blankMail: db.prepare<[string, string]>(
      `UPDATE outbox SET to_address = ?, subject = '${ERASED}', body_text = '${ERASED}', html_body = NULL WHERE id = ?`,
    ),
  };
  return {
    deskErasePerson(
      input: { session: string; reference: string },
      caller: DeskCaller,
    ): { requests: number; emails: number } {
      const row = deps.desk.request(input.reference);
      if (!row || row.kind !== 'help' || row.payload['purpose'] !== 'erasure')
        throw fieldError('not-found', 'reference', 'erasure.not-a-request', 'This is not an erasure request.');
      // Linked, the hub keeps its own copies: erasing here alone would leave them there.
      if (deps.hub.link())
        throw new PortalError(
          'needs-hub',
          'On a workstation linked to a hub, the hub keeps copies of the requests: erasure is not done from here yet; ask the hub operator.',
          {
            reference: 'erasure.on-hub',
          },
        );
      const email = String(row.payload['email'] ?? '');
      if (!email || email === ERASED)
        throw fieldError('conflict', 'reference', 'erasure.done', 'This person was erased already.');
      const at = deps.now();
      return db.transaction(() => {
        let requests = 0;
        for (const r of q.requestsOf.all(email)) {
          // The erasure request itself stays: it is the record of what was asked and done, and
          // the answer goes to its address.
          if (r.id === row.id) continue;
          const payload = storedJson.submissionPayload.read(r.payload);
          if (personalFieldsOf(payload).length === 0) continue;
          q.setPayload.run(JSON.stringify(erased(payload)), r.id);
          q.dropDocuments.run(r.id);
          requests++;
        }
        const mails = q.mailsTo.all(email);
        for (const m of mails) {
          q.dropAttachments.run(m.id);
          q.blankMail.run(ERASED, m.id);
        }
        deps.accounts.audit(
          {
            companyId: row.companyId,
            actor: caller.agent.username,
            action: 'desk-erased',
            details: { reference: row.reference, requests, emails: mails.length },
          },
          at,
        );
        return { requests, emails: mails.length };
      })();
    },
  };
}
export type DeskErasure = ReturnType<typeof createDeskErasure>;
