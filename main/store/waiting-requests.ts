// Requests that wait, in the store: their senders' reminders, expiry after 30 days waiting for
// the sender, and reopening. Each change is one conditional statement, so that of two identical
// calls at once (two clicks, two windows) exactly one changes anything.
import { expiryCutoff, REMINDER_EVERY_DAYS } from '../portal/requests/waiting';
import type { Db } from './database';
import type { RequestState } from './requests';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WaitingFacts {
  id: number;
  reference: string;
  kind: string;
  lang: string;
  /** The sender's side of it (saved, sent, answered...). */
  state: RequestState;
  companyId: number | null;
  deskState: string;
  deskStateAt: string | null;
  expiredAt: string | null;
  decided: boolean;
  /** When it reached the assistance (its first "sent" step), null while it has not. */
  receivedAt: string | null;
}

export type WaitingRequestsRepository = ReturnType<typeof createWaitingRequestsRepository>;

export function createWaitingRequestsRepository(db: Db) {
  const q = {
    facts: db.prepare<[string], Omit<WaitingFacts, 'decided'> & { decided: number }>(
      `SELECT s.id, s.reference, s.kind, s.lang, s.state, s.company_id AS companyId, s.desk_state AS deskState,
              s.desk_state_at AS deskStateAt, s.expired_at AS expiredAt, s.decision IS NOT NULL AS decided,
              (SELECT min(e.at) FROM request_events e WHERE e.submission_id = s.id AND e.state = 'sent') AS receivedAt
       FROM submissions s WHERE s.reference = ?`,
    ),
    reminders: db.prepare<[number], { at: string; hubRefused: string | null }>(
      'SELECT at, hub_refused AS hubRefused FROM request_reminders WHERE submission_id = ? ORDER BY at',
    ),
    // The lock: no reminder taken in the last 5 days (a refused one does not count).
    remind: db.prepare<[number, string, number, string]>(
      `INSERT INTO request_reminders (submission_id, at) SELECT ?, ?
       WHERE NOT EXISTS (SELECT 1 FROM request_reminders WHERE submission_id = ? AND hub_refused IS NULL AND at > ?)`,
    ),
    refuseReminder: db.prepare<[string, string, string]>(
      `UPDATE request_reminders SET hub_refused = ?
       WHERE at = ? AND submission_id = (SELECT id FROM submissions WHERE reference = ?)`,
    ),
    expire: db.prepare<[{ at: string; cutoff: string }], { id: number; reference: string; companyId: number | null }>(
      `UPDATE submissions SET expired_at = @at, desk_state = 'done', desk_state_at = @at
       WHERE desk_state = 'waiting-supplier' AND desk_state_at <= @cutoff AND decision IS NULL
       RETURNING id, reference, company_id AS companyId`,
    ),
    reopen: db.prepare<[string, number]>(
      `UPDATE submissions SET expired_at = NULL, desk_state = 'new', desk_state_at = ?
       WHERE id = ? AND expired_at IS NOT NULL AND decision IS NULL`,
    ),
  };
  return {
    facts(reference: string): WaitingFacts | null {
      const row = q.facts.get(reference);
      return row ? { ...row, decided: row.decided === 1 } : null;
    },
    reminders: (submissionId: number) => q.reminders.all(submissionId),
    /** True for the one call that recorded the reminder. */
    remind(submissionId: number, at: Date): boolean {
      const since = new Date(at.getTime() - REMINDER_EVERY_DAYS * DAY_MS).toISOString();
      return q.remind.run(submissionId, at.toISOString(), submissionId, since).changes === 1;
    },
    /** The hub did not take a reminder this workstation queued: it no longer counts. */
    refuseReminder: (reference: string, at: string, reason: string) => void q.refuseReminder.run(reason, at, reference),
    /** Requests waiting for their sender for 30 days by `now`: expired, and returned. */
    expireDue: (now: Date) => q.expire.all({ at: now.toISOString(), cutoff: expiryCutoff(now).toISOString() }),
    /** True for the one call that reopened it. */
    reopen: (submissionId: number, at: Date): boolean => q.reopen.run(at.toISOString(), submissionId).changes === 1,
  };
}
