// Access reviews in the store (the rules: main/portal/accounts/access-review.ts). Opening a
// review and answering an account are each one conditional statement: of two at once, one holds.
import type { ReviewAnswer } from '../portal/accounts/access-review';
import type { Db } from './database';

export interface ReviewRow {
  id: number;
  companyId: number;
  openedAt: string;
  dueAt: string;
  closedAt: string | null;
}

export interface ReviewLine {
  accountId: number;
  login: string;
  fullName: string;
  email: string;
  role: string;
  state: string;
  answer: ReviewAnswer | null;
  by: string | null;
  at: string | null;
}

export type AccessReviewsRepository = ReturnType<typeof createAccessReviewsRepository>;

export function createAccessReviewsRepository(db: Db) {
  const reviewSelect = `SELECT id, company_id AS companyId, opened_at AS openedAt, due_at AS dueAt, closed_at AS closedAt
    FROM access_reviews`;
  const q = {
    everyDays: db.prepare<[number], { d: number }>('SELECT review_every_days AS d FROM companies WHERE id = ?'),
    setEveryDays: db.prepare<[number, number]>('UPDATE companies SET review_every_days = ? WHERE id = ?'),
    latest: db.prepare<[number], ReviewRow>(
      `${reviewSelect} WHERE company_id = ? ORDER BY opened_at DESC, id DESC LIMIT 1`,
    ),
    byId: db.prepare<[number], ReviewRow>(`${reviewSelect} WHERE id = ?`),
    ofCompany: db.prepare<[number], ReviewRow>(`${reviewSelect} WHERE company_id = ? ORDER BY opened_at DESC LIMIT 20`),
    open: db.prepare<[number, string, string]>(
      'INSERT INTO access_reviews (company_id, opened_at, due_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    overdue: db.prepare<[string], ReviewRow>(`${reviewSelect} WHERE closed_at IS NULL AND due_at <= ?`),
    lines: db.prepare<[number, number, number], ReviewLine>(
      `SELECT a.id AS accountId, a.login, coalesce(p.full_name, a.login) AS fullName, a.email, a.role, a.state,
              r.answer, r.by_login AS "by", r.at
       FROM accounts a LEFT JOIN people p ON p.id = a.person_id
       LEFT JOIN access_review_answers r ON r.review_id = ? AND r.account_id = a.id
       WHERE a.company_id = ? AND (a.state <> 'deactivated' OR r.answer IS NOT NULL)
         AND (a.created_at IS NULL OR a.created_at <= (SELECT opened_at FROM access_reviews WHERE id = ?))
       ORDER BY a.login`,
    ),
    answer: db.prepare<[number, number, ReviewAnswer, string, string]>(
      `INSERT INTO access_review_answers (review_id, account_id, answer, by_login, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    close: db.prepare<[string, number]>('UPDATE access_reviews SET closed_at = ? WHERE id = ? AND closed_at IS NULL'),
  };
  return {
    everyDays: (companyId: number): number => q.everyDays.get(companyId)?.d ?? 90,
    setEveryDays: (companyId: number, days: number) => void q.setEveryDays.run(days, companyId),
    latest: (companyId: number): ReviewRow | null => q.latest.get(companyId) ?? null,
    byId: (id: number): ReviewRow | null => q.byId.get(id) ?? null,
    ofCompany: (companyId: number) => q.ofCompany.all(companyId),
    /** False when a review of the company is open already. */
    open: (companyId: number, at: Date, dueAt: Date): boolean =>
      q.open.run(companyId, at.toISOString(), dueAt.toISOString()).changes === 1,
    overdue: (now: Date) => q.overdue.all(now.toISOString()),
    /** The accounts a review covers (those that existed when it opened), with their answers. */
    lines: (review: ReviewRow): ReviewLine[] => q.lines.all(review.id, review.companyId, review.id),
    /** True for the one call that recorded this account's answer. */
    answer: (reviewId: number, accountId: number, answer: ReviewAnswer, by: string, at: Date): boolean =>
      q.answer.run(reviewId, accountId, answer, by, at.toISOString()).changes === 1,
    close: (reviewId: number, at: Date): boolean => q.close.run(at.toISOString(), reviewId).changes === 1,
  };
}
