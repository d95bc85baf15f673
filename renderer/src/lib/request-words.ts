// A request's fields and history steps in the reader's words: the engine sends names and codes
// (`plsa.email`, `desk-validated-access`), never text for the screen.
import { countryName, hasMessage, t } from './i18n/i18n.svelte';
import type { MessageKey } from './i18n/en';

const known = (key: string): MessageKey | null => (hasMessage(key) ? key : null);

/** "PLSA · E-mail" for `plsa.email`: each part of the path by its label. */
export const fieldLabel = (path: string): string =>
  path
    .split('.')
    .map((part) => {
      const key = known(`field.${part}`);
      return key ? t(key) : part;
    })
    .join(' · ');

export function fieldValue(path: string, value: string | boolean): string {
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  const name = path.split('.').pop();
  if (name === 'country') return countryName(value);
  if (name === 'purpose') {
    const key = known(`purpose.${value}`);
    if (key) return t(key);
  }
  return value;
}

/** A step of the history: a request's state, or what someone did to it. */
export function historyStep(what: string): string {
  const key = known(`rstate.${what}`) ?? known(`audit.${what}`);
  return key ? t(key) : t('desk.event.other');
}
