// One table of cases per intent, run against a workstation's SQLite store (through its router,
// as a screen calls it) and against the hub's PostgreSQL (as a workstation pushes it): the same
// answer codes and field keys, and the same state read back through one read model. The two
// drifts the hub once had are cases here: an access request for a deactivated company, and a
// move of a request another desk decided first.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubAgent, enrolDesk } from '../../main/hub/agents';
import { deviceOfToken, registerDevice, type Device } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { hubServices } from '../../main/hub/services';
import { pushMutations } from '../../main/hub/sync';
import { deskSession, TEST_AGENT, testCore } from '../fixtures/core';
import { accessRequest as pushedAccessRequest, help, reference as newReference } from '../fixtures/hub-mutations';
import { helpRequest } from '../fixtures/linked-hub';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

const DEMO = resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json');
const TEMPLATES = JSON.parse(
  readFileSync(resolve(__dirname, '..', '..', 'resources', 'desk', 'templates.json'), 'utf8'),
);
delete TEMPLATES._comment;

/** What a caller sees of an answer: accepted, or refused with a code and the fields it names. */
type Answer = { ok: true } | { ok: false; code: string; fields: string[] };
const answerOf = (result: { ok: boolean; error?: { code: string; fields?: Record<string, string> } }): Answer =>
  result.ok
    ? { ok: true }
    : { ok: false, code: result.error!.code, fields: Object.values(result.error!.fields ?? {}).sort() };

/** One store, driven the way its callers drive it, read back through the same read model. */
interface Side {
  accessRequest(cofor: string): Promise<Answer>;
  /** A help request in the desks' queue, as the hub or a standalone desk has one. */
  newRequest(): Promise<string>;
  answerRequest(reference: string): Promise<Answer>;
  setState(reference: string, state: string, assignee: string | null): Promise<Answer>;
  saveTemplates(templates: unknown): Promise<Answer>;
  /** Its sender puts an expired request back in the queue. */
  reopen(reference: string): Promise<Answer>;
  /** Test setup: the request waited 30 days for its sender and expired. */
  expire(reference: string): Promise<void>;
  read: {
    request(reference: string): Promise<{ deskState: string; assignee: string | null } | null>;
    access(cofor: string): Promise<string | null>;
  };
  dispose(): Promise<void>;
}

async function sqliteSide(): Promise<Side> {
  const core = testCore();
  const session = await deskSession(core);
  const call = async (channel: string, input: unknown) =>
    answerOf((await core.router.call(channel as never, input as never)) as never);
  return {
    accessRequest: (cofor) =>
      call('submitAccessRequest', {
        cofor,
        legalRepresentative: {
          fullName: 'Lea Legal',
          jobTitle: 'Director',
          email: 'lea@sample.example',
          phone: '+49 30 000000',
        },
        plsa: { fullName: 'Pat Plsa', jobTitle: 'Director', email: 'pat@sample.example', phone: '+49 30 000000' },
        termsVersion: '2026-01',
        termsAccepted: true,
        samePersonConfirmed: false,
        lang: 'fr',
      }),
    async newRequest() {
      const sent = (await core.router.call('submitHelpRequest', helpRequest('Where is my analysis?'))) as {
        value: { reference: string };
      };
      return sent.value.reference;
    },
    answerRequest: (reference) =>
      call('deskDecide', { session, reference, decision: { kind: 'answer', message: 'Here is the answer.' } }),
    setState: (reference, state, assignee) =>
      call('deskSetState', { session, reference, state, assignToMe: assignee !== null }),
    saveTemplates: (templates) => call('saveDeskTemplates', { session, templates }),
    reopen: (reference) => call('reopenRequest', { reference }),
    expire: async (reference) =>
      void core.db
        .prepare(`UPDATE submissions SET desk_state = 'done', expired_at = ? WHERE reference = ?`)
        .run(new Date().toISOString(), reference),
    read: {
      request: async (reference) =>
        (core.db
          .prepare('SELECT desk_state AS deskState, assignee FROM submissions WHERE reference = ?')
          .get(reference) as { deskState: string; assignee: string | null } | undefined) ?? null,
      access: async (cofor) =>
        (
          core.db.prepare('SELECT access_status AS access FROM companies WHERE cofor = ?').get(cofor) as
            { access: string } | undefined
        )?.access ?? null,
    },
    dispose: async () => core.dispose(),
  };
}

