// Throttling of failed logins, one rule for a standalone workstation and for the hub (issue 24,
// N12). Failures are counted per login as typed (known or not, so that the answer never tells
// whether an account exists) and per source, where the attempts come from: each failure makes
// that source wait longer before its next attempt at that login. Failures never block the
// account: with a block at 10, anyone who knew a login could lock its owner out with 10 slow
// guesses, from anywhere. Blocking stays an act of a person (the PLSA, the desk) or of an
// access review; a guesser is slowed where they guess from, and the owner elsewhere is not.

export interface LockoutPolicy {
  /** Failures that cost no wait: the attempt after the last of them is heard at once. */
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
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

/** Milliseconds before a source's next attempt at a login is heard, after its `earlier` failures. */
export function waitBeforeAttempt(
  earlier: { failures: number; lastFailureAt: Date } | null | undefined,
  now: Date,
  policy: LockoutPolicy = DEFAULT_LOCKOUT,
): number {
  if (!earlier) return 0;
  return Math.max(0, delayAfter(earlier.failures, policy) * 1000 - (now.getTime() - earlier.lastFailureAt.getTime()));
}

/**
 * The key a login's failures are counted under. `source` null: the attempts are typed on this
 * workstation, its only source (standalone, the person at its keyboard); the hub gives the
 * caller's address (sourceOfAddress).
 */
export const attemptKey = (login: string, source: string | null): string =>
  source === null ? login : `${login} from ${source}`;

/** The first 4 groups of an IPv6 address, in full ("2001:db8:0:1"). */
function ipv6Prefix64(address: string): string | null {
  // A dotted IPv4 tail ("64:ff9b::192.0.2.1") is two groups: it never reaches the first 4 but counts.
  const plain = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, '0:0');
  const [head = '', tail] = plain.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':');
}

/**
 * The source a hub counts a caller's login attempts under: its IPv4 address, or its IPv6 /64
 * (one machine or home is usually given a whole /64: counting each address would let it draw
 * as many fresh counters as it likes). Behind a reverse proxy every caller shares the proxy's
 * address: the waits then count per login, as on a standalone workstation, and still never block.
 */
export function sourceOfAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return mapped;
  if (!address.includes(':')) return address;
  const prefix = ipv6Prefix64(address.replace(/%.*$/, ''));
  return prefix === null ? address : `${prefix}::/64`;
}
