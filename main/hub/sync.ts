// The sync contract (docs in ../shared/docs/hub.md): push applies a device's mutations in the
// order of their ids, each in one transaction with the device's last applied id; pull returns
// the changes after a cursor that this device may see.
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { CHANGES_LOCK } from './transaction';
import { z } from 'zod';
import type { Device } from './devices';
import { HubError } from './hub-error';
import { describeBadText, findBadText } from '../../preload/contract/text-check';
import type { PullAnswer } from '../hub-protocol/pull';
import type { PushAnswer, PushBody, PushedMutation } from '../hub-protocol/push';
import { applyOnHub, type IntentContext, type IntentResult } from './intents';
import { INTENTS, isIntentName, queuedIntent } from '../intents/registry';
import { checkDeskActor } from './desk-actor';
import { hubServices, type HubServices } from './services';

/** The name a mutation with bad text is pushed on under (no intent has parentheses): what it
 * carried cannot be stored, so the hub keeps where and what the problem was instead. */
const BAD_TEXT = '(bad-text)';
const badTextArgs = z.strictObject({
  path: z.string().max(400),
  problem: z.enum(['nul', 'lone-surrogate', 'too-deep']),
});

/**
 * A push body as read, with each mutation that holds bad text (a NUL, a lone surrogate, a
 * nesting too deep) replaced by a stand-in that pushMutations refuses and records under that
 * mutation's id: the device's queue goes on behind it. Bad text in the envelope refuses the push.
 */
export function screenMutations(body: unknown): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { mutations?: unknown }).mutations)) return body;
  const { mutations, ...envelope } = body as { mutations: unknown[] };
  const bad = findBadText(envelope);
  if (bad) throw new HubError('invalid-input', describeBadText(bad), { fields: { [bad.path]: `text.${bad.problem}` } });
  return {
    ...envelope,
    mutations: mutations.map((m) => {
      const found = findBadText(m);
      if (!found) return m;
      const id = (m as { id?: unknown } | null)?.id;
      return {
        id,
        name: BAD_TEXT,
        args: { path: found.path.slice(0, 400).replace(/^args\./, ''), problem: found.problem },
      };
    }),
  };
}

/** What a mutation is, whatever its id: its name and arguments, hashed (keys in a stable order). */
export function fingerprintOf(mutation: { name: string; args: unknown }): string {
  const stable = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(stable)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify([mutation.name, stable(mutation.args)]))
    .digest('hex');
}

/** Test seam: runs inside a mutation's transaction after its effects, before the commit. */
export interface PushHooks {
  beforeCommit?(mutationId: number): void | Promise<void>;
}

let defaultServices: HubServices | null = null;

/** One device's pushes, one at a time, on every hub of the database (a session advisory lock,
 * released with the connection if the hub dies). */
const DEVICE_LOCK = 4650_0003;

/** Pushes of one device that may wait in this process for the one being applied; past that the
 * device is asked to come back (429), since its own pushes are applied one at a time anyway. */
export const MAX_WAITING_PUSHES_PER_DEVICE = 4;

/** Each device's pushes in this process, one at a time: the ones that wait hold no pool
 * connection (100 pushes of one device once held all 10, and every other device waited). */
const lanes = new Map<string, { tail: Promise<unknown>; waiting: number }>();

export function pushMutations(
  pool: Pool,
  device: Device,
  body: PushBody,
  hooks: PushHooks = {},
  services: HubServices = (defaultServices ??= hubServices()),
): Promise<PushAnswer> {
  const lane = lanes.get(device.id) ?? { tail: Promise.resolve(), waiting: 0 };
  if (lane.waiting >= MAX_WAITING_PUSHES_PER_DEVICE)
    return Promise.reject(
      new HubError('rate-limited', 'This device already has pushes waiting on this hub: send again shortly.', {
        retryAfterSeconds: 1,
      }),
    );
  lane.waiting++;
  lanes.set(device.id, lane);
  const run = lane.tail.then(
    () => pushWithLock(pool, device, body, hooks, services),
    () => pushWithLock(pool, device, body, hooks, services),
  );
  lane.tail = run.catch(() => undefined);
  return run.finally(() => {
    lane.waiting--;
    if (lane.waiting === 0 && lanes.get(device.id) === lane) lanes.delete(device.id);
  });
}

async function pushWithLock(
  pool: Pool,
  device: Device,
  body: PushBody,
  hooks: PushHooks,
  services: HubServices,
): Promise<PushAnswer> {
  // One connection for the whole push, holding the device's lock: the device's last id is read
  // once, then each mutation is one transaction of its effects, its answer and the new last id.
  // (A row lock taken in each transaction cost a round trip per mutation.)
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [DEVICE_LOCK, device.id]);
    try {
      return await pushLocked(client, device, body, hooks, services);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [DEVICE_LOCK, device.id]).catch(() => {
        broken = true; // a connection that cannot unlock is not given back to the pool
      });
    }
  } finally {
    client.release(broken);
  }
}

