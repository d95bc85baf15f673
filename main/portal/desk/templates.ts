// The desk's answers to suppliers: editable templates per decision and language, filled with the
// request's facts. A placeholder never reaches a header with a line break in it.
import { z } from 'zod';
import { headerSafe } from '../mail/retry-policy';

import {
  DESK_TEMPLATE_KEYS as TEMPLATE_KEYS,
  type DeskTemplateKey as TemplateKey,
} from '../../../preload/contract/help';
export { TEMPLATE_KEYS, type TemplateKey };

const text = z.strictObject({ subject: z.string().min(1).max(200), body: z.string().min(1).max(8000) });
const perLanguage = z.strictObject({ en: text, fr: text });
export const templatesSchema = z.strictObject(
  Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, perLanguage])) as Record<TemplateKey, typeof perLanguage>,
);
export type DeskTemplates = z.output<typeof templatesSchema>;

export function fillTemplate(
  templates: DeskTemplates,
  key: TemplateKey,
  lang: string,
  values: Record<string, string>,
): { subject: string; body: string } {
  const t = templates[key][lang === 'fr' ? 'fr' : 'en'];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return { subject: headerSafe(fill(t.subject)), body: fill(t.body) };
}
