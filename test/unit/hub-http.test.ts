// The hub over real HTTP on a real PostgreSQL: two hub servers on one database serve the same
// workstations; bad calls get a 4xx with a stable code, never a 500; and `npm run hub` starts on
// its embedded PostgreSQL with nothing installed by hand.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { createHubAgent } from '../../main/hub/agents';
import { createHubServer, HUB_MAX_BODY_BYTES } from '../../main/hub/server';
import { hubServices } from '../../main/hub/services';
import { batch, help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

let db: TestPostgres;
let url: string;
const servers: Server[] = [];
const pools: Pool[] = [];
let hubA: string;
let hubB: string;

async function listen(pool: Pool, anonymousPerMinute = 1000): Promise<string> {
  const server = createHubServer({ pool, anonymousPerMinute });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  db = await startTestPostgres();
  const created = await db.newDatabase();
  url = created.url;
  await loadDemoDirectoryIfEmpty(created.pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  // Two hubs, each with its own pool, on the one database.
  const second = new pg.Pool({ connectionString: url, max: 4 });
  second.on('error', () => {});
  pools.push(second);
  hubA = await listen(created.pool);
  hubB = await listen(second);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  await Promise.all(pools.map((p) => p.end()));
  await db?.stop();
});

async function call(
  base: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string; type?: string } = {},
) {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined || init.raw !== undefined ? { 'content-type': init.type ?? 'application/json' } : {}),
    },
    ...(init.raw !== undefined
      ? { body: init.raw }
      : init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : {}),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as HubBody };
}

/** What the hub answers, read loosely: each test reads the fields it checks. */
interface HubBody {
  error: { code: string; message: string; fields?: Record<string, string> };
  token: string;
  deviceId: string;
  lastMutationId: number;
  results: Array<{ id: number; duplicate: boolean; result: unknown }>;
  changes: Array<{ entity: string; id: string; data: unknown }>;
  agent: { username: string; fullName: string; email: string };
  mail: { assistance: boolean; relay: boolean };
}

const helpMutation = (id: number, ref: string) => ({
  id,
  name: 'submitRequest',
  args: {
    reference: ref,
    kind: 'help',
    lang: 'en',
    payload: {
      purpose: 'other',
      message: 'Hello',
      name: 'Jo',
      company: 'Jo Ltd',
      email: 'jo@jo.example',
      phone: '+44 20 0000 0000',
      lang: 'en',
    },
  },
});

describe('two hubs on one database', () => {
  it('serve the same workstation: registered on one, pushed to the other, pulled from the first', async () => {
    const registered = await call(hubA, '/v1/devices', { body: { kind: 'supplier' } });
    expect(registered.status).toBe(200);
    const { token, deviceId } = registered.body;
    const pushed = await call(hubB, '/v1/push', {
      token,
      body: { deviceId, mutations: [helpMutation(1, 'HLP-20261201-AAAAAA')] },
    });
    expect(pushed.body).toMatchObject({
      lastMutationId: 1,
      results: [{ id: 1, duplicate: false, result: { ok: true } }],
    });
    // The same push through the other hub: a duplicate, with the same answer.
    const again = await call(hubA, '/v1/push', {
      token,
      body: { deviceId, mutations: [helpMutation(1, 'HLP-20261201-AAAAAA')] },
    });
    expect(again.body.results[0]).toMatchObject({ duplicate: true, result: pushed.body.results[0]!.result });
    const pulled = await call(hubA, '/v1/pull?cursor=0', { token });
    expect(pulled.body.changes.filter((c: { entity: string }) => c.entity === 'request-status')).toMatchObject([
      { id: 'HLP-20261201-AAAAAA', data: { state: 'received' } },
    ]);
  });
});

