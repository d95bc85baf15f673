// What the hub's fuzz (issue 24, hub-fuzz.test.ts) found at the edge of the HTTP API, each as the
// call that found it: an address `new URL` cannot read answered 500; a body its caller cut short
// was logged as a database that does not answer (and answered 503); 8 MB of "{}," was parsed into
// 2.8 million objects before anything counted them. Real PostgreSQL, real HTTP.
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countJsonValues } from '../../main/hub/body-values';
import { createBodyCollector } from '../../main/hub/body-collector';
import { createHubServer } from '../../main/hub/server';
import { HUB_MAX_BODY_BYTES, MAX_BODY_VALUES } from '../../main/hub-protocol/limits';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let db: TestPostgres;
let pool: Pool;
let server: Server;
let port = 0;
const logged: string[] = [];

beforeAll(async () => {
  db = await startTestPostgres();
  ({ pool } = await db.newDatabase());
  server = createHubServer({ pool, log: (line) => logged.push(line) });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as { port: number }).port;
}, 60_000);
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  await db?.stop();
});

/** Sends `bytes` on a socket of their own, half-closes it, and reads what comes back. */
const raw = (bytes: string) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => {});
    socket.end(bytes);
  });

describe('the edge of the hub API', () => {
  it.each(['//', '//:99999/v1/health', '//[::1/v1/health'])(
    'an address that is no path (%s) is not found, not a 500',
    async (target) => {
      const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 404 /);
      expect(answer).toContain('"code":"not-found"');
    },
  );

  it('a body cut short by its caller is its mistake (400), never logged as a database that does not answer', async () => {
    logged.length = 0;
    const answer = await raw(
      'POST /v1/devices HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"kind":',
    );
    // Node answers the cut request itself (400); the hub's handler then meets the cut body.
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    while (await new Promise((done) => server.getConnections((_, n) => done(n > 0))));
    await new Promise((done) => setImmediate(done));
    expect(logged.filter((l) => /unreachable|internal error/.test(l))).toEqual([]);
  });

  it('8 MB of small objects is refused unparsed, with a 413 in words', async () => {
    const body = `[${'{},'.repeat(Math.floor(HUB_MAX_BODY_BYTES / 3) - 1)}{}]`;
    const response = await fetch(`http://127.0.0.1:${port}/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/JSON values at most/);
  });
});

describe('counting the values of a body before it is parsed', () => {
  it.each([
    ['{}', 1],
    ['[1,2,3]', 3],
    ['{"a":[{},{}],"b":"x"}', 6],
    ['"[{,,,}]"', 0], // inside a string: nothing
    ['"a\\"[,"', 0], // an escaped quote does not end the string
    ['"a\\\\",[', 2], // an escaped backslash does
    ['["é,ж", {}]', 3], // multi-byte characters are skipped with their string
  ])('%s counts %i', (text, values) => {
    expect(countJsonValues(Buffer.from(text), MAX_BODY_VALUES)).toBe(values);
  });

  it('stops counting past the limit', () => {
    expect(countJsonValues(Buffer.from(`[${'0,'.repeat(1000)}0]`), 10)).toBe(11);
  });
});

describe('the collection after large bodies', () => {
  it('runs once the bodies answered since the last one add up to the given bytes', () => {
    let runs = 0;
    const collect = createBodyCollector(8, () => runs++);
    for (const bytes of [3, 3, 1]) collect(bytes);
    expect(runs).toBe(0);
    collect(1); // 8: collected, and counted from 0 again
    collect(7);
    expect(runs).toBe(1);
    collect(9);
    expect(runs).toBe(2);
  });

  it('is a no-op where the runtime does not expose the collector', () => {
    expect(() => createBodyCollector(1, null)(10)).not.toThrow();
  });
});
