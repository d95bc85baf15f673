// The local store's own failures, each with a stable code the apps turn into a choice for the user.
export type StoreErrorCode =
  | 'store-newer-than-app'
  | 'store-corrupt'
  | 'store-settings'
  | 'store-vanished'
  | 'store-journal-missing'
  | 'store-journal-damaged'
  | 'store-in-use'
  | 'store-no-backup';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const GUARD_CODES: ReadonlySet<StoreErrorCode> = new Set([
  'store-vanished',
  'store-journal-missing',
  'store-journal-damaged',
]);

/** A refusal by the store guard, which the user answers by restoring or keeping the store. */
export const isRecoverable = (error: unknown): error is StoreError =>
  error instanceof StoreError && GUARD_CODES.has(error.code);
