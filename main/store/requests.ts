// "My requests": every request this workstation sent, with its reference and its timeline.
// Blocked-access and find-my-PLSA requests are left out: they exist only when the login and e-mail matched, so
// listing them would tell whoever typed them that the account exists.
import type { Db } from './database';

export type RequestState = 'saved' | 'queued' | 'sent' | 'failed' | 'answered';

export interface RequestEvent {
  at: string;
  state: RequestState;
  detail: string | null;
}

export interface RequestSummary {
  reference: string;
  kind: string;
  createdAt: string;
  state: RequestState;
  /** The reason of the last failed or postponed delivery, as the relay gave it. */
  lastError: string | null;
  nextAttemptAt: string | null;
  /** The desk's side, for "requests that wait" (main/services/my-requests.ts). */
  deskState: string;
  deskStateAt: string | null;
  expiredAt: string | null;
  decided: boolean;
  events: RequestEvent[];
}

export type RequestsRepository = ReturnType<typeof createRequestsRepository>;

export function createRequestsRepository(db: Db) {
  const insertEvent = db.prepare<[number, string, RequestState, string | null]>(
    'INSERT INTO request_events (submission_id, at, state, detail) VALUES (?, ?, ?, ?)',
  );
  const setState = db.prepare<[RequestState, number]>('UPDATE submissions SET state = ? WHERE id = ?');
  const summaries = db.prepare<[number], Omit<RequestSummary, 'events' | 'decided'> & { id: number; decided: number }>(`
    SELECT s.id, s.reference, s.kind, s.created_at AS createdAt, s.state, s.desk_state AS deskState,
           s.desk_state_at AS deskStateAt, s.expired_at AS expiredAt, s.decision IS NOT NULL AS decided,
           (SELECT last_error FROM outbox o WHERE o.submission_id = s.id ORDER BY o.created_at DESC LIMIT 1) AS lastError,
           (SELECT CASE WHEN o.state = 'queued' THEN o.next_attempt_at END FROM outbox o WHERE o.submission_id = s.id ORDER BY o.created_at DESC LIMIT 1) AS nextAttemptAt
    FROM submissions s WHERE s.kind NOT IN ('blocked-access', 'find-plsa')
      -- the demo's own requests (services/demo.ts) are the desk's to see, never sent from here
      AND s.reference NOT IN (SELECT value FROM json_each(coalesce((SELECT value FROM settings WHERE key = 'demo-requests'), '[]')))
    ORDER BY s.created_at DESC, s.id DESC LIMIT ?`);
  const events = db.prepare<[number], RequestEvent>(
    'SELECT at, state, detail FROM request_events WHERE submission_id = ? ORDER BY id',
  );
  const idOf = db.prepare<[string], { id: number }>('SELECT id FROM submissions WHERE reference = ?');
  // The reason the desk gave for a rejection or a declined file: in the decision's audit line
  // (the desk's own, standalone; the one a pull brought, linked: main/sync/replica.ts).
  const reasonOf = db.prepare<[string], { reason: string | null }>(
    `SELECT json_extract(details, '$.after.reason') AS reason FROM audit_log
     WHERE action IN ('desk-reject-access', 'desk-decline-file') AND json_extract(details, '$.reference') = ?
     ORDER BY id DESC LIMIT 1`,
  );
  return {
    /** A step of a request's timeline; `answered` and `failed` are kept, others move it on. */
    record(submissionId: number, state: RequestState, at: Date, detail: string | null = null): void {
      insertEvent.run(submissionId, at.toISOString(), state, detail);
      setState.run(state, submissionId);
    },
    list: (limit = 200): Array<RequestSummary & { id: number }> =>
      summaries.all(limit).map((row) => ({ ...row, decided: row.decided === 1, events: events.all(row.id) })),
    idOf: (reference: string): number | null => idOf.get(reference)?.id ?? null,
    /** Why the desk rejected the request or declined the file, in its own words (null: none). */
    reasonOf: (reference: string): string | null => reasonOf.get(reference)?.reason ?? null,
  };
}
