// Desk decisions, accounts and e-mails on the hub, on a real PostgreSQL and a real SMTP server on
// loopback: two desks deciding one request at once (the first to reach the hub wins, the other is
// told who and when), a validation that makes the PLSA and e-mails its temporary password sealed
// until it leaves, and the PLSA's login through the hub with the forced password change.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubChangePassword, hubLogin } from '../../main/hub/accounts';
import { deviceOfToken, registerDevice, type Device } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { HubError } from '../../main/hub/hub-error';
import { createHubMailer, createSecretBox } from '../../main/hub/mail';
import { hubServices } from '../../main/hub/services';
import { pullChanges, pushMutations } from '../../main/hub/sync';
import { agentOnDesk } from '../fixtures/hub-agent';
import { accessRequest, batch, help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';
import { loopbackSettings, startSmtp, type TestSmtp } from '../fixtures/smtp';

const DEMO = resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json');
let pg: TestPostgres;
let smtp: TestSmtp;
beforeAll(async () => {
  [pg, smtp] = await Promise.all([startTestPostgres(), startSmtp()]);
}, 60_000);
afterAll(async () => Promise.all([pg?.stop(), smtp?.stop()]));

const box = createSecretBox(randomBytes(32));
const services = hubServices({ box });
/** A login attempt from this test, on the system's clock (the hub counts attempts per address). */
const here = () => ({ source: '127.0.0.1', at: new Date() });

async function hubWith() {
  const { pool } = await pg.newDatabase();
  await loadDemoDirectoryIfEmpty(pool, DEMO);
  const device = async (kind: 'supplier' | 'desk'): Promise<Device> =>
    deviceOfToken(pool, (await registerDevice(pool, kind)).token);
  const [supplier, deskA, deskB] = [await device('supplier'), await device('desk'), await device('desk')];
  // Each desk's agent logged in there through the hub: their mutations from it are theirs.
  await agentOnDesk(pool, deskA.id, 'desk.ana');
  await agentOnDesk(pool, deskB.id, 'desk.bob');
  const request = accessRequest('A10002');
  await pushMutations(pool, supplier, { mutations: batch(request) }, {}, services);
  return { pool, supplier, deskA, deskB, reference: request.args.reference };
}

const validate = (reference: string, agent: string) => ({
  name: 'deskDecide',
  args: {
    reference,
    decision: { kind: 'validate-access' },
    agent,
    mail: {
      to: 'lea@sample.example',
      lang: 'fr',
      kind: 'desk-access-validated',
      subject: `Accès ouvert (${reference})`,
      body: 'Identifiant PLSA : {logins}',
    },
  },
});
const reject = (reference: string, agent: string) => ({
  name: 'deskDecide',
  args: { reference, decision: { kind: 'reject-access', reason: 'Not a supplier of ours.' }, agent, mail: null },
});

const onlyResult = (answer: Awaited<ReturnType<typeof pushMutations>>) => answer.results[0]!.result;

describe('desk decisions on the hub', () => {
  it('two desks deciding one request at once: one decision counts, the other desk is told who decided and when', async () => {
    const { pool, deskA, deskB, reference } = await hubWith();
    const [a, b] = await Promise.all([
      pushMutations(pool, deskA, { mutations: [{ id: 1, ...validate(reference, 'desk.ana') }] }, {}, services),
      pushMutations(pool, deskB, { mutations: [{ id: 1, ...reject(reference, 'desk.bob') }] }, {}, services),
    ]);
    const results = [onlyResult(a), onlyResult(b)];
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.ok ? (won[0]!.value as { by: string; decision: string }) : null;
    const refusal = lost[0]!.ok ? null : lost[0]!.error;
    expect(refusal?.code).toBe('already-decided');
    expect(refusal?.details?.['by']).toBe(winner?.by);
    expect(refusal?.message).toMatch(
      new RegExp(`already ${winner?.decision} by ${winner?.by.replace('.', '\\.')} at 20`),
    );

    // The hub's state follows the winner alone: its access, its accounts, one decision.
    const { rows } = await pool.query<{ access: string; accounts: number; decision: string }>(
      `SELECT c.access, (SELECT count(*)::int FROM accounts WHERE cofor = 'A10002') AS accounts, r.decision
       FROM companies c, requests r WHERE c.cofor = 'A10002' AND r.reference = $1`,
      [reference],
    );
    expect(rows[0]).toEqual(
      winner?.decision === 'validated'
        ? { access: 'open', accounts: 1, decision: 'validated' }
        : { access: 'not-requested', accounts: 0, decision: 'rejected' },
    );
    // The refused desk, pushing its decision again (a lost answer), hears the same refusal.
    const loserDesk = results[0]!.ok ? deskB : deskA;
    const loserMutation = results[0]!.ok ? reject(reference, 'desk.bob') : validate(reference, 'desk.ana');
    const again = await pushMutations(pool, loserDesk, { mutations: [{ id: 1, ...loserMutation }] }, {}, services);
    expect(again.results[0]).toMatchObject({
      duplicate: true,
      result: { ok: false, error: { code: 'already-decided' } },
    });
  });

  it('a validation makes the PLSA on the hub; the relay gets the temporary password; the PLSA logs in with it once and must change it', async () => {
    const { pool, supplier, deskA, reference } = await hubWith();
    expect(
      onlyResult(await pushMutations(pool, deskA, { mutations: batch(validate(reference, 'desk.ana')) }, {}, services))
        .ok,
    ).toBe(true);

    // Waiting in the outbox, the password is sealed: the stored text has only the placeholder.
    const waiting = await pool.query<{ body: string; secret: Buffer | null }>(
      `SELECT body, secret FROM outbox WHERE kind = 'temporary-password'`,
    );
    expect(waiting.rows[0]!.body).toContain('{{secret}}');
    expect(waiting.rows[0]!.secret).not.toBeNull();

    const before = smtp.received.length;
    // Two hubs' mailers on one database at once: each message leaves once.
    const mailers = [0, 1].map(() => createHubMailer({ pool, box, settings: loopbackSettings(smtp.port) }));
    const tried = await Promise.all(mailers.map((m) => m.deliverDue()));
    for (const m of mailers) m.stop();
    expect(tried[0]! + tried[1]!).toBe(2);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(2);
    const toPlsa = mails.find((m) => m.envelopeTo.includes('pat@sample.example'))!;
    const toLegal = mails.find((m) => m.envelopeTo.includes('lea@sample.example'))!;
    const login = /V\d{6}/.exec(toPlsa.mail.text ?? '')![0];
    const temporary = /^\s+([A-Za-z0-9]{20})$/m.exec(toPlsa.mail.text ?? '')![1]!;
    expect(toLegal.mail.text).toContain(`Identifiant PLSA : ${login}`); // {logins} filled on the hub
    const sent = await pool.query<{ state: string; secret: Buffer | null }>('SELECT state, secret FROM outbox');
    expect(sent.rows.every((r) => r.state === 'sent' && r.secret === null)).toBe(true); // erased once sent

    // Wrong password and unknown login: one answer, nothing told.
    const refused = async (login: string, password: string) =>
      hubLogin(pool, supplier, { login, password }, services.accounts, here()).catch(
        (e: HubError) => `${e.code}: ${e.message}`,
      );
    const wrong = await refused(login, 'not the password at all');
    expect(wrong).toBe('invalid-credentials: The login or the password is not right.');
    expect(await refused('V000001', temporary)).toBe(wrong);

    const session = await hubLogin(pool, supplier, { login, password: temporary }, services.accounts, here());
    expect(session.mustChangePassword).toBe(true);
    expect(session.account).toEqual({
      login,
      fullName: 'Pat Plsa',
      email: 'pat@sample.example',
      role: 'plsa',
      cofor: 'A10002',
      companyName: 'Sample Plastics GmbH',
    });
    expect(JSON.stringify(session)).not.toMatch(/scrypt/);
    expect(await refused(login, temporary)).toBe(wrong); // it works once

    const change = (newPassword: string) =>
      hubChangePassword(
        pool,
        box,
        supplier,
        { session: session.session, currentPassword: '', newPassword, lang: 'fr' },
        services.accounts,
      );
    await expect(change('short')).rejects.toMatchObject({
      code: 'invalid-input',
      details: { fields: { newPassword: 'password.too-short' } },
    });
    // Two changes at once in one session (two windows): one holds, the other is told, never both.
    const both = await Promise.allSettled([
      change('Seven bright kites over Lisbon'),
      change('Nine quiet boats near Faro'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const kept = both[0]!.status === 'fulfilled' ? 'Seven bright kites over Lisbon' : 'Nine quiet boats near Faro';
    const again = await hubLogin(pool, supplier, { login, password: kept }, services.accounts, here());
    expect(again.mustChangePassword).toBe(false);
  });

  it('refuses what a desk may not do: a supplier deciding, an answer to an address the request does not name, an unknown request', async () => {
    const { pool, supplier, deskA, reference } = await hubWith();
    const fromSupplier = await pushMutations(
      pool,
      supplier,
      { mutations: [{ id: 2, ...validate(reference, 'desk.ana') }] },
      {},
      services,
    );
    expect(onlyResult(fromSupplier)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const elsewhere = validate(reference, 'desk.ana');
    elsewhere.args.mail.to = 'someone@elsewhere.example';
    const unknown = validate('ACC-20261201-ZZZZZZ', 'desk.ana');
    const answer = await pushMutations(pool, deskA, { mutations: batch(elsewhere, unknown) }, {}, services);
    expect(answer.results.map((r) => (r.result.ok ? 'ok' : r.result.error.code))).toEqual([
      'invalid-input',
      'not-found',
    ]);
    const { rows } = await pool.query<{ decision: string | null }>(
      'SELECT decision FROM requests WHERE reference = $1',
      [reference],
    );
    expect(rows[0]!.decision).toBeNull();
  });

  it('who sees what: desks get the decision, the supplier device its request answered and the company open, never the account', async () => {
    const { pool, supplier, deskA, deskB, reference } = await hubWith();
    await pushMutations(pool, supplier, { mutations: [{ id: 2, ...help() }] }, {}, services);
    await pushMutations(pool, deskA, { mutations: batch(validate(reference, 'desk.ana')) }, {}, services);
    const onDesk = await pullChanges(pool, deskB, 0);
    expect(onDesk.changes.find((c) => c.entity === 'request-decision')).toMatchObject({
      id: reference,
      data: { decision: 'validated', by: 'desk.ana' },
    });
    const onSupplier = await pullChanges(pool, supplier, 0);
    expect(onSupplier.changes.filter((c) => c.id === reference).map((c) => c.entity)).toEqual([
      'request-status', // received
      'request-status', // answered
    ]);
    expect(onSupplier.changes.filter((c) => c.id === 'A10002').at(-1)?.data).toMatchObject({ access: 'open' });
    const text = JSON.stringify(onSupplier.changes);
    expect(text).not.toMatch(/pat@sample|Pat Plsa|scrypt|V\d{6}/);
  });

  it('six wrong passwords at once: the throttle counts each before its hash, so only the attempts the throttle allows are checked', async () => {
    const { pool, supplier } = await hubWith();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        hubLogin(
          pool,
          supplier,
          { login: 'V100001', password: 'a wrong guess, again' },
          services.accounts,
          here(),
        ).catch((e: HubError) => e.code),
      ),
    );
    // The free failures and the attempt after them are heard (DEFAULT_LOCKOUT.freeFailures + 1).
    expect(answers.filter((a) => a === 'invalid-credentials')).toHaveLength(4);
    expect(answers.filter((a) => a === 'too-many-attempts')).toHaveLength(2);
    // An unknown login is throttled the same way: nothing tells the two apart.
    const unknown = await Promise.all(
      Array.from({ length: 6 }, () =>
        hubLogin(
          pool,
          supplier,
          { login: 'V999999', password: 'a wrong guess, again' },
          services.accounts,
          here(),
        ).catch((e: HubError) => e.code),
      ),
    );
    expect(unknown.sort()).toEqual([...answers].sort());
  });

  it('recovery pushed raw: capped per subject per hour on the hub, one answer whatever exists, never a change of state', async () => {
    const { pool, supplier } = await hubWith();
    const blocked = (i: number, login = 'V100003') => ({
      id: i + 2, // after the access request of hubWith
      name: 'recover',
      args: {
        kind: 'blocked-access',
        input: { login, email: 'eden.placeholder@demo-forge.example', message: `Attempt ${i}.`, lang: 'en' },
      },
    });
    const pushed = await pushMutations(
      pool,
      { ...supplier, lastMutationId: 1 },
      { mutations: [...Array.from({ length: 7 }, (_, i) => blocked(i)), blocked(7, 'V999999')] },
      {},
      services,
    );
    // The same answer for the known account, the capped ones and a login nobody has.
    expect(new Set(pushed.results.map((r) => JSON.stringify(r.result)))).toEqual(
      new Set([JSON.stringify({ ok: true, value: { received: true } })]),
    );
    const sent = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'blocked-access'`);
    expect(sent.rows[0]!.n).toBe(5); // 5 an hour for one login (to its PLSA: the assistance has no address here)
    const audit = await pool.query<{ action: string; n: number }>(
      `SELECT action, count(*)::int AS n FROM audit WHERE action LIKE 'recovery-%' GROUP BY action ORDER BY action`,
    );
    expect(audit.rows).toEqual([
      { action: 'recovery-blocked-access', n: 6 },
      { action: 'recovery-blocked-access-over-cap', n: 2 },
    ]);
    const state = await pool.query(`SELECT state FROM accounts WHERE login = 'V100003'`);
    expect(state.rows[0].state).toBe('blocked');
  });

  it("two desks moving one request, or saving templates, at once: both apply in the hub's order, and every desk ends on the last", async () => {
    const { pool, deskA, deskB, reference } = await hubWith();
    const move = (agent: string, state: string) => ({
      name: 'deskSetState',
      args: { reference, state, assignee: agent, agent },
    });
    const { _comment, ...shipped } = JSON.parse(
      readFileSync(resolve(__dirname, '..', '..', 'resources', 'desk', 'templates.json'), 'utf8'),
    ) as Record<string, { en: { subject: string } }>;
    void _comment;
    const templates = (subject: string) => ({
      ...shipped,
      answer: { ...shipped['answer']!, en: { ...shipped['answer']!.en, subject } },
    });
    const save = (agent: string) => ({ name: 'saveTemplates', args: { templates: templates(`From ${agent}`), agent } });
    const answers = await Promise.all([
      pushMutations(pool, deskA, { mutations: batch(move('desk.ana', 'in-progress'), save('desk.ana')) }, {}, services),
      pushMutations(
        pool,
        deskB,
        { mutations: batch(move('desk.bob', 'waiting-supplier'), save('desk.bob')) },
        {},
        services,
      ),
    ]);
    expect(answers.flatMap((a) => a.results.map((r) => r.result.ok))).toEqual([true, true, true, true]);
    // What the hub holds is what its last change says: the one every desk applies last.
    const last = async (entity: string) =>
      (
        await pool.query<{ data: Record<string, unknown> }>(
          'SELECT data FROM changes WHERE entity = $1 ORDER BY version DESC LIMIT 1',
          [entity],
        )
      ).rows[0]!.data;
    const held = await pool.query('SELECT desk_state, assignee FROM requests WHERE reference = $1', [reference]);
    const state = await last('request-state');
    expect(held.rows[0]).toEqual({ desk_state: state['state'], assignee: state['assignee'] });
    const kept = await pool.query(`SELECT value FROM desk_settings WHERE key = 'templates'`);
    expect(kept.rows[0].value).toEqual(await last('templates'));
  });
});
