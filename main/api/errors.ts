import type { ErrorCode } from '../../preload/contract/result';

/** A failure the caller can act on: it crosses the boundary as a result envelope with its code. */
export class PortalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

export const fieldError = (code: ErrorCode, field: string, key: string, message?: string): PortalError =>
  new PortalError(code, message ?? `${field}: ${key}`, { [field]: key });
