// Access reviews on the hub, for workstations linked to it (the rules and documents of
// main/portal/accounts/access-review.ts, the same answers as a standalone console). Overdue
// reviews close before a login is checked and before each console call: what was not confirmed
// is blocked, its owner e-mailed, and replicas learn the new states with the company's record.
import type { Pool, PoolClient } from 'pg';
import type { AccessReviewView } from '../../preload/contract/accounts';
import {
  REVIEW_EVERY_DAYS_RANGE,
  reviewBlockedMail,
  reviewDueAt,
  reviewIsDue,
  reviewEvidence,
  type ReviewRecord,
} from '../portal/accounts/access-review';
import type { DirectoryCompany } from '../portal/directory/model';
import { HubError } from './hub-error';
import { queueHubMail, type SecretBox } from './mail';
import type { Member } from './plsa-continuity';
import { inTransaction } from './transaction';

type Publish = (tx: PoolClient, cofor: string, edit: (r: DirectoryCompany) => DirectoryCompany) => Promise<void>;
type Audit = (action: string, target: string, extra?: object) => Promise<void>;

interface Review {
  id: string;
  opened_at: Date;
  due_at: Date;
  closed_at: Date | null;
}
/** An account in a review, as the console shows it (and, without its state, as the evidence lists it). */
type Line = AccessReviewView['review']['lines'][number];

const linesOf = async (tx: PoolClient, cofor: string, reviewId: string): Promise<Line[]> =>
  (
    await tx.query<Omit<Line, 'at'> & { at: Date | null }>(
      `SELECT a.login, a.full_name AS "fullName", a.email, a.role, a.state, r.answer, r.by_login AS "by", r.at
       FROM accounts a LEFT JOIN access_review_answers r ON r.review_id = $2 AND r.login = a.login
       WHERE a.cofor = $1 AND (a.state <> 'deactivated' OR r.answer IS NOT NULL) ORDER BY a.login`,
      [cofor, reviewId],
    )
  ).rows.map((l) => ({ ...l, at: l.at?.toISOString() ?? null }));

/** Closes the reviews whose grace ended (every company, or one): see the file's comment. */
export async function closeOverdueReviews(
  pool: Pool,
  deps: { now: () => Date; box: SecretBox; publish: Publish; mailQueued: () => void },
): Promise<void> {
  const now = deps.now();
  const due = await pool.query<{ id: string; cofor: string }>(
    'SELECT id, cofor FROM access_reviews WHERE closed_at IS NULL AND due_at <= $1',
    [now],
  );
  for (const review of due.rows) {
    await inTransaction(pool, async (tx) => {
      await tx.query('SELECT 1 FROM companies WHERE cofor = $1 FOR UPDATE', [review.cofor]);
      const closed = await tx.query('UPDATE access_reviews SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL', [
        review.id,
        now,
      ]);
      if (closed.rowCount !== 1) return; // another hub closed it
      const lines = await linesOf(tx, review.cofor, review.id);
      let activePlsas = lines.filter((l) => l.role === 'plsa' && l.state === 'active').length;
      const blocked: string[] = [];
      const { rows } = await tx.query<{ legal_name: string }>('SELECT legal_name FROM companies WHERE cofor = $1', [
        review.cofor,
      ]);
      for (const line of lines) {
        if (line.answer || line.state === 'deactivated') continue;
        if (line.role === 'plsa' && line.state === 'active' && activePlsas <= 1) continue; // never the last PLSA
        if (line.role === 'plsa' && line.state === 'active') activePlsas--;
        await tx.query(
          `INSERT INTO access_review_answers (review_id, login, answer, by_login, at) VALUES ($1, $2, 'blocked-unconfirmed', 'portal', $3)`,
          [review.id, line.login, now],
        );
        await tx.query(`UPDATE accounts SET state = 'blocked' WHERE login = $1 AND state = 'active'`, [line.login]);
        await tx.query('DELETE FROM sessions WHERE login = $1', [line.login]);
        await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('portal', 'access-review-blocked', $1)`, [
          { cofor: review.cofor, target: line.login },
        ]);
        await queueHubMail(tx, deps.box, {
          kind: 'access-review-blocked',
          to: line.email,
          lang: 'en',
          ...reviewBlockedMail(line.login, rows[0]?.legal_name ?? review.cofor),
        });
        blocked.push(line.login);
      }
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('portal', 'access-review-closed', $1)`, [
        { cofor: review.cofor, blocked: blocked.length },
      ]);
      if (blocked.length > 0)
        await deps.publish(tx, review.cofor, (r) => ({
          ...r,
          accounts: r.accounts.map((a) =>
            blocked.includes(a.login) && a.state === 'active' ? { ...a, state: 'blocked' } : a,
          ),
        }));
    });
  }
  if (due.rowCount) deps.mailQueued();
}

async function currentReview(tx: PoolClient, member: Member, now: Date, audit: Audit): Promise<Review> {
  const latest = async () =>
    (
      await tx.query<Review>(
        'SELECT id, opened_at, due_at, closed_at FROM access_reviews WHERE cofor = $1 ORDER BY opened_at DESC, id DESC LIMIT 1',
        [member.cofor],
      )
    ).rows[0];
  const last = await latest();
  const every = await everyDays(tx, member.cofor);
  if (!last || (last.closed_at && reviewIsDue(last.opened_at.toISOString(), every, now))) {
    const opened = await tx.query(
      'INSERT INTO access_reviews (cofor, opened_at, due_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [member.cofor, now, reviewDueAt(now)],
    );
    if (opened.rowCount === 1) await audit('access-review-opened', '');
  }
  return (await latest())!;
}

