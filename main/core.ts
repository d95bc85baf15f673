// Builds the engine behind both front doors (Electron IPC and the browser host) from a data
// folder: opens the store, loads the demo directory on first run, wires services to the router.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from './api/handlers';
import { createRouter, type Logger, type Router } from './api/router';
import { demoDirectory } from './services/demo';
import { createOnboardingService } from './services/onboarding';
import { createTermsCatalogue } from './services/terms';
import { openStore, type Db } from './store/database';
import { createDirectoryRepository } from './store/directory';
import { createDraftsRepository } from './store/drafts';
import { createSettingsRepository } from './store/settings';
import { createSubmissionsRepository } from './store/submissions';

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  mode: 'desktop' | 'web';
  /** Load the fictional demo directory into an empty store (off with --no-demo). */
  loadDemo: boolean;
  version: string;
  now?: () => Date;
  log?: Logger;
}

export interface PortalCore {
  router: Router;
  db: Db;
  close(): void;
}

export const STORE_FILE = 'portal.sqlite';

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export function startCore(options: CoreOptions): PortalCore {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openStore(join(options.dataDir, STORE_FILE));

  const directory = createDirectoryRepository(db);
  const settings = createSettingsRepository(db);
  if (options.loadDemo && directory.companyCount() === 0) {
    const demo = demoDirectory(readJson(join(options.resourcesDir, 'demo', 'directory.json')), now());
    db.transaction(() => {
      directory.importDirectory(demo, now());
      settings.set('demo-data', '1');
    })();
  }

  const terms = createTermsCatalogue(readJson(join(options.resourcesDir, 'terms', 'terms-of-use.json')));
  const drafts = createDraftsRepository(db);
  const onboarding = createOnboardingService({
    directory,
    submissions: createSubmissionsRepository(db),
    drafts,
    terms,
    now,
  });
  const router = createRouter(
    createHandlers({
      appInfo: () => ({ version: options.version, mode: options.mode, demoData: settings.get('demo-data') === '1' }),
      onboarding,
      terms,
      drafts,
      now,
    }),
    options.log,
  );
  return { router, db, close: () => db.close() };
}
