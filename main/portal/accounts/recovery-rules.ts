// The portal's recovery rules. The e-mail must match the registered one exactly, case
// included: no trimming, no folding. Requests are capped per login (or e-mail) per hour.

export const emailMatchesExactly = (typed: string, registered: string): boolean => typed === registered;

export const DEFAULT_RECOVERY_CAP_PER_HOUR = 5;

export const withinRecoveryCap = (requestsInLastHour: number, cap = DEFAULT_RECOVERY_CAP_PER_HOUR): boolean =>
  requestsInLastHour < cap;
