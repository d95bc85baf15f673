// The hub as the end-to-end tests run it: `node dist/main/hub.cjs` on an embedded PostgreSQL in
// a folder of its own, stopped and started again on the same folder and port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../fixtures/ports';

const HUB = resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs');

export interface TestHub {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A desk workstation's token (`register-desk`), taken while the hub is stopped. */
  registerDesk(): string;
  remove(): void;
}

/** `smtpPort`: the hub sends its e-mails to a relay on loopback there. */
export async function testHub(options: { smtpPort?: number } = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-'));
  chmodSync(dataDir, 0o755); // as root, the embedded server runs as a "postgres" user
  const port = await freePort();
  let child: ChildProcess | null = null;
  const mail = options.smtpPort
    ? ['--smtp', `smtp://127.0.0.1:${options.smtpPort}`, '--mail-from', 'no-reply@hub.b2b-portal.example']
    : [];
  const args = ['--data-dir', dataDir, '--port', String(port), ...mail];
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    start: () =>
      new Promise<void>((done, fail) => {
        child = spawn(process.execPath, [HUB, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const timer = setTimeout(() => fail(new Error(`hub did not start: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('running at')) {
            clearTimeout(timer);
            done();
          }
        };
        child.stdout?.on('data', read);
        child.stderr?.on('data', read);
        child.on('exit', (code) => fail(new Error(`hub exited with ${code}: ${output}`)));
      }),
    async stop() {
      const running = child as ChildProcess | null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGTERM');
      await exited;
      child = null;
    },
    registerDesk() {
      const out = execFileSync(process.execPath, [HUB, 'register-desk', '--data-dir', dataDir], { encoding: 'utf8' });
      return /token \(shown once; give it to the workstation\): (\S+)/.exec(out)![1]!;
    },
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
