// The desks' answer templates: one set for every desk. A placeholder no decision fills would
// reach a supplier in braces, so it is refused, named, with the ones allowed.
import { z } from 'zod';
import { DESK_USERNAME } from '../../preload/contract/schemas/desk';
import {
  allowedPlaceholders,
  describeUnknownPlaceholder,
  templatesSchema,
  unknownPlaceholder,
} from '../portal/desk/templates';
import { declareRules, refuse } from './rules';

export const saveTemplates = declareRules({
  name: 'saveTemplates',
  from: ['desk'],
  args: z.strictObject({ templates: templatesSchema, agent: z.string().regex(DESK_USERNAME) }),
  facts: () => ({}),
  decide(_facts, { templates }, { actor }) {
    const unknown = unknownPlaceholder(templates);
    if (unknown)
      return refuse('invalid-input', describeUnknownPlaceholder(unknown), {
        fields: { [`templates.${unknown.key}.${unknown.lang}.${unknown.part}`]: 'template.unknown-placeholder' },
        details: { ...unknown, allowed: allowedPlaceholders() },
      });
    return {
      ok: true,
      value: { saved: true },
      effects: [
        { kind: 'templates-saved', templates, by: actor },
        { kind: 'audit', actor, action: 'desk-templates-saved', details: {} },
        // Linked, the set is every desk's: the later set saved is the one every desk shows.
        { kind: 'publish', audience: 'desk', entity: 'templates', id: 'desk', data: templates },
      ],
    };
  },
});
