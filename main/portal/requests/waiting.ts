// Requests that wait: the rules both the workstation and the hub apply (pure, the clock passed
// in), so a reminder the screen offers is one the hub takes, and an expiry happens on the same day.
// Working days are Monday to Friday, counted in UTC: one calendar for every workstation and hub,
// without public holidays (which differ by country and are not known here).

/** A request waiting for the desk this long lets its sender send a reminder... */
export const REMINDER_AFTER_WORKING_DAYS = 5;
/** ...and then one more at most every this many days. */
export const REMINDER_EVERY_DAYS = 5;
/** A request waiting for its sender this long expires (it can be reopened). */
export const EXPIRY_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The moment `days` working days after `from` (same time of day; Saturday and Sunday skipped). */
export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at;
}

export type ReminderRefusal =
  'reminder.not-received' | 'reminder.not-waiting' | 'reminder.too-early' | 'reminder.too-soon';

export type ReminderRule = { allowed: true } | { allowed: false; reason: ReminderRefusal; from: string | null };

export interface WaitingRequest {
  /** When the request reached the assistance (the hub, or the relay): null while it has not. */
  receivedAt: string | null;
  /** Whether the desk has it to do: not decided, answered, expired nor waiting for the sender. */
  waitingForDesk: boolean;
  lastReminderAt: string | null;
}

/** Whether a reminder may be sent now and, if not, why and from when. */
export function reminderRule(request: WaitingRequest, now: Date): ReminderRule {
  if (!request.receivedAt) return { allowed: false, reason: 'reminder.not-received', from: null };
  if (!request.waitingForDesk) return { allowed: false, reason: 'reminder.not-waiting', from: null };
  const firstFrom = addWorkingDays(new Date(request.receivedAt), REMINDER_AFTER_WORKING_DAYS);
  if (now < firstFrom) return { allowed: false, reason: 'reminder.too-early', from: firstFrom.toISOString() };
  if (request.lastReminderAt) {
    const nextFrom = new Date(Date.parse(request.lastReminderAt) + REMINDER_EVERY_DAYS * DAY_MS);
    if (now < nextFrom) return { allowed: false, reason: 'reminder.too-soon', from: nextFrom.toISOString() };
  }
  return { allowed: true };
}

/** The moment before which a request moved to "waiting for the supplier" has expired by `now`. */
export const expiryCutoff = (now: Date): Date => new Date(now.getTime() - EXPIRY_DAYS * DAY_MS);

/** When a request waiting for its sender since `since` expires. */
export const expiresAt = (since: string): string => new Date(Date.parse(since) + EXPIRY_DAYS * DAY_MS).toISOString();
