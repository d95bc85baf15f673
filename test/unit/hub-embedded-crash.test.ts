// A hub killed with SIGKILL left its embedded PostgreSQL running alone, and the next start was
// refused as "a hub runs on this folder" though none did (issue 24, N6). The orphan is now
// recognised by its dead hub and stopped; a server whose hub runs is still refused. Real
// processes: `node dist/main/hub.cjs` on the embedded PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const HUB = resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs');
const dataDir = mkdtempSync(join(tmpdir(), 'hub-orphan-'));
chmodSync(dataDir, 0o755); // as root, the embedded server runs as a "postgres" user
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 3000));
  const left = postmaster();
  if (left) process.kill(left, 'SIGINT');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the hub and answers what it printed once it runs, or exits. */
function startHub(): Promise<{ child: ChildProcess; output: string; running: boolean }> {
  const child = spawn(process.execPath, [HUB, '--data-dir', dataDir, '--port', '0', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((done) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running at')) done({ child, output, running: true });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => done({ child, output, running: false }));
  });
}

function postmaster(): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** The port a running hub printed ("running at http://127.0.0.1:PORT"). */
const urlOf = (output: string) => /running at (http:\/\/[^/\s]+)/.exec(output)![1]!;

describe('an embedded PostgreSQL that dies under a running hub', () => {
  it('is started again by the hub; meanwhile every call is answered 503 with words, never 500', async () => {
    const hub = await startHub();
    expect(hub.running).toBe(true);
    const base = `${urlOf(hub.output)}/v1`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const dead = postmaster()!;
    process.kill(dead, 'SIGKILL');
    const statuses = new Set<number>();
    let healthy = false;
    for (const until = Date.now() + 60_000; Date.now() < until && !healthy;) {
      const health = await fetch(`${base}/health`);
      const body = (await health.json()) as { error?: { code: string; message: string } };
      statuses.add(health.status);
      if (health.status === 503) expect(body.error).toMatchObject({ code: 'unavailable', message: /does not answer/ });
      healthy = health.status === 200 && postmaster() !== null && postmaster() !== dead;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(healthy).toBe(true);
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
    const registered = await fetch(`${base}/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'supplier' }),
    });
    expect(registered.status).toBe(200);
    const stopped = new Promise((r) => hub.child.once('exit', r));
    hub.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 120_000);
});

describe('the embedded PostgreSQL of a hub that died', () => {
  it('is stopped at the next start, which then succeeds; a live hub on the folder is still refused', async () => {
    const first = await startHub();
    expect(first.running).toBe(true);
    const second = await startHub();
    expect(second.running).toBe(false);
    expect(second.output).toMatch(/is in use \(a hub runs on this folder\): stop that hub first/);

    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    const orphan = postmaster();
    expect(orphan).not.toBeNull(); // the server outlived its hub

    const again = await startHub();
    expect(again.output).toMatch(/left by a hub that died/);
    expect(again.running).toBe(true);
    expect(postmaster()).not.toBe(orphan);
    const stopped = new Promise((r) => again.child.once('exit', r));
    again.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 120_000);
});
