// The hub's HTTP API, versioned under /v1. Every answer is JSON; a caller's mistake gets a 4xx
// with a stable code (hub-error.ts), never a 500. Tokens travel in the Authorization header only.
// Nothing that matters is kept in this process: several hubs on one database serve the same
// workstations (the rate limit of anonymous calls is per process).
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Pool } from 'pg';
import { z } from 'zod';
import type { HubMail } from '../../preload/contract/dto';
import { deviceOfToken, registerDevice } from './devices';
import { HubError } from './hub-error';
import { HUB_SCHEMA_VERSION } from './migrations';
import { hubChangePassword, hubLogin, loginBody, passwordBody } from './accounts';
import { hubConsole, publishCompany } from './console';
import { isConsoleAction } from '../hub-protocol/console';
import { closeOverdueReviews } from './access-review';
import { deskPasswordBody, enrolDesk, enrolmentBody, hubChangeDeskPassword, hubDeskLogin } from './agents';
import { hubServices, type HubServices } from './services';
import { expireWaitingRequests } from './waiting-requests';
import { pullChangesJson, pushMutations, screenMutations, type PushHooks } from './sync';
import { pushBody } from '../hub-protocol/push';
import { describeBadText, findBadText } from '../../preload/contract/text-check';
import { HUB_MAX_BODY_BYTES, MAX_BODY_VALUES } from '../hub-protocol/limits';
import { countJsonValues } from './body-values';
import { createBodyBudget } from './body-budget';
import { admitPush, DEFAULT_DEVICE_QUOTA, type DeviceQuota } from './device-quota';
import { createDiskGuard, outOfSpaceError, type DiskGuard } from './disk-space';
import { createBodyCollector } from './body-collector';
import { sourceOfAddress } from '../portal/accounts/lockout';

/** Changes a pull page holds at most: a fresh desk replica pulls a large directory in few calls. */
export const MAX_PULL_PAGE = 5000;

export { HUB_MAX_BODY_BYTES } from '../hub-protocol/limits';

/** Two of the largest pushes at once: memory stays bounded however many arrive together. An
 * 8 MB body costs up to 6 times its bytes while it is read, parsed, screened and fingerprinted:
 * with six at once, 200 pushes of 8 MB took the hub past 300 MB (the fuzz of issue 24). */
export const HUB_BODY_BUDGET_BYTES = 2 * 8 * 1024 * 1024;

export interface HubServerOptions {
  pool: Pool;
  tls?: { cert: Buffer; key: Buffer } | null;
  /** Anonymous calls (registering a device) per client address and minute. */
  anonymousPerMinute?: number;
  log?: (line: string) => void;
  hooks?: PushHooks;
  /** Bytes of request bodies read and held at once by this process (default 16 MB). */
  bodyBudgetBytes?: number;
  /** The secret key, account rules and mailer (defaults: a key for this process, no mailer). */
  services?: HubServices;
  /** What each supplier device may send (default DEFAULT_DEVICE_QUOTA; null: no quota). */
  quota?: DeviceQuota | null;
  /** The free space of the hub's disk (default: not measured; a "disk full" error still counts). */
  disk?: DiskGuard;
}

const registerBody = z.strictObject({ kind: z.literal('supplier') });

/** What this hub can e-mail (the contract's HubMail). */
const hubMail = (services: HubServices): HubMail => ({
  assistance: services.assistanceAddress !== null,
  relay: services.mailRelay,
});

/** An answer that is JSON text already (a pull page): sent as it is. */
class JsonText {
  constructor(readonly text: string) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A call's body, refused in words when it is not JSON in valid UTF-8 or (`screen`, every route
 * but push, which screens each mutation on its own) holds text no store could keep. */
function readBody(req: IncomingMessage, screen = true): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    return Promise.reject(new HubError('unsupported-media-type', 'Send the body as application/json.'));
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    // Read to the end even when too large (keeping nothing: what came before is let go too), so
    // the caller gets the answer instead of a closed connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > HUB_MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        reject(
          new HubError(
            'payload-too-large',
            `A call carries ${HUB_MAX_BODY_BYTES / 1024 / 1024} MB at most: push fewer mutations at once.`,
          ),
        );
        return;
      }
      const bytes = Buffer.concat(chunks);
      chunks.length = 0; // not held twice until the call is answered
      if (countJsonValues(bytes, MAX_BODY_VALUES) > MAX_BODY_VALUES) {
        reject(
          new HubError(
            'payload-too-large',
            `A call holds ${MAX_BODY_VALUES.toLocaleString('en')} JSON values at most: push fewer mutations at once.`,
          ),
        );
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(utf8.decode(bytes));
      } catch {
        reject(new HubError('invalid-input', 'The body is not valid JSON in UTF-8.'));
        return;
      }
      const bad = screen ? findBadText(body) : null;
      if (bad)
        reject(new HubError('invalid-input', describeBadText(bad), { fields: { [bad.path]: `text.${bad.problem}` } }));
      else resolve(body);
    });
    // The caller went away mid-body: refused as its mistake (the answer may reach nobody), not
    // read as a database that is down (the socket's ECONNRESET once was).
    req.on('error', () => reject(new HubError('invalid-input', 'The body ended before its declared length.')));
  });
}

