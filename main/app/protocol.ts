// app:// serves the built renderer: GET only, no path out of its folder, security headers on
// every answer. The renderer is never loaded from file://.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from '../assets/headers';
import { resolveAsset } from '../assets/resolve';
import { APP_HOST, APP_SCHEME } from './ipc';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export async function serveAppRequest(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET') return new Response('Only GET here.', { status: 405 });
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('Not found.', { status: 404 });
  const asset = resolveAsset(rendererDir, url.pathname);
  if (!asset.ok) return new Response(asset.status === 400 ? 'Bad path.' : 'Not found.', { status: asset.status });
  try {
    const body = await readFile(asset.file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': asset.contentType } });
  } catch {
    return new Response('Not found.', { status: 404 });
  }
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
}