async function postgresSide(pg: TestPostgres): Promise<Side> {
  const { pool } = await pg.newDatabase();
  await loadDemoDirectoryIfEmpty(pool, DEMO);
  const services = hubServices({});
  await createHubAgent(pool, { ...TEST_AGENT, fullName: 'Test Agent', email: 'agent@assistance.example' });
  const enrolled = await enrolDesk(pool, TEST_AGENT, services.accounts.lockout, { source: 'parity', at: new Date() });
  const desk = await deviceOfToken(pool, enrolled.token);
  const supplier = await deviceOfToken(pool, (await registerDevice(pool, 'supplier')).token);
  // Each device numbers its mutations as its queue does: two clicks at once are two mutations.
  const lastId = new Map<string, number>();
  const pushAs = async (device: Device, mutation: { name: string; args: unknown }) => {
    const id = (lastId.get(device.id) ?? 0) + 1;
    lastId.set(device.id, id);
    const answer = await pushMutations(pool, device, { mutations: [{ id, ...mutation }] }, {}, services);
    return answerOf(answer.results.find((r) => r.id === id)!.result);
  };
  const agent = TEST_AGENT.username;
  return {
    // Each access request from its own supplier workstation, as two PCs of one company would.
    accessRequest: async (cofor) =>
      pushAs(await deviceOfToken(pool, (await registerDevice(pool, 'supplier')).token), pushedAccessRequest(cofor)),
    async newRequest() {
      const request = help('Where is my analysis?');
      await pushAs(supplier, request);
      return request.args.reference;
    },
    answerRequest: (reference) =>
      pushAs(desk, {
        name: 'deskDecide',
        args: {
          reference,
          decision: { kind: 'answer', message: 'Here is the answer.' },
          agent,
          mail: {
            to: 'rita@lost-parts.example',
            lang: 'en',
            kind: 'desk-answer',
            subject: 'Your question',
            body: 'Here is the answer.',
          },
        },
      }),
    setState: (reference, state, assignee) =>
      pushAs(desk, { name: 'deskSetState', args: { reference, state, assignee, agent } }),
    saveTemplates: (templates) => pushAs(desk, { name: 'saveTemplates', args: { templates, agent } }),
    reopen: (reference) => pushAs(supplier, { name: 'reopenRequest', args: { reference } }),
    expire: async (reference) =>
      void (await pool.query(`UPDATE requests SET desk_state = 'done', expired_at = now() WHERE reference = $1`, [
        reference,
      ])),
    read: {
      request: async (reference) =>
        ((
          await pool.query('SELECT desk_state AS "deskState", assignee FROM requests WHERE reference = $1', [reference])
        ).rows[0] as { deskState: string; assignee: string | null } | undefined) ?? null,
      access: async (cofor) =>
        (
          (await pool.query('SELECT access FROM companies WHERE cofor = $1', [cofor])).rows[0] as
            { access: string } | undefined
        )?.access ?? null,
    },
    dispose: async () => {}, // the pool ends with the test database (fixtures/postgres.ts)
  };
}

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(() => pg?.stop());

const SIDES: Array<[string, () => Promise<Side>]> = [
  ['SQLite (a workstation)', sqliteSide],
  ['PostgreSQL (the hub)', () => postgresSide(pg)],
];