/** The call's address. A request-target that is no URL path ("//", "//:99999") is refused in
 * words: `new URL` throws on it, and that once answered 500. */
function addressOf(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://hub.invalid');
  } catch {
    throw new HubError('not-found', 'No such address: the API is under /v1/.');
  }
}

/** A database that cannot be reached (refused, cut, shutting down, starting): SQLSTATE classes
 * 08 and 57P, or the socket's own errors. */
export function databaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    (/^08/.test(code) || /^57P0[1-3]$/.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)$/.test(code))
  )
    return true;
  const message = (error as Error | null)?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/.test(message);
}

const bearer = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_', i.message]));
  throw new HubError('invalid-input', 'The call does not match the API: see "fields".', { fields });
}

/** A small fixed-window counter per client address, for the calls anyone may make. */
function anonymousLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (address: string) => {
    const now = Date.now();
    const window = windows.get(address);
    if (!window || now - window.start >= 60_000) {
      if (windows.size > 10_000) windows.clear();
      windows.set(address, { start: now, count: 1 });
      return;
    }
    window.count++;
    if (window.count > perMinute) {
      throw new HubError('rate-limited', 'Too many registrations or enrolments from this address: wait a minute.', {
        retryAfterSeconds: Math.ceil((window.start + 60_000 - now) / 1000),
      });
    }
  };
}

