// The strict schema of every channel's payload: unknown keys are refused, every string bounded.
import { z } from 'zod';
import type { ApiMethod } from '../../preload/contract/api';
import { ACCOUNT_SCHEMAS } from '../portal/accounts/schemas';
import { HELP_SCHEMAS } from '../portal/mail/help-schemas';
import { DESK_SCHEMAS } from '../portal/desk/schemas';
import { accessRequestSchema, coforHelpSchema, companyFileSchema } from '../portal/onboarding/forms';

const formId = z.enum(['company-file', 'cofor-help', 'access-request', 'help']);

/** A draft is what was typed: at most 60 fields of short text or check boxes, no files. */
const draftData = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,60}$/), z.union([z.string().max(4000), z.boolean()]))
  .refine((d) => Object.keys(d).length <= 60, { error: 'too-many-fields' });

export const CHANNEL_SCHEMAS = {
  appInfo: z.strictObject({}),
  analyze: z.strictObject({
    cofor: z.string().max(40, { error: 'cofor.format' }),
    siteCode: z.string().max(10, { error: 'site.format' }).optional(),
  }),
  termsOfUse: z.strictObject({ lang: z.string().regex(/^[a-z]{2}$/) }),
  submitCompanyFile: companyFileSchema,
  submitCoforHelp: coforHelpSchema,
  submitAccessRequest: accessRequestSchema,
  loadDraft: z.strictObject({ form: formId }),
  saveDraft: z.strictObject({ form: formId, data: draftData }),
  clearDraft: z.strictObject({ form: formId }),
  ...ACCOUNT_SCHEMAS,
  ...HELP_SCHEMAS,
  ...DESK_SCHEMAS,
} satisfies Record<ApiMethod, z.ZodType>;
