// Schemas of the account, recovery and console channels. Passwords and e-mails used for the
// exact-match rule are never trimmed or folded: what was typed is what is compared.
import { z } from 'zod';
import { LANGS } from '../languages';
import { email, text } from './forms';

export const session = () => z.string().min(20, { error: 'session.invalid' }).max(100, { error: 'session.invalid' });
export const lang = () => z.enum(LANGS);
const loginField = () => z.string().min(1, { error: 'required' }).max(20, { error: 'login.format' });
const exactEmail = () =>
  z
    .string()
    .min(1, { error: 'required' })
    .max(254, { error: 'too-long' })
    .regex(/^[^@\s]+@[^@\s]+$/, { error: 'email.format' });
const password = () => z.string().min(1, { error: 'required' }).max(1024, { error: 'password.too-long' });

export const ACCOUNT_SCHEMAS = {
  login: z.strictObject({ login: loginField(), password: password(), remember: z.boolean() }),
  logout: z.strictObject({ session: session() }),
  rememberedLogins: z.strictObject({}),
  resumeRemembered: z.strictObject({ login: loginField() }),
  forgetMe: z.strictObject({ login: loginField() }),
  privateArea: z.strictObject({ session: session() }),
  changePassword: z.strictObject({
    session: session(),
    currentPassword: z.string().max(1024, { error: 'password.too-long' }),
    newPassword: password(),
    lang: lang(),
  }),
  forgotUsername: z.strictObject({ email: exactEmail(), lang: lang() }),
  forgotPassword: z.strictObject({
    login: loginField(),
    email: exactEmail(),
    cofor: z.string().max(20, { error: 'cofor.format' }).optional(),
    lang: lang(),
  }),
  findPlsa: z.strictObject({
    loginOrCofor: z.string().trim().min(1, { error: 'required' }).max(20, { error: 'login-or-cofor.format' }),
    email: exactEmail(),
    lang: lang(),
  }),
  reportBlockedAccess: z.strictObject({ login: loginField(), email: exactEmail(), message: text(4000), lang: lang() }),
  consoleAccounts: z.strictObject({ session: session() }),
  createAccount: z.strictObject({
    session: session(),
    fullName: text(),
    email: email(),
    role: z.enum(['user', 'plsa']),
    confirmDuplicate: z.boolean(),
  }),
  resetPassword: z.strictObject({ session: session(), login: loginField() }),
  unblockAccount: z.strictObject({ session: session(), login: loginField() }),
  deactivateAccount: z.strictObject({ session: session(), login: loginField() }),
  companyAudit: z.strictObject({ session: session() }),
  /** A leaving PLSA names a colleague to take over; it holds once they accept. */
  handOverPlsa: z.strictObject({ session: session(), login: loginField() }),
  withdrawHandOver: z.strictObject({ session: session() }),
  answerHandOver: z.strictObject({ session: session(), accept: z.boolean() }),
  accessReview: z.strictObject({ session: session() }),
  answerAccessReview: z.strictObject({
    session: session(),
    login: loginField(),
    answer: z.enum(['confirmed', 'left']),
  }),
  setAccessReviewInterval: z.strictObject({
    session: session(),
    days: z
      .number()
      .int({ error: 'review.days-range' })
      .min(30, { error: 'review.days-range' })
      .max(365, { error: 'review.days-range' }),
  }),
  exportAccessReview: z.strictObject({
    session: session(),
    reviewId: z.number().int().positive(),
    format: z.enum(['csv', 'pdf']),
    lang: z.enum(LANGS),
  }),
};
