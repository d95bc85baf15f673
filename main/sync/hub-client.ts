// The workstation's side of the hub's API v1 (main/hub/server.ts). Tokens go in the
// Authorization header; an unreachable hub is "offline", never an error to show as a failure.
import type { HubApi } from '../hub-protocol/api';
import { HubFailing, HubRefused, HubUnreachable } from '../hub-protocol/errors';
import type { Enrolment, HubAgent, HubSession } from '../hub-protocol/sessions';
import type { PullAnswer } from '../hub-protocol/pull';
import type { PushAnswer, PushedMutation } from '../hub-protocol/push';

export type PushResult = PushAnswer;
export type PullResult = PullAnswer;

export function createHubClient(baseUrl: string, timeoutMs = 15_000): HubApi {
  const root = baseUrl.replace(/\/+$/, '');
  async function call<T>(path: string, init: { token?: string; body?: unknown } = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${root}/v1${path}`, {
        method: init.body === undefined ? 'GET' : 'POST',
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new HubUnreachable(`The hub at ${root} does not answer (${(error as Error).message}).`);
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.ok) return body as T;
    const error = (body['error'] ?? {}) as { code?: string; message?: string };
    if (response.status >= 500) throw new HubFailing(`The hub answered ${response.status}: ${error.message ?? ''}`);
    throw new HubRefused(response.status, error.code ?? 'unknown', error.message ?? `HTTP ${response.status}`, error);
  }
  return {
    /** A cheap probe (the hub reads one row): it answers, its database too. */
    health: () => call<{ ok: true }>('/health'),
    register: () => call<{ deviceId: string; token: string }>('/devices', { body: { kind: 'supplier' } }),
    push: (token: string, deviceId: string | null, mutations: PushedMutation[]) =>
      call<PushResult>('/push', { token, body: { ...(deviceId ? { deviceId } : {}), mutations } }),
    pull: (token: string, cursor: number, limit = 5000) =>
      call<PullResult>(`/pull?cursor=${cursor}&limit=${limit}`, { token }),
    enrolDesk: (body: { username: string; password: string }) => call<Enrolment>('/desk-enrolments', { body }),
    login: (token: string, body: { login: string; password: string }) => call<HubSession>('/sessions', { token, body }),
    deskLogin: (token: string, body: { username: string; password: string }) =>
      call<{ agent: HubAgent }>('/desk-sessions', { token, body }),
    console: <T>(token: string, action: string, body: Record<string, unknown>) =>
      call<T>(`/console/${action}`, { token, body }),
    changeDeskPassword: (token: string, body: { username: string; currentPassword: string; newPassword: string }) =>
      call<{ changed: true }>('/desk-password', { token, body }),
    changePassword: (
      token: string,
      body: { session: string; currentPassword: string; newPassword: string; lang: 'en' | 'fr' },
    ) => call<{ changed: true; otherSessionsEnded: number }>('/password', { token, body }),
  };
}
export type HubClient = HubApi;
