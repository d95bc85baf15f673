// The browser host over real HTTP on 127.0.0.1: token, Host and Origin checks, static files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebHost, MAX_BODY_BYTES } from '../../main/http/server';
import { serveAppRequest } from '../../main/app/protocol';
import { resolveAsset } from '../../main/assets/resolve';
import { tempDir, testCore } from '../fixtures/core';
import { WEB_HOST_NODE_FLAGS } from '../fixtures/web-host-flags';

const TOKEN = 'test-token-0123456789abcdef';
const core = testCore();
// The renderer folder sits next to a secret that no path may reach.
const base = tempDir();
const renderer = { path: join(base.path, 'renderer'), remove: base.remove };
mkdirSync(join(renderer.path, 'assets'), { recursive: true });
writeFileSync(join(base.path, 'secret.txt'), 'TOP SECRET');
writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(renderer.path, 'assets', 'app.js'), 'console.log(1)');
const server = createWebHost({ router: core.router, rendererDir: renderer.path, token: TOKEN });
let port = 0;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  core.dispose();
  renderer.remove();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (method: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(payload),
  });

describe('the browser host API', () => {
  it('answers with the token', async () => {
    const reply = await api('analyze', { cofor: 'A10001' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { situation: 'open' } });
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { Authorization: 'Bearer wrong-token-0123456789abcde' }],
    ['a token prefix', { Authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ])('refuses %s', async (_name, headers) => {
    const reply = await send('/api/analyze', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '{"cofor":"A10001"}',
    });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    expect((await api('analyze', { cofor: 'A10001' }, { Host: 'evil.example' })).status).toBe(421);
    const cross = await api('analyze', { cofor: 'A10001' }, { Origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await api('analyze', { cofor: 'A10001' }, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses an unknown channel, bad JSON, another content type, GET and an oversized body', async () => {
    expect((await api('dropTables', {})).status).toBe(404);
    const badJson = await send('/api/analyze', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{cofor:',
    });
    expect(JSON.parse(badJson.body)).toMatchObject({ error: { code: 'invalid-input' } });
    const form = await send('/api/analyze', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${TOKEN}` },
      body: 'cofor=A',
    });
    expect(form.status).toBe(415);
    expect((await send('/api/analyze', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(405);
    const huge = await send('/api/analyze', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: Buffer.alloc(MAX_BODY_BYTES + 10, 0x20),
    });
    expect(huge.status).toBe(413);
  });
});

describe('static files', () => {
  it('serves the renderer with a strict CSP and security headers', async () => {
    const reply = await send('/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    expect(reply.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect((await send('/assets/app.js')).body).toBe('console.log(1)');
  });

  it('refuses other methods than GET', async () => {
    expect((await send('/index.html', { method: 'POST' })).status).toBe(405);
  });
});

const TRAVERSALS = [
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E%2Fsecret.txt',
  '/assets/..%2f..%2fsecret.txt',
  '/..%5csecret.txt',
  '/assets\\..\\..\\secret.txt',
  '/%252e%252e/secret.txt',
  '//etc/passwd',
  '/C:/Windows/win.ini',
  '/%00index.html',
  '/index.html%00.js',
  '/%E0%A4%A',
];

describe('asset paths', () => {
  it.each(TRAVERSALS)('never leaves the renderer folder for %j', (path) => {
    const result = resolveAsset(renderer.path, path);
    if (result.ok) expect(result.file.startsWith(renderer.path)).toBe(true);
    else expect([400, 404]).toContain(result.status);
  });

  it.each(TRAVERSALS)('the host answers %j with an error', async (path) => {
    const reply = await send(path);
    expect([400, 404]).toContain(reply.status);
    expect(reply.body).not.toContain('TOP SECRET');
  });

  it.each(TRAVERSALS)('app:// answers %j with an error', async (path) => {
    const reply = await serveAppRequest(
      renderer.path,
      new Request(`app://portal${path.startsWith('//') ? path.slice(1) : path}`),
    );
    expect([400, 404]).toContain(reply.status);
  });

  it('app:// serves GET only, for its own host only', async () => {
    expect((await serveAppRequest(renderer.path, new Request('app://portal/index.html'))).status).toBe(200);
    expect(
      (await serveAppRequest(renderer.path, new Request('app://portal/index.html', { method: 'POST', body: 'x' })))
        .status,
    ).toBe(405);
    expect((await serveAppRequest(renderer.path, new Request('app://other/index.html'))).status).toBe(404);
    const ok = await serveAppRequest(renderer.path, new Request('app://portal/index.html'));
    expect(ok.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });
});

describe('how the host is started', () => {
  it('`npm run web` starts it with the Node flags the tests and the bench use', () => {
    const scripts = (
      JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['web']).toContain(`node ${WEB_HOST_NODE_FLAGS.join(' ')} dist/main/web.cjs`);
  });
});
