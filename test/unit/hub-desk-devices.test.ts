// Issue 24, N2: a desk device belonged to nobody, and nothing revoked it. A deskDecide pushed as
// "desk.nobody" was applied; a deactivated agent's device still pulled every request and replaced
// a PLSA with mallory@attacker.example, audited as desk.ana, no device. Here, on a real PostgreSQL
// and a real hub over HTTP: a desk mutation is applied only as an active agent who enrolled the
// device or logged in on it through the hub, audited with the device; deactivate-agent and
// revoke-device (the functions the command line runs, and once the command line itself) end
// that, every call of a revoked device gets 401 device-revoked, and its workstation says so and
// keeps what waits.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { deviceCommand } from '../../main/hub/device-commands';
import { deactivateAgent } from '../../main/hub/device-admin';
import { deviceOfToken, registerDevice } from '../../main/hub/devices';
import { pushMutations } from '../../main/hub/sync';
import { HubRefused } from '../../main/hub-protocol/errors';
import { createHubClient } from '../../main/sync/hub-client';
import { enHelp } from '../../renderer/src/lib/i18n/en-help';
import { frHelp } from '../../renderer/src/lib/i18n/fr-help';
import { deskSession, TEST_AGENT, testCore } from '../fixtures/core';
import { testAgentOnHub } from '../fixtures/hub-agent';
import { accessRequest, help } from '../fixtures/hub-mutations';
import { noKeychain } from '../fixtures/keychain-available';
import { useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();
const ANA = { username: 'desk.ana', password: 'violet kettle under the bridge' };
const BOB = { username: 'desk.bob', password: 'seven quiet lanterns at dusk' };
const HUB_CLI = resolve(__dirname, '..', '..', 'dist', 'main', 'hub.cjs');

/** A hub of this test's own over HTTP (demo directory, desk.test), with desk.ana and desk.bob,
 * a supplier's access request for A10002 and a help request waiting for the desk. */
async function hubWithRequest() {
  const { own: pool, server, url } = await linked.own();
  await testAgentOnHub(pool, ANA);
  await testAgentOnHub(pool, BOB);
  const client = createHubClient(url);
  const supplier = await client.register();
  const [asked, question] = [accessRequest('A10002'), help('waiting for the desk')];
  await client.push(supplier.token, supplier.deviceId, [
    { id: 1, ...asked },
    { id: 2, ...question },
  ]);
  return { pool, server, url, client, reference: asked.args.reference, question: question.args.reference };
}
/** Runs `work` on a hub of its own (hubWithRequest), closed after. */
async function onOwnHub(work: (hub: Awaited<ReturnType<typeof hubWithRequest>>) => Promise<void>): Promise<void> {
  const hub = await hubWithRequest();
  try {
    await work(hub);
  } finally {
    await new Promise((done) => hub.server.close(done));
  }
}

const decide = (reference: string, agent: string) => ({
  name: 'deskDecide',
  args: { reference, decision: { kind: 'validate-access' }, agent, mail: null },
});
const replacePlsa = (agent: string) => ({
  name: 'deskReplacePlsa',
  args: {
    cofor: 'A10001',
    oldLogin: 'V100001',
    fullName: 'Mallory',
    email: 'mallory@attacker.example',
    lang: 'en',
    agent,
  },
});
const setState = (reference: string, agent: string) => ({
  name: 'deskSetState',
  args: { reference, state: 'in-progress', assignee: agent, agent },
});

/** What a device's push of these mutations (numbered from `from`) answers, one code or "ok" each. */
async function pushed(
  client: ReturnType<typeof createHubClient>,
  token: string,
  from: number,
  ...mutations: Array<{ name: string; args: unknown }>
) {
  const answer = await client.push(
    token,
    null,
    mutations.map((m, i) => ({ id: from + i, ...m })),
  );
  return answer.results.map((r) =>
    r.result.ok
      ? 'ok'
      : `${(r.result['error'] as { code: string }).code}: ${(r.result['error'] as { message: string }).message}`,
  );
}

/** The hub's 401 to a revoked device, from any call. */
const refusedAs = (call: Promise<unknown>) =>
  call.then(
    () => 'answered',
    (error: unknown) =>
      error instanceof HubRefused ? `${error.status} ${error.code}: ${error.message}` : String(error),
  );
const REVOKED =
  "401 device-revoked: This device's access to the hub was revoked by the hub's administrator: ask them to enrol this workstation again.";

const stateOf = async (pool: Pool, reference: string) =>
  (
    await pool.query(
      `SELECT r.decision, c.access, (SELECT count(*)::int FROM accounts WHERE cofor = 'A10002') AS accounts,
              (SELECT count(*)::int FROM outbox) AS mails
       FROM requests r, companies c WHERE r.reference = $1 AND c.cofor = 'A10002'`,
      [reference],
    )
  ).rows[0];

describe('desk devices belong to agents', () => {
  it("refuses desk.nobody's deskDecide and changes nothing; an agent who logged in on the device through the hub decides, audited with the device", async () => {
    await onOwnHub(async ({ pool, client, reference, question }) => {
      const desk = await registerDevice(pool, 'desk'); // register-desk: nobody's yet
      const before = await stateOf(pool, reference);
      expect(
        await pushed(client, desk.token, 1, decide(reference, 'desk.nobody'), decide(reference, 'desk.ana')),
      ).toEqual([
        'forbidden: desk.nobody has not logged in on this desk workstation through the hub: log in again.',
        'forbidden: desk.ana has not logged in on this desk workstation through the hub: log in again.',
      ]);
      expect(await stateOf(pool, reference)).toEqual(before);
      expect(before).toMatchObject({ decision: null, access: 'requested', accounts: 0 });

      // desk.ana logs in there through the hub: her decision from it is hers, and says where from.
      await client.deskLogin(desk.token, ANA);
      expect(await pushed(client, desk.token, 3, decide(reference, 'desk.ana'))).toEqual(['ok']);
      expect(await stateOf(pool, reference)).toMatchObject({ decision: 'validated', access: 'open', accounts: 1 });
      const audit = await pool.query(
        `SELECT actor, action, device_id FROM audit WHERE action IN ('desk-login', 'desk-validated', 'plsa-created') ORDER BY id`,
      );
      const deviceId = (await deviceOfToken(pool, desk.token)).id;
      expect(audit.rows.filter((r) => r.action !== 'plsa-created')).toEqual([
        { actor: 'desk.ana', action: 'desk-login', device_id: deviceId },
        { actor: 'desk.ana', action: 'desk-validated', device_id: deviceId },
      ]);
      // Every line the decision wrote names the device; none written outside a desk mutation does.
      const unnamed = await pool.query(
        `SELECT count(*)::int AS n FROM audit WHERE device_id IS NULL AND actor = 'desk.ana'`,
      );
      expect(unnamed.rows[0].n).toBe(0);

      // The one who enrolled a device may act on it too; another agent, not logged in there, not.
      const enrolled = await client.enrolDesk(BOB);
      expect(
        await pushed(client, enrolled.token, 1, setState(question, 'desk.bob'), setState(question, 'desk.test')),
      ).toEqual([
        'ok',
        'forbidden: desk.test has not logged in on this desk workstation through the hub: log in again.',
      ]);
    });
  });

  it('deactivate-agent: the agent cannot log in, the device they enrolled gets 401 device-revoked on pull and push, and their PLSA replacement from another desk is not applied', async () => {
    await onOwnHub(async ({ pool, client, reference }) => {
      const enrolled = await client.enrolDesk(ANA); // the PC that is stolen
      const shared = await registerDevice(pool, 'desk'); // a desk PC ana and desk.test both use
      await client.deskLogin(shared.token, ANA);
      await client.deskLogin(shared.token, TEST_AGENT);
      expect(await pushed(client, enrolled.token, 1, setState(reference, 'desk.ana'))).toEqual(['ok']);

      const { out, exitCode } = await deviceCommand(pool, 'deactivate-agent', 'desk.ana');
      expect(exitCode).toBe(0);
      expect(out).toBe(
        `Desk agent desk.ana deactivated: they cannot log in; 2 link(s) to desk workstations ended (their desk mutations from there are refused); desk workstations they enrolled, now revoked: ${enrolled.deviceId}.`,
      );

      // The stolen PC: every call refused, in words, with its own code.
      expect(await refusedAs(client.pull(enrolled.token, 0))).toBe(REVOKED);
      expect(await refusedAs(client.push(enrolled.token, null, [{ id: 2, ...replacePlsa('desk.ana') }]))).toBe(REVOKED);
      expect(await refusedAs(client.deskLogin(enrolled.token, TEST_AGENT))).toBe(REVOKED);
      // desk.ana herself, anywhere: her password no longer opens the hub.
      expect(await refusedAs(client.deskLogin(shared.token, ANA))).toMatch(/^401 invalid-credentials/);
      // The PC she shared: her replacement of a PLSA is refused; desk.test goes on there.
      expect(await pushed(client, shared.token, 1, replacePlsa('desk.ana'), setState(reference, 'desk.test'))).toEqual([
        'forbidden: desk.ana may no longer act on the hub (deactivated): this was not applied.',
        'ok',
      ]);
      const plsa = await pool.query(`SELECT login, state FROM accounts WHERE cofor = 'A10001' AND role = 'plsa'`);
      expect(plsa.rows).toEqual([{ login: 'V100001', state: 'active' }]);
      const mallory = await pool.query(`SELECT count(*)::int AS n FROM outbox WHERE to_address LIKE 'mallory%'`);
      expect(mallory.rows[0].n).toBe(0);

      // The operator's view, and the audit of it.
      const list = (await deviceCommand(pool, 'list-devices', null)).out.split('\n');
      expect(list[0]).toMatch(/^ID +KIND +ENROLLED BY +AGENTS +CREATED \(UTC\) +LAST SEEN +REVOKED$/);
      expect(list.find((l) => l.startsWith(enrolled.deviceId))).toMatch(
        new RegExp(
          `^${enrolled.deviceId} +desk +desk\\.ana +- +20\\d\\d-\\S+ \\S+ +20\\d\\d-\\S+ \\S+ +20\\d\\d-\\S+ \\S+$`,
        ),
      );
      const sharedId = (await deviceOfToken(pool, shared.token)).id;
      expect(list.find((l) => l.startsWith(sharedId))).toMatch(new RegExp(`^${sharedId} +desk +- +desk\\.test +20`));
      const audit = await pool.query(`SELECT actor, details FROM audit WHERE action = 'desk-agent-deactivated'`);
      expect(audit.rows).toEqual([
        {
          actor: 'hub-admin',
          details: { target: 'desk.ana', outcome: 'deactivated', linksEnded: 2, devicesRevoked: [enrolled.deviceId] },
        },
      ]);
      expect(await deviceCommand(pool, 'deactivate-agent', 'desk.nobody')).toEqual({
        out: 'No desk agent desk.nobody on this hub: list-devices shows who enrolled what.',
        exitCode: 1,
      });
    });
  });

  it('revoke-device: its pull and push get 401 device-revoked, the others go on; again, it says so; an unknown id is an error', async () => {
    await onOwnHub(async ({ pool, client, reference }) => {
      const stolen = await client.enrolDesk(ANA);
      const other = await client.enrolDesk(BOB);
      const { out, exitCode } = await deviceCommand(pool, 'revoke-device', stolen.deviceId);
      expect([out, exitCode]).toEqual([expect.stringMatching(`^Device ${stolen.deviceId} revoked: every call`), 0]);
      expect(await refusedAs(client.pull(stolen.token, 0))).toBe(REVOKED);
      expect(await refusedAs(client.push(stolen.token, null, [{ id: 1, ...decide(reference, 'desk.ana') }]))).toBe(
        REVOKED,
      );
      expect(await stateOf(pool, reference)).toMatchObject({ decision: null });
      // desk.ana is not deactivated: on her other PC she goes on, as bob does on his.
      await client.deskLogin(other.token, ANA);
      expect(
        await pushed(client, other.token, 1, setState(reference, 'desk.ana'), decide(reference, 'desk.bob')),
      ).toEqual(['ok', 'ok']);
      expect((await deviceCommand(pool, 'revoke-device', stolen.deviceId)).out).toMatch(/was revoked already/);
      expect(await deviceCommand(pool, 'revoke-device', 'dev_AAAAAAAAAAAAAAAA')).toEqual({
        out: 'No device dev_AAAAAAAAAAAAAAAA on this hub: list-devices shows their ids.',
        exitCode: 1,
      });
    });
  });

  it('a deactivation waits for the desk mutation being applied, and none checked after it is applied; two at once both answer', async () => {
    await onOwnHub(async ({ pool, client, reference }) => {
      const shared = await registerDevice(pool, 'desk');
      await client.deskLogin(shared.token, ANA);
      await client.deskLogin(shared.token, BOB);
      const device = await deviceOfToken(pool, shared.token);
      let deactivation: Promise<unknown> | null = null;
      let settledDuringMutation = false;
      const first = await pushMutations(
        pool,
        device,
        {
          mutations: [
            { id: 1, ...help('before the deactivation') },
            { id: 2, ...setState(reference, 'desk.ana') },
          ],
        },
        {
          // Mutation 2 holds desk.ana's link FOR SHARE until it commits: the deactivation waits.
          async beforeCommit(id) {
            if (id !== 2) return;
            deactivation = deactivateAgent(pool, 'desk.ana').finally(() => (settledDuringMutation = true));
            await new Promise((done) => setTimeout(done, 400));
            expect(settledDuringMutation).toBe(false);
          },
        },
      );
      expect(first.results.map((r) => r.result.ok)).toEqual([true, true]);
      expect(await deactivation).toMatchObject({ outcome: 'deactivated' });
      const after = await pushMutations(
        pool,
        { ...device, lastMutationId: 2 },
        {
          mutations: [{ id: 3, ...setState(reference, 'desk.ana') }],
        },
      );
      expect(after.results[0]!.result).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      // Two operators at once: the same agent twice, and another agent with a link on the same
      // device: each answers, once each, and every link of theirs ends.
      const answers = await Promise.all([
        deactivateAgent(pool, 'desk.bob'),
        deactivateAgent(pool, 'desk.bob'),
        deactivateAgent(pool, 'desk.test'),
      ]);
      expect(answers.map((a) => a.outcome).sort()).toEqual(['already-deactivated', 'deactivated', 'deactivated']);
      const live = await pool.query(`SELECT count(*)::int AS n FROM desk_device_agents WHERE ended_at IS NULL`);
      expect(live.rows[0].n).toBe(0);
      const states = await pool.query(`SELECT username, state FROM desk_agents ORDER BY username`);
      expect(states.rows.map((r) => r.state)).toEqual(['deactivated', 'deactivated', 'deactivated']);
    });
  });

  it.skipIf(!existsSync(HUB_CLI))(
    'the command line does it: list-devices, revoke-device, deactivate-agent',
    async () => {
      const { pool, url: dbUrl } = await linked.db.newDatabase();
      await testAgentOnHub(pool, ANA);
      const device = await registerDevice(pool, 'desk');
      const id = (await deviceOfToken(pool, device.token)).id;
      const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
      const hub = (...args: string[]) =>
        execFileSync(process.execPath, [HUB_CLI, ...args, '--data-dir', dir, '--database-url', dbUrl], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      try {
        expect(hub('list-devices')).toMatch(new RegExp(`^${id} +desk +- +- +20`, 'm'));
        expect(hub('revoke-device', id)).toMatch(`Device ${id} revoked`);
        expect(hub('deactivate-agent', 'desk.ana')).toMatch(/^Desk agent desk\.ana deactivated/);
        await expect(deviceOfToken(pool, device.token)).rejects.toMatchObject({ code: 'device-revoked' });
        let failed: { status: number; stderr: string } | null = null;
        try {
          hub('deactivate-agent', 'desk.nobody');
        } catch (error) {
          failed = error as { status: number; stderr: string };
        }
        expect(failed).toMatchObject({ status: 1, stderr: expect.stringContaining('No desk agent desk.nobody') });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe.skipIf(noKeychain)('a revoked desk workstation', () => {
  it('stops syncing and says why, never registers again as a new device, keeps what waits, and sends it once enrolled again', async () => {
    await onOwnHub(async ({ pool, url, question: reference }) => {
      const desk = testCore({ hub: { url, deskToken: (await registerDevice(pool, 'desk')).token } });
      try {
        const session = await deskSession(desk); // desk.test, through the hub
        await desk.syncNow();
        expect(desk.syncStatus()).toMatchObject({ online: true, revoked: false, deviceKind: 'desk' });
        const deviceId = (await pool.query<{ id: string }>(`SELECT id FROM devices WHERE kind = 'desk'`)).rows[0]!.id;
        const devices = async () => (await pool.query(`SELECT count(*)::int AS n FROM devices`)).rows[0].n as number;
        const known = await devices();

        expect((await deviceCommand(pool, 'revoke-device', deviceId)).exitCode).toBe(0);
        const moved = await desk.router.call('deskSetState', {
          session,
          reference,
          state: 'in-progress',
          assignToMe: true,
        });
        expect(moved.ok).toBe(true); // offline-first: taken here, queued
        await desk.syncNow();
        expect(desk.syncStatus()).toMatchObject({
          online: false,
          revoked: true,
          pending: 1,
          refused: 0,
          deviceKind: 'desk',
        });
        await desk.syncNow(); // pressed again: still refused, still kept, still no new device
        expect(desk.syncStatus()).toMatchObject({ revoked: true, pending: 1 });
        expect(await devices()).toBe(known);
        // The header's words, in both languages.
        expect(enHelp['sync.revoked']).toBe(
          "This workstation's access to the hub was revoked: ask the hub's administrator",
        );
        expect(frHelp['sync.revoked']).toBe(
          "L'accès de ce poste au hub a été révoqué : adressez-vous à l'administrateur du hub",
        );
        // An agent's login on it is refused with the reason too.
        const login = await desk.router.call('login', {
          login: TEST_AGENT.username,
          password: TEST_AGENT.password,
          remember: false,
        });
        expect(login).toMatchObject({ ok: false, error: { code: 'forbidden', fields: { _: 'hub.device-revoked' } } });

        // Enrolled again by an agent's login: a new device, and what waited leaves from it.
        const saved = await desk.router.call('saveHubSettings', { session, url, enrol: TEST_AGENT });
        expect(saved).toMatchObject({ ok: true, value: { revoked: false, pending: 0, online: true } });
        const held = await pool.query(`SELECT desk_state FROM requests WHERE reference = $1`, [reference]);
        expect(held.rows[0].desk_state).toBe('in-progress');
        const audit = await pool.query(`SELECT device_id FROM audit WHERE action = 'desk-state'`);
        expect(audit.rows).toHaveLength(1);
        expect(audit.rows[0].device_id).not.toBe(deviceId);
      } finally {
        desk.dispose();
      }
    });
  }, 60_000);
});
