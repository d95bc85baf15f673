// The desk's answers to suppliers: editable templates per decision and language, filled with the
// request's facts. A placeholder never reaches a header with a line break in it.
import { headerSafe } from '../mail/retry-policy';
import type { DeskTemplateKey as TemplateKey } from '../../../preload/contract/help';
import type { DeskTemplates } from '../../../preload/contract/schemas/templates';

export { templatesSchema, type DeskTemplates } from '../../../preload/contract/schemas/templates';

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