const everyDays = async (tx: PoolClient, cofor: string) =>
  (await tx.query<{ d: number }>('SELECT review_every_days AS d FROM companies WHERE cofor = $1', [cofor])).rows[0]!.d;

async function view(tx: PoolClient, member: Member, review: Review): Promise<AccessReviewView> {
  const past = await tx.query<{ id: string; opened_at: Date; closed_at: Date | null }>(
    'SELECT id, opened_at, closed_at FROM access_reviews WHERE cofor = $1 ORDER BY opened_at DESC LIMIT 20',
    [member.cofor],
  );
  return {
    everyDays: await everyDays(tx, member.cofor),
    review: {
      id: Number(review.id),
      openedAt: review.opened_at.toISOString(),
      dueAt: review.due_at.toISOString(),
      closedAt: review.closed_at?.toISOString() ?? null,
      lines: await linesOf(tx, member.cofor, review.id),
    },
    past: past.rows.map((r) => ({
      id: Number(r.id),
      openedAt: r.opened_at.toISOString(),
      closedAt: r.closed_at?.toISOString() ?? null,
    })),
  };
}

const conflict = (field: string, reason: string, message: string) =>
  new HubError('conflict', message, { fields: { [field]: reason } });

export async function hubReview(tx: PoolClient, member: Member, now: Date, audit: Audit) {
  return view(tx, member, await currentReview(tx, member, now, audit));
}

export async function hubReviewAnswer(
  tx: PoolClient,
  member: Member,
  input: { login: string; answer: 'confirmed' | 'left' },
  now: Date,
  audit: Audit,
  publish: (edit: (r: DirectoryCompany) => DirectoryCompany) => Promise<void>,
) {
  const review = await currentReview(tx, member, now, audit);
  if (review.closed_at) throw conflict('login', 'review.closed', 'This review is closed: the next one opens in time.');
  const line = (await linesOf(tx, member.cofor, review.id)).find((l) => l.login === input.login);
  if (!line)
    throw new HubError('not-found', 'No account with this login in your company.', {
      fields: { login: 'login.not-in-company' },
    });
  if (input.answer === 'left' && line.login === member.login)
    throw conflict('login', 'account.self', 'A PLSA cannot deactivate their own account.');
  const answered = await tx.query(
    `INSERT INTO access_review_answers (review_id, login, answer, by_login, at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING`,
    [review.id, line.login, input.answer, member.login, now],
  );
  if (answered.rowCount !== 1)
    throw conflict('login', 'review.answered', 'This account was answered already in this review.');
  await audit(input.answer === 'left' ? 'access-review-left' : 'access-review-confirmed', line.login);
  const self = await tx.query(
    `INSERT INTO access_review_answers (review_id, login, answer, by_login, at) VALUES ($1, $2, 'confirmed', $2, $3)
     ON CONFLICT DO NOTHING`,
    [review.id, member.login, now],
  );
  if (self.rowCount === 1) await audit('access-review-confirmed', member.login);
  if (input.answer === 'left') {
    await tx.query(`UPDATE accounts SET state = 'deactivated' WHERE login = $1`, [line.login]);
    await tx.query('DELETE FROM sessions WHERE login = $1', [line.login]);
    await publish((r) => ({
      ...r,
      accounts: r.accounts.map((a) => (a.login === line.login ? { ...a, state: 'deactivated' } : a)),
    }));
  }
  const open = await linesOf(tx, member.cofor, review.id);
  if (open.every((l) => l.answer !== null)) {
    await tx.query('UPDATE access_reviews SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL', [review.id, now]);
    await audit('access-review-closed', '', { blocked: 0 });
  }
  return hubReview(tx, member, now, audit);
}

export async function hubReviewInterval(tx: PoolClient, member: Member, days: number, now: Date, audit: Audit) {
  const { min, max } = REVIEW_EVERY_DAYS_RANGE;
  if (days < min || days > max)
    throw new HubError('invalid-input', `Choose ${min} to ${max} days.`, { fields: { days: 'review.days-range' } });
  await tx.query('UPDATE companies SET review_every_days = $2 WHERE cofor = $1', [member.cofor, days]);
  await audit('access-review-interval', '', { days });
  return hubReview(tx, member, now, audit);
}

export async function hubReviewEvidence(
  tx: PoolClient,
  member: Member,
  input: { reviewId: number; format: 'csv' | 'pdf'; lang: string },
  audit: Audit,
) {
  const { rows } = await tx.query<Review>(
    'SELECT id, opened_at, due_at, closed_at FROM access_reviews WHERE id = $1 AND cofor = $2',
    [input.reviewId, member.cofor],
  );
  const review = rows[0];
  if (!review)
    throw new HubError('not-found', 'Your company has no review with this number.', {
      fields: { reviewId: 'review.unknown' },
    });
  const record: ReviewRecord = {
    company: member.companyName,
    cofor: member.cofor,
    openedAt: review.opened_at.toISOString(),
    dueAt: review.due_at.toISOString(),
    closedAt: review.closed_at?.toISOString() ?? null,
    lines: (await linesOf(tx, member.cofor, review.id)).map(({ state: _state, ...line }) => line),
  };
  const lang = input.lang === 'fr' ? 'fr' : 'en';
  await audit('access-review-exported', '', { reviewId: input.reviewId, format: input.format });
  return reviewEvidence(record, input.format, lang);
}