async function pushLocked(
  tx: PoolClient,
  device: Device,
  body: PushBody,
  hooks: PushHooks,
  services: HubServices,
): Promise<PushAnswer> {
  const results: PushAnswer['results'] = [];
  const { rows } = await tx.query<{ last: string }>('SELECT last_mutation_id AS last FROM devices WHERE id = $1', [
    device.id,
  ]);
  let last = Number(rows[0]!.last);
  // Each commit also opens the next mutation's transaction ("COMMIT; BEGIN", one round trip);
  // the last one opened, empty, is ended when the push is.
  let open = false;
  try {
    for (const mutation of [...body.mutations].sort((a, b) => a.id - b.id)) {
      if (mutation.id <= last) {
        results.push({ id: mutation.id, duplicate: true, result: await storedAnswer(tx, device, mutation) });
        continue;
      }
      if (mutation.id !== last + 1)
        throw new HubError(
          'mutation-gap',
          `Mutation ${mutation.id} arrived before ${last + 1}: push from mutation ${last + 1} on.`,
          { lastMutationId: last, results },
        );
      if (!open) await tx.query('BEGIN');
      open = true;
      const result = await applyInItsTransaction(tx, device, mutation, hooks, services).catch((error: unknown) => {
        if (!failsEveryTime(error)) throw error;
        return refuseFailing(tx, device, mutation, error);
      });
      last = mutation.id;
      if (result.ok) services.mailQueued(); // committed: the mailer sees it
      results.push({ id: mutation.id, duplicate: false, result });
    }
    return { lastMutationId: last, results };
  } catch (error) {
    open = false;
    await tx.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    if (open) await tx.query('ROLLBACK').catch(() => {});
  }
}

/** One mutation's effects, its answer and the device's new last id, then the commit (which opens
 * the next transaction). */
async function applyInItsTransaction(
  tx: PoolClient,
  device: Device,
  mutation: PushedMutation,
  hooks: PushHooks,
  services: HubServices,
): Promise<IntentResult> {
  const changes: Change[] = [];
  const result = await applyIntent(tx, device, services, mutation.name, mutation.args, changes);
  if (!result.ok) changes.length = 0; // a refusal changes nothing anyone sees
  await recordAnswer(tx, device, mutation, result, changes);
  await hooks.beforeCommit?.(mutation.id);
  await tx.query('COMMIT; BEGIN');
  return result;
}

/** The mutation's answer, its changes and the device's new last id in one statement (one round
 * trip): the changes lock is taken (by the join on "l") before their numbers are. */
async function recordAnswer(
  tx: PoolClient,
  device: Device,
  mutation: PushedMutation,
  result: IntentResult,
  changes: Change[],
): Promise<void> {
  const moved = await tx.query(
    `WITH l AS (SELECT pg_advisory_xact_lock($5) WHERE $4::jsonb <> '[]'::jsonb),
          ch AS (INSERT INTO changes (audience, entity, entity_id, data)
                 SELECT x.audience, x.entity, x.entity_id, x.data
                 FROM l, jsonb_to_recordset($4::jsonb) AS x(audience text, entity text, entity_id text, data jsonb)),
          mu AS (INSERT INTO mutations (device_id, mutation_id, name, result, fingerprint) VALUES ($1, $2, $3, $6, $7))
     UPDATE devices SET last_mutation_id = $2 WHERE id = $1 AND last_mutation_id = $2 - 1`,
    [device.id, mutation.id, mutation.name, JSON.stringify(changes), CHANGES_LOCK, result, fingerprintOf(mutation)],
  );
  if (moved.rowCount !== 1) throw new Error(`device ${device.id} moved past ${mutation.id - 1} outside its lock`);
}

/**
 * An error that the same mutation would meet again at every try: data PostgreSQL refuses (class
 * 22), a limit it hits (54), or a fault in the intent's own code. Retrying it would only hold
 * the device's queue for ever (a "poison pill"), so it is answered as a refusal instead.
 * Everything else (a lost connection, a deadlock, a shutdown) is worth a retry: a 5xx.
 */
export function failsEveryTime(error: unknown): boolean {
  if (error instanceof HubError) return false;
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState)) return /^(22|54)/.test(sqlState);
  return error instanceof RangeError || error instanceof TypeError || error instanceof SyntaxError;
}

/** Records a mutation that fails every time as refused, in a transaction of its own (the failed
 * one is rolled back), so the mutations behind it are applied. */
async function refuseFailing(tx: PoolClient, device: Device, mutation: PushedMutation, error: unknown) {
  await tx.query('ROLLBACK; BEGIN');
  const result: IntentResult = {
    ok: false,
    error: {
      code: 'hub-failed',
      message: `The hub cannot apply this (${(error as Error).message.slice(0, 200).replaceAll('\u0000', '')}): correct it and send it again, or ask the assistance.`,
    },
  };
  await recordAnswer(tx, device, mutation, result, []);
  await tx.query('COMMIT; BEGIN');
  return result;
}

