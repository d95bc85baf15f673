// Calls that need a session: when the engine says the session is over, the person is sent to
// the login screen with a word of explanation, whatever screen they were on.
import type { ApiResult } from '$contract/result';
import { t } from './i18n/i18n.svelte';
import { go } from './router.svelte';
import { session } from './session.svelte';

export async function privateCall<T>(call: (token: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const result = await call(session.token);
  if (!result.ok && session.ended(result.error)) {
    session.flash = t('login.sessionEnded');
    go({ name: 'login' });
  }
  if (!result.ok && result.error.code === 'forbidden' && session.current?.mustChangePassword)
    go({ name: 'change-password' });
  return result;
}
