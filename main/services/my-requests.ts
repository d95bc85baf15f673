// "My requests": what this workstation sent, where the assistance is with each, and what its
// sender may do about one that waits: remind the desk after 5 working days (once per 5 days),
// and reopen one that expired after 30 days waiting for them (main/portal/requests/waiting.ts).
import { DESK_TEMPLATE_KEYS, type RequestView } from '../../preload/contract/help';
import { expiresAt, reminderRule } from '../portal/requests/waiting';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { HubQueue } from '../store/hub-queue';
import type { RequestSummary, RequestsRepository } from '../store/requests';
import type { WaitingRequestsRepository } from '../store/waiting-requests';
import { runRulesLocally, type IntentStore } from './intent-adapter';
import { reopenRequest } from '../intents/reopen-request';
import { remindRequest } from '../intents/remind-request';

export interface MyRequestsDeps {
  db: Db;
  requests: RequestsRepository;
  waiting: WaitingRequestsRepository;
  accounts: Pick<AccountsRepository, 'audit'>;
  hub: Pick<HubQueue, 'enqueueIfLinked' | 'link'>;
  /** The store the intents' rules run on (services/intent-adapter.ts). */
  intents: IntentStore;
  now: () => Date;
}

/** Standalone, this workstation's queue is the desk's: a request waiting 30 days for its sender
 * expires here, with a line in its history. Linked, the hub expires it and says so. */
export function createExpirySweep(deps: Pick<MyRequestsDeps, 'db' | 'waiting' | 'accounts' | 'hub' | 'now'>) {
  return (): void => {
    if (deps.hub.link()) return;
    const at = deps.now();
    deps.db.transaction(() => {
      for (const expired of deps.waiting.expireDue(at))
        deps.accounts.audit(
          {
            companyId: expired.companyId,
            actor: 'portal',
            action: 'request-expired',
            details: { reference: expired.reference },
          },
          at,
        );
    })();
  };
}

type Row = Pick<RequestSummary, 'state' | 'deskState' | 'expiredAt' | 'decided'>;

function progressOf(row: Row, receivedAt: string | null): RequestView['progress'] {
  if (row.expiredAt) return 'expired';
  if (row.decided || row.state === 'answered' || row.deskState === 'done') return 'done';
  if (!receivedAt) return null;
  return row.deskState === 'waiting-supplier' ? 'waiting-you' : 'with-desk';
}

export function createMyRequestsService(deps: MyRequestsDeps) {
  const { requests, waiting, now } = deps;
  const expireDue = createExpirySweep(deps);

  /** The rule for a request now, from what the store holds of it. */
  function ruleOf(receivedAt: string | null, row: Row, reminders: Array<{ at: string; hubRefused: string | null }>) {
    const taken = reminders.filter((r) => r.hubRefused === null);
    return reminderRule(
      {
        receivedAt,
        waitingForDesk: progressOf(row, receivedAt) === 'with-desk',
        lastReminderAt: taken.at(-1)?.at ?? null,
      },
      now(),
    );
  }

  /** The desk's answer: its template key (recorded with the answered step) and a rejection's reason. */
  function answerOf(row: RequestSummary): RequestView['answer'] {
    const step = row.events.findLast((e) => e.state === 'answered');
    if (!step) return null;
    const key = DESK_TEMPLATE_KEYS.find((k) => k === step.detail) ?? null;
    const rejected = key === 'access-rejected' || key === 'file-declined';
    return { key, reason: rejected ? requests.reasonOf(row.reference) : null };
  }

  function view(row: RequestSummary & { id: number }): RequestView {
    const receivedAt = row.events.find((e) => e.state === 'sent')?.at ?? null;
    const reminders = waiting.reminders(row.id);
    const progress = progressOf(row, receivedAt);
    const rule = ruleOf(receivedAt, row, reminders);
    const { id: _id, deskState: _s, deskStateAt, decided: _d, ...shown } = row;
    return {
      ...(shown as Omit<RequestView, 'progress' | 'expiresAt' | 'reminders' | 'reminder'>),
      progress,
      expiresAt: progress === 'waiting-you' && deskStateAt ? expiresAt(deskStateAt) : null,
      reminders: reminders.map((r) => ({ at: r.at, refused: r.hubRefused })),
      reminder: rule.allowed
        ? { allowed: true, reason: null, from: null }
        : { allowed: false, reason: rule.reason, from: rule.from },
      answer: answerOf(row),
    };
  }

  return {
    myRequests(): { requests: RequestView[] } {
      expireDue();
      return { requests: requests.list().map(view) };
    },

    remindRequest(input: { reference: string }): { reference: string; at: string } {
      expireDue();
      const at = now();
      // The rule is the intent's (main/intents/remind-request.ts), the hub's too; of two clicks,
      // the second finds the first reminder (the transaction reads it again): too soon.
      runRulesLocally(
        deps.intents,
        remindRequest,
        { reference: input.reference, at: at.toISOString() },
        { actor: 'supplier', now: at, queue: true },
      );
      return { reference: input.reference, at: at.toISOString() };
    },

    reopenRequest(input: { reference: string }): { reference: string } {
      expireDue();
      // The rule is the intent's (main/intents/reopen-request.ts), the hub's too. Of two clicks,
      // the second finds the request reopened already (the transaction reads it again).
      runRulesLocally(
        deps.intents,
        reopenRequest,
        { reference: input.reference },
        {
          actor: 'supplier',
          now: now(),
          queue: true,
        },
      );
      return { reference: input.reference };
    },
  };
}
export type MyRequestsService = ReturnType<typeof createMyRequestsService>;
