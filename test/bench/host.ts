// The real browser host (dist/main/web.cjs) as a child process, for the figures that need one:
// its address with the token, and its resident memory as the OS counts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WEB_HOST_NODE_FLAGS } from '../fixtures/web-host-flags';

export interface BenchHost {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  /** Resident set size in MB, from /proc (what the OS gives the process, heap or not). */
  rssMb(): number;
  /** Calls the API as the page does. */
  call<T = unknown>(method: string, payload: unknown): Promise<{ ok: boolean; value?: T; error?: unknown }>;
  stop(): Promise<void>;
}

export async function startBenchHost(dataDir: string, args: string[] = []): Promise<BenchHost> {
  const child = spawn(process.execPath, [
    ...WEB_HOST_NODE_FLAGS,
    resolve(__dirname, '..', '..', 'dist', 'main', 'web.cjs'),
    '--port',
    '0',
    '--data-dir',
    dataDir,
    ...args,
  ]);
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (\S+)/.exec(out);
      if (m?.[1]) ok(m[1]);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', () => fail(new Error(`host exited: ${out}`)));
  });
  const { origin, hash } = new URL(url);
  const token = hash.replace('#token=', '');
  return {
    url,
    origin,
    token,
    process: child,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async call(method, payload) {
      const response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
      });
      return (await response.json()) as { ok: boolean };
    },
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
