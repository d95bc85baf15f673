// A workstation's replica of its hub, as the sync worker writes it: the changes a pull brings
// (companies, directory records, requests, decisions, queue moves, templates), applied in the
// hub's order, and what the hub answered to this workstation's own mutations (a request
// received or refused, a desk decision another desk had already taken).
import { randomUUID } from 'node:crypto';
import { inspectDocument } from '../portal/documents/inspect';
import type { DirectoryCompany } from '../portal/directory/model';
import type { Db } from '../store/database';
import { createDirectoryWriter } from '../store/directory-import';
import { createRequestsRepository } from '../store/requests';
import { storedJson } from '../store/stored-json';
import { erasedPayload } from '../portal/requests/personal-data';
import type { HubMail } from '../../preload/contract/dto';
import { readChange, type ChangeData, type HubChange, type RawChange } from '../hub-protocol/changes';
import type { PullAnswer } from '../hub-protocol/pull';
import type { MutationResult, Refusal } from '../hub-protocol/push';
import type { DeskDecideArgs } from '../intents/desk-decide';
import type { SubmitRequestArgs } from '../intents/submit-request';
import type { RemindRequestArgs } from '../intents/remind-request';

type CompanyProjection = ChangeData<'company'>;

/** What the hub can e-mail, as the replica kept it from the last pull (null: never said). */
export function hubMailOf(stored: string | null): HubMail | null {
  if (stored === null) return null;
  const parsed = JSON.parse(stored) as Partial<HubMail>;
  return { assistance: parsed.assistance === true, relay: parsed.relay === true };
}

const isoOrNull = (at: string | null | undefined): string | null => (at ? new Date(at).toISOString() : null);

/** The end of an exhaustive switch: reached only by a kind the compiler was not told of. */
const unhandled = (value: never): void => void value;

