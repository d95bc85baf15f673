// The sync chaos drill (issue 8, docs/hub.md): one supplier and two desk workstations, each an
// engine on its own SQLite file and keychain, linked through a TCP relay of its own to one hub
// process (`dist/main/hub.cjs`) on a real PostgreSQL. While the supplier sends Help & Contact
// requests and both desks answer them (often the same one), the hub is SIGKILLed and started
// again, and the workstations' links are cut and restored, at random. Then every link comes back
// and every queue must drain with no new local write; the drill counts what was lost or applied
// twice, compares every replica's digest with the hub's, and runs the integrity checks.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { loadDemoDirectoryIfEmpty } from '../../main/hub/directory';
import type { PortalCore } from '../../main/core';
import { deskSession, testCore } from '../fixtures/core';
import { testHub } from '../fixtures/hub-process';
import { startTestPostgres } from '../fixtures/postgres';
import { mulberry32 } from '../fixtures/seeded-random';
import { tcpProxy } from '../fixtures/tcp-proxy';
import { stolenDesk, type StolenDesk, type StolenDeskReport } from './stolen-desk';

export interface DrillOptions {
  /** Mutations to queue across the three workstations, at least. */
  mutations: number;
  /** Times the hub is SIGKILLed, at least. */
  kills: number;
  /** Pause between two local writes: spreads the writes over the faults. */
  paceMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface DrillReport {
  seed: number;
  seconds: number;
  mutations: { supplier: number; desks: number[]; total: number };
  kills: number;
  cuts: number;
  /** Times a link lost the hub's answers for a while (the hub had applied what it was sent). */
  lostAnswers: number;
  /** Desk decisions the hub refused because another desk's came first (expected, not lost). */
  overruled: number;
  /** Refusals for any other reason (a rule broken by the drill itself: should be 0). */
  otherRefusals: string[];
  lost: number;
  appliedTwice: number;
  digests: { hub: Record<string, string>; replicas: Record<string, Record<string, string>> };
  mismatches: string[];
  integrity: string[];
  /** A third desk PC revoked mid-run (stolen-desk.ts): nothing of it applied after, nothing lost. */
  stolen: StolenDeskReport;
  /** Poison: a request with a NUL in its text, queued a third of the way (as an older version's
   * PC or a tampered store would hold it): refused alone, with its reason, and the queue drains. */
  poisonRefused: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const digest = (rows: unknown[]) =>
  createHash('sha256')
    .update(rows.map((r) => JSON.stringify(r)).join('\n'))
    .digest('hex')
    .slice(0, 16);

type Workstation = PortalCore & { dataDir: string; dispose(): void };

/** Queues, behind the screens' checks, a Help & Contact request whose message holds a NUL. */
function queuePoison(ws: Workstation): void {
  const args = {
    reference: 'HLP-20261201-P2S2NX',
    kind: 'help',
    lang: 'en',
    payload: {
      purpose: 'technical',
      message: 'Pasted from a PDF: abc\u0000def',
      name: 'Rita Sousa',
      company: 'Lost Parts Lda',
      email: 'rita.poison@lost-parts.example',
      phone: '+351 21 000 0000',
      lang: 'en',
    },
  };
  ws.db
    .prepare(
      `INSERT INTO hub_queue (mutation_id, name, args, queued_at)
       VALUES ((SELECT coalesce(max(mutation_id), 0) + 1 FROM hub_queue), 'submitRequest', ?, ?)`,
    )
    .run(JSON.stringify(args), new Date().toISOString());
}

export async function runChaosDrill(options: DrillOptions): Promise<DrillReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const log = options.log ?? (() => {});
  const started = Date.now();

  const pg = await startTestPostgres();
  const { pool, url } = await pg.newDatabase();
  await loadDemoDirectoryIfEmpty(pool, resolve(__dirname, '..', '..', 'resources', 'demo', 'directory.json'));
  // The drill's supplier sends far more than a real one (hundreds of requests in minutes): it
  // tests losing nothing, not the supplier's quota (test/unit/hub-quota.test.ts), so none applies.
  const hub = await testHub({
    databaseUrl: url,
    options: ['--quota-requests-per-hour', '1000000', '--quota-mb-per-day', '1000000'],
  });
  const deskTokens = [hub.registerDesk(), hub.registerDesk()];
  const agents = [
    { username: 'desk.ana', password: 'violet kettle under the bridge', name: 'Ana Silva' },
    { username: 'desk.bob', password: 'seven quiet lanterns at dusk', name: 'Bob Costa' },
  ];
  for (const agent of agents) hub.createAgent({ ...agent, email: `${agent.username}@assist.example` });
  await hub.start();
  const links = [await tcpProxy(hub.port), await tcpProxy(hub.port), await tcpProxy(hub.port)];
  const via = (i: number) => `http://127.0.0.1:${links[i]!.port}`;
  const supplier: Workstation = testCore({ hub: { url: via(0) } });
  const desks: Workstation[] = [
    testCore({ hub: { url: via(1), deskToken: deskTokens[0]! } }),
    testCore({ hub: { url: via(2), deskToken: deskTokens[1]! } }),
  ];
  const all = [supplier, ...desks];
  let stolen: StolenDesk | null = null;
  try {
    const sessions = [await deskSession(desks[0]!, agents[0]), await deskSession(desks[1]!, agents[1])];
    stolen = await stolenDesk({ pool, url: via(2), agent: agents[0]! });

    // Faults, until told to stop; each one is undone before the next.
    let kills = 0;
    let cuts = 0;
    let lostAnswers = 0;
    let faulting = true;
    const faults = (async () => {
      while (faulting) {
        await sleep(between(150, 700));
        if (!faulting) break;
        if (random() < 0.55) {
          await hub.kill();
          kills++;
          await sleep(between(0, 250));
          await hub.start();
        } else if (random() < 0.5) {
          const link = links[Math.floor(random() * links.length)]!;
          await link.cut();
          cuts++;
          await sleep(between(50, 600));
          await link.restore();
        } else {
          // The hub does the work, the workstation never hears: it must push again, and the
          // hub must answer from what it stored, not apply it twice.
          const link = links[Math.floor(random() * links.length)]!;
          link.loseAnswers(true);
          lostAnswers++;
          await sleep(between(100, 700));
          link.loseAnswers(false);
        }
      }
    })();

    // Each workstation syncs on its own, as its worker does, while everything goes on.
    let syncing = true;
    const syncLoops = all.map(async (ws) => {
      while (syncing) {
        await ws.syncNow();
        await sleep(between(10, 120));
      }
    });

    // Local writes: the supplier's requests, the desks' answers (a random open one of theirs).
    const counts = { supplier: 0, desks: [0, 0] };
    const total = () => counts.supplier + counts.desks[0]! + counts.desks[1]!;
    stolen.start(() => total() >= options.mutations / 2); // revoked halfway
    const open = desks.map((d) =>
      d.db.prepare<[], { reference: string }>(
        `SELECT reference FROM submissions WHERE decision IS NULL AND kind = 'help' ORDER BY random() LIMIT 1`,
      ),
    );
    let poisoned = false;
    while (total() < options.mutations || kills < options.kills) {
      if (!poisoned && total() >= options.mutations / 3) {
        poisoned = true;
        queuePoison(supplier);
      }
      const i = random() < 0.55 ? -1 : Math.floor(random() * 2);
      if (i === -1) {
        const n = counts.supplier + 1;
        const sent = await supplier.router.call('submitHelpRequest', {
          purpose: 'technical',
          message: `Drill request ${n}: the analysis shows nothing.`,
          name: 'Rita Sousa',
          company: 'Lost Parts Lda',
          email: `rita.${n}@lost-parts.example`,
          phone: '+351 21 000 0000',
          lang: random() < 0.5 ? 'en' : 'fr',
        });
        if (!sent.ok) throw new Error(`the drill's request was refused: ${sent.error.message}`);
        counts.supplier++;
      } else {
        const row = open[i]!.get();
        if (row) {
          const decided = await desks[i]!.router.call('deskDecide', {
            session: sessions[i]!,
            reference: row.reference,
            decision: { kind: 'answer', message: `Answered by ${agents[i]!.username}.` },
          });
          if (decided.ok) counts.desks[i]!++;
        }
      }
      await sleep(options.paceMs ?? 10);
      if (total() % 200 === 0)
        log(`drill: ${total()} mutations, ${kills} kills, ${cuts} cuts, ${lostAnswers} answers lost`);
    }
    faulting = false;
    await faults;
    syncing = false;
    await Promise.all(syncLoops);
    const stolenReport = await stolen.finish();

    // Every link is back: each queue must drain without any new local write.
    let drained = false;
    for (let round = 0; round < 60 && !drained; round++) {
      await Promise.all(all.map((ws) => ws.syncNow()));
      drained = all.every((ws) => ws.syncStatus().pending === 0 && ws.syncStatus().online === true);
      if (!drained) await sleep(250);
    }
    // One more round each, so that every replica has pulled every change.
    for (const ws of all) await ws.syncNow();

    return {
      seed,
      seconds: Math.round((Date.now() - started) / 1000),
      mutations: { supplier: counts.supplier, desks: counts.desks, total: total() },
      kills,
      cuts,
      lostAnswers,
      ...(await check(pool, supplier, desks, deskTokens)),
      stolen: stolenReport,
    };
  } finally {
    for (const ws of all) ws.dispose();
    stolen?.dispose();
    await Promise.all(links.map((l) => l.close()));
    await hub.stop();
    hub.remove();
    await pg.stop();
  }
}

async function check(pool: Pool, supplier: Workstation, desks: Workstation[], deskTokens: string[]) {
  // The supplier registered itself (its store keeps the id); a desk is known by its token.
  const deviceOf = async (i: number): Promise<string> => {
    if (i === 0) return hubQueueDevice(supplier);
    const hash = createHash('sha256')
      .update(deskTokens[i - 1]!)
      .digest('hex');
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM devices WHERE token_hash = $1', [hash]);
    return rows[0]!.id;
  };
  const names = ['supplier', 'desk-1', 'desk-2'];
  const stations = [supplier, ...desks];
  let lost = 0;
  let overruled = 0;
  let poisonRefused = 0;
  const otherRefusals: string[] = [];
  const integrity: string[] = [];
  for (const [i, ws] of stations.entries()) {
    const device = await deviceOf(i);
    const local = ws.db
      .prepare<[], { id: number; state: string; result: string | null }>(
        'SELECT mutation_id AS id, state, result FROM hub_queue ORDER BY mutation_id',
      )
      .all();
    const { rows } = await pool.query<{ id: string }>(
      'SELECT mutation_id AS id FROM mutations WHERE device_id = $1 ORDER BY mutation_id',
      [device],
    );
    const onHub = new Set(rows.map((r) => Number(r.id)));
    lost += local.filter((m) => m.state === 'pending' || !onHub.has(m.id)).length;
    for (const m of local.filter((q) => q.state === 'refused')) {
      const code = (JSON.parse(m.result ?? '{}') as { error?: { code?: string } }).error?.code ?? '?';
      if (code === 'already-decided') overruled++;
      else if (code === 'invalid-text') poisonRefused++;
      else otherRefusals.push(`${names[i]} #${m.id}: ${code}`);
    }
    if (onHub.size !== local.length) integrity.push(`${names[i]}: ${local.length} queued, ${onHub.size} on the hub`);
    const sqlite = ws.db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').all();
    if (sqlite.map((r) => r.integrity_check).join() !== 'ok')
      integrity.push(`${names[i]}: SQLite integrity_check failed`);
    if (ws.db.prepare('PRAGMA foreign_key_check').all().length > 0) integrity.push(`${names[i]}: foreign keys broken`);
  }

  // Applied twice: an effect recorded more than once for one mutation (a decision on a request;
  // agents' logins are audited too, without a request).
  const twice = await pool.query<{ n: number }>(
    `SELECT (SELECT count(*)::int FROM (SELECT details->>'reference' FROM audit
               WHERE action LIKE 'desk-%' AND details ? 'reference' GROUP BY 1 HAVING count(*) > 1) a)
          + (SELECT count(*)::int FROM (SELECT subject FROM outbox GROUP BY subject, to_address HAVING count(*) > 1) o) AS n`,
  );
  const appliedTwice = twice.rows[0]!.n;
  const hubChecks = await pool.query<{ problem: string }>(
    `SELECT 'device ' || d.id || ' last id ' || d.last_mutation_id || ' but ' || coalesce(max(m.mutation_id), 0) AS problem
       FROM devices d LEFT JOIN mutations m ON m.device_id = d.id GROUP BY d.id HAVING d.last_mutation_id <> coalesce(max(m.mutation_id), 0)
     UNION ALL
     SELECT 'request ' || reference || ' decided without a time or agent' FROM requests
       WHERE decision IS NOT NULL AND (decided_at IS NULL OR decided_by IS NULL)
     UNION ALL
     SELECT 'decided requests ' || (SELECT count(*) FROM requests WHERE decision IS NOT NULL) || ' but answers ' || count(*)
       FROM outbox HAVING count(*) <> (SELECT count(*) FROM requests WHERE decision IS NOT NULL)`,
  );
  integrity.push(...hubChecks.rows.map((r) => `hub: ${r.problem}`));

  // Digests: the hub's truth and each replica's view of it.
  const supplierDevice = await deviceOf(0);
  const hubRows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const hub = {
    requests: digest(
      await hubRows('SELECT reference, kind, decision, decided_by AS "by" FROM requests ORDER BY reference'),
    ),
    companies: digest(await hubRows('SELECT cofor, status, access FROM companies ORDER BY cofor')),
    supplierRequests: digest(
      await hubRows(
        'SELECT reference, decision IS NOT NULL AS answered FROM requests WHERE device_id = $1 ORDER BY reference',
        [supplierDevice],
      ),
    ),
  };
  const rowsOf = (ws: Workstation, sql: string) => ws.db.prepare(sql).all();
  const companies = 'SELECT cofor, status, access_status AS access FROM companies ORDER BY cofor';
  const replicas: Record<string, Record<string, string>> = {
    supplier: {
      companies: digest(rowsOf(supplier, companies)),
      supplierRequests: digest(
        rowsOf(supplier, `SELECT reference, state = 'answered' AS answered FROM submissions ORDER BY reference`).map(
          (r) => ({ ...(r as object), answered: (r as { answered: number }).answered === 1 }),
        ),
      ),
    },
  };
  for (const [i, desk] of desks.entries())
    replicas[`desk-${i + 1}`] = {
      companies: digest(rowsOf(desk, companies)),
      requests: digest(
        rowsOf(desk, 'SELECT reference, kind, decision, decided_by AS "by" FROM submissions ORDER BY reference'),
      ),
    };
  const mismatches = Object.entries(replicas).flatMap(([name, own]) =>
    Object.entries(own)
      .filter(([what, value]) => hub[what as keyof typeof hub] !== value)
      .map(([what]) => `${name}: ${what}`),
  );
  return {
    overruled,
    poisonRefused,
    otherRefusals,
    lost,
    appliedTwice,
    digests: { hub, replicas },
    mismatches,
    integrity,
  };
}

/** The supplier's device id on the hub, as its store keeps it. */
function hubQueueDevice(ws: Workstation): string {
  const row = ws.db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'hub.deviceId'`).get();
  return row?.value ?? '';
}
