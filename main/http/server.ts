// The headless host: the same renderer and the same API over HTTP, on 127.0.0.1 only. Every API
// call needs the per-launch token, and Host/Origin are checked so that no web page can reach
// the API through DNS rebinding or a cross-site form.
import { timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fail, type ApiResult } from '../../preload/contract/result';
import type { Router } from '../api/router';
import { resolveAsset } from '../assets/resolve';
import { SECURITY_HEADERS } from '../assets/headers';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface WebHostOptions {
  router: Router;
  rendererDir: string;
  token: string;
}

const API_PREFIX = '/api/';

export function createWebHost({ router, rendererDir, token }: WebHostOptions): Server {
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'The host failed to answer.'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = (server.address() as { port: number } | null)?.port;
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return sendText(res, 421, 'Misdirected request: this host answers only on 127.0.0.1.');
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid-input', 'API calls use POST.'));
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) {
        return sendJson(res, 403, fail('forbidden-sender', 'Calls from another origin are refused.'));
      }
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return sendJson(
          res,
          401,
          fail('unauthorized', 'Open the address printed when the host started: it carries the access token.'),
        );
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(res, 415, fail('invalid-input', 'Send JSON (Content-Type: application/json).'));
      }
      const body = await readBody(req);
      if (body === 'too-large') {
        return sendJson(
          res,
          413,
          fail('payload-too-large', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`),
        );
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('invalid-input', 'The request body is not valid JSON.'));
      }
      const result = await router.call(url.pathname.slice(API_PREFIX.length), payload);
      const status = result.ok
        ? 200
        : result.error.code === 'unknown-channel'
          ? 404
          : result.error.code === 'internal'
            ? 500
            : 200;
      return sendJson(res, status, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET here.');
    const asset = resolveAsset(rendererDir, url.pathname);
    if (!asset.ok) return sendText(res, asset.status, asset.status === 400 ? 'Bad path.' : 'Not found.');
    let content: Buffer;
    try {
      content = await readFile(asset.file);
    } catch {
      return sendText(res, 404, 'Not found.');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': asset.contentType,
      'Cache-Control': asset.file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  return server;
}

function readBody(req: IncomingMessage): Promise<string | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
