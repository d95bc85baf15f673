// The desk's answer templates as they cross the boundary and are stored: a subject and a body per
// decision and language (filled by main/portal/desk/templates.ts).
import { z } from 'zod';
import { DESK_TEMPLATE_KEYS, type DeskTemplateKey } from '../help';

const text = z.strictObject({ subject: z.string().min(1).max(200), body: z.string().min(1).max(8000) });
const perLanguage = z.strictObject({ en: text, fr: text });
export const templatesSchema = z.strictObject(
  Object.fromEntries(DESK_TEMPLATE_KEYS.map((k) => [k, perLanguage])) as Record<DeskTemplateKey, typeof perLanguage>,
);
export type DeskTemplates = z.output<typeof templatesSchema>;
