// A company's PLSA left: the desk deactivates the old account and names a new PLSA, whose login
// and temporary password the hub makes (the password leaves sealed, by e-mail).
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import { LANGS } from '../../preload/contract/languages';
import { declareIntent } from './declare';

export const deskReplacePlsa = declareIntent({
  name: 'deskReplacePlsa',
  from: ['desk'],
  args: z.strictObject({
    cofor: z.string().regex(/^[A-Z0-9]{6}$/),
    oldLogin: z.string().regex(/^V\d{6}$/),
    fullName: z.string().trim().min(1).max(120),
    email: z.email().max(254),
    lang: z.enum(LANGS),
    agent: z.string().regex(DESK_USERNAME),
  }),
});
export type DeskReplacePlsaArgs = z.infer<typeof deskReplacePlsa.args>;
