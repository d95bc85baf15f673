// Builds the engine behind both front doors (Electron IPC and the browser host) from a data
// folder: opens the store, loads the demo directory on first run, wires services to the router.
import { processClock } from './clock';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from './api/handlers';
import { createRouter, type Logger, type Router } from './api/router';
import { parseBlocklist } from './portal/accounts/password-policy';
import { createKeytarStore } from './secrets/keytar-store';
import { createChosenSecretStore, type PasswordStoreMode } from './secrets/choose-store';
import type { SecretStore } from './secrets/secret-store';
import type { SecretStoreInfo } from '../preload/contract/dto';
import { DEFAULT_ACCOUNTS_CONFIG, type AccountsConfig } from './policy/accounts';
import { createAuthService } from './services/auth';
import { asPortalError, createHubAccounts } from './services/hub-accounts';
import { loadDemo } from './services/demo';
import { createMailer } from './services/mailer';
import { createOnboardingService } from './services/onboarding';
import { createPlsaConsoleService } from './services/plsa-console';
import { createPrivateAreaService } from './services/private-area';
import { createRecoveryService } from './services/recovery';
import { createSessionGuard } from './services/session-guard';
import { createTermsCatalogue } from './services/terms';
import { createAccountsRepository } from './store/accounts';
import { BACKUP_EVERY_MS, BACKUPS_KEPT, scheduleBackups } from './store/backups';
import { openStore, type Db } from './store/database';
import { STORE_FILE } from './paths';
import { createDirectoryRepository } from './store/directory';
import { createDraftsRepository } from './store/drafts';
import { createOutboxRepository } from './store/outbox';
import { createSettingsRepository } from './store/settings';
import { createSubmissionsRepository } from './store/submissions';
import { createDelivery, RELAY_PASSWORD_KEY } from './outbox/delivery';
import { createTransportCache } from './outbox/transport';
import { createDeliveryWorker } from './outbox/worker';
import type { RetryPolicy } from './portal/mail/retry-policy';
import { createHelpService } from './services/help';
import { createOutboxService } from './services/outbox-service';
import { createExpirySweep, createMyRequestsService } from './services/my-requests';
import { createPlsaContinuity } from './services/plsa-continuity';
import { createPrivacyService } from './services/privacy';
import { createDeskErasure } from './services/desk-erasure';
import { createPrivacyLedger } from './store/privacy-ledger';
import { createAccessReviews } from './services/access-review';
import { createAccessReviewsRepository } from './store/access-reviews';
import { createPlsaHandOversRepository } from './store/plsa-handovers';
import { createWaitingRequestsRepository } from './store/waiting-requests';
import { createMailSettingsRepository } from './store/mail-settings';
import { createRequestsRepository } from './store/requests';
import { createGuideLibrary, GUIDE_IDS } from './portal/help/guides';
import { createDeskTemplatesStore } from './store/desk-templates';
import { readAbout } from './portal/help/about';
import type { CompanySearchIndex } from './portal/directory/search-index';
import { createDeskService } from './services/desk';
import type { IntentStore } from './services/intent-adapter';
import { createDeskDecisions } from './services/desk-decisions';
import { createDeskGuard } from './services/desk-guard';
import { createDraftsService } from './services/drafts';
import { createHelpTopicService } from './services/help-topic';
import { LANGS } from '../preload/contract/languages';
import { createHubQueue } from './store/hub-queue';
import { createSyncWorker, type SyncStatus } from './sync/sync-worker';
import { hubMailOf } from './sync/replica';
import { createPrincipals } from './services/principal';
import { loadCompanySearch } from './store/company-search';
import { createDeskRepository } from './store/desk';

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  mode: 'desktop' | 'web';
  /** Load the fictional demo directory into an empty store (off with --no-demo). */
  loadDemo: boolean;
  version: string;
  /** Name of this app's entries in the OS keychain. */
  keychainService?: string;
  /** Where secrets go (`--password-store`): the keychain, the protected file, or auto (default). */
  passwordStore?: PasswordStoreMode;
  secrets?: SecretStore;
  accounts?: Partial<AccountsConfig>;
  /** Deliver the outbox in the background (the apps do; tests drive delivery themselves). */
  deliver?: boolean;
  deliveryIntervalMs?: number;
  retryPolicy?: RetryPolicy;
  now?: () => Date;
  log?: Logger;
  /** Rolling backups of the store (at start, then daily; 7 kept). Off only for throwaway stores. */
  backups?: { everyMs?: number; keep?: number } | false;
  /** A hub to sync with (docs: "The hub"): this workstation becomes its replica. Standalone
   * without. `deskToken` is a desk workstation's device token from the hub's `register-desk`. */
  hub?: { url: string; deskToken?: string | null } | null;
  /** The login's password check (scrypt by default); tests count its calls. */
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
}

export interface PortalCore {
  router: Router;
  db: Db;
  secrets: SecretStore;
  /** One delivery round now (the background worker does the same on its own). */
  deliverNow(): Promise<import('./outbox/delivery').DeliveryRound>;
  /** One sync round with the hub now (a linked workstation's worker does the same on its own). */
  syncNow(): Promise<void>;
  syncStatus(): SyncStatus;
  close(): void;
}

