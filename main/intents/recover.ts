// A recovery form sent from a workstation (a lost login, a lost password, which PLSA, a blocked
// access): anyone may send one, and the answer is always the same (no account enumeration).
import { z } from 'zod';
import { ACCOUNT_SCHEMAS as A } from '../../preload/contract/schemas/accounts';
import { declareIntent } from './declare';

export const recover = declareIntent({
  name: 'recover',
  from: ['supplier', 'desk'],
  args: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('username'), input: A.forgotUsername }),
    z.strictObject({ kind: z.literal('password'), input: A.forgotPassword }),
    z.strictObject({ kind: z.literal('find-plsa'), input: A.findPlsa }),
    z.strictObject({ kind: z.literal('blocked-access'), input: A.reportBlockedAccess }),
  ]),
});
export type RecoverArgs = z.infer<typeof recover.args>;
