// The hub's API v1 as a workstation calls it: one method per route (main/hub/server.ts serves
// them, main/sync/hub-client.ts calls them over HTTP). Services that need the hub are given this
// interface, never the transport.
import type { HubMail } from '../../preload/contract/dto';
import type { PullAnswer } from './pull';
import type { PushAnswer, PushedMutation } from './push';
import type { Enrolment, HubAgent, HubSession } from './sessions';

export interface HubApi {
  /** A cheap probe (the hub reads one row): it answers, its database too. */
  health(): Promise<{ ok: true; mail?: HubMail }>;
  register(): Promise<{ deviceId: string; token: string }>;
  push(token: string, deviceId: string | null, mutations: PushedMutation[]): Promise<PushAnswer>;
  pull(token: string, cursor: number, limit?: number): Promise<PullAnswer>;
  enrolDesk(body: { username: string; password: string }): Promise<Enrolment>;
  login(token: string, body: { login: string; password: string }): Promise<HubSession>;
  deskLogin(token: string, body: { username: string; password: string }): Promise<{ agent: HubAgent }>;
  console<T>(token: string, action: string, body: Record<string, unknown>): Promise<T>;
  changeDeskPassword(
    token: string,
    body: { username: string; currentPassword: string; newPassword: string },
  ): Promise<{ changed: true }>;
  changePassword(
    token: string,
    body: { session: string; currentPassword: string; newPassword: string; lang: 'en' | 'fr' },
  ): Promise<{ changed: true; otherSessionsEnded: number }>;
}
