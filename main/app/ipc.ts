// The one IPC wrapper: known channel, trusted sender (our top-level app:// page, not an iframe
// or a navigated-away page), then the router's strict schema. Kept free of `electron` imports
// so the same checks run in the unit tests.
import { ipcChannel, isApiMethod, API_METHODS } from '../../preload/contract/channels';
import { fail, type ApiResult } from '../../preload/contract/result';
import type { Router } from '../api/router';

export const APP_SCHEME = 'app';
export const APP_HOST = 'portal';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface IpcSenderLike {
  senderFrame: { url: string; parent: unknown } | null;
  /** The window's web contents: only used to capture the page for a help request. */
  sender?: { capturePage(): Promise<{ toPNG(): Uint8Array }> };
}

export function isTrustedSender(event: IpcSenderLike): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    // Node's URL gives custom schemes an opaque origin, so compare scheme and host instead.
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

const CHANNEL_PREFIX = 'portal:';

export async function handleIpc(
  router: Router,
  channel: string,
  event: IpcSenderLike,
  payload: unknown,
): Promise<ApiResult<unknown>> {
  const method = channel.startsWith(CHANNEL_PREFIX) ? channel.slice(CHANNEL_PREFIX.length) : null;
  if (!isApiMethod(method))
    return fail('unknown-channel', `There is no channel named ${JSON.stringify(channel.slice(0, 80))}.`);
  if (!isTrustedSender(event)) return fail('forbidden-sender', 'This window may not call the portal API.');
  const sender = event.sender;
  return router.call(
    method,
    payload,
    sender ? { captureWindow: async () => (await sender.capturePage()).toPNG() } : {},
  );
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderLike, payload: unknown) => Promise<unknown>): void;
}

export function wireIpc(ipcMain: IpcMainLike, router: Router): void {
  for (const method of API_METHODS) {
    const channel = ipcChannel(method);
    ipcMain.handle(channel, (event, payload) => handleIpc(router, channel, event, payload));
  }
}