describe.each(SIDES)('intents on %s', (_name, open) => {
  let side: Side;
  beforeAll(async () => {
    side = await open();
  }, 60_000);
  afterAll(() => side?.dispose());

  describe('submitRequest: an access request', () => {
    it('the same company asked twice at once: one is taken, the other told it was already requested', async () => {
      const both = await Promise.all([side.accessRequest('A10002'), side.accessRequest('A10002')]);
      expect(both.map((a) => (a.ok ? 'taken' : a.fields.join())).sort()).toEqual(['access.already-requested', 'taken']);
      expect(await side.read.access('A10002')).toBe('requested');
    });

    it.each([
      ['an unknown COFOR', 'Z99999', { ok: false, code: 'invalid-input', fields: ['cofor.unknown'] }],
      ['a deactivated company', 'A10004', { ok: false, code: 'conflict', fields: ['company.deactivated'] }],
      [
        'a company whose access was requested',
        'A10003',
        { ok: false, code: 'conflict', fields: ['access.already-requested'] },
      ],
      ['a company whose access is open', 'A10001', { ok: false, code: 'conflict', fields: ['access.already-open'] }],
    ])('%s', async (_case, cofor, expected) => {
      expect(await side.accessRequest(cofor)).toEqual(expected);
    });
  });

  describe('deskSetState', () => {
    it('moves a request and assigns it; an unknown reference is refused', async () => {
      const reference = await side.newRequest();
      expect(await side.setState(reference, 'in-progress', TEST_AGENT.username)).toEqual({ ok: true });
      expect(await side.read.request(reference)).toEqual({ deskState: 'in-progress', assignee: TEST_AGENT.username });
      expect(await side.setState(newReference('HLP'), 'in-progress', null)).toEqual({
        ok: false,
        code: 'not-found',
        fields: ['reference.unknown'],
      });
    });

    it('the same move twice at once: both answered alike, one state', async () => {
      const reference = await side.newRequest();
      const both = await Promise.all([
        side.setState(reference, 'waiting-supplier', TEST_AGENT.username),
        side.setState(reference, 'waiting-supplier', TEST_AGENT.username),
      ]);
      expect(both).toEqual([{ ok: true }, { ok: true }]);
      expect(await side.read.request(reference)).toEqual({
        deskState: 'waiting-supplier',
        assignee: TEST_AGENT.username,
      });
    });

    it('a decided request stays done: a later move is refused with who decided', async () => {
      const reference = await side.newRequest();
      expect(await side.answerRequest(reference)).toEqual({ ok: true });
      expect(await side.setState(reference, 'waiting-supplier', null)).toEqual({
        ok: false,
        code: 'conflict',
        fields: ['desk.already-decided'],
      });
      expect((await side.read.request(reference))?.deskState).toBe('done');
    });
  });

  describe('reopenRequest', () => {
    it('puts an expired request back in the queue; one still open, or unknown, is refused', async () => {
      const reference = await side.newRequest();
      expect(await side.reopen(reference)).toEqual({ ok: false, code: 'conflict', fields: ['reopen.not-expired'] });
      await side.expire(reference);
      expect(await side.reopen(reference)).toEqual({ ok: true });
      expect((await side.read.request(reference))?.deskState).toBe('new');
      expect(await side.reopen(newReference('HLP'))).toEqual({
        ok: false,
        code: 'not-found',
        fields: ['reference.unknown'],
      });
    });

    it('two clicks at once: one reopens it, the other is told it is open already', async () => {
      const reference = await side.newRequest();
      await side.expire(reference);
      const both = await Promise.all([side.reopen(reference), side.reopen(reference)]);
      expect(both.map((a) => (a.ok ? 'reopened' : a.fields.join())).sort()).toEqual(['reopen.not-expired', 'reopened']);
    });
  });

  describe('saveTemplates', () => {
    it('saves a set; a placeholder nobody fills is refused, named', async () => {
      expect(await side.saveTemplates(TEMPLATES)).toEqual({ ok: true });
      const key = Object.keys(TEMPLATES)[0]!;
      const broken = structuredClone(TEMPLATES);
      broken[key].en.body = 'Dear {nonsense}';
      expect(await side.saveTemplates(broken)).toEqual({
        ok: false,
        code: 'invalid-input',
        fields: ['template.unknown-placeholder'],
      });
    });

    it('two saves at once both apply', async () => {
      expect(await Promise.all([side.saveTemplates(TEMPLATES), side.saveTemplates(TEMPLATES)])).toEqual([
        { ok: true },
        { ok: true },
      ]);
    });
  });
});
