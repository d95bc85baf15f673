// The desk's answers to suppliers: editable templates per decision and language, filled with the
// request's facts. A placeholder never reaches a header with a line break in it.
import { headerSafe } from '../mail/retry-policy';
import { DESK_TEMPLATE_KEYS, type DeskTemplateKey as TemplateKey } from '../../../preload/contract/help';
import type { DeskTemplates } from '../../../preload/contract/schemas/templates';

export { templatesSchema, type DeskTemplates } from '../../../preload/contract/schemas/templates';

/** What a template may name: the facts a decision fills in (main/services/desk-decisions.ts). */
export const TEMPLATE_PLACEHOLDERS = ['reference', 'cofor', 'companyName', 'reason', 'logins', 'message'] as const;

/** "{reference} {cofor} …": the allowed placeholders as a person writes them. */
export const allowedPlaceholders = (): string => TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');

export interface UnknownPlaceholder {
  key: TemplateKey;
  lang: 'en' | 'fr';
  part: 'subject' | 'body';
  /** As written, braces included: "{nonsense}". */
  placeholder: string;
}

// Anything in braces on one line: "{ name }" or "{non-sense}" would reach the supplier as
// written just as "{nonsense}" would, so each must be one of the allowed names exactly.
const BRACED = /\{([^{}\n]*)\}/g;

/**
 * The first placeholder of a set of templates that no decision fills, or null. The workstation
 * and the hub both refuse to save a set that has one: the supplier would receive the braces.
 */
export function unknownPlaceholder(templates: DeskTemplates): UnknownPlaceholder | null {
  const allowed: ReadonlySet<string> = new Set(TEMPLATE_PLACEHOLDERS);
  for (const key of DESK_TEMPLATE_KEYS)
    for (const lang of ['en', 'fr'] as const)
      for (const part of ['subject', 'body'] as const)
        for (const [whole, name] of templates[key][lang][part].matchAll(BRACED))
          if (!allowed.has(name!)) return { key, lang, part, placeholder: whole };
  return null;
}

/** The sentence for logs and the command line (screens put it in the agent's language). */
export const describeUnknownPlaceholder = (u: UnknownPlaceholder): string =>
  `The ${u.lang} ${u.part} of the "${u.key}" template names ${u.placeholder}, which no decision fills: use only ${allowedPlaceholders()}.`;

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
