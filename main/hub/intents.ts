// The mutations a workstation may push: intents ("submit this access request"), never row
// diffs. Each names who may send it, its arguments' schema (the same contract schemas the
// workstation's own engine uses), and what it does on the hub, where the engine's rules run
// again: a tampered workstation gains nothing it could not get through the screens.
import type { PoolClient } from 'pg';
import { z } from 'zod';
import type { MutationResult } from '../hub-protocol/push';
import type { Audience } from '../hub-protocol/changes';
import { inspectDocument } from '../portal/documents/inspect';
import { readTypedCofor } from '../portal/onboarding/cofor';
import { ATTACHMENT_FIELD, queueAssistanceMail, type RequestAttachment } from './assistance-mail';
import { accessRequestSchema, companyFileSchema, coforHelpSchema } from '../../preload/contract/schemas/forms';
import { HELP_SCHEMAS } from '../../preload/contract/schemas/help';
import type { Device } from './devices';
import { applyDeskDecide, applyReplacePlsa } from './decisions';
import { companyChanged } from './directory';
import { applyRecover } from './recovery';
import { runRulesOnHub } from './intent-adapter';
import { deskSetState } from '../intents/desk-set-state';
import { saveTemplates } from '../intents/save-templates';
import type { QueuedIntentArgs } from '../intents/registry';
import { checkAccessRequest, type SubmitRequestArgs } from '../intents/submit-request';
import type { HubServices } from './services';
import { applyDeskErase } from './erasure';
import { remindRequest } from '../intents/remind-request';
import { reopenRequest } from '../intents/reopen-request';

/** What a mutation answered (the wire's type): done, or refused with a reason. */
export type IntentResult = MutationResult;

/** An intent checks every rule before it writes: a refusal is an answer, not a rollback. */
export interface IntentContext {
  tx: PoolClient;
  device: Device;
  services: HubServices;
  /** Records a change for the replicas that may see it. */
  change(audience: Audience, entity: string, entityId: string, data: unknown): Promise<void>;
}

const refused = (code: string, message: string, fields?: Record<string, string>): IntentResult => ({
  ok: false,
  error: { code, message, ...(fields ? { fields } : {}) },
});

const PREFIX = { 'company-file': 'SDB', 'cofor-help': 'COF', 'access-request': 'ACC', help: 'HLP' } as const;
type RequestKind = keyof typeof PREFIX;
const PAYLOAD: Record<RequestKind, z.ZodType> = {
  'company-file': companyFileSchema,
  'cofor-help': coforHelpSchema,
  'access-request': accessRequestSchema,
  help: HELP_SCHEMAS.submitHelpRequest,
};

/** A request's attachment, checked from its bytes as on the workstation: refused with its
 * reason, or what is kept of it (an image without its metadata), or none. */
function checkAttachment(
  kind: RequestKind,
  payload: Record<string, unknown>,
): { problem: Record<string, string> } | { attachment: RequestAttachment | null } {
  const field = ATTACHMENT_FIELD[kind];
  const file = field ? (payload[field] as { fileName: string; contentBase64?: string } | undefined) : undefined;
  if (!field || !file?.contentBase64) return { attachment: null };
  const check = inspectDocument(Buffer.from(file.contentBase64, 'base64'));
  if (!check.ok) return { problem: { [field]: check.reason } };
  if (field === 'screenshot' && check.kind === 'pdf') return { problem: { screenshot: 'screenshot.type' } };
  return {
    attachment: { field, fileName: file.fileName, mediaType: check.mediaType, content: Buffer.from(check.content) },
  };
}

const fieldsOf = (error: z.ZodError) =>
  Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '_', issue.message]));

