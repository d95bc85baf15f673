// Result envelope shared by every channel. Electron keeps only the message of an error thrown
// across IPC, so failures travel as data with a stable code the renderer can act on.

export const ERROR_CODES = [
  'invalid-input', // the payload broke the channel's schema; `fields` says which and why
  'unknown-channel', // no such method
  'forbidden-sender', // IPC from a frame that is not our top-level app:// page
  'unauthorized', // browser mode: missing or wrong launch token
  'conflict', // the request is valid but the state forbids it (duplicate DUNS, already requested)
  'not-found',
  'payload-too-large',
  'invalid-credentials', // wrong login or password: the same answer whether the login exists or not
  'too-many-attempts', // wait `retryAfterSeconds` before the next login attempt
  'account-blocked', // right password, blocked account: the Blocked access form or the PLSA helps
  'access-not-open', // right password, but the company's access to the portal is not open
  'unauthenticated', // no session, or it ended (signed out, expired, password changed elsewhere)
  'forbidden', // signed in, but this needs another role (a PLSA) or another company
  'keychain-unavailable', // the OS keychain cannot be reached: nothing is remembered
  'needs-hub', // this needs the portal hub (a login on a linked workstation), which cannot be reached now
  'unavailable', // the engine could not be reached (browser mode: host stopped or network down)
  'internal', // a bug or an unreadable store; details go to the log, never to the caller
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** English, for logs and developers. Screens translate `code` and `fields` instead. */
  message: string;
  /** Field path (`plsa.email`) -> message key (`email.format`), shown next to that field. */
  fields?: Record<string, string>;
  /** With `too-many-attempts`: how long to wait. */
  retryAfterSeconds?: number;
  /** Words for the screen's sentence, e.g. who decided a request and when (`conflict`). */
  details?: Record<string, string>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): ApiResult<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});
