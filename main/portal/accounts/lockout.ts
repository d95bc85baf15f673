// Throttling of failed logins, counted per login as typed (known or not, so the answer never
// tells whether an account exists): increasing delays, then the account is blocked.

export interface LockoutPolicy {
  /** Failures after which an existing account is blocked (at most 10). */
  maxFailures: number;
  /** Failures that cost no wait: the attempt after the last of them is heard at once. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  maxFailures: 10,
  freeFailures: 3,
  baseDelaySeconds: 2,
  maxDelaySeconds: 300,
};

/**
 * Seconds to wait after `failures` consecutive failures before the next attempt is heard. The
 * free failures cost nothing (with 3 free, a 4th attempt right after 3 wrong ones is heard); each
 * failure after them doubles the wait: 2 s after the 4th, 4 s after the 5th, up to the maximum.
 */
export function delayAfter(failures: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (failures - policy.freeFailures - 1));
}

export const shouldBlock = (failures: number, policy: LockoutPolicy = DEFAULT_LOCKOUT): boolean =>
  failures >= policy.maxFailures;
