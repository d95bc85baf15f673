// A desk's decision on a request (validate access, reference a company file, answer, reject…):
// the first to reach the hub wins; a later one is told who decided.
import { z } from 'zod';
import { DESK_SCHEMAS, DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { LANGS } from '../../preload/contract/languages';
import { declareIntent } from './declare';

export const deskDecide = declareIntent({
  name: 'deskDecide',
  from: ['desk'],
  args: z.strictObject({
    reference: z.string().min(1).max(40),
    decision: DESK_SCHEMAS.deskDecide.shape.decision,
    /** The agent who decided, as the desk workstation knows them. */
    agent: z.string().regex(DESK_USERNAME),
    /** The answer the desk wrote from its templates; `{logins}` is filled where logins are made. */
    mail: z
      .strictObject({
        to: z.email(),
        lang: z.enum(LANGS),
        kind: z.string().regex(/^desk-[a-z-]+$/),
        subject: z.string().min(1).max(300),
        body: z.string().min(1).max(20_000),
      })
      .nullable(),
    /** reference-file: the COFOR the desk gave the new company. */
    cofor: z
      .string()
      .regex(/^[A-Z0-9]{6}$/)
      .optional(),
  }),
});
export type DeskDecideArgs = z.infer<typeof deskDecide.args>;
