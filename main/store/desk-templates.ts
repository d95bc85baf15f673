// The desk's answer templates: the shipped defaults (resources/desk/templates.json), and the set
// the desk saved (in the settings), which wins. A set another desk saved on the hub comes in
// through the same door, checked against the same schema.
import type { SettingsRepository } from './settings';
import { templatesSchema, type DeskTemplates } from '../portal/desk/templates';

const KEY = 'desk-templates';

export function createDeskTemplatesStore(settings: SettingsRepository, shippedJson: string) {
  const { _comment: _, ...shipped } = JSON.parse(shippedJson) as Record<string, unknown>;
  const defaults = templatesSchema.parse(shipped);
  const save = (templates: DeskTemplates) => settings.set(KEY, JSON.stringify(templates));
  return {
    get(): DeskTemplates {
      const saved = templatesSchema.safeParse(JSON.parse(settings.get(KEY) ?? 'null'));
      return saved.success ? saved.data : defaults;
    },
    save,
    /** A set as a pull brought it: kept only when it is a set of templates. */
    saveFromHub(value: unknown): void {
      const checked = templatesSchema.safeParse(value);
      if (checked.success) save(checked.data);
    },
  };
}
