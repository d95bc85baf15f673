// The one place the renderer reaches the engine: `window.portal` in the desktop app (exposed by
// the preload), or the browser host's HTTP API with the launch token. Screens import `api` only.
// Types only: the contract's channel table holds zod schemas, which stay out of this bundle.
import type { ApiMethod, PortalApi } from '$contract/channels';
import type { ApiResult } from '$contract/result';

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

/** Every method of the contract over HTTP: any name is posted, and the host refuses unknown ones. */
function httpApi(token: string): PortalApi {
  const post = async (method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> => {
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
  return new Proxy({} as PortalApi, {
    get: (_target, method: ApiMethod) => (input: unknown) => post(method, input),
  });
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