describe('bad calls get a clear 4xx with a stable code', () => {
  let token = '';
  let deviceId = '';
  beforeAll(async () => {
    ({ token, deviceId } = (await call(hubA, '/v1/devices', { body: { kind: 'supplier' } })).body);
  });

  const cases: Array<[string, () => Promise<{ status: number; body: HubBody }>, number, string]> = [
    ['malformed JSON', () => call(hubA, '/v1/push', { token, raw: '{"mutations": [' }), 400, 'invalid-input'],
    [
      'a push that is not the API',
      () => call(hubA, '/v1/push', { token, body: { mutations: 'all of them' } }),
      400,
      'invalid-input',
    ],
    [
      'a mutation id that is not a whole number',
      () =>
        call(hubA, '/v1/push', {
          token,
          body: { mutations: [{ ...helpMutation(1, 'HLP-20261201-BBBBBB'), id: 1.5 }] },
        }),
      400,
      'invalid-input',
    ],
    [
      'an oversized push',
      () =>
        call(hubA, '/v1/push', {
          token,
          raw: `{"mutations":[{"id":1,"name":"x","args":"${'a'.repeat(HUB_MAX_BODY_BYTES)}"}]}`,
        }),
      413,
      'payload-too-large',
    ],
    [
      'not JSON',
      () => call(hubA, '/v1/push', { token, raw: 'mutations=1', type: 'application/x-www-form-urlencoded' }),
      415,
      'unsupported-media-type',
    ],
    [
      'an unknown API version',
      () => call(hubA, '/v2/push', { token, body: { mutations: [] } }),
      404,
      'unknown-version',
    ],
    [
      'no token',
      () => call(hubA, '/v1/push', { body: { mutations: [helpMutation(1, 'HLP-20261201-CCCCCC')] } }),
      401,
      'unauthenticated',
    ],
    ['a token nobody has', () => call(hubA, '/v1/pull?cursor=0', { token: 'x'.repeat(43) }), 401, 'unauthenticated'],
    [
      'a push replayed from another device',
      () =>
        call(hubA, '/v1/push', {
          token,
          body: { deviceId: 'dev_someone_else', mutations: [helpMutation(1, 'HLP-20261201-DDDDDD')] },
        }),
      403,
      'forbidden',
    ],
    [
      'a gap',
      () => call(hubA, '/v1/push', { token, body: { deviceId, mutations: [helpMutation(3, 'HLP-20261201-EEEEEE')] } }),
      409,
      'mutation-gap',
    ],
    ['a cursor that is not a number', () => call(hubA, '/v1/pull?cursor=-1', { token }), 400, 'invalid-input'],
    ['a page of no change', () => call(hubA, '/v1/pull?cursor=0&limit=0', { token }), 400, 'invalid-input'],
    [
      'a page larger than the hub sends',
      () => call(hubA, '/v1/pull?cursor=0&limit=9999', { token }),
      400,
      'invalid-input',
    ],
    [
      'registering a desk anonymously',
      () => call(hubA, '/v1/devices', { body: { kind: 'desk' } }),
      400,
      'invalid-input',
    ],
  ];
  for (const [what, send, status, code] of cases) {
    it(what, async () => {
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toMatch(/\w{3,}/);
    });
  }

  it('limits anonymous registrations per address, and says when to come back', async () => {
    const limited = await listen(pools[0] ?? (await db.newDatabase()).pool, 3);
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(limited, '/v1/devices', { body: { kind: 'supplier' } })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await call(limited, '/v1/devices', { body: { kind: 'supplier' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('the hub command', () => {
  it('`npm run hub` starts on an embedded PostgreSQL in its data folder, answers, and stops on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    chmodSync(dataDir, 0o755); // as root, the embedded server runs as a "postgres" user
    const child = spawn(
      process.execPath,
      [resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs'), '--data-dir', dataDir, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const base = await new Promise<string>((done, fail) => {
        let output = '';
        const timer = setTimeout(() => fail(new Error(`no start: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /running at (http:\/\/\S+)\/v1\//.exec(output);
          if (match) {
            clearTimeout(timer);
            done(match[1]!);
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => fail(new Error(`exited ${code}: ${output}`)));
      });
      expect((await call(base, '/v1/health')).body).toMatchObject({ ok: true, api: 1 });
      const { token } = (await call(base, '/v1/devices', { body: { kind: 'supplier' } })).body;
      const companies = (await call(base, '/v1/pull?cursor=0', { token })).body.changes;
      expect(companies.map((c: { id: string }) => c.id)).toEqual(['A10001', 'A10002', 'A10003', 'A10004']);
      // A second command on the folder of a running hub is told so, in words.
      const second = spawnSync(
        process.execPath,
        [
          resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs'),
          'export',
          join(dataDir, 'x.jsonl'),
          '--data-dir',
          dataDir,
        ],
        { encoding: 'utf8' },
      );
      expect([second.status, second.stderr]).toEqual([
        1,
        expect.stringMatching(/is in use \(a hub runs on this folder\)/),
      ]);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it("an agent's login enrols a desk workstation; a wrong password and an unknown agent get the same answer", async () => {
    const { pool } = await db.newDatabase();
    const base = await listen(pool);
    // The same agent created twice at once: made once.
    const agent = {
      username: 'desk.ana',
      fullName: 'Ana Assist',
      email: 'ana@assist.example',
      password: 'orange kettle mountain river',
    };
    expect((await Promise.all([createHubAgent(pool, agent), createHubAgent(pool, agent)])).sort()).toEqual([
      false,
      true,
    ]);
    const wrong = await call(base, '/v1/desk-enrolments', {
      body: { username: 'desk.ana', password: 'not it at all' },
    });
    const unknown = await call(base, '/v1/desk-enrolments', {
      body: { username: 'desk.nobody', password: 'orange kettle mountain river' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid-credentials']);
    expect(unknown.body).toEqual(wrong.body);

    const enrolled = await call(base, '/v1/desk-enrolments', {
      body: { username: 'DESK.ANA', password: 'orange kettle mountain river' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.agent).toEqual({ username: 'desk.ana', fullName: 'Ana Assist', email: 'ana@assist.example' });
    // A desk device: it receives the requests a supplier sends, which a supplier device never does.
    const { token: supplierToken } = (await call(base, '/v1/devices', { body: { kind: 'supplier' } })).body;
    await call(base, '/v1/push', { token: supplierToken, body: { mutations: batch(help('enrolment')) } });
    const onDesk = (await call(base, '/v1/pull?cursor=0', { token: enrolled.body.token })).body.changes;
    expect(onDesk.some((c: { entity: string }) => c.entity === 'request')).toBe(true);
    const { rows } = await pool.query<{ kind: string; by: string }>(
      'SELECT kind, enrolled_by AS by FROM devices WHERE id = $1',
      [enrolled.body.deviceId],
    );
    expect(rows[0]).toEqual({ kind: 'desk', by: 'desk.ana' });

    // An agent's login from a registered workstation: only with its token, one answer for a wrong
    // password and an unknown agent, and never a hash in the answer.
    const agentLogin = (token: string | undefined, body: unknown) => call(base, '/v1/desk-sessions', { token, body });
    expect((await agentLogin(undefined, { username: 'desk.ana', password: 'x' })).status).toBe(401);
    const wrongLogin = await agentLogin(supplierToken, { username: 'desk.ana', password: 'not it at all' });
    expect([wrongLogin.status, wrongLogin.body.error.code]).toEqual([401, 'invalid-credentials']);
    expect((await agentLogin(supplierToken, { username: 'desk.nobody', password: 'x' })).body).toEqual(wrongLogin.body);
    expect((await agentLogin(supplierToken, { username: 'desk.ana' })).body.error.code).toBe('invalid-input');
    const loggedIn = await agentLogin(enrolled.body.token, {
      username: 'desk.ana',
      password: 'orange kettle mountain river',
    });
    expect(loggedIn.body).toEqual({
      agent: { username: 'desk.ana', fullName: 'Ana Assist', email: 'ana@assist.example' },
    });
    const change = await call(base, '/v1/desk-password', {
      token: enrolled.body.token,
      body: { username: 'desk.ana', currentPassword: 'not it at all', newPassword: 'purple window harbour snow' },
    });
    expect(change.body.error.fields).toEqual({ currentPassword: 'password.current-wrong' });
  });

  it('`npm run hub -- create-agent` checks the agent, reads the password on standard input, and makes it once', () => {
    const hubCli = (args: string[], input: string) =>
      spawnSync(process.execPath, [resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs'), ...args], {
        input,
        encoding: 'utf8',
      });
    const base = ['create-agent', '--database-url', url, '--name', 'Bea Assist', '--email', 'bea@assist.example'];
    const badName = hubCli([...base, '--username', 'V123456'], '');
    expect([badName.status, badName.stderr]).toEqual([2, expect.stringMatching(/--username: lower-case letters/)]);
    const weak = hubCli([...base, '--username', 'desk.bea'], 'short\n');
    expect([weak.status, weak.stderr]).toEqual([
      2,
      expect.stringMatching(/The password is refused \(password.too-short\)/),
    ]);
    const made = hubCli([...base, '--username', 'desk.bea'], 'seven bright kites over porto\n');
    expect([made.status, made.stdout]).toEqual([0, expect.stringMatching(/Desk agent desk.bea created on the hub/)]);
    const again = hubCli([...base, '--username', 'desk.bea'], 'seven bright kites over porto\n');
    expect([again.status, again.stderr]).toEqual([1, expect.stringMatching(/exists already/)]);
  }, 60_000);
});

describe('what the hub can e-mail', () => {
  it('is said with every pull page and by /health: an assistance address, a mail relay, or neither', async () => {
    const withMail = createHubServer({
      pool: pools[0]!,
      services: hubServices({ assistanceAddress: 'assistance@b2b-portal.example', mailRelay: true }),
    });
    servers.push(withMail);
    await new Promise<void>((done) => withMail.listen(0, '127.0.0.1', done));
    const mailing = `http://127.0.0.1:${(withMail.address() as { port: number }).port}`;
    const { token } = (await call(hubA, '/v1/devices', { body: { kind: 'supplier' } })).body;
    expect((await call(hubA, '/v1/pull?cursor=0', { token })).body.mail).toEqual({ assistance: false, relay: false });
    expect((await call(hubA, '/v1/health')).body.mail).toEqual({ assistance: false, relay: false });
    expect((await call(mailing, '/v1/pull?cursor=0', { token })).body.mail).toEqual({ assistance: true, relay: true });
    expect((await call(mailing, '/v1/health')).body.mail).toEqual({ assistance: true, relay: true });
  });
});
