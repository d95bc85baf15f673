// The mail relay settings of this workstation (the relay password is in the OS keychain).
import { mailSettingsSchema, type MailSettings } from '../../preload/contract/schemas/mail-settings';
import type { SettingsRepository } from './settings';

const KEY = 'mail-settings';

export function createMailSettingsRepository(settings: SettingsRepository) {
  return {
    get(): MailSettings | null {
      const raw = settings.get(KEY);
      if (!raw) return null;
      const parsed = mailSettingsSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    save: (value: MailSettings): void => settings.set(KEY, JSON.stringify(value)),
  };
}
export type MailSettingsRepository = ReturnType<typeof createMailSettingsRepository>;
