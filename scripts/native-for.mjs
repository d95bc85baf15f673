// Native modules (better-sqlite3, keytar) are compiled for one runtime at a time: Node.js for the
// tests and the browser host, Electron for `npm start`. This makes sure they fit the one about to
// run, rebuilding only when they do not.
//   node scripts/native-for.mjs node       before tests / npm run web
//   node scripts/native-for.mjs electron   before npm start (downloads Electron's headers)
//   node scripts/native-for.mjs electron-if-installed   the same, only where the Electron binary is
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

// keytar is optional: a machine where it could not be installed rebuilds better-sqlite3 only.
const installed = (name) => {
  try {
    createRequire(import.meta.url).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const MODULES = ['better-sqlite3', 'keytar'].filter(installed);
const target = process.argv[2];
const require = createRequire(import.meta.url);

if (target === 'node') {
  const stale = MODULES.filter((name) => {
    try {
      const mod = require(name);
      if (name === 'better-sqlite3') new mod(':memory:').close();
      return false;
    } catch (error) {
      return /NODE_MODULE_VERSION|was compiled against a different/.test(String(error));
    }
  });
  if (stale.length > 0) {
    console.log(`Rebuilding ${stale.join(', ')} for Node.js ${process.version}…`);
    execSync(`npm rebuild ${stale.join(' ')}`, { stdio: 'inherit' });
  }
} else if (target === 'electron-if-installed') {
  const { electronBinaryPath } = await import('./optional-parts.mjs');
  if (electronBinaryPath()) execSync(`npx electron-rebuild --force --only ${MODULES.join(',')}`, { stdio: 'inherit' });
  else console.log('No Electron binary here: native modules stay built for Node.js.');
} else if (target === 'electron') {
  execSync(`npx electron-rebuild --force --only ${MODULES.join(',')}`, { stdio: 'inherit' });
} else {
  console.error('Usage: node scripts/native-for.mjs node|electron');
  process.exit(2);
}
