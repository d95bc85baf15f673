// Failures the use cases raise and the router turns into result envelopes (owned here, below
// the router, so that no service imports from the layer above it).
import type { ErrorCode } from '../../preload/contract/result';

/** A failure the caller can act on: it crosses the boundary as a result envelope with its code. */
export class PortalError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
    /** Words the screen puts in its sentence ("already validated by desk.ana at 10:42"). */
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

export const fieldError = (code: ErrorCode, field: string, key: string, message?: string): PortalError =>
  new PortalError(code, message ?? `${field}: ${key}`, { [field]: key });

/** Where the engine writes what an operator may need (the apps print it; tests collect it). */
export type Logger = (message: string, detail?: unknown) => void;

/** What a transport knows that a use case may need: the Electron window, for a capture. */
export interface CallContext {
  captureWindow?: () => Promise<Uint8Array>;
}
