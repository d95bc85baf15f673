// `node --import tsx test/bench/hub-only.ts`: the hub rows of `npm run bench` alone (push and
// pull against their baselines measured in the same run), for a change to the sync path.
import { benchHub } from './hub';

async function main(): Promise<void> {
  const mutations = Number(process.env['BENCH_HUB_MUTATIONS'] ?? 5000);
  const companies = Number(process.env['BENCH_COMPANIES'] ?? 100_000);
  const hub = await benchHub(mutations, companies);
  console.log(
    `push: ${Math.round(hub.pushPerSecond)} mutations/s, ${(hub.pushPerSecond / hub.plainPerSecond).toFixed(2)}x plain INSERTs (>= 0.35)`,
  );
  console.log(
    `pull: ${hub.pullSeconds.toFixed(2)} s, ${(hub.selectSeconds / hub.pullSeconds).toFixed(2)}x plain SELECT (>= 0.35)`,
  );
  console.log(`first desk sync into SQLite: ${hub.replicaSeconds.toFixed(2)} s (${hub.replicaRows} rows, < 60 s)`);
}

void main();
