// The mutations a workstation may push: intents ("submit this access request"), never row
// diffs. Each names who may send it, its arguments' schema (the same contract schemas the
// workstation's own engine uses), and what it does on the hub, where the engine's rules run
// again: a tampered workstation gains nothing it could not get through the screens.
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { inspectDocument } from '../portal/documents/inspect';
import { readTypedCofor } from '../portal/onboarding/cofor';
import { ATTACHMENT_FIELD, queueAssistanceMail, type RequestAttachment } from './assistance-mail';
import { accessRequestSchema, companyFileSchema, coforHelpSchema } from '../../preload/contract/schemas/forms';
import { HELP_SCHEMAS } from '../../preload/contract/schemas/help';
import { LANGS } from '../../preload/contract/languages';
import type { Device, DeviceKind } from './devices';
import { applyDeskDecide, applyReplacePlsa, deskDecideArgs, replacePlsaArgs } from './decisions';
import { companyChanged } from './directory';
import { applyRecover, recoverArgs } from './recovery';
import { applyDeskSetState, applySaveTemplates, deskSetStateArgs, saveTemplatesArgs } from './desk-intents';
import type { HubServices } from './services';
import { applyDeskErase, deskEraseArgs } from './erasure';
import { applyRemindRequest, applyReopenRequest, remindRequestArgs, reopenRequestArgs } from './waiting-requests';

/** What a mutation answered: done (with what the workstation shows), or refused with a reason. */
export type IntentResult =
  | { ok: true; value: Record<string, unknown> }
  | {
      ok: false;
      error: {
        code: string;
        fields?: Record<string, string>;
        details?: Record<string, string>;
        /** With a refused desk decision: the company as the hub has it, for the desk's replica. */
        company?: Record<string, unknown>;
        message: string;
      };
    };

/** An intent checks every rule before it writes: a refusal is an answer, not a rollback. */
export interface IntentContext {
  tx: PoolClient;
  device: Device;
  services: HubServices;
  /** Records a change for the replicas that may see it. */
  change(
    audience: 'public' | 'desk' | `device:${string}`,
    entity: string,
    entityId: string,
    data: unknown,
  ): Promise<void>;
}

interface Intent<A> {
  from: readonly DeviceKind[];
  args: z.ZodType<A>;
  apply(args: A, ctx: IntentContext): Promise<IntentResult>;
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

const submitRequestArgs = z.strictObject({
  // The workstation made the reference when the person pressed Submit (offline too): it is the
  // request's identity everywhere, so the hub keeps it, after checking its form.
  reference: z.string().regex(/^[A-Z]{3}-\d{8}-[2-9A-HJ-NP-Z]{6}$/),
  kind: z.enum(['company-file', 'cofor-help', 'access-request', 'help']),
  lang: z.enum(LANGS),
  payload: z.record(z.string(), z.unknown()),
});

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

export const INTENTS = {
  submitRequest: {
    from: ['supplier', 'desk'],
    args: submitRequestArgs,
    async apply(args, { tx, device, change, services }) {
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
      const typed =
        args.kind === 'help' && typeof payload['cofor'] === 'string' ? readTypedCofor(payload['cofor']) : null;
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
        if (!company || company.status !== 'active')
          return refused('not-found', 'No active company has this COFOR.', { cofor: 'cofor.unknown' });
        if (company.access === 'requested')
          return refused('conflict', 'Access was already requested.', { cofor: 'access.already-requested' });
        if (company.access === 'open')
          return refused('conflict', 'Access is already open.', { cofor: 'access.already-open' });
      }
      const inserted = await tx.query<{ at: Date }>(
        // Received on the hub's clock, the one its reminder and expiry rules count from.
        `INSERT INTO requests (reference, kind, device_id, lang, payload, cofor, received_at, desk_state_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (reference) DO NOTHING RETURNING received_at AS at`,
        [args.reference, args.kind, device.id, args.lang, payload, cofor, services.now()],
      );
      const at = inserted.rows[0]?.at.toISOString();
      if (!at)
        return refused('conflict', 'Another request already has this reference.', { reference: 'reference.taken' });
      if (args.kind === 'access-request') {
        await tx.query(`UPDATE companies SET access = 'requested', access_requested_at = now() WHERE cofor = $1`, [
          cofor,
        ]);
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
    },
  } satisfies Intent<z.infer<typeof submitRequestArgs>>,
  deskSetState: {
    from: ['desk'],
    args: deskSetStateArgs,
    apply: applyDeskSetState,
  } satisfies Intent<z.infer<typeof deskSetStateArgs>>,
  deskReplacePlsa: {
    // A company's PLSA left: the desk deactivates the old account and names a new PLSA, whose
    // login and temporary password the hub makes (the password leaves sealed, by e-mail).
    from: ['desk'],
    args: replacePlsaArgs,
    apply: applyReplacePlsa,
  } satisfies Intent<z.infer<typeof replacePlsaArgs>>,
  saveTemplates: {
    from: ['desk'],
    args: saveTemplatesArgs,
    apply: applySaveTemplates,
  } satisfies Intent<z.infer<typeof saveTemplatesArgs>>,
  recover: {
    // A recovery form sent from a workstation (anyone may send one; the answer is always the same).
    from: ['supplier', 'desk'],
    args: recoverArgs,
    apply: applyRecover,
  } satisfies Intent<z.infer<typeof recoverArgs>>,
  remindRequest: {
    // The sender of a request waiting for the desk for 5 working days reminds the assistance.
    from: ['supplier', 'desk'],
    args: remindRequestArgs,
    apply: applyRemindRequest,
  } satisfies Intent<z.infer<typeof remindRequestArgs>>,
  reopenRequest: {
    from: ['supplier', 'desk'],
    args: reopenRequestArgs,
    apply: applyReopenRequest,
  } satisfies Intent<z.infer<typeof reopenRequestArgs>>,
  deskErase: {
    // An erasure request decided on a desk: the hub erases its copies and every replica follows.
    from: ['desk'],
    args: deskEraseArgs,
    apply: applyDeskErase,
  } satisfies Intent<z.infer<typeof deskEraseArgs>>,
  deskDecide: {
    from: ['desk'],
    args: deskDecideArgs,
    apply: applyDeskDecide,
  } satisfies Intent<z.infer<typeof deskDecideArgs>>,
} as const;

export type IntentName = keyof typeof INTENTS;
export const isIntent = (name: string): name is IntentName => Object.hasOwn(INTENTS, name);
