// The PostgreSQL adapter of the intents' rules (main/intents/): reads the facts an intent asks
// for, runs its `decide` (the same the workstation ran), and applies its effects in the push's
// transaction. It knows effect kinds, not features: a new intent built of known effects adds
// nothing here.
import type { PoolClient } from 'pg';
import type { z } from 'zod';
import type { DeskState } from '../../preload/contract/help';
import type { Effect } from '../intents/effects';
import type { FactQuery, Facts, IntentRules, RequestFact, SentRequestFact } from '../intents/rules';
import type { Device } from './devices';
import { queueHubMail } from './mail';
import type { IntentContext, IntentResult } from './intents';

async function readRequest(tx: PoolClient, reference: string): Promise<RequestFact | null> {
  // Locked: two intents on one request (two desks' pushes) are decided one after the other.
  const { rows } = await tx.query<{
    kind: string;
    desk_state: DeskState;
    assignee: string | null;
    decision: string | null;
    decided_by: string | null;
    decided_at: Date | null;
  }>(
    'SELECT kind, desk_state, assignee, decision, decided_by, decided_at FROM requests WHERE reference = $1 FOR UPDATE',
    [reference],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    reference,
    kind: row.kind,
    deskState: row.desk_state,
    assignee: row.assignee,
    decision:
      row.decision && row.decided_by && row.decided_at
        ? { what: row.decision, by: row.decided_by, at: row.decided_at.toISOString() }
        : null,
  };
}

/** A request as its sender's device may act on it: another device's request is unknown to it. */
async function readSentRequest(tx: PoolClient, device: Device, reference: string): Promise<SentRequestFact | null> {
  const { rows } = await tx.query<{
    device_id: string;
    lang: string;
    decision: string | null;
    expired_at: Date | null;
    received_at: Date;
    desk_state: string;
  }>(
    'SELECT device_id, lang, decision, expired_at, received_at, desk_state FROM requests WHERE reference = $1 FOR UPDATE',
    [reference],
  );
  const row = rows[0];
  if (!row || row.device_id !== device.id) return null;
  const reminders = await tx.query<{ last: Date | null; n: number }>(
    'SELECT max(at) AS last, count(*)::int AS n FROM request_reminders WHERE reference = $1',
    [reference],
  );
  return {
    reference,
    lang: row.lang,
    expiredAt: row.expired_at?.toISOString() ?? null,
    decided: row.decision !== null,
    // The hub took it when it arrived: received on its clock.
    receivedAt: row.received_at.toISOString(),
    waitingForDesk: !row.decision && !row.expired_at && ['new', 'in-progress'].includes(row.desk_state),
    reminders: reminders.rows[0]?.n ?? 0,
    lastReminderAt: reminders.rows[0]?.last?.toISOString() ?? null,
  };
}

async function readFacts(ctx: IntentContext, query: FactQuery): Promise<Facts> {
  return {
    request: query.request === undefined ? null : await readRequest(ctx.tx, query.request),
    sentRequest: query.sentRequest === undefined ? null : await readSentRequest(ctx.tx, ctx.device, query.sentRequest),
  };
}

async function applyEffect(ctx: IntentContext, effect: Effect): Promise<void> {
  const { tx } = ctx;
  switch (effect.kind) {
    case 'request-state-set':
      await tx.query(
        'UPDATE requests SET desk_state = $2, assignee = $3, desk_state_at = $4, expired_at = NULL WHERE reference = $1',
        [effect.reference, effect.state, effect.assignee, effect.at],
      );
      return;
    case 'reminder-recorded':
      await tx.query('INSERT INTO request_reminders (reference, at) VALUES ($1, $2)', [effect.reference, effect.at]);
      // The hub's own trail of it (a workstation's is its reminders table).
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('supplier', 'request-reminded', $1)`, [
        { reference: effect.reference, count: effect.count },
      ]);
      return;
    case 'request-reopened':
      await tx.query(
        `UPDATE requests SET desk_state = 'new', desk_state_at = $2, expired_at = NULL WHERE reference = $1`,
        [effect.reference, effect.at],
      );
      return;
    case 'mail':
      // Without an assistance address, the desks' queue is where they see it.
      if (ctx.services.assistanceAddress)
        await queueHubMail(tx, ctx.services.box, { ...effect.mail, to: ctx.services.assistanceAddress });
      return;
    case 'templates-saved':
      await tx.query(
        `INSERT INTO desk_settings (key, value, updated_by) VALUES ('templates', $1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
        [JSON.stringify(effect.templates), effect.by],
      );
      return;
    case 'audit':
      await tx.query('INSERT INTO audit (actor, action, details) VALUES ($1, $2, $3)', [
        effect.actor,
        effect.action,
        { ...effect.details, device: ctx.device.id },
      ]);
      return;
    case 'publish': {
      const audience =
        typeof effect.audience === 'string' ? effect.audience : await senderAudience(tx, effect.audience.senderOf);
      if (audience) await ctx.change(audience, effect.entity, effect.id, effect.data);
      return;
    }
    default:
      return unhandled(effect);
  }
}

/** The workstation that sent a request, as an audience (none: the request is not the hub's). */
async function senderAudience(tx: PoolClient, reference: string): Promise<`device:${string}` | null> {
  const { rows } = await tx.query<{ device_id: string }>('SELECT device_id FROM requests WHERE reference = $1', [
    reference,
  ]);
  return rows[0] ? `device:${rows[0].device_id}` : null;
}

const unhandled = (effect: never): void => void effect;

/** Runs an intent's rules as the hub's authority, in the push's transaction. */
export async function runRulesOnHub<A extends z.ZodType>(
  rules: IntentRules<string, A>,
  args: z.infer<A>,
  ctx: IntentContext,
  actor: string,
): Promise<IntentResult> {
  const facts = await readFacts(ctx, rules.facts(args));
  const decision = rules.decide(facts, args, { actor, now: ctx.services.now() });
  if (!decision.ok) return { ok: false, error: decision.refusal };
  for (const effect of decision.effects) await applyEffect(ctx, effect);
  return { ok: true, value: decision.value };
}
