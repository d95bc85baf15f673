// What the sender of a request that waits may do: remind the assistance after 5 working days,
// and put a request that waited for them back in the desks' queue.
import { z } from 'zod';
import { declareIntent, REFERENCE } from './declare';

const reference = z.string().regex(REFERENCE);

export const remindRequest = declareIntent({
  name: 'remindRequest',
  from: ['supplier', 'desk'],
  args: z.strictObject({ reference, at: z.iso.datetime() }),
});
export type RemindRequestArgs = z.infer<typeof remindRequest.args>;

export const reopenRequest = declareIntent({
  name: 'reopenRequest',
  from: ['supplier', 'desk'],
  args: z.strictObject({ reference }),
});
export type ReopenRequestArgs = z.infer<typeof reopenRequest.args>;
