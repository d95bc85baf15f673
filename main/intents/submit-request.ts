// A request a person sent from a workstation (a company file, a COFOR question, an access
// request, a Help & Contact message): the hub keeps it under the workstation's reference.
import { z } from 'zod';
import { LANGS } from '../../preload/contract/languages';
import { declareIntent, REFERENCE } from './declare';

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
