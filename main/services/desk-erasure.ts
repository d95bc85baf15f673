// A person's erasure request, handled by the desk: what this workstation holds about the person
// who asked (the e-mail address of the request) is erased: their requests' personal fields
// become "[erased]", their attachments and the e-mails sent to them are deleted. The outcome is
// audited with the request; the agent then answers the request, saying what was done. Linked to
// a hub, the hub does the same to its copies and to every workstation's.
import { ERASED, erasedPayload, personalFieldsOf } from '../portal/requests/personal-data';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DeskRepository } from '../store/desk';
import type { HubQueue } from '../store/hub-queue';
import { storedJson } from '../store/stored-json';
import type { DeskCaller } from './desk-guard';
import { fieldError } from './errors';

export function createDeskErasure(deps: {
  db: Db;
  desk: DeskRepository;
  accounts: AccountsRepository;
  hub: Pick<HubQueue, 'enqueueIfLinked'>;
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
          q.setPayload.run(JSON.stringify(erasedPayload(payload)), r.id);
          q.dropDocuments.run(r.id);
          requests++;
        }
        const mails = q.mailsTo.all(email);
        for (const m of mails) {
          q.dropAttachments.run(m.id);
          q.blankMail.run(ERASED, m.id);
        }
        // Linked, the hub erases its copies too, and every workstation's (main/hub/erasure.ts).
        deps.hub.enqueueIfLinked('deskErase', { reference: row.reference, agent: caller.agent.username }, at);
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