export { STORE_FILE } from './paths';
export const KEYCHAIN_SERVICE = 'B2B Portal';

const readText = (file: string): string => readFileSync(file, 'utf8');

export function startCore(options: CoreOptions): PortalCore {
  const now = options.now ?? processClock();
  const log = options.log ?? (() => {});
  const config: AccountsConfig = { ...DEFAULT_ACCOUNTS_CONFIG, ...options.accounts };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const storeFile = join(options.dataDir, STORE_FILE);
  const db = openStore(storeFile);
  const chosen = options.secrets
    ? null
    : createChosenSecretStore({
        mode: options.passwordStore ?? 'auto',
        dataDir: options.dataDir,
        keychain: createKeytarStore(options.keychainService ?? KEYCHAIN_SERVICE),
        log,
      });
  const secrets: SecretStore = options.secrets ?? chosen!;
  void chosen?.info(); // decided at start, so the log says where secrets go before one is needed
  // A store given by a test is named a keychain; whether it keeps anything is asked each time.
  const secretsInfo = (): Promise<SecretStoreInfo> =>
    chosen?.info() ??
    secrets.keys().then(
      () => ({ kind: 'keychain', why: 'option', usable: true }),
      () => ({ kind: 'keychain', why: 'option', usable: false }),
    );

  const directory = createDirectoryRepository(db);
  const settings = createSettingsRepository(db);
  const accounts = createAccountsRepository(db);
  // A linked workstation's directory is the hub's (README, "The hub"): no demo of its own.
  const linkedAtStart = Boolean(options.hub?.url || settings.get('hub.url'));
  if (options.loadDemo && !linkedAtStart && directory.companyCount() === 0) {
    loadDemo(db, join(options.resourcesDir, 'demo'), { directory, accounts, settings }, config.hashCost, now());
  }

  const terms = createTermsCatalogue(JSON.parse(readText(join(options.resourcesDir, 'terms', 'terms-of-use.json'))));
  const commonPasswords = parseBlocklist(readText(join(options.resourcesDir, 'passwords', 'common-passwords.txt')));
  const drafts = createDraftsRepository(db, now());
  const desk = createDeskRepository(db);
  const guard = createSessionGuard(accounts, now, desk);
  const requests = createRequestsRepository(db);
  const outbox = createOutboxRepository(db, requests);
  const hubQueue = createHubQueue(db, settings, () => sync.kick());
  if (options.hub) hubQueue.setUrl(options.hub.url);
  if (hubQueue.link() && settings.get('demo-data') === '1') hubQueue.forgetStandaloneDirectory();
  const submissions = createSubmissionsRepository(db, requests, hubQueue);
  const waiting = createWaitingRequestsRepository(db);
  // The desk edits its answers; what it saved wins over the shipped defaults.
  const templates = createDeskTemplatesStore(settings, readText(join(options.resourcesDir, 'desk', 'templates.json')));
  const sync = createSyncWorker({
    db,
    queue: hubQueue,
    secrets,
    now,
    log,
    deskToken: options.hub?.deskToken ?? null,
    onDirectoryChanged: () => (searchIndex = null),
    onTemplates: (value) => templates.saveFromHub(value),
  });
  // Logins, password changes and the PLSA console of a linked workstation go to the hub.
  const hubAccounts = createHubAccounts({
    db,
    accounts,
    directory,
    linked: () => hubQueue.link() !== null,
    call: (fn) => sync.call(fn),
    syncNow: () => sync.syncNow(),
  });
  // What the header shows; the worker's last problem stays in the log (it may name the hub's address).
  const shownSyncStatus = () => {
    const { problem: _problem, ...status } = sync.status();
    return { ...status, hubMail: status.linked ? hubMailOf(settings.get('hub-mail')) : null };
  };
  const mailSettings = createMailSettingsRepository(settings);
  const transports = createTransportCache(() => secrets.get(RELAY_PASSWORD_KEY));
  const delivery = createDelivery({
    outbox,
    secrets,
    settings: () => mailSettings.get(),
    transport: (s) => transports.get(s),
    now,
    ...(options.retryPolicy ? { policy: options.retryPolicy } : {}),
    log,
  });
  const worker = createDeliveryWorker(delivery, { intervalMs: options.deliveryIntervalMs ?? 30_000, log });
  const mailer = createMailer(outbox, secrets, log, () => worker.kick());
  const guides = createGuideLibrary(
    LANGS.flatMap((lang) =>
      GUIDE_IDS.map((id) => ({ id, lang, markdown: readText(join(options.resourcesDir, 'guides', lang, `${id}.md`)) })),
    ),
  );
  const aboutOf = readAbout(readText(join(options.resourcesDir, 'help', 'about.json')), LANGS);
  const deskGuard = createDeskGuard(desk, now, accounts);
  // The store the intents' rules run on, for every service that runs one (main/intents/).
  const intents: IntentStore = { db, desk, accounts, waiting, templates, mailer, hub: hubQueue };
  let searchIndex: CompanySearchIndex | null = null;
  const search = () => (searchIndex ??= loadCompanySearch(db)); // built on the desk's first search

  const principals = createPrincipals(guard, deskGuard);
  const accessReviews = createAccessReviews({
    db,
    accounts,
    reviews: createAccessReviewsRepository(db),
    mailer,
    now,
    hub: hubAccounts,
  });
  const continuity = createPlsaContinuity({
    db,
    accounts,
    handOvers: createPlsaHandOversRepository(db),
    now,
    hub: hubAccounts,
  });
  const router = createRouter(
    createHandlers({
      app: {
        appInfo: async () => ({
          version: options.version,
          mode: options.mode,
          demoData: settings.get('demo-data') === '1',
          secrets: await secretsInfo(),
          dataDir: options.dataDir,
        }),
        syncStatus: () => shownSyncStatus(),
        // "Sync now" in the header: a round that starts after the click, then what it left.
        syncNow: async () => {
          await sync.syncNow();
          return shownSyncStatus();
        },
        // An agent links this workstation to a hub, or unlinks it (empty address): standalone again.
        saveHubSettings: async ({ url, enrol }: { url: string; enrol?: { username: string; password: string } }) => {
          // The address is checked and normalised by the channel's schema.
          if (url && enrol) await sync.enrol(url, enrol.username, enrol.password).catch(asPortalError);
          else hubQueue.setUrl(url);
          if (hubQueue.link()) {
            if (options.deliver ?? true) sync.start();
            await sync.syncNow();
          } else sync.stop();
          return shownSyncStatus();
        },
      },
      onboarding: createOnboardingService({
        db,
        mailer,
        directory,
        submissions,
        terms,
        now,
      }),
      terms,
      drafts: createDraftsService(drafts, principals, now),
      auth: createAuthService({
        db,
        accounts,
        secrets,
        mailer,
        commonPasswords,
        config,
        desk,
        now,
        hubAccounts,
        // A review's grace ends before anyone logs in: what it blocks is blocked for this login.
        beforeLogin: accessReviews.sweep,
        ...(options.verifyPassword ? { verifyPassword: options.verifyPassword } : {}),
      }),
      privateArea: createPrivateAreaService({ accounts, directory, now, continuity: continuity.continuity }),
      recovery: createRecoveryService({
        hub: hubQueue,
        accounts,
        directory,
        mailer,
        config,
        now,
        log,
        canKeepSecrets: async () => hubQueue.link() !== null || (await secretsInfo()).usable,
        storeForDesk: (kind, companyId, payload, at) =>
          void submissions.storeRecoveryRequest(kind, companyId, payload, at),
      }),
      plsaConsole: createPlsaConsoleService({
        db,
        accounts,
        config,
        now,
        hub: hubAccounts,
        handOverOf: continuity.handOverOf,
      }),
      plsaContinuity: continuity.channels,
      accessReviews: accessReviews.channels,
      help: createHelpService({
        db,
        submissions,
        mailer,
        mailSettings,
        companyIdOf: (cofor) => directory.companyByCofor(cofor)?.id ?? null,
        now,
        linked: () => hubQueue.link() !== null,
      }),
      outbox: createOutboxService({
        outbox,
        requests,
        delivery,
        mailSettings,
        secrets,
        transport: (s) => transports.get(s),
        now,
      }),
      erasure: createDeskErasure({ db, desk, accounts, hub: hubQueue, now }),
      privacy: createPrivacyService({
        db,
        ledger: createPrivacyLedger(db),
        accounts,
        hub: hubQueue,
        hubAccounts,
        now,
      }),
      myRequests: createMyRequestsService({ db, requests, waiting, accounts, hub: hubQueue, intents, now }),
      helpTopic: createHelpTopicService(guides, aboutOf),
      desk: createDeskService({
        db,
        desk,
        accounts,
        directory,
        search,
        resetSearch: () => (searchIndex = null),
        config,
        storeFile,
        templates,
        now,
        hub: hubQueue,
        intents,
        expireDue: createExpirySweep({ db, waiting, accounts, hub: hubQueue, now }),
      }),
      decisions: createDeskDecisions({
        db,
        desk,
        accounts,
        directory,
        outbox,
        requests,
        secrets,
        search,
        config,
        now,
        templates: templates.get,
        kick: () => worker.kick(),
        hub: hubQueue,
      }),
    }),
    principals,
    log,
  );
  if (options.deliver ?? true) worker.start();
  else delivery.recoverAfterCrash();
  if ((options.deliver ?? true) && hubQueue.link()) sync.start();
  // After the demo load, so that the first backup already holds what the user starts with.
  const backups =
    options.backups === false
      ? null
      : scheduleBackups(db, storeFile, {
          everyMs: options.backups?.everyMs ?? BACKUP_EVERY_MS,
          keep: options.backups?.keep ?? BACKUPS_KEPT,
          now,
          log,
        });
  return {
    router,
    db,
    secrets,
    deliverNow: () => delivery.deliverDue(),
    syncNow: () => sync.syncNow(),
    syncStatus: () => sync.status(),
    close() {
      backups?.stop();
      sync.stop();
      worker.stop();
      transports.close();
      db.close();
    },
  };
}