/** The answer a mutation got when it was applied, or a refusal if another one had its id. */
async function storedAnswer(
  tx: PoolClient,
  device: Device,
  mutation: { id: number; name: string; args: unknown },
): Promise<IntentResult> {
  const stored = await tx.query<{ result: IntentResult; fingerprint: string | null }>(
    'SELECT result, fingerprint FROM mutations WHERE device_id = $1 AND mutation_id = $2',
    [device.id, mutation.id],
  );
  const row = stored.rows[0]!;
  if (row.fingerprint !== null && row.fingerprint !== fingerprintOf(mutation))
    return {
      ok: false,
      error: {
        code: 'mutation-mismatch',
        message: `This device's mutation ${mutation.id} was another one: it is not applied (was this store restored from an older backup?).`,
      },
    };
  return row.result;
}

/** Runs one intent: refused (and recorded) when unknown, not for this device, or against the rules. */
interface Change {
  audience: string;
  entity: string;
  entity_id: string;
  data: unknown;
}

async function applyIntent(
  tx: PoolClient,
  device: Device,
  services: HubServices,
  name: string,
  rawArgs: unknown,
  changes: Change[],
): Promise<IntentResult> {
  if (name === BAD_TEXT) {
    const parsed = badTextArgs.safeParse(rawArgs);
    const bad = parsed.success ? parsed.data : { path: '_', problem: 'nul' as const };
    return {
      ok: false,
      error: { code: 'invalid-text', message: describeBadText(bad), fields: { [bad.path]: `text.${bad.problem}` } },
    };
  }
  if (!isIntentName(name))
    return { ok: false, error: { code: 'unknown-mutation', message: `The hub does not know "${name}".` } };
  if (!INTENTS[name].from.includes(device.kind))
    return { ok: false, error: { code: 'forbidden', message: `A ${device.kind} workstation may not send "${name}".` } };
  const intent = queuedIntent.safeParse({ name, args: rawArgs });
  if (!intent.success) {
    // Field paths as the intent's arguments name them (`payload.email`), not the envelope's.
    const fields = Object.fromEntries(intent.error.issues.map((i) => [i.path.slice(1).join('.') || '_', i.message]));
    return { ok: false, error: { code: 'invalid-input', message: 'The mutation does not pass its schema.', fields } };
  }
  // A desk mutation's agent is one who may act on this device (never just a field of the body).
  const notAllowed = await checkDeskActor(tx, device, intent.data.args);
  if (notAllowed) return notAllowed;
  const ctx: IntentContext = {
    tx,
    device,
    services,
    change(audience, entity, entityId, data) {
      changes.push({ audience, entity, entity_id: entityId, data });
      return Promise.resolve();
    },
  };
  return applyOnHub(intent.data, ctx);
}

/** What this device may see (docs/hub.md, "who sees what"). */
const audiencesOf = (device: Device) =>
  device.kind === 'desk' ? ['public', 'desk', `device:${device.id}`] : ['public', `device:${device.id}`];

/**
 * A page of changes as the JSON text the hub sends: each change's data goes out as PostgreSQL
 * wrote it, never parsed into objects and written again (a large directory's first pull is
 * mostly this). `pullChanges` reads the same text.
 */
export async function pullChangesJson(pool: Pool, device: Device, cursor: number, limit = 1000): Promise<string> {
  const { rows } = await pool.query<{ version: string; entity: string; entity_id: string; data: string }>(
    // One index range per audience (changes_audience), merged: "audience = ANY(...) ORDER BY
    // version" sorted every change after the cursor on each page, which made a large first pull
    // slow down page after page.
    `SELECT c.version, c.entity, c.entity_id, c.data::text AS data
     FROM unnest($2::text[]) AS a(audience)
     CROSS JOIN LATERAL (SELECT version, entity, entity_id, data FROM changes
                         WHERE audience = a.audience AND version > $1 ORDER BY version LIMIT $3) c
     ORDER BY c.version LIMIT $3`,
    [cursor, audiencesOf(device), limit + 1],
  );
  const page = rows.slice(0, limit);
  const next = page.length > 0 ? Number(page.at(-1)!.version) : cursor;
  const changes = page.map(
    (r) =>
      `{"version":${Number(r.version)},"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.entity_id)},"data":${r.data}}`,
  );
  return `{"cursor":${next},"more":${rows.length > limit},"changes":[${changes.join(',')}]}`;
}

export async function pullChanges(pool: Pool, device: Device, cursor: number, limit = 1000): Promise<PullAnswer> {
  return JSON.parse(await pullChangesJson(pool, device, cursor, limit)) as PullAnswer;
}
