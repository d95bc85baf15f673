// The one place the renderer reaches the engine: `window.portal` in the desktop app (exposed by
// the preload), or the browser host's HTTP API with the launch token. Screens import `api` only.
import type { ApiMethod, PortalApi } from '../../../preload/contract/api';
import type { ApiResult } from '../../../preload/contract/result';

declare global {
  interface Window {
    portal?: PortalApi;
  }
}

const TOKEN_KEY = 'portal.token';

/** Browser mode: the token arrives once in the address (#token=…) and is moved out of it. */
export function takeLaunchToken(): string | null {
  const match = /^#token=([A-Za-z0-9_-]{16,128})$/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${location.pathname}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpApi(token: string): PortalApi {
  const call =
    <M extends ApiMethod>(method: M) =>
    async (input: unknown): Promise<ApiResult<unknown>> => {
      try {
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
        return (await response.json()) as ApiResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'unavailable', message: 'The portal host does not answer.' } };
      }
    };
  const methods = {
    appInfo: call('appInfo'),
    analyze: call('analyze'),
    termsOfUse: call('termsOfUse'),
    submitCompanyFile: call('submitCompanyFile'),
    submitCoforHelp: call('submitCoforHelp'),
    submitAccessRequest: call('submitAccessRequest'),
    loadDraft: call('loadDraft'),
    saveDraft: call('saveDraft'),
    clearDraft: call('clearDraft'),
  };
  return methods as PortalApi;
}

export function connectApi(): PortalApi | null {
  if (window.portal) return window.portal;
  const token = takeLaunchToken();
  return token ? httpApi(token) : null;
}

let connected: PortalApi | null = null;
export const api = new Proxy({} as PortalApi, {
  get(_target, method: ApiMethod) {
    connected ??= connectApi();
    if (!connected) throw new Error('No portal API: open the address printed by the host.');
    return connected[method];
  },
});