export function createHubServer(options: HubServerOptions): Server {
  const { pool } = options;
  const limit = anonymousLimiter(options.anonymousPerMinute ?? 30);
  const log = options.log ?? (() => {});
  const services = options.services ?? hubServices();
  const bodies = createBodyBudget(options.bodyBudgetBytes ?? HUB_BODY_BUDGET_BYTES);
  const quota = options.quota === undefined ? DEFAULT_DEVICE_QUOTA : options.quota;
  const disk = options.disk ?? createDiskGuard({ now: services.now, log });
  const collect = createBodyCollector(HUB_MAX_BODY_BYTES);
  /** A login attempt as the throttle counts it: from the caller's address, on the hub's clock
   * (failures slow that source down, never block the account: lockout.ts). */
  const attempt = (req: IncomingMessage) => ({ source: sourceOfAddress(req.socket.remoteAddress), at: services.now() });

  const closeReviews = () =>
    closeOverdueReviews(pool, {
      now: services.now,
      box: services.box,
      publish: publishCompany,
      mailQueued: services.mailQueued,
    });

  async function route(req: IncomingMessage, url: URL): Promise<unknown> {
    const path = url.pathname;
    if (!path.startsWith('/v1/')) {
      if (/^\/v\d+\//.test(path))
        throw new HubError('unknown-version', `This hub speaks API v1 only (asked: ${path.split('/')[1]}).`);
      throw new HubError('not-found', 'No such address: the API is under /v1/.');
    }
    const call = `${req.method} ${path.slice(3)}`;
    // Out of space, the hub takes nothing (and its health says so) until there is space again.
    if (call === 'GET /health') await disk.checkHealth();
    else await disk.check();
    const consoleAction = /^POST \/console\/([a-z]+)$/.exec(call)?.[1];
    if (consoleAction !== undefined) {
      // A PLSA's console on a linked workstation: the PLSA's hub session, on this device.
      if (!isConsoleAction(consoleAction)) throw new HubError('not-found', `No ${call} in API v1.`);
      const device = await deviceOfToken(pool, bearer(req));
      await closeReviews(); // an access review's end before the console shows it
      return hubConsole(pool, device, consoleAction, await readBody(req), services.accounts, services.now());
    }
    switch (call) {
      case 'GET /health':
        await pool.query('SELECT 1');
        return { ok: true, api: 1, schema: HUB_SCHEMA_VERSION, mail: hubMail(services) };
      case 'POST /devices': {
        limit(req.socket.remoteAddress ?? '');
        parse(registerBody, await readBody(req));
        return registerDevice(pool, 'supplier');
      }
      case 'POST /push': {
        const device = await deviceOfToken(pool, bearer(req));
        // A mutation with bad text is refused alone (answered, recorded): it never holds the
        // device's queue, as a whole push refused or failed for it would.
        const body = parse(pushBody, screenMutations(await readBody(req, false)));
        if (body.deviceId !== undefined && body.deviceId !== device.id)
          throw new HubError(
            'forbidden',
            `This push is from device ${body.deviceId}, but its token is another device's: register this workstation again.`,
          );
        // A supplier device past its quota is asked to come back later (its queue keeps all).
        const admitted = quota ? await admitPush(pool, device, body, quota, services.now()) : body;
        return pushMutations(pool, device, admitted, options.hooks, services);
      }
      case 'POST /desk-enrolments': {
        // An agent's login enrols this workstation as a desk device (anonymous: rate-limited).
        limit(req.socket.remoteAddress ?? '');
        return enrolDesk(pool, parse(enrolmentBody, await readBody(req)), services.accounts.lockout, attempt(req));
      }
      case 'POST /desk-sessions': {
        // An assistance agent logs in on a registered workstation: the hub holds agents' hashes.
        const device = await deviceOfToken(pool, bearer(req));
        const body = parse(enrolmentBody, await readBody(req));
        return hubDeskLogin(pool, device, body, services.accounts.lockout, attempt(req));
      }
      case 'POST /desk-password': {
        await deviceOfToken(pool, bearer(req)); // from a registered workstation only
        const body = parse(deskPasswordBody, await readBody(req));
        return hubChangeDeskPassword(pool, body, services.accounts, attempt(req));
      }
      case 'POST /sessions': {
        await closeReviews(); // what a review's end blocks is blocked for this login
        // A person logs in through their workstation: the hub holds the hashes.
        const device = await deviceOfToken(pool, bearer(req));
        return hubLogin(pool, device, parse(loginBody, await readBody(req)), services.accounts, attempt(req));
      }
      case 'POST /password': {
        const device = await deviceOfToken(pool, bearer(req));
        const answer = await hubChangePassword(
          pool,
          services.box,
          device,
          parse(passwordBody, await readBody(req)),
          services.accounts,
        );
        services.mailQueued();
        return answer;
      }
      case 'GET /pull': {
        const device = await deviceOfToken(pool, bearer(req));
        const cursorText = url.searchParams.get('cursor') ?? '0';
        if (!/^\d{1,15}$/.test(cursorText))
          throw new HubError('invalid-input', 'cursor is the number the last pull answered (0 at first).');
        const limitText = url.searchParams.get('limit') ?? '1000';
        if (!/^\d{1,4}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_PULL_PAGE)
          throw new HubError('invalid-input', `limit is how many changes a page holds, 1 to ${MAX_PULL_PAGE}.`);
        // What waited 30 days for its sender expires before anyone reads the queue's changes.
        // (One indexed look when nothing is due.)
        await expireWaitingRequests(pool, services);
        const page = await pullChangesJson(pool, device, Number(cursorText), Number(limitText));
        // With every page, what the hub can e-mail, so that the workstations' screens say whether
        // a request's e-mail or a temporary password leaves or waits here (the page is an object).
        return new JsonText(`${page.slice(0, -1)},"mail":${JSON.stringify(hubMail(services))}}`);
      }
      default:
        throw new HubError('not-found', `No ${call} in API v1.`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(body instanceof JsonText ? body.text : JSON.stringify(body));
    };
    let release = () => {};
    try {
      const url = addressOf(req);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const declared = Number(req.headers['content-length'] ?? HUB_MAX_BODY_BYTES);
        const bytes = Number.isFinite(declared) ? Math.max(1024, declared) : HUB_MAX_BODY_BYTES;
        const done = await bodies.take(bytes);
        release = () => (done(), collect(bytes));
      }
      answer(200, await route(req, url));
    } catch (caught) {
      // A full disk (the database's or the hub's own files') is not a bug and passes once there
      // is space: answered as such (503, with when to try again), and the workstations wait.
      const error = disk.noted(caught) ? outOfSpaceError('') : caught;
      if (error instanceof HubError) {
        const retry = error.details['retryAfterSeconds'];
        answer(
          error.status,
          { error: { code: error.code, message: error.message, ...error.details } },
          retry ? { 'retry-after': String(retry) } : {},
        );
      } else if (databaseUnreachable(error)) {
        // Not the caller's fault and not a bug: the database is down or restarting. Said so,
        // with when to try again; the workstations' queues wait and retry.
        log(`hub: database unreachable on ${req.method} ${req.url?.split('?')[0]}: ${(error as Error).message}`);
        answer(
          503,
          { error: { code: 'unavailable', message: "The hub's database does not answer: try again shortly." } },
          { 'retry-after': '5' },
        );
      } else {
        log(
          `hub: internal error on ${req.method} ${req.url?.split('?')[0]}: ${(error as Error).stack ?? String(error)}`,
        );
        answer(500, { error: { code: 'internal', message: 'The hub could not finish this call: try again.' } });
      }
    } finally {
      release(); // once answered: a push's body is held until its mutations are applied
    }
  }

  return options.tls
    ? createHttpsServer(options.tls, (q, s) => void handle(q, s))
    : createHttpServer((q, s) => void handle(q, s));
}
