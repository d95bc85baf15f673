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
    FROM submissions s WHERE s.kind NOT IN ('blocked-access', 'find-plsa') ORDER BY s.created_at DESC, s.id DESC LIMIT ?`);
  const events = db.prepare<[number], RequestEvent>(
    'SELECT at, state, detail FROM request_events WHERE submission_id = ? ORDER BY id',
  );
  const idOf = db.prepare<[string], { id: number }>('SELECT id FROM submissions WHERE reference = ?');
  return {
    /** A step of a request's timeline; `answered` and `failed` are kept, others move it on. */
    record(submissionId: number, state: RequestState, at: Date, detail: string | null = null): void {
      insertEvent.run(submissionId, at.toISOString(), state, detail);
      setState.run(state, submissionId);
    },
    list: (limit = 200): Array<RequestSummary & { id: number }> =>
      summaries.all(limit).map((row) => ({ ...row, decided: row.decided === 1, events: events.all(row.id) })),
    idOf: (reference: string): number | null => idOf.get(reference)?.id ?? null,
  };
}
