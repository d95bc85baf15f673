// A request a person sent from a workstation (a company file, a COFOR question, an access
// request, a Help & Contact message): the hub keeps it under the workstation's reference.
import { z } from 'zod';
import { LANGS } from '../../preload/contract/languages';
import { declareIntent, REFERENCE } from './declare';
import type { RuleRefusal } from './rules';

export const submitRequest = declareIntent({
  name: 'submitRequest',
  from: ['supplier', 'desk'],
  args: z.strictObject({
    // The workstation made the reference when the person pressed Submit (offline too): it is the
    // request's identity everywhere, so the hub keeps it, after checking its form.
    reference: z.string().regex(REFERENCE),
    kind: z.enum(['company-file', 'cofor-help', 'access-request', 'help']),
    lang: z.enum(LANGS),
    payload: z.record(z.string(), z.unknown()),
  }),
});
export type SubmitRequestArgs = z.infer<typeof submitRequest.args>;

/** A company as the access-request rule reads it (the workstation's directory, the hub's). */
export interface CompanyFact {
  status: string;
  access: string;
}

/**
 * Whether a company may ask for access now: it must exist, be active, and have access neither
 * requested nor open. One rule for the workstation (before it stores and queues the request) and
 * the hub (when the request arrives): the same code and field key on both sides.
 */
export function checkAccessRequest<C extends CompanyFact>(
  company: C | null,
): { ok: true; company: C } | { ok: false; refusal: RuleRefusal } {
  const refuse = (code: RuleRefusal['code'], message: string, reason: string) => ({
    ok: false as const,
    refusal: { code, message, fields: { cofor: reason } },
  });
  if (!company) return refuse('invalid-input', 'No company has this COFOR.', 'cofor.unknown');
  if (company.status !== 'active') return refuse('conflict', 'The company is deactivated.', 'company.deactivated');
  if (company.access === 'requested')
    return refuse('conflict', 'Access was already requested.', 'access.already-requested');
  if (company.access === 'open') return refuse('conflict', 'Access is already open.', 'access.already-open');
  return { ok: true, company };
}
