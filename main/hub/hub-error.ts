// The hub's answers to a bad call: an HTTP status and a stable code a workstation acts on, with
// a sentence for the person reading a log. Never a 500 for the caller's mistake.
export type HubErrorCode =
  | 'invalid-input'
  | 'payload-too-large'
  | 'unknown-version'
  | 'not-found'
  | 'unauthenticated'
  | 'device-revoked'
  | 'forbidden'
  | 'mutation-gap'
  | 'rate-limited'
  | 'unsupported-media-type'
  | 'invalid-credentials'
  | 'access-not-open'
  | 'too-many-attempts'
  | 'conflict'
  | 'unavailable'
  | 'out-of-space';

const STATUS: Record<HubErrorCode, number> = {
  'invalid-input': 400,
  'payload-too-large': 413,
  'unknown-version': 404,
  'not-found': 404,
  unauthenticated: 401,
  // Not "unauthenticated": a workstation that hears this must not register again as a new device.
  'device-revoked': 401,
  forbidden: 403,
  'mutation-gap': 409,
  'rate-limited': 429,
  'unsupported-media-type': 415,
  'invalid-credentials': 401,
  'access-not-open': 403,
  'too-many-attempts': 429,
  conflict: 409,
  unavailable: 503,
  'out-of-space': 503,
};

export class HubError extends Error {
  constructor(
    readonly code: HubErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code];
  }
}
