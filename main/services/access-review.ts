// Access reviews on a workstation (the rules: main/portal/accounts/access-review.ts). The first
// review opens when a PLSA first opens the console, the next ones every N days; a PLSA answers
// account by account (still works here, or left: deactivated at once). When the 30 days of grace
// end, what was not confirmed is blocked (never deleted), its owner is told by e-mail, and the
// review closes. The review and its answers are audited and exported as CSV or PDF.
import type { AccessReviewView } from '../../preload/contract/accounts';
import type { Lang } from '../../preload/contract/languages';
import {
  REVIEW_EVERY_DAYS_RANGE,
  reviewDueAt,
  reviewIsDue,
  reviewEvidence,
  reviewBlockedMail as blockedMail,
  type ReviewRecord,
} from '../portal/accounts/access-review';
import type { AccessReviewsRepository, ReviewRow } from '../store/access-reviews';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import { fieldError } from './errors';
import type { Mailer } from './mailer';
import type { Caller } from './session-guard';
import type { HubAccounts } from './hub-accounts';

export interface AccessReviewDeps {
  db: Db;
  accounts: AccountsRepository;
  reviews: AccessReviewsRepository;
  mailer: Pick<Mailer, 'queue' | 'kick'>;
  now: () => Date;
  /** Linked to a hub, the company's accounts and their reviews are the hub's. */
  hub?: Pick<HubAccounts, 'linked' | 'console'>;
}

