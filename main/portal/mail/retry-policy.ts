// What to do when an e-mail could not be sent. Network trouble and SMTP 4xx answers are
// transient: try again later, backing off with jitter up to a horizon of days. SMTP 5xx answers
// (and a message the relay can never take) are permanent: stop, and show the server's answer.

export interface SendFailure {
  code?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  message: string;
}

export type FailureKind = 'transient' | 'permanent';

/** nodemailer's error codes for a message no relay will ever take. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

export function classifyFailure(failure: SendFailure): FailureKind {
  if (typeof failure.responseCode === 'number' && failure.responseCode >= 500) return 'permanent';
  if (typeof failure.responseCode === 'number' && failure.responseCode >= 400) return 'transient';
  if (failure.code && PERMANENT_CODES.has(failure.code)) return 'permanent';
  return 'transient'; // connection refused, timeouts, TLS, DNS, authentication being fixed…
}

/** The answer a person reads: the server's own words when there are some. */
export function describeFailure(failure: SendFailure): string {
  const text = (failure.response ?? failure.message).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return text.slice(0, 500);
}

export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** After this long since queueing, a transient failure becomes final. */
  horizonMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  horizonMs: 5 * 86_400_000,
};

/**
 * When to try again after `attempts` failed attempts: doubling from about a minute, capped, with
 * ±50 % jitter so that a queue that failed together does not retry together.
 */
export function nextAttempt(
  attempts: number,
  queuedAt: Date,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): { retryAt: Date } | { giveUp: true } {
  const base = Math.min(policy.firstDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  const delay = Math.round(base * (0.5 + random()));
  const retryAt = new Date(now.getTime() + delay);
  return retryAt.getTime() - queuedAt.getTime() > policy.horizonMs ? { giveUp: true } : { retryAt };
}

/** CR and LF never reach a header: a line break there would start a header of its own. */
export const headerSafe = (value: string): string => value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
