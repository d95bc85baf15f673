// Where the app keeps its data when no --data-dir is given: the OS's per-user app data folder,
// the same one Electron's app.getPath('userData') gives for this product name.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'B2B Portal';
/** The local store's file inside a data folder. */
export const STORE_FILE = 'portal.sqlite';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), PRODUCT_NAME);
}