export function createAccessReviews(deps: AccessReviewDeps) {
  const { db, accounts, reviews, mailer, now } = deps;

  /** Closes every review whose grace ended: the accounts not confirmed are blocked and told. */
  function sweep(): void {
    const at = now();
    let queued = false;
    for (const review of reviews.overdue(at)) {
      db.transaction(() => {
        let blocked = 0;
        const lines = reviews.lines(review);
        let activePlsas = lines.filter((l) => l.role === 'plsa' && l.state === 'active').length;
        for (const line of lines) {
          if (line.answer || line.state === 'deactivated') continue;
          // Never the company's last PLSA: blocking them would leave nobody to unblock the rest.
          if (line.role === 'plsa' && line.state === 'active' && activePlsas <= 1) continue;
          if (line.role === 'plsa' && line.state === 'active') activePlsas--;
          if (!reviews.answer(review.id, line.accountId, 'blocked-unconfirmed', 'portal', at)) continue;
          blocked++;
          if (line.state === 'active') {
            accounts.setState(line.accountId, 'blocked', at);
            accounts.endSessions(line.accountId);
            accounts.forgetAllDevices(line.accountId);
          }
          const company = accounts.byId(line.accountId)?.companyName ?? '';
          mailer.queue(
            { kind: 'access-review-blocked', to: line.email, lang: 'en', ...blockedMail(line.login, company) },
            at,
          );
          queued = true;
          accounts.audit(
            { companyId: review.companyId, actor: 'portal', action: 'access-review-blocked', targetLogin: line.login },
            at,
          );
        }
        if (reviews.close(review.id, at))
          accounts.audit(
            { companyId: review.companyId, actor: 'portal', action: 'access-review-closed', details: { blocked } },
            at,
          );
      })();
    }
    if (queued) mailer.kick();
  }

  /** The company's current review, opened now if one is due (of two PLSAs at once, one opens it). */
  function current(companyId: number, by: string): ReviewRow {
    sweep();
    const at = now();
    const latest = reviews.latest(companyId);
    if (!latest || (latest.closedAt && reviewIsDue(latest.openedAt, reviews.everyDays(companyId), at))) {
      db.transaction(() => {
        if (reviews.open(companyId, at, reviewDueAt(at)))
          accounts.audit({ companyId, actor: by, action: 'access-review-opened' }, at);
      })();
    }
    return reviews.latest(companyId)!;
  }

  function view(companyId: number, review: ReviewRow): AccessReviewView {
    return {
      everyDays: reviews.everyDays(companyId),
      review: {
        id: review.id,
        openedAt: review.openedAt,
        dueAt: review.dueAt,
        closedAt: review.closedAt,
        lines: reviews.lines(review).map(({ accountId: _id, ...line }) => line),
      },
      past: reviews.ofCompany(companyId).map((r) => ({ id: r.id, openedAt: r.openedAt, closedAt: r.closedAt })),
    };
  }

  const onHub = <T>(action: 'review' | 'confirm' | 'interval' | 'evidence', caller: Caller, input: object) => {
    if (!deps.hub?.linked()) return null;
    const { session: _local, ...body } = input as { session: string };
    return deps.hub.console<T>(caller.tokenHash, action, body);
  };

  function ownReview(caller: Caller, id: number): ReviewRow {
    const review = reviews.byId(id);
    if (!review || review.companyId !== caller.account.companyId)
      throw fieldError('not-found', 'reviewId', 'review.unknown', 'Your company has no review with this number.');
    return review;
  }

  return {
    sweep,
    channels: {
      async accessReview(input: { session: string }, caller: Caller): Promise<AccessReviewView> {
        const viaHub = onHub<AccessReviewView>('review', caller, input);
        if (viaHub) return viaHub;
        return view(caller.account.companyId, current(caller.account.companyId, caller.account.login));
      },

      async answerAccessReview(
        input: { session: string; login: string; answer: 'confirmed' | 'left' },
        caller: Caller,
      ): Promise<AccessReviewView> {
        const viaHub = onHub<AccessReviewView>('confirm', caller, input);
        if (viaHub) return viaHub;
        const { companyId } = caller.account;
        const review = current(companyId, caller.account.login);
        if (review.closedAt)
          throw fieldError('conflict', 'login', 'review.closed', 'This review is closed: the next one opens in time.');
        const line = reviews.lines(review).find((l) => l.login === input.login);
        if (!line)
          throw fieldError('not-found', 'login', 'login.not-in-company', 'No account with this login in your company.');
        if (input.answer === 'left' && line.accountId === caller.account.id)
          throw fieldError('conflict', 'login', 'account.self', 'A PLSA cannot deactivate their own account.');
        const at = now();
        db.transaction(() => {
          if (!reviews.answer(review.id, line.accountId, input.answer, caller.account.login, at))
            throw fieldError(
              'conflict',
              'login',
              'review.answered',
              'This account was answered already in this review.',
            );
          // The PLSA answering the review still works here: their own line is confirmed with it.
          if (reviews.answer(review.id, caller.account.id, 'confirmed', caller.account.login, at))
            accounts.audit(
              {
                companyId,
                actor: caller.account.login,
                action: 'access-review-confirmed',
                targetLogin: caller.account.login,
              },
              at,
            );
          if (input.answer === 'left') {
            accounts.setState(line.accountId, 'deactivated', at);
            accounts.endSessions(line.accountId);
            accounts.forgetAllDevices(line.accountId);
          }
          accounts.audit(
            {
              companyId,
              actor: caller.account.login,
              action: input.answer === 'left' ? 'access-review-left' : 'access-review-confirmed',
              targetLogin: line.login,
            },
            at,
          );
          // Every account answered: the review is done before its time.
          if (reviews.lines(review).every((l) => l.answer !== null) && reviews.close(review.id, at))
            accounts.audit(
              { companyId, actor: caller.account.login, action: 'access-review-closed', details: { blocked: 0 } },
              at,
            );
        })();
        return view(companyId, reviews.byId(review.id)!);
      },

      async setAccessReviewInterval(
        input: { session: string; days: number },
        caller: Caller,
      ): Promise<AccessReviewView> {
        const { min, max } = REVIEW_EVERY_DAYS_RANGE;
        if (input.days < min || input.days > max)
          throw fieldError('invalid-input', 'days', 'review.days-range', `Choose ${min} to ${max} days.`);
        const { companyId } = caller.account;
        db.transaction(() => {
          reviews.setEveryDays(companyId, input.days);
          accounts.audit(
            { companyId, actor: caller.account.login, action: 'access-review-interval', details: { days: input.days } },
            now(),
          );
        })();
        return view(companyId, current(companyId, caller.account.login));
      },

      async exportAccessReview(
        input: { session: string; reviewId: number; format: 'csv' | 'pdf'; lang: Lang },
        caller: Caller,
      ): Promise<{ fileName: string; mediaType: string; contentBase64: string }> {
        const viaHub = onHub<{ fileName: string; mediaType: string; contentBase64: string }>('evidence', caller, input);
        if (viaHub) return viaHub;
        const review = ownReview(caller, input.reviewId);
        const record: ReviewRecord = {
          company: caller.account.companyName,
          cofor: caller.account.cofor,
          openedAt: review.openedAt,
          dueAt: review.dueAt,
          closedAt: review.closedAt,
          lines: reviews.lines(review).map(({ accountId: _id, state: _s, ...line }) => line),
        };
        accounts.audit(
          {
            companyId: caller.account.companyId,
            actor: caller.account.login,
            action: 'access-review-exported',
            details: { reviewId: review.id, format: input.format },
          },
          now(),
        );
        return reviewEvidence(record, input.format, input.lang === 'fr' ? 'fr' : 'en');
      },
    },
  };
}
export type AccessReviewsService = ReturnType<typeof createAccessReviews>;
