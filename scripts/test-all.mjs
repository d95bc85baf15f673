// `npm test` (inside scripts/with-keyring.sh): type checks, lint (layers and format), build, unit tests, end-to-end tests in
// Chromium, the Electron test. A part the README marks optional and that this machine lacks is
// named, with what it leaves out, and its tests are skipped rather than failed. CI sets
// PORTAL_REQUIRE_OPTIONAL=1 (see .ci/run): there a missing part fails the run, since CI installs
// them all (the Electron binary excepted: it cannot be downloaded on these machines).
import { spawnSync } from 'node:child_process';
import { probeOptionalParts } from './optional-parts.mjs';

const parts = probeOptionalParts();
const missing = parts.filter((p) => p.missing);
const report = () => {
  if (missing.length === 0) return console.log('test: every optional part was found.');
  console.log('test: optional parts not found on this machine, and what was skipped for that reason:');
  for (const part of missing) console.log(`  - ${part.name}: ${part.missing}; skipped: ${part.skips}.`);
};
report();

const required = process.env.PORTAL_REQUIRE_OPTIONAL === '1' ? missing.filter((p) => p.name !== 'Electron binary') : [];
if (required.length > 0) {
  console.error(
    `test: PORTAL_REQUIRE_OPTIONAL=1 and ${required.map((p) => p.name).join(', ')} missing: failing instead of skipping.`,
  );
  process.exit(1);
}

const run = (script) => {
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`test: "npm run ${script}" failed.`);
    process.exit(result.status ?? 1);
  }
};

const runNode = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

runNode(['scripts/native-for.mjs', 'node']);
run('typecheck');
run('lint');
run('build');
run('test:unit');
if (parts.find((p) => p.name === 'Chromium').missing) console.log('test: end-to-end tests skipped: no Chromium.');
else run('test:e2e');
run('test:electron');
report();
