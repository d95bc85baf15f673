// Turning an engine failure into the sentence a person reads, in their language.
import type { ApiError } from '$contract/result';
import { formatWait } from './durations';
import { errorText, formatDateTime, i18n, t } from './i18n/i18n.svelte';

const DECISIONS = ['answered', 'referenced', 'declined', 'validated', 'rejected', 'unblocked'] as const;

/** "validated by desk.ana on 30/11/2026 10:42": a request's decision, in the reader's words. */
export function decisionText(decision: { what: string; by: string; at: string }): string {
  const what = DECISIONS.find((d) => d === decision.what) ?? 'answered';
  const at = decision.at ? formatDateTime(decision.at) : '';
  return t('desk.decisionMade', { what: t(`desk.decidedWhat.${what}`), by: decision.by, at });
}

/** "This request was already validated by …": the answer to a second decision. */
const alreadyDecided = (details: Record<string, string>): string =>
  t('desk.alreadyDecided', {
    decision: decisionText({ what: details['what'] ?? '', by: details['by'] ?? '', at: details['at'] ?? '' }),
  });

/**
 * The one place an engine failure becomes a sentence. A screen that has better words for a code
 * in its own context (the relay password and the keychain, say) passes them as `instead`.
 */
export function failureText(error: ApiError, instead: Partial<Record<ApiError['code'], string>> = {}): string {
  const own = instead[error.code];
  if (own !== undefined) return own;
  if (error.code === 'conflict' && error.fields?.['_'] === 'desk.already-decided')
    return alreadyDecided(error.details ?? {});
  if (error.code === 'needs-hub' && error.fields?.['_'] === 'console.needs-hub') return t('console.needsHub');
  if (error.code === 'forbidden' && error.fields?.['_'] === 'hub.device-revoked') return t('sync.revoked');
  if (error.code === 'needs-hub' && error.fields?.['_'] === 'desk.hub-directory') return t('desk.hubDirectory');
  switch (error.code) {
    case 'invalid-credentials':
    case 'account-blocked':
    case 'access-not-open':
    case 'needs-hub':
      return t(`login.error.${error.code}`);
    case 'too-many-attempts':
      return t('login.error.too-many-attempts', { wait: formatWait(error.retryAfterSeconds ?? 60, i18n.lang) });
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
