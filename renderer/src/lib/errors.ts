// Turning an engine failure into the sentence a person reads, in their language.
import type { ApiError } from '../../../preload/contract/result';
import { errorText, t } from './i18n/i18n.svelte';

export function failureText(error: ApiError): string {
  switch (error.code) {
    case 'invalid-credentials':
    case 'account-blocked':
    case 'access-not-open':
      return t(`login.error.${error.code}`);
    case 'too-many-attempts':
      return t('login.error.too-many-attempts', { seconds: error.retryAfterSeconds ?? 60 });
    case 'unauthenticated':
      return t('login.sessionEnded');
    case 'forbidden':
      return t('login.error.forbidden');
    case 'keychain-unavailable':
      return t('login.keychainUnavailable');
    case 'unavailable':
      return t('app.unavailable');
    case 'payload-too-large':
      return errorText('payload-too-large');
    default:
      return error.fields ? t('forms.fixErrors') : t('error.generic');
  }
}

export const fieldErrors = (error: ApiError): Record<string, string> => error.fields ?? {};
