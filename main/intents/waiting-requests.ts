// The sender of a request that waits for the assistance reminds it after 5 working days.
import { z } from 'zod';
import { declareIntent, REFERENCE } from './declare';

const reference = z.string().regex(REFERENCE);

export const remindRequest = declareIntent({
  name: 'remindRequest',
  from: ['supplier', 'desk'],
  args: z.strictObject({ reference, at: z.iso.datetime() }),
});
export type RemindRequestArgs = z.infer<typeof remindRequest.args>;