export function createReplica(deps: {
  db: Db;
  now: () => Date;
  /** A desk's directory changed under it (its company search is built again). */
  onDirectoryChanged?: (() => void) | undefined;
  /** The desks' answer templates, as another desk saved them on the hub. */
  onTemplates?: ((templates: unknown) => void) | undefined;
  /** A change this version cannot read (a newer hub's kind, say): it is skipped, and logged. */
  onUnreadable?: ((problem: string) => void) | undefined;
}) {
  const { db, now } = deps;

  // A company of the hub's projection: updated, or added (a COFOR given since, on the hub), with
  // its site codes, so that the analysis knows it offline.
  const applyCompany = db.prepare<{
    cofor: string;
    legalName: string;
    status: string;
    access: string;
    at: string | null;
  }>(
    `INSERT INTO companies (cofor, legal_name, status, access_status, access_requested_at)
     VALUES (@cofor, @legalName, @status, @access, @at)
     ON CONFLICT (cofor) DO UPDATE SET status = excluded.status, access_status = excluded.access_status,
       access_requested_at = excluded.access_requested_at`,
  );
  const applySite = db.prepare<[string, string]>(
    `INSERT INTO sites (company_id, code) SELECT id, ? FROM companies WHERE cofor = ? ON CONFLICT DO NOTHING`,
  );
  // A desk replica's queue: a request from any workstation, once (a request this workstation
  // sent itself is already there under the same reference).
  const insertRequest = db.prepare<[string, string, string | null, string, string, string]>(
    `INSERT INTO submissions (reference, kind, company_id, payload, created_at, lang)
     VALUES (?, ?, (SELECT id FROM companies WHERE cofor = ?), ?, ?, ?) ON CONFLICT (reference) DO NOTHING`,
  );
  const insertDocument = db.prepare<[string, number | bigint, string, string, number, Uint8Array]>(
    'INSERT INTO documents (id, submission_id, media_type, original_name, size, content) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // The hub's decision on a request replaces this desk's own (the first to reach the hub won),
  // with its agent as the request's assignee: the queue shows who decided, never this desk's
  // overruled agent.
  const applyDecision = db.prepare<{ decision: string; by: string; at: string; reference: string }>(
    `UPDATE submissions SET decision = @decision, decided_by = @by, decided_at = @at, desk_state = 'done',
       assignee = @by WHERE reference = @reference`,
  );
  // Where a request is in the queue and who works on it, as another desk moved it on the hub
  // (a decided request stays done here: its decision came, or comes, from the hub).
  const applyDeskState = db.prepare<[string, string | null, string | null, string | null, string]>(
    `UPDATE submissions SET desk_state = ?, assignee = ?, desk_state_at = ?, expired_at = ?
     WHERE reference = ? AND decision IS NULL`,
  );
  // The sender's own request, as the hub says where the desk is with it (waiting for their
  // answer, expired, back in the queue): My requests shows it and what they may do.
  const applySenderState = db.prepare<[string, string, string | null, string]>(
    `UPDATE submissions SET desk_state = ?, desk_state_at = ?, expired_at = ? WHERE reference = ?`,
  );
  // A reminder its sender sent, for every desk's queue; once (the sender's own row, if this desk
  // sent it, took the hub's time with the hub's answer).
  const applyReminder = db.prepare<[string, string]>(
    `INSERT INTO request_reminders (submission_id, at) SELECT id, ? FROM submissions WHERE reference = ?
     ON CONFLICT (submission_id, at) DO NOTHING`,
  );
  // An erasure decided on a desk, applied on the hub: this copy of the request is erased too.
  const payloadOf = db.prepare<[string], { id: number; payload: string }>(
    'SELECT id, payload FROM submissions WHERE reference = ?',
  );
  const setPayload = db.prepare<[string, number]>('UPDATE submissions SET payload = ? WHERE id = ?');
  const dropDocuments = db.prepare<[number]>('DELETE FROM documents WHERE submission_id = ?');
  function eraseCopy(reference: string, payload?: unknown) {
    const row = payloadOf.get(reference);
    if (!row) return;
    const erased = payload ?? erasedPayload(storedJson.submissionPayload.read(row.payload));
    setPayload.run(JSON.stringify(erased), row.id);
    dropDocuments.run(row.id);
  }
  const waitingStep = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, ?, ?, ? FROM submissions WHERE reference = ?`,
  );
  const reminderTaken = db.prepare<[string, string, string]>(
    `UPDATE request_reminders SET at = ?
     WHERE at = ? AND submission_id = (SELECT id FROM submissions WHERE reference = ?)`,
  );
  const reminderRefused = db.prepare<[string, string, string]>(
    `UPDATE request_reminders SET hub_refused = ?
     WHERE at = ? AND submission_id = (SELECT id FROM submissions WHERE reference = ?)`,
  );
  // The supplier's own request, answered by a desk through the hub: My requests says so.
  const answered = db.prepare<[string, string | null, string]>(
    `INSERT INTO request_events (submission_id, at, state, detail)
     SELECT id, ?, 'answered', ? FROM submissions WHERE reference = ? AND state <> 'answered'`,
  );
  // A rejection's reason, where a standalone desk keeps it (store/requests.ts reads it there).
  const rejectedFor = db.prepare<[string, string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, 'hub', ?, ? FROM submissions WHERE reference = ?`,
  );
  const markAnswered = db.prepare<[string]>(`UPDATE submissions SET state = 'answered' WHERE reference = ?`);
  // A desk decision the hub refused because another came first: the request's history says who.
  const overruled = db.prepare<[string, string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, ?, 'desk-overruled', ? FROM submissions WHERE reference = ?`,
  );

  // A desk decision the hub refused for another reason (its state did not allow it): this desk's
  // own decision is taken back, so the request can be decided again; the history says why.
  const undecide = db.prepare<[string]>(
    `UPDATE submissions SET decision = NULL, decided_by = NULL, decided_at = NULL, desk_state = 'in-progress'
     WHERE reference = ?`,
  );
  const requests = createRequestsRepository(db);
  /** A request this workstation sent, as the hub answered it: received (the hub e-mails the
   * assistance; `hub` is the detail My requests shows in words), or refused with its reason. */
  function noteRequestAnswer(args: SubmitRequestArgs, answer: MutationResult, at: Date) {
    const id = requests.idOf(args.reference);
    if (id === null) return;
    if (answer.ok) {
      // `hub-no-assistance`: the hub had no assistance address, so only the desks' queue shows it.
      const detail = answer.value['assistanceMailed'] === false ? 'hub-no-assistance' : 'hub';
      const receivedAt = answer.value['receivedAt'];
      requests.record(id, 'sent', typeof receivedAt === 'string' ? new Date(receivedAt) : at, detail);
    }
    // The reason as a code (`hub-refused:access.already-requested`), which the screen words.
    else requests.record(id, 'failed', at, `hub-refused:${Object.values(answer.error.fields ?? {})[0] ?? 'invalid'}`);
  }

  /** A request this PC sends again under a new id, its first id being another's on the hub (a
   * store restored from an older copy): My requests says so until the hub has it. */
  function noteResent(args: SubmitRequestArgs, at: Date) {
    const id = requests.idOf(args.reference);
    if (id !== null) requests.record(id, 'queued', at, 'hub-resent');
  }

  /** The hub's projection of a company, as a pull or a refusal brings it. */
  function companyAsOnHub(c: CompanyProjection) {
    const at = c.accessRequestedAt ? new Date(c.accessRequestedAt).toISOString() : null;
    applyCompany.run({ cofor: c.cofor, legalName: c.legalName, status: c.status, access: c.access, at });
    for (const code of c.siteCodes ?? []) applySite.run(code, c.cofor);
  }
  const refusedHere = db.prepare<[string, string, string]>(
    `INSERT INTO audit_log (at, company_id, actor, action, details)
     SELECT ?, company_id, 'hub', 'desk-hub-refused', ? FROM submissions WHERE reference = ?`,
  );

  /** A reminder this workstation sent, as the hub answered it: taken (at the hub's time, the one
   * every desk sees), or refused with its reason (it then does not count here either). */
  function noteReminderAnswer(args: RemindRequestArgs, answer: MutationResult) {
    const sentAt = new Date(args.at).toISOString();
    const takenAt = answer.ok ? answer.value['at'] : undefined;
    if (typeof takenAt === 'string') reminderTaken.run(new Date(takenAt).toISOString(), sentAt, args.reference);
    else if (!answer.ok) reminderRefused.run(answer.error.fields?.['reference'] ?? 'refused', sentAt, args.reference);
  }

  /** A desk decision the hub refused: taken back here, or replaced by the decision that won. */
  function noteRefusal(args: DeskDecideArgs, error: Refusal, at: Date) {
    const reference = args.reference;
    const mine = args.decision.kind;
    // The hub's truth about the request's company comes with its refusal: what this desk's own
    // decision changed there (an access opened, say) is the hub's again.
    if (error?.company) companyAsOnHub(error.company);
    if (error.code !== 'already-decided') {
      undecide.run(reference);
      refusedHere.run(
        at.toISOString(),
        JSON.stringify({ reference, mine, code: error.code, reason: error.message }),
        reference,
      );
      return;
    }
    const theirs = error.details ?? {};
    // The hub's decision replaces this desk's own at once (the pull brings it too, and may
    // have already: applying it twice changes nothing).
    if (theirs['what'] && theirs['by'] && theirs['at'])
      applyDecision.run({ decision: theirs['what'], by: theirs['by'], at: isoOrNull(theirs['at'])!, reference });
    overruled.run(
      at.toISOString(),
      theirs['by'] ?? 'hub',
      JSON.stringify({ reference, mine, agent: args.agent, ...theirs }),
      reference,
    );
  }

  function applyRequest(data: ChangeData<'request'>) {
    const payload = { ...data.payload };
    const files: Array<{ name: string; bytes: Buffer }> = [];
    for (const field of ['document', 'screenshot']) {
      const file = payload[field] as { fileName?: string; contentBase64?: string } | undefined;
      if (!file?.contentBase64) continue;
      const bytes = Buffer.from(file.contentBase64, 'base64');
      files.push({ name: file.fileName ?? field, bytes });
      payload[field] = { fileName: file.fileName, size: bytes.length };
    }
    const inserted = insertRequest.run(
      data.reference,
      data.kind,
      data.cofor,
      JSON.stringify(payload),
      new Date(data.receivedAt).toISOString(),
      data.lang === 'fr' ? 'fr' : 'en',
    );
    if (inserted.changes === 0) return;
    for (const file of files) {
      const check = inspectDocument(file.bytes); // checked on the hub; kept only as it checks here too
      if (check.ok)
        insertDocument.run(
          randomUUID(),
          inserted.lastInsertRowid,
          check.mediaType,
          file.name,
          check.content.length,
          check.content,
        );
    }
  }

  // What the hub can e-mail, as its last pull said: the screens tell what leaves and what waits.
  const noteHubMail = db.prepare<[string]>(
    `INSERT INTO settings (key, value) VALUES ('hub-mail', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );

  /** One change, by its kind: a kind added to the protocol and not handled here does not compile. */
  function applyChange(change: Exclude<HubChange, { entity: 'directory' }>) {
    switch (change.entity) {
      case 'company':
        return companyAsOnHub({ ...change.data, cofor: change.id });
      case 'request':
        return applyRequest(change.data);
      case 'request-decision': {
        const d = change.data;
        return applyDecision.run({
          decision: d.decision,
          by: d.by,
          at: new Date(d.at).toISOString(),
          reference: change.id,
        });
      }
      case 'templates':
        return deps.onTemplates?.(change.data);
      case 'request-state': {
        const d = change.data;
        applyDeskState.run(d.state, d.assignee, isoOrNull(d.at), isoOrNull(d.expiredAt), change.id);
        // Expired on the hub, or reopened by its sender: the request's history says so here too.
        if (d.expiredAt || d.by === 'supplier')
          waitingStep.run(
            isoOrNull(d.at) ?? now().toISOString(),
            d.expiredAt ? 'portal' : 'supplier',
            d.expiredAt ? 'request-expired' : 'request-reopened',
            JSON.stringify({ reference: change.id }),
            change.id,
          );
        return;
      }
      case 'request-erased':
        return eraseCopy(change.id, change.data.payload);
      case 'request-reminder':
        return applyReminder.run(new Date(change.data.at).toISOString(), change.id);
      case 'request-status':
        return applySenderStatus(change.id, change.data);
      default:
        return unhandled(change);
    }
  }

  /** What the sending workstation hears of its own request. */
  function applySenderStatus(reference: string, status: ChangeData<'request-status'>) {
    switch (status.state) {
      case 'received':
        return; // the push's answer said so already (noteRequestAnswer)
      case 'erased':
        return eraseCopy(reference);
      case 'desk-state':
        return applySenderState.run(
          status.deskState,
          new Date(status.at).toISOString(),
          isoOrNull(status.expiredAt),
          reference,
        );
      case 'answered': {
        const at = new Date(status.at).toISOString();
        if (answered.run(at, status.answer, reference).changes === 0) return;
        markAnswered.run(reference);
        const key = status.answer;
        if (status.reason !== null && (key === 'access-rejected' || key === 'file-declined'))
          rejectedFor.run(
            at,
            key === 'access-rejected' ? 'desk-reject-access' : 'desk-decline-file',
            JSON.stringify({ reference, after: { reason: status.reason } }),
            reference,
          );
        return;
      }
      default:
        return unhandled(status);
    }
  }

  function apply(changes: RawChange[], mail?: PullAnswer['mail']) {
    if (mail) noteHubMail.run(JSON.stringify({ assistance: mail.assistance === true, relay: mail.relay === true }));
    // A desk's directory records, written together (one import batch) until another kind of
    // change comes, so that the changes still apply in the hub's order.
    let records: DirectoryCompany[] = [];
    let writer: ReturnType<typeof createDirectoryWriter> | null = null;
    const writeRecords = () => {
      if (records.length === 0) return;
      // The hub is the system of record: its accounts' states (a PLSA's unblocking, say) win.
      (writer ??= createDirectoryWriter(db, now(), { statesFromSource: true })).write(records);
      records = [];
      deps.onDirectoryChanged?.();
    };
    db.transaction(() => {
      for (const raw of changes) {
        const read = readChange(raw);
        if (!read.ok) {
          // A newer hub's kind, or data that does not fit: skipped (said in the log), not a stop.
          deps.onUnreadable?.(read.problem);
          continue;
        }
        const change = read.change;
        if (change.entity === 'directory') {
          records.push(change.data);
          continue;
        }
        writeRecords();
        applyChange(change);
      }
      writeRecords();
    })();
  }

  return { apply, noteRefusal, noteRequestAnswer, noteReminderAnswer, noteResent };
}
export type Replica = ReturnType<typeof createReplica>;