/** A request received from a workstation, checked by the form's rules and its attachment's bytes. */
async function applySubmitRequest(
  args: SubmitRequestArgs,
  { tx, device, change, services }: IntentContext,
): Promise<IntentResult> {
  if (!args.reference.startsWith(`${PREFIX[args.kind]}-`))
    return refused('invalid-input', 'The reference does not match the kind of request.', {
      reference: 'reference.format',
    });
  const parsed = PAYLOAD[args.kind].safeParse(args.payload);
  if (!parsed.success)
    return refused('invalid-input', 'The request does not pass the form rules.', fieldsOf(parsed.error));
  const payload = parsed.data as Record<string, unknown>;
  const checked = checkAttachment(args.kind, payload);
  if ('problem' in checked) return refused('invalid-input', 'The attachment was refused.', checked.problem);

  // A help request's COFOR is typed freely: kept in the portal's form, and the request tied to
  // the head-office COFOR its company is found by (as a workstation does before sending).
  const typed = args.kind === 'help' && typeof payload['cofor'] === 'string' ? readTypedCofor(payload['cofor']) : null;
  if (typed) payload['cofor'] = typed.shown;
  const cofor = typed ? typed.headOffice : typeof payload['cofor'] === 'string' ? payload['cofor'] : null;
  let companyName: string | undefined;
  if (args.kind === 'access-request') {
    const { rows } = await tx.query<{ status: string; access: string; legal_name: string }>(
      'SELECT status, access, legal_name FROM companies WHERE cofor = $1 FOR UPDATE',
      [cofor],
    );
    const company = rows[0];
    companyName = company?.legal_name;
    // The workstation's rule, the same code and words (main/intents/submit-request.ts).
    const checked = checkAccessRequest(company ?? null);
    if (!checked.ok) return { ok: false, error: checked.refusal };
  }
  const inserted = await tx.query<{ at: Date }>(
    // Received on the hub's clock, the one its reminder and expiry rules count from.
    `INSERT INTO requests (reference, kind, device_id, lang, payload, cofor, received_at, desk_state_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT (reference) DO NOTHING RETURNING received_at AS at`,
    [args.reference, args.kind, device.id, args.lang, payload, cofor, services.now()],
  );
  const at = inserted.rows[0]?.at.toISOString();
  if (!at) return refused('conflict', 'Another request already has this reference.', { reference: 'reference.taken' });
  if (args.kind === 'access-request') {
    await tx.query(`UPDATE companies SET access = 'requested', access_requested_at = now() WHERE cofor = $1`, [cofor]);
    await companyChanged(tx, change, cofor!);
  }
  if (services.assistanceAddress)
    await queueAssistanceMail(tx, services, args, payload, checked.attachment, { at: new Date(at), companyName });
  await change('desk', 'request', args.reference, {
    reference: args.reference,
    kind: args.kind,
    lang: args.lang,
    cofor,
    payload,
    receivedAt: at,
    deskState: 'new',
  });
  // The sending workstation learns that its request arrived; nobody else's device does.
  await change(`device:${device.id}`, 'request-status', args.reference, {
    reference: args.reference,
    state: 'received',
    at,
  });
  // Whether the assistance is e-mailed about it: without an address they only see the queue.
  const assistanceMailed = services.assistanceAddress !== null;
  return { ok: true, value: { reference: args.reference, receivedAt: at, assistanceMailed } };
}

/**
 * Runs a pushed intent, read against its declaration (main/intents/): its name decides its
 * arguments' type, and a name the switch does not handle does not compile. Intents whose rules
 * are declared once run them through the adapter; the others still apply their hub code.
 */
export function applyOnHub(intent: QueuedIntentArgs, ctx: IntentContext): Promise<IntentResult> {
  switch (intent.name) {
    case 'submitRequest':
      return applySubmitRequest(intent.args, ctx);
    case 'deskSetState':
      return runRulesOnHub(deskSetState, intent.args, ctx, intent.args.agent);
    case 'saveTemplates':
      return runRulesOnHub(saveTemplates, intent.args, ctx, intent.args.agent);
    case 'deskReplacePlsa':
      return applyReplacePlsa(intent.args, ctx);
    case 'recover':
      return applyRecover(intent.args, ctx);
    case 'remindRequest':
      return runRulesOnHub(remindRequest, intent.args, ctx, 'supplier');
    case 'reopenRequest':
      return runRulesOnHub(reopenRequest, intent.args, ctx, 'supplier');
    case 'deskErase':
      return applyDeskErase(intent.args, ctx);
    case 'deskDecide':
      return applyDeskDecide(intent.args, ctx);
    default:
      return unhandled(intent);
  }
}

const unhandled = (intent: never): Promise<IntentResult> =>
  Promise.resolve({
    ok: false,
    error: { code: 'unknown-mutation', message: `The hub does not know ${String(intent)}.` },
  });
