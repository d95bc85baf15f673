// The hub's speed next to plain PostgreSQL through `pg` on the same server in the same run:
// push throughput against plain INSERTs of the same rows (one commit each, as each mutation is),
// and a fresh replica's pull of the directory against a plain SELECT of the same rows.
import { registerDevice, deviceOfToken } from '../../main/hub/devices';
import { pullChanges, pushMutations } from '../../main/hub/sync';
import { startTestPostgres } from '../fixtures/postgres';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const reference = (n: number) => {
  let suffix = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / ALPHABET.length)) suffix = ALPHABET[n % ALPHABET.length] + suffix;
  return `HLP-20261201-${suffix}`;
};
const payload = (i: number) => ({
  purpose: 'technical',
  message: `The analysis shows nothing for our COFOR (${i}).`,
  name: 'Rita Sousa',
  company: 'Lost Parts Lda',
  email: 'rita@lost-parts.example',
  phone: '+351 21 000 0000',
  lang: 'en',
});

const seconds = async (work: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

export interface HubBench {
  mutations: number;
  plainPerSecond: number;
  pushPerSecond: number;
  companies: number;
  selectSeconds: number;
  pullSeconds: number;
}

export async function benchHub(mutations: number, companies: number): Promise<HubBench> {
  const pg = await startTestPostgres();
  try {
    let plainBest = Infinity;
    let pushBest = Infinity;
    for (let round = 0; round < 2; round++) {
      // The baseline: the same request rows, one plain INSERT (and commit) each.
      const plain = await pg.newDatabase();
      const { token: plainToken } = await registerDevice(plain.pool, 'supplier');
      const plainDevice = await deviceOfToken(plain.pool, plainToken);
      plainBest = Math.min(
        plainBest,
        await seconds(async () => {
          for (let i = 0; i < mutations; i++) {
            await plain.pool.query(
              'INSERT INTO requests (reference, kind, device_id, lang, payload, cofor) VALUES ($1, $2, $3, $4, $5, $6)',
              [reference(i), 'help', plainDevice.id, 'en', payload(i), null],
            );
          }
        }),
      );
      // Ours: the same requests pushed as mutations, 100 a push, each checked and applied in its
      // own transaction with the device's last id, its result and its changes.
      const hub = await pg.newDatabase();
      const { token } = await registerDevice(hub.pool, 'supplier');
      pushBest = Math.min(
        pushBest,
        await seconds(async () => {
          for (let from = 0; from < mutations; from += 100) {
            const device = await deviceOfToken(hub.pool, token);
            const batch = Array.from({ length: Math.min(100, mutations - from) }, (_, k) => ({
              id: from + k + 1,
              name: 'submitRequest',
              args: { reference: reference(from + k), kind: 'help', lang: 'en', payload: payload(from + k) },
            }));
            await pushMutations(hub.pool, device, { mutations: batch });
          }
        }),
      );
    }

    // A fresh replica pulling the directory's projection, next to a plain SELECT of those rows.
    const hub = await pg.newDatabase();
    await hub.pool.query(
      `INSERT INTO companies (cofor, legal_name, status, access, site_codes)
       SELECT 'C' || lpad(n::text, 6, '0'), 'Company ' || n || ' SAS', 'active', 'open', ARRAY['01', '02', '03']
       FROM generate_series(1, $1) AS n`,
      [companies],
    );
    await hub.pool.query(
      `INSERT INTO changes (audience, entity, entity_id, data)
       SELECT 'public', 'company', cofor, jsonb_build_object('cofor', cofor, 'legalName', legal_name, 'status', status,
         'access', access, 'siteCodes', site_codes) FROM companies ORDER BY cofor`,
    );
    const { token } = await registerDevice(hub.pool, 'desk');
    const device = await deviceOfToken(hub.pool, token);
    let selectBest = Infinity;
    let pullBest = Infinity;
    for (let round = 0; round < 2; round++) {
      selectBest = Math.min(
        selectBest,
        await seconds(() => hub.pool.query(`SELECT version, entity, entity_id, data FROM changes ORDER BY version`)),
      );
      pullBest = Math.min(
        pullBest,
        await seconds(async () => {
          let cursor = 0;
          for (;;) {
            const page = await pullChanges(hub.pool, device, cursor, 5000);
            cursor = page.cursor;
            if (!page.more) break;
          }
        }),
      );
    }
    return {
      mutations,
      plainPerSecond: mutations / plainBest,
      pushPerSecond: mutations / pushBest,
      companies,
      selectSeconds: selectBest,
      pullSeconds: pullBest,
    };
  } finally {
    await pg.stop();
  }
}
