// An erasure request decided on a desk: the hub erases its copies and every replica follows.
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { declareIntent, REFERENCE } from './declare';

export const deskErase = declareIntent({
  name: 'deskErase',
  from: ['desk'],
  args: z.strictObject({ reference: z.string().regex(REFERENCE), agent: z.string().regex(DESK_USERNAME) }),
});
export type DeskEraseArgs = z.infer<typeof deskErase.args>;
