// One router for every way in (Electron IPC, the browser host): method -> strict schema ->
// service -> result envelope. Transport adapters add their own checks (sender, token) on top.
import { z } from 'zod';
import { isApiMethod, type ApiMethod, type ApiValue } from '../../preload/contract/api';
import { fail, ok, type ApiResult } from '../../preload/contract/result';
import { SecretStoreUnavailable } from '../secrets/secret-store';
import { PortalError, type Logger } from '../services/errors';

export type { Logger } from '../services/errors';

// Issues without a message of their own get a key the screens can translate.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') return issue.input === undefined ? 'required' : 'invalid-type';
    return undefined;
  },
});

/** What a transport knows that the engine may need: the Electron window, for a capture. */
export interface CallContext {
  captureWindow?: () => Promise<Uint8Array>;
}

export interface Handler<T> {
  schema: z.ZodType;
  run: (input: never, context: CallContext) => T | Promise<T>;
}

export type HandlerMap = { [M in ApiMethod]: Handler<ApiValue<M>> };

/** Pairs a schema with its service call, typing the call by what the schema outputs. */
export const handler = <S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>, context: CallContext) => T | Promise<T>,
): Handler<T> => ({
  schema,
  run: run as (input: never, context: CallContext) => T | Promise<T>,
});

export interface Router {
  call(method: unknown, payload: unknown, context?: CallContext): Promise<ApiResult<unknown>>;
}

const KEY = /^[a-z][a-z.-]*$/;

/** Turns schema issues into `field path -> message key`, the first issue of a field winning. */
export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (path: readonly PropertyKey[], key: string) => {
    const name = path.map(String).join('.') || '_';
    fields[name] ??= key;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put([...issue.path, key], 'unknown-field');
    } else {
      put(issue.path, KEY.test(issue.message) ? issue.message : 'invalid');
    }
  }
  return fields;
}

export function createRouter(handlers: HandlerMap, log: Logger = () => {}): Router {
  return {
    async call(method, payload, context = {}) {
      if (!isApiMethod(method)) {
        return fail('unknown-channel', `There is no channel named ${JSON.stringify(String(method).slice(0, 80))}.`);
      }
      const h = handlers[method] as Handler<unknown>;
      const parsed = h.schema.safeParse(payload);
      if (!parsed.success) {
        const fields = fieldsOf(parsed.error);
        return fail('invalid-input', `Check these fields: ${Object.keys(fields).join(', ')}.`, fields);
      }
      try {
        return ok(await (h.run as (input: unknown, context: CallContext) => unknown)(parsed.data, context));
      } catch (error) {
        if (error instanceof PortalError) {
          const failure = fail(error.code, error.message, error.fields);
          if (error.retryAfterSeconds !== undefined && !failure.ok)
            failure.error.retryAfterSeconds = error.retryAfterSeconds;
          if (error.details !== undefined && !failure.ok) failure.error.details = error.details;
          return failure;
        }
        // One mapping for every channel: a use case that needs the keychain and did not handle
        // its absence still answers with a code the screen explains.
        if (error instanceof SecretStoreUnavailable) {
          log(`${method}: no keychain`, error.message);
          return fail('keychain-unavailable', `${error.message} Nothing was saved; the app works without it.`);
        }
        log(`${method} failed`, error);
        return fail(
          'internal',
          'Something went wrong on our side. Your input is kept; try again, or contact the assistance.',
        );
      }
    },
  };
}
