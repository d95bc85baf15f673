// Schemas of the Help & Contact, requests, outbox and mail settings channels.
import { z } from 'zod';
import { LANGS } from '../languages';
import { GUIDE_IDS, HELP_PURPOSES } from '../help';
import { email, optionalEmail, optionalText, phone, text, uploadedDocument } from './forms';
import { session } from './accounts';
import { mailSettingsFields, requireTlsOffLoopback } from './mail-settings';

const empty = () => z.strictObject({});
const lang = () => z.enum(LANGS);

export const HELP_SCHEMAS = {
  submitHelpRequest: z
    .strictObject({
      purpose: z.enum(HELP_PURPOSES, { error: 'purpose.required' }),
      message: text(4000),
      name: text(),
      company: text(),
      email: email(),
      phone: phone(),
      login: optionalText(20),
      cofor: optionalText(20),
      lang: lang(),
      // A screenshot may be up to 20 MB before the relay's own limit is checked.
      screenshot: uploadedDocument()
        .extend({
          contentBase64: z
            .string()
            .min(1, { error: 'screenshot.empty' })
            .max(28_000_000, { error: 'screenshot.too-large' })
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'screenshot.corrupt' }),
        })
        .optional(),
      // "Replace our PLSA": nobody is left to hand over; the request names the new PLSA and the
      // legal representative who confirms it (the desk checks them before any change).
      newPlsaName: optionalText(),
      newPlsaEmail: optionalEmail(),
      legalRepName: optionalText(),
      legalRepEmail: optionalEmail(),
      legalRepConfirms: z.boolean().optional(),
    })
    .superRefine((req, ctx) => {
      if (req.purpose !== 'replace-plsa') return;
      const required = ['cofor', 'newPlsaName', 'newPlsaEmail', 'legalRepName', 'legalRepEmail'] as const;
      for (const field of required)
        if (!req[field]) ctx.addIssue({ code: 'custom', path: [field], message: 'required' });
      if (req.legalRepConfirms !== true)
        ctx.addIssue({ code: 'custom', path: ['legalRepConfirms'], message: 'replace.confirm-required' });
    }),
  captureWindow: empty(),
  myRequests: empty(),
  retryRequest: z.strictObject({ reference: z.string().trim().min(1).max(40) }),
  remindRequest: z.strictObject({ reference: z.string().trim().min(1).max(40) }),
  reopenRequest: z.strictObject({ reference: z.string().trim().min(1).max(40) }),
  privacyLedger: empty(),
  exportMyData: z.strictObject({ session: session() }),
  outboxStatus: empty(),
  sendNow: empty(),
  mailSettings: empty(),
  // One strict object (an intersection would let unknown keys through); a desk session changes it.
  saveMailSettings: mailSettingsFields
    .extend({ password: z.string().max(1024), session: session() })
    .superRefine(requireTlsOffLoopback),
  sendTestEmail: z.strictObject({ session: session(), to: email(), lang: lang() }),
  helpTopic: z.strictObject({ lang: lang() }),
  helpGuide: z.strictObject({
    id: z.enum(GUIDE_IDS),
    lang: lang(),
  }),
  searchHelp: z.strictObject({
    query: z.string().max(200, { error: 'too-long' }),
    lang: lang(),
  }),
};
