// The mutations a workstation may push: intents ("submit this access request"), never row
// diffs. Each names who may send it, its arguments' schema (the same contract schemas the
// workstation's own engine uses), and what it does on the hub, where the engine's rules run
// again: a tampered workstation gains nothing it could not get through the screens.
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { inspectDocument } from '../portal/documents/inspect';
import { accessRequestSchema, companyFileSchema, coforHelpSchema } from '../../preload/contract/schemas/forms';
import { HELP_SCHEMAS } from '../../preload/contract/schemas/help';
import { LANGS } from '../../preload/contract/languages';
import type { Device, DeviceKind } from './devices';
import { applyDeskDecide, applyReplacePlsa, deskDecideArgs, replacePlsaArgs } from './decisions';
import { companyChanged } from './directory';
import { queueHubMail } from './mail';
import { applyRecover, recoverArgs } from './recovery';
import { requestMailFields } from '../portal/mail/request-fields';
import { requestMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import type { HubServices } from './services';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { templatesSchema } from '../portal/desk/templates';

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

/** The attachment of a request, checked from its bytes as on the workstation. */
const ATTACHMENT_FIELD: Record<RequestKind, 'document' | 'screenshot' | null> = {
  'company-file': 'document',
  help: 'screenshot',
  'cofor-help': null,
  'access-request': null,
};

function attachmentProblem(kind: RequestKind, payload: Record<string, unknown>): Record<string, string> | null {
  const field = ATTACHMENT_FIELD[kind];
  const file = field ? (payload[field] as { contentBase64?: string } | undefined) : undefined;
  if (!field || !file?.contentBase64) return null;
  const check = inspectDocument(Buffer.from(file.contentBase64, 'base64'));
  if (!check.ok) return { [field]: check.reason };
  if (field === 'screenshot' && check.kind === 'pdf') return { screenshot: 'screenshot.type' };
  return null;
}

/** The request's e-mail to the assistance, as a standalone workstation would send it, queued in
 * the request's own transaction: it leaves once, whichever hub's mailer takes it. */
async function queueAssistanceMail(
  tx: PoolClient,
  services: HubServices,
  args: z.infer<typeof submitRequestArgs>,
  payload: Record<string, unknown>,
  context: { at: Date; companyName: string | undefined },
): Promise<void> {
  const field = ATTACHMENT_FIELD[args.kind];
  const file = field ? (payload[field] as { fileName: string; contentBase64: string } | undefined) : undefined;
  const content = file ? inspectDocument(Buffer.from(file.contentBase64, 'base64')) : null;
  const attachments =
    file && content?.ok
      ? [{ fileName: file.fileName, mediaType: content.mediaType, content: Buffer.from(content.content) }]
      : [];
  const { [field ?? '']: _file, ...fields } = payload;
  const lang = mailLang(args.lang);
  const mail = requestMail(
    args.kind,
    lang,
    args.reference,
    requestMailFields(args.kind, fields, lang, { ...context, attachmentName: file?.fileName ?? null }),
  );
  await queueHubMail(tx, services.box, {
    kind: args.kind,
    to: services.assistanceAddress!,
    lang,
    ...mail,
    attachments,
  });
}

const deskSetStateArgs = z.strictObject({
  reference: z.string().min(1).max(40),
  state: z.enum(['new', 'in-progress', 'waiting-supplier', 'done']),
  assignee: z.string().regex(DESK_USERNAME).nullable(),
  /** The agent who moved it, as the desk workstation knows them. */
  agent: z.string().regex(DESK_USERNAME),
});

const saveTemplatesArgs = z.strictObject({ templates: templatesSchema, agent: z.string().regex(DESK_USERNAME) });

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
      const problem = attachmentProblem(args.kind, payload);
      if (problem) return refused('invalid-input', 'The attachment was refused.', problem);

      const cofor = typeof payload['cofor'] === 'string' ? payload['cofor'] : null;
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
        `INSERT INTO requests (reference, kind, device_id, lang, payload, cofor) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (reference) DO NOTHING RETURNING received_at AS at`,
        [args.reference, args.kind, device.id, args.lang, payload, cofor],
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
        await queueAssistanceMail(tx, services, args, payload, { at: new Date(at), companyName });
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
      return { ok: true, value: { reference: args.reference, receivedAt: at } };
    },
  } satisfies Intent<z.infer<typeof submitRequestArgs>>,
  deskSetState: {
    // Where a request is in the queue, and who works on it: the same on every desk. The hub's
    // order settles two changes at once (the later one is the state); a decided request stays done.
    from: ['desk'],
    args: deskSetStateArgs,
    async apply(args, { tx, change }) {
      const { rows } = await tx.query<{ decision: string | null; decided_by: string | null; decided_at: Date | null }>(
        'SELECT decision, decided_by, decided_at FROM requests WHERE reference = $1 FOR UPDATE',
        [args.reference],
      );
      const request = rows[0];
      if (!request) return refused('not-found', 'No request has this reference.', { reference: 'reference.unknown' });
      if (request.decision && args.state !== 'done')
        return {
          ok: false,
          error: {
            code: 'already-decided',
            message: 'This request is decided: it stays done.',
            details: { by: request.decided_by ?? '', at: request.decided_at?.toISOString() ?? '' },
          },
        };
      const moved = await tx.query<{ at: Date }>(
        'UPDATE requests SET desk_state = $2, assignee = $3 WHERE reference = $1 RETURNING now() AS at',
        [args.reference, args.state, args.assignee],
      );
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-state', $2)`, [
        args.agent,
        { reference: args.reference, state: args.state, assignee: args.assignee },
      ]);
      await change('desk', 'request-state', args.reference, {
        state: args.state,
        assignee: args.assignee,
        by: args.agent,
        at: moved.rows[0]!.at.toISOString(),
      });
      return { ok: true, value: { reference: args.reference } };
    },
  } satisfies Intent<z.infer<typeof deskSetStateArgs>>,
  deskReplacePlsa: {
    // A company's PLSA left: the desk deactivates the old account and names a new PLSA, whose
    // login and temporary password the hub makes (the password leaves sealed, by e-mail).
    from: ['desk'],
    args: replacePlsaArgs,
    apply: applyReplacePlsa,
  } satisfies Intent<z.infer<typeof replacePlsaArgs>>,
  saveTemplates: {
    // The desks' answer templates, one set for all: the last saved to reach the hub is the set.
    from: ['desk'],
    args: saveTemplatesArgs,
    async apply(args, { tx, change }) {
      await tx.query(
        `INSERT INTO desk_settings (key, value, updated_by) VALUES ('templates', $1, $2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
        [JSON.stringify(args.templates), args.agent],
      );
      await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-templates-saved', '{}')`, [
        args.agent,
      ]);
      await change('desk', 'templates', 'desk', args.templates);
      return { ok: true, value: { saved: true } };
    },
  } satisfies Intent<z.infer<typeof saveTemplatesArgs>>,
  recover: {
    // A recovery form sent from a workstation (anyone may send one; the answer is always the same).
    from: ['supplier', 'desk'],
    args: recoverArgs,
    apply: applyRecover,
  } satisfies Intent<z.infer<typeof recoverArgs>>,
  deskDecide: {
    from: ['desk'],
    args: deskDecideArgs,
    apply: applyDeskDecide,
  } satisfies Intent<z.infer<typeof deskDecideArgs>>,
} as const;

export type IntentName = keyof typeof INTENTS;
export const isIntent = (name: string): name is IntentName => Object.hasOwn(INTENTS, name);
