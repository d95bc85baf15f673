// The parts of a machine that the app and its tests can do without (README, "Install and run"):
// each probe says whether the part is here, and if not, why and what that leaves out.
// Used by scripts/test-all.mjs; `node scripts/optional-parts.mjs` prints the list alone.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const onPath = (command) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function keychainModule() {
  try {
    require('keytar');
    return null;
  } catch (error) {
    return error.code === 'MODULE_NOT_FOUND'
      ? 'keytar is not installed (its build needs libsecret-1-dev: apt-get install libsecret-1-dev, then npm rebuild keytar)'
      : `keytar does not load: ${String(error.message).split('\n')[0]}`;
  }
}

/** The binary's path without `require('electron')`, which since Electron 45 tries to download
 * a missing binary on the spot. */
export function electronBinaryPath() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const path = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function electronBinary() {
  return electronBinaryPath()
    ? null
    : 'the Electron binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or a blocked download)';
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @returns {Array<{ name: string, missing: string | null, skips: string }>} */
export function probeOptionalParts() {
  const module = keychainModule();
  return [
    {
      name: 'Chromium',
      missing: existsSync(CHROMIUM_PATH)
        ? null
        : `no browser at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
      skips: 'the end-to-end tests in the browser',
    },
    {
      name: 'keychain module',
      missing: module,
      skips: 'the tests that store secrets in the OS keychain (the no-keychain tests still run)',
    },
    {
      name: 'Secret Service',
      missing: module
        ? 'needs the keychain module first'
        : onPath('gnome-keyring-daemon') && onPath('dbus-run-session')
          ? null
          : 'no gnome-keyring-daemon or dbus-run-session (apt-get install gnome-keyring dbus-x11)',
      skips: 'the same keychain tests',
    },
    { name: 'Electron binary', missing: electronBinary(), skips: 'the desktop window test' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const part of probeOptionalParts()) {
    console.log(
      part.missing ? `  missing  ${part.name}: ${part.missing}; skipped: ${part.skips}` : `  found    ${part.name}`,
    );
  }
}
