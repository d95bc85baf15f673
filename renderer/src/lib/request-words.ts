// A request's fields and history steps in the reader's words: the engine sends names and codes
// (`plsa.email`, `desk-validated-access`), never text for the screen.
import { countryName, errorText, hasMessage, t } from './i18n/i18n.svelte';
import type { MessageKey } from './i18n/en';
import type { HubMail } from '$contract/dto';

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

/** What a step of a sender's timeline adds (null: nothing to say). The engine records codes: an
 * answer's template key, `hub` / `hub-no-assistance` (received by the hub, which e-mails the
 * assistance or has no address for them; whether its e-mail leaves depends on the hub's relay,
 * as it said at the last pull), `hub-refused:<reason>`; anything else is the relay's own words. */
export function stepDetail(state: string, detail: string | null, hubMail: HubMail | null | undefined): string | null {
  if (!detail) return null;
  if (state === 'answered') {
    const key = known(`answer.${detail}`);
    return key ? t(key) : null;
  }
  if (detail === 'hub-no-assistance') return t('requests.viaHubNoAssistance');
  if (detail === 'hub-resent') return t('requests.hubResent');
  if (detail === 'hub') return t(hubMail?.relay === false ? 'requests.viaHubNoRelay' : 'requests.viaHub');
  if (detail.startsWith('hub-refused:'))
    return t('requests.hubRefused', { reason: errorText(detail.slice('hub-refused:'.length)) });
  return detail;
}

/** A step of the history: a request's state, or what someone did to it. */
export function historyStep(what: string): string {
  const key = known(`rstate.${what}`) ?? known(`audit.${what}`);
  return key ? t(key) : t('desk.event.other');
}
