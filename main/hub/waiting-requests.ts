// Requests that wait, on the hub: a sender's reminder (the rule of main/portal/requests/waiting.ts
// runs again here, on the hub's clock), a request expired after 30 days waiting for its sender,
// and its reopening. The sender's device hears where the desk is with its request; every desk
// sees the reminders and the expiry in its queue.
import type { Pool } from 'pg';
import { reminderMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import { expiryCutoff, reminderRule } from '../portal/requests/waiting';
import type { IntentContext, IntentResult } from './intents';
import type { RemindRequestArgs, ReopenRequestArgs } from '../intents/waiting-requests';
import { queueHubMail } from './mail';
import type { HubServices } from './services';
import { CHANGES_LOCK, inTransaction } from './transaction';

/** `at`: when its sender pressed the button (the hub counts from its own clock). */

const refused = (code: string, reason: string, message: string, from?: string | null): IntentResult => ({
  ok: false,
  error: { code, message, fields: { reference: reason }, ...(from ? { details: { from } } : {}) },
});

interface RequestRow {
  device_id: string;
  lang: string;
  decision: string | null;
  desk_state: string;
  expired_at: Date | null;
  received_at: Date;
}

/** The request as its sender's device may act on it (another device's request is unknown to it). */
async function senderRequest(ctx: IntentContext, ref: string): Promise<RequestRow | null> {
  const { rows } = await ctx.tx.query<RequestRow>(
    `SELECT device_id, lang, decision, desk_state, expired_at, received_at FROM requests WHERE reference = $1 FOR UPDATE`,
    [ref],
  );
  const row = rows[0];
  return row && row.device_id === ctx.device.id ? row : null;
}

const unknown = () => refused('not-found', 'reference.unknown', 'No request of this workstation has this reference.');

export async function applyRemindRequest(args: RemindRequestArgs, ctx: IntentContext): Promise<IntentResult> {
  const request = await senderRequest(ctx, args.reference);
  if (!request) return unknown();
  const { rows } = await ctx.tx.query<{ last: Date | null; n: number }>(
    'SELECT max(at) AS last, count(*)::int AS n FROM request_reminders WHERE reference = $1',
    [args.reference],
  );
  const now = ctx.services.now();
  const waitingForDesk =
    !request.decision && !request.expired_at && ['new', 'in-progress'].includes(request.desk_state);
  const rule = reminderRule(
    {
      receivedAt: request.received_at.toISOString(),
      waitingForDesk,
      lastReminderAt: rows[0]?.last?.toISOString() ?? null,
    },
    now,
  );
  if (!rule.allowed) return refused('conflict', rule.reason, 'The hub does not take this reminder.', rule.from);
  await ctx.tx.query('INSERT INTO request_reminders (reference, at) VALUES ($1, $2)', [args.reference, now]);
  const count = (rows[0]?.n ?? 0) + 1;
  await ctx.tx.query(`INSERT INTO audit (actor, action, details) VALUES ('supplier', 'request-reminded', $1)`, [
    { reference: args.reference, count, device: ctx.device.id },
  ]);
  if (ctx.services.assistanceAddress) {
    const lang = mailLang(request.lang);
    await queueHubMail(ctx.tx, ctx.services.box, {
      kind: 'reminder',
      to: ctx.services.assistanceAddress,
      lang,
      ...reminderMail(lang, args.reference, request.received_at, count),
    });
  }
  await ctx.change('desk', 'request-reminder', args.reference, { at: now.toISOString() });
  return { ok: true, value: { reference: args.reference, at: now.toISOString(), count } };
}

export async function applyReopenRequest(args: ReopenRequestArgs, ctx: IntentContext): Promise<IntentResult> {
  const request = await senderRequest(ctx, args.reference);
  if (!request) return unknown();
  if (!request.expired_at || request.decision)
    return refused('conflict', 'reopen.not-expired', 'This request has not expired: it is still open.');
  const at = ctx.services.now();
  await ctx.tx.query(
    `UPDATE requests SET desk_state = 'new', desk_state_at = $2, expired_at = NULL WHERE reference = $1`,
    [args.reference, at],
  );
  await ctx.tx.query(`INSERT INTO audit (actor, action, details) VALUES ('supplier', 'request-reopened', $1)`, [
    { reference: args.reference, device: ctx.device.id },
  ]);
  await ctx.change('desk', 'request-state', args.reference, {
    state: 'new',
    assignee: null,
    by: 'supplier',
    at: at.toISOString(),
    expiredAt: null,
  });
  await ctx.change(`device:${ctx.device.id}`, 'request-status', args.reference, {
    state: 'desk-state',
    deskState: 'new',
    at: at.toISOString(),
    expiredAt: null,
  });
  return { ok: true, value: { reference: args.reference } };
}

/**
 * Expires the requests that waited 30 days for their senders, on the hub's clock. Run before
 * each pull, so a desk or a sender sees it as soon as it asks; one cheap look when nothing is due.
 */
export async function expireWaitingRequests(pool: Pool, services: Pick<HubServices, 'now'>): Promise<number> {
  const now = services.now();
  const cutoff = expiryCutoff(now);
  const due = await pool.query(
    `SELECT 1 FROM requests WHERE desk_state = 'waiting-supplier' AND desk_state_at <= $1 AND decision IS NULL LIMIT 1`,
    [cutoff],
  );
  if (due.rowCount === 0) return 0;
  return inTransaction(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
    const { rows } = await tx.query<{ reference: string; device_id: string; assignee: string | null }>(
      `UPDATE requests SET desk_state = 'done', desk_state_at = $1, expired_at = $1
       WHERE desk_state = 'waiting-supplier' AND desk_state_at <= $2 AND decision IS NULL
       RETURNING reference, device_id, assignee`,
      [now, cutoff],
    );
    const at = now.toISOString();
    for (const r of rows) {
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('portal', 'request-expired', $1)`, [
        { reference: r.reference },
      ]);
      await tx.query(
        `INSERT INTO changes (audience, entity, entity_id, data) VALUES ('desk', 'request-state', $1, $2), ($3, 'request-status', $1, $4)`,
        [
          r.reference,
          { state: 'done', assignee: r.assignee, by: 'portal', at, expiredAt: at },
          `device:${r.device_id}`,
          { state: 'desk-state', deskState: 'done', at, expiredAt: at },
        ],
      );
    }
    return rows.length;
  });
}
