// The browser host's resident memory, as the OS counts it: idle with the demo directory (the
// baseline), then with a 100,000-company directory loaded, and after each of three runs of
// mixed API calls over HTTP, as pages make them (analysis, help search, the desk's company
// search and queue, private areas, logins that fail).
import { startCore } from '../../main/core';
import type { Directory } from '../../main/portal/directory/model';
import { upsertDirectory } from '../../main/store/directory-import';
import { DEMO, deskSession, RESOURCES_DIR, TEST_AGENT, tempDir } from '../fixtures/core';
import { startBenchHost, type BenchHost } from './host';
import { coforOf } from './directory-data';

export interface MemoryReport {
  demoIdleMb: number;
  loadedIdleMb: number;
  /** After each run of calls. */
  afterRunsMb: number[];
  calls: number;
  seconds: number;
}

const settle = async (host: BenchHost): Promise<number> => {
  await new Promise((done) => setTimeout(done, 1500)); // let timers and sockets go quiet
  return host.rssMb();
};

/** One API call of the mix, chosen by `i`: deterministic, so runs compare. */
function mixedCall(i: number, sessions: { desk: string; supplier: string }, companies: number) {
  const n = (i * 7919) % companies;
  switch (i % 20) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
      return ['analyze', { cofor: coforOf(n), siteCode: '0' + ((i % 3) + 1) }] as const;
    case 6:
    case 7:
      return ['analyze', { cofor: `Z${String(n).padStart(5, '0')}` }] as const; // unknown
    case 8:
    case 9:
      return ['deskSearchCompanies', { session: sessions.desk, query: i % 4 ? `Supplier ${n}` : coforOf(n) }] as const;
    case 10:
      return ['deskQueue', { session: sessions.desk }] as const;
    case 11:
      return [
        'searchHelp',
        { query: ['password', 'COFOR', 'PLSA', 'site'][i % 4]!, lang: i % 2 ? 'en' : 'fr' },
      ] as const;
    case 12:
      return ['helpTopic', { lang: 'en' }] as const;
    case 13:
      return ['privateArea', { session: sessions.supplier }] as const;
    case 14:
      return ['myRequests', {}] as const;
    case 15:
      return ['termsOfUse', { lang: 'fr' }] as const;
    case 16:
      return ['outboxStatus', {}] as const;
    case 17:
      // A failed login every 20th call of this kind: each costs a full password hash, as every
      // answer of the login must, and is rate-limited per login like a person's would be.
      return i % 400 === 17
        ? ([
            'login',
            { login: `V9${String(i % 99_999).padStart(5, '0')}`, password: 'not the password', remember: false },
          ] as const)
        : (['appInfo', {}] as const);
    default:
      return ['appInfo', {}] as const;
  }
}

export async function benchHostMemory(directory: Directory, callsPerRun: number, runs = 3): Promise<MemoryReport> {
  const demoDir = tempDir('portal-bench-mem-demo-');
  const bigDir = tempDir('portal-bench-mem-');
  try {
    const demo = await startBenchHost(demoDir.path);
    const demoIdleMb = await settle(demo);
    await demo.stop();

    // The store made beforehand, as a desk that imported its directory would have it.
    const core = startCore({
      dataDir: bigDir.path,
      resourcesDir: RESOURCES_DIR,
      mode: 'web',
      loadDemo: true,
      version: 'bench',
    });
    upsertDirectory(core.db, directory.companies, new Date()); // next to the demo companies
    await deskSession(core);
    core.close();

    const host = await startBenchHost(bigDir.path);
    try {
      const loadedIdleMb = await settle(host);
      const login = async (login: string, password: string) => {
        const r = await host.call<{ session: string }>('login', { login, password, remember: false });
        if (!r.ok || !r.value) throw new Error(`bench login ${login} failed`);
        return r.value.session;
      };
      const sessions = {
        desk: await login(TEST_AGENT.username, TEST_AGENT.password),
        supplier: await login(DEMO.user.login, DEMO.user.password),
      };
      const afterRunsMb: number[] = [];
      const started = process.hrtime.bigint();
      const CONCURRENCY = 8; // a few pages and agents at once
      for (let run = 0; run < runs; run++) {
        let next = run * callsPerRun;
        const end = next + callsPerRun;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < end) {
              const [method, payload] = mixedCall(next++, sessions, directory.companies.length);
              await host.call(method, payload);
            }
          }),
        );
        afterRunsMb.push(await settle(host));
      }
      return {
        demoIdleMb,
        loadedIdleMb,
        afterRunsMb,
        calls: callsPerRun,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
    } finally {
      await host.stop();
    }
  } finally {
    demoDir.remove();
    bigDir.remove();
  }
}
