// Schemas of the analysis, terms and draft channels (the three forms are in forms.ts).
import { z } from 'zod';
import { checkHubUrl } from '../hub-url';
import { session } from './accounts';

export const formId = z.enum(['company-file', 'cofor-help', 'access-request', 'help']);

/** A draft is what was typed: at most 60 fields of short text or check boxes, no files. */
export const draftData = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,60}$/), z.union([z.string().max(4000), z.boolean()]))
  .refine((d) => Object.keys(d).length <= 60, { error: 'too-many-fields' });

/**
 * Whose draft: the visit (a random id the window keeps while it is open, renewed at every login
 * and logout) and, when someone is logged in, their session: then the draft is their login's.
 */
const draftOwner = {
  visit: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'visit.invalid' }),
  session: z.string().max(100).optional(),
};

export const ONBOARDING_SCHEMAS = {
  appInfo: z.strictObject({}),
  syncStatus: z.strictObject({}),
  syncNow: z.strictObject({}),
  // Empty: standalone again. Only a desk agent may change it (channels.ts).
  saveHubSettings: z.strictObject({
    session: session(),
    url: z
      .string()
      .max(300, { error: 'hub.url.format' })
      .superRefine((text, ctx) => {
        if (text.trim() === '') return;
        const checked = checkHubUrl(text);
        if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.problem });
      })
      // The address as it is kept: normalised (no trailing slash), or '' for standalone.
      .transform((text) => {
        const checked = checkHubUrl(text);
        return text.trim() === '' || !checked.ok ? '' : checked.url;
      }),
    /** An agent's login on the hub: enrols this workstation as a desk workstation there. */
    enrol: z
      .strictObject({
        username: z.string().trim().toLowerCase().min(1, { error: 'required' }).max(60, { error: 'too-long' }),
        password: z.string().min(1, { error: 'required' }).max(200, { error: 'too-long' }),
      })
      .optional(),
  }),
  analyze: z.strictObject({
    cofor: z.string().max(40, { error: 'cofor.format' }),
    siteCode: z.string().max(10, { error: 'site.format' }).optional(),
  }),
  termsOfUse: z.strictObject({ lang: z.string().regex(/^[a-z]{2}$/) }),
  loadDraft: z.strictObject({ form: formId, ...draftOwner }),
  saveDraft: z.strictObject({ form: formId, data: draftData, ...draftOwner }),
  clearDraft: z.strictObject({ form: formId, ...draftOwner }),
};
