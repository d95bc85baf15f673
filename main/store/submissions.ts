// Form submissions. Each one is stored with its reference, its side effects and its mutation
// rows in a single transaction: the user is told "received" only once all of it is on disk.
import { submitRequest, type SubmitRequestArgs } from '../intents/submit-request';
import { randomUUID } from 'node:crypto';
import type { Db } from './database';
import type { HubQueue } from './hub-queue';
import { recordMutation } from './mutations';
import type { RequestsRepository } from './requests';

export type SubmissionKind = 'company-file' | 'cofor-help' | 'access-request' | 'help' | 'blocked-access' | 'find-plsa';

import { newReference } from '../portal/requests/reference';

export interface StoredDocument {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface NewSubmission {
  kind: SubmissionKind;
  companyId: number | null;
  payload: Record<string, unknown>;
}

export type SubmissionsRepository = ReturnType<typeof createSubmissionsRepository>;

/** The kinds a supplier sends that the hub takes (recovery requests stay on the workstation). */
/** The kinds of request the hub's submitRequest intent takes (its own schema says which). */
const forTheHub = (kind: SubmissionKind): kind is SubmitRequestArgs['kind'] =>
  submitRequest.args.shape.kind.safeParse(kind).success;

/** A request as the hub's `submitRequest` intent takes it: the form's fields and its attachment's bytes. */
function hubPayload(payload: Record<string, unknown>, attachment: { field: string; doc: StoredDocument } | null) {
  const { document: _document, screenshot: _screenshot, ...fields } = payload;
  if (!attachment) return fields;
  const { field, doc } = attachment;
  return { ...fields, [field]: { fileName: doc.fileName, contentBase64: Buffer.from(doc.bytes).toString('base64') } };
}

export function createSubmissionsRepository(db: Db, requests: RequestsRepository, hubQueue?: HubQueue) {
  const insertSubmission = db.prepare<[string, string, number | null, string, string, string]>(
    'INSERT INTO submissions (reference, kind, company_id, payload, created_at, lang) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertDocument = db.prepare<[string, number | bigint, string, string, number, Uint8Array]>(
    'INSERT INTO documents (id, submission_id, media_type, original_name, size, content) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertFile = db.prepare<[number | bigint, string, string]>(
    'INSERT INTO supplier_files (submission_id, duns, contact_email) VALUES (?, ?, ?)',
  );
  const fileByDuns = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM supplier_files WHERE duns = ?');
  const fileByEmail = db.prepare<[string], { n: number }>('SELECT 1 AS n FROM supplier_files WHERE contact_email = ?');
  const insertTerms = db.prepare<[number | bigint, number, string, string, string]>(
    'INSERT INTO terms_acceptances (submission_id, company_id, terms_version, accepted_by, accepted_at) VALUES (?, ?, ?, ?, ?)',
  );
  const pendingAccessRequest = db.prepare<[number], { reference: string }>(
    "SELECT reference FROM submissions WHERE kind = 'access-request' AND company_id = ? AND state = 'saved'",
  );

  /** Stores the row and its mutation; `extra` runs inside the same transaction, as does the
   * queuing of the request for the hub when this workstation is linked to one (`viaHub`: the
   * hub then sends its e-mail to the assistance, not this workstation). */
  function store(
    sub: NewSubmission,
    at: Date,
    extra?: (submissionId: number) => void,
    attachment: { field: string; doc: StoredDocument } | null = null,
  ) {
    return db.transaction(() => {
      for (let attempt = 0; ; attempt++) {
        const reference = newReference(sub.kind, at);
        try {
          const id = Number(
            insertSubmission.run(
              reference,
              sub.kind,
              sub.companyId,
              JSON.stringify(sub.payload),
              at.toISOString(),
              // The language the desk answers in: the one the person used.
              sub.payload['lang'] === 'fr' ? 'fr' : 'en',
            ).lastInsertRowid,
          );
          extra?.(id);
          requests.record(id, 'saved', at);
          recordMutation(
            db,
            { entity: 'submission', entityId: reference, op: 'submitted', data: { kind: sub.kind, ...sub.payload } },
            at,
          );
          let viaHub = false;
          const kind = sub.kind;
          if (hubQueue && forTheHub(kind)) {
            const lang = sub.payload['lang'] === 'fr' ? 'fr' : 'en';
            const payload = hubPayload(sub.payload, attachment);
            viaHub = hubQueue.enqueueIfLinked('submitRequest', { reference, kind, lang, payload }, at);
          }
          return { id, reference, submittedAt: at.toISOString(), viaHub };
        } catch (error) {
          // A reference collision (1 in 10^9 a day) is retried; anything else is real.
          const collision = error instanceof Error && /submissions\.reference/.test(error.message);
          if (!collision || attempt > 3) throw error;
        }
      }
    })();
  }

  return {
    supplierFileExistsForDuns: (duns: string): boolean => fileByDuns.get(duns) !== undefined,
    supplierFileExistsForEmail: (email: string): boolean => fileByEmail.get(email) !== undefined,
    pendingAccessRequest: (companyId: number): string | null => pendingAccessRequest.get(companyId)?.reference ?? null,

    storeCompanyFile(
      payload: Record<string, unknown> & { duns: string; contactEmail: string },
      doc: StoredDocument,
      at: Date,
    ) {
      return store(
        { kind: 'company-file', companyId: null, payload },
        at,
        (id) => {
          insertFile.run(id, payload.duns, payload.contactEmail);
          insertDocument.run(randomUUID(), id, doc.mediaType, doc.fileName, doc.bytes.length, doc.bytes);
        },
        { field: 'document', doc },
      );
    },

    storeCoforHelp: (payload: Record<string, unknown>, at: Date) =>
      store({ kind: 'cofor-help', companyId: null, payload }, at),

    /** Recovery requests that matched an account, for the desk's queue (never shown to the requester). */
    storeRecoveryRequest: (
      kind: 'blocked-access' | 'find-plsa',
      companyId: number,
      payload: Record<string, unknown>,
      at: Date,
    ) => store({ kind, companyId, payload }, at),

    storeHelp(
      payload: Record<string, unknown>,
      screenshot: StoredDocument | null,
      at: Date,
      /** The company of the COFOR the request names, when the directory has it. */
      companyId: number | null = null,
    ) {
      return store(
        { kind: 'help', companyId, payload },
        at,
        (id) => {
          if (screenshot)
            insertDocument.run(
              randomUUID(),
              id,
              screenshot.mediaType,
              screenshot.fileName,
              screenshot.bytes.length,
              screenshot.bytes,
            );
        },
        screenshot ? { field: 'screenshot', doc: screenshot } : null,
      );
    },

    storeAccessRequest(
      companyId: number,
      payload: Record<string, unknown>,
      terms: { version: string; acceptedBy: string },
      at: Date,
      markRequested: () => boolean,
    ) {
      return store({ kind: 'access-request', companyId, payload }, at, (id) => {
        if (!markRequested()) throw new AccessNoLongerOpenToRequest();
        insertTerms.run(id, companyId, terms.version, terms.acceptedBy, at.toISOString());
      });
    },
  };
}

/** Raised inside the transaction when another request got there first; nothing is kept. */
export class AccessNoLongerOpenToRequest extends Error {
  constructor() {
    super('The company is no longer waiting for an access request.');
  }
}
