// The workstation's desk rules, checked again on the hub (a real PostgreSQL): a set of answer
// templates naming a placeholder no decision fills is refused, and a COFOR typed freely in Help &
// Contact is kept in the portal's form and ties the request to its company for every desk.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceOfToken, registerDevice } from '../../main/hub/devices';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import { hubServices } from '../../main/hub/services';
import { pushMutations } from '../../main/hub/sync';
import { agentOnDesk } from '../fixtures/hub-agent';
import { batch, help } from '../fixtures/hub-mutations';
import { startTestPostgres, type TestPostgres } from '../fixtures/postgres';

const RESOURCES = resolve(__dirname, '..', '..', 'resources');
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
}, 60_000);
afterAll(async () => pg?.stop());

const services = hubServices({});

async function hub() {
  const { pool } = await pg.newDatabase();
  await loadDemoDirectoryIfEmpty(pool, resolve(RESOURCES, 'demo', 'directory.json'));
  const device = async (kind: 'supplier' | 'desk') => deviceOfToken(pool, (await registerDevice(pool, kind)).token);
  const desk = await device('desk');
  await agentOnDesk(pool, desk.id, 'desk.ana'); // logged in there through the hub
  return { pool, desk, supplier: await device('supplier') };
}

describe('on the hub', () => {
  it('refuses templates naming {nonsense}, in words naming it and the allowed ones, and keeps the set it had', async () => {
    const { pool, desk } = await hub();
    const { _comment, ...templates } = JSON.parse(
      readFileSync(resolve(RESOURCES, 'desk', 'templates.json'), 'utf8'),
    ) as Record<string, Record<string, { subject: string; body: string }>>;
    void _comment;
    templates['answer']!['fr'] = { subject: '[{reference}] Réponse', body: 'Bonjour {nonsense}' };
    const answer = await pushMutations(
      pool,
      desk,
      { mutations: batch({ name: 'saveTemplates', args: { templates, agent: 'desk.ana' } }) },
      {},
      services,
    );
    expect(answer.results[0]!.result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: { 'templates.answer.fr.body': 'template.unknown-placeholder' },
        details: {
          placeholder: '{nonsense}',
          allowed: '{reference} {cofor} {companyName} {reason} {logins} {message}',
        },
      },
    });
    expect(answer.results[0]!.result).toMatchObject({ error: { message: expect.stringContaining('{nonsense}') } });
    const kept = await pool.query(`SELECT count(*)::int AS n FROM desk_settings WHERE key = 'templates'`);
    expect(kept.rows[0].n).toBe(0);
  });

  it('keeps a typed COFOR in the portal form and ties the help request to the head-office COFOR', async () => {
    const { pool, supplier } = await hub();
    const request = help();
    (request.args.payload as Record<string, unknown>)['cofor'] = ' a1000101 ';
    const answer = await pushMutations(pool, supplier, { mutations: batch(request) }, {}, services);
    expect(answer.results[0]!.result).toMatchObject({ ok: true });
    const { rows } = await pool.query<{ cofor: string | null; payload: { cofor: string } }>(
      'SELECT cofor, payload FROM requests WHERE reference = $1',
      [request.args.reference],
    );
    expect(rows[0]).toMatchObject({ cofor: 'A10001', payload: { cofor: 'A10001  01' } });
  });
});
