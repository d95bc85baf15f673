// `npm run chaos`'s share of issue 24's fuzz: the full 10,000 random and hostile bodies against
// every route of a hub process on its embedded PostgreSQL (HUB_FUZZ_CASES, HUB_FUZZ_SEED to
// change them), then 200 connections pushing 8 MB each, the hub's peak memory read from /proc.
// `npm test` runs the same with 2,000 cases (test/unit/hub-fuzz.test.ts).
import { floodBodies, pushFlood, type FloodReport } from '../fixtures/hub-fuzz/memory';
import { describeFuzzReport, fuzzOptionsFromEnv, runHubFuzz, type FuzzReport } from '../fixtures/hub-fuzz/run';
import { prepareFuzz } from '../fixtures/hub-fuzz/setup';
import { testHub } from '../fixtures/hub-process';

/** The resident memory the hub must stay under while the 8 MB pushes arrive. */
export const FLOOD_PEAK_LIMIT_MB = 300;

export async function runHubFuzzDrill(
  log: (line: string) => void,
): Promise<{ fuzz: FuzzReport; flood: FloodReport; failed: boolean }> {
  const hub = await testHub();
  try {
    const ctx = await prepareFuzz(hub);
    const options = fuzzOptionsFromEnv(10_000);
    log(`hub fuzz: seed ${options.seed}, ${options.only?.length ?? options.count} cases`);
    const fuzz = await runHubFuzz({ url: hub.url, concurrency: 16, ctx, ...options });
    log(describeFuzzReport(fuzz));
    if (fuzz.failures.length > 0) log(`hub log:\n${hub.output.slice(-20_000)}`);
    await hub.stop(); // the flood's peak is its own, not the fuzz's
    await hub.start();
    const tokens = [...ctx.suppliers, ...ctx.desks].map((d) => d.token);
    const flood = await pushFlood({ url: hub.url, pid: hub.pid!, tokens, connections: 200, bodies: floodBodies() });
    log(`hub flood: ${JSON.stringify(flood)}`);
    const unanswered = Object.keys(flood.byStatus).filter((s) => !/^(200|4\d\d) /.test(s));
    return {
      fuzz,
      flood,
      failed: fuzz.failures.length > 0 || unanswered.length > 0 || flood.peakMb >= FLOOD_PEAK_LIMIT_MB,
    };
  } finally {
    await hub.stop();
    hub.remove();
  }
}
