// One router for every way in (Electron IPC, the browser host): method -> strict schema ->
// service -> result envelope. Transport adapters add their own checks (sender, token) on top.
import { z } from 'zod';
import {
  CHANNELS,
  isApiMethod,
  type ApiMethod,
  type ApiParsed,
  type ApiRole,
  type ApiValue,
} from '../../preload/contract/channels';
import { fail, ok, type ApiResult } from '../../preload/contract/result';
import { describeBadText, findBadText } from '../../preload/contract/text-check';
import { SecretStoreUnavailable } from '../secrets/secret-store';
import { PortalError, type CallContext, type Logger } from '../services/errors';

export type { CallContext } from '../services/errors';
import type { PrincipalFor, Principals } from '../services/principal';

export type { Logger } from '../services/errors';

// Issues without a message of their own get a key the screens can translate.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type') return issue.input === undefined ? 'required' : 'invalid-type';
    return undefined;
  },
});

/**
 * The service call behind a channel: the input as its schema outputs it and, for a channel that
 * needs a role, the caller the router resolved (see main/services/principal.ts).
 */
export type Handler<M extends ApiMethod> = (
  input: ApiParsed<M>,
  principal: PrincipalFor<ApiRole<M>>,
  context: CallContext,
) => ApiValue<M> | Promise<ApiValue<M>>;

/** One handler per declared channel: a channel without one does not compile. */
export type HandlerMap = { [M in ApiMethod]: Handler<M> };

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

/** A channel that needs a role reads the session from its input: its schema must have one. */
for (const [name, declared] of Object.entries(CHANNELS)) {
  const shape = (declared.input as { shape?: Record<string, unknown> }).shape;
  if (declared.role !== 'anyone' && !shape?.['session'])
    throw new Error(`Channel ${name} needs a role but takes no session.`);
}

export function createRouter(handlers: HandlerMap, principals: Principals, log: Logger = () => {}): Router {
  return {
    async call(method, payload, context = {}) {
      if (!isApiMethod(method)) {
        return fail('unknown-channel', `There is no channel named ${JSON.stringify(String(method).slice(0, 80))}.`);
      }
      const declared = CHANNELS[method];
      // Before the schema: a NUL or a broken surrogate is refused on screen, next to its field,
      // never stored, queued or sent to a hub that could not take it either.
      const bad = findBadText(payload);
      if (bad) return fail('invalid-input', describeBadText(bad), { [bad.path]: `text.${bad.problem}` });
      const parsed = declared.input.safeParse(payload);
      if (!parsed.success) {
        const fields = fieldsOf(parsed.error);
        return fail('invalid-input', `Check these fields: ${Object.keys(fields).join(', ')}.`, fields);
      }
      try {
        const principal = principals.resolve(declared.role, (parsed.data as { session?: string }).session ?? '');
        const run = handlers[method] as (input: unknown, principal: unknown, context: CallContext) => unknown;
        return ok(await run(parsed.data, principal, context));
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
