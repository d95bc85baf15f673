// `node dist/main/deliver.cjs --data-dir DIR`: delivers what the outbox of a data folder holds
// due, then exits (0 when nothing is left due, 3 when some still wait for a later retry). The
// apps deliver in the background by themselves; this is for scripts, and for the crash tests
// that kill a delivering process at random.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createKeytarStore } from '../secrets/keytar-store';
import { createChosenSecretStore } from '../secrets/choose-store';
import { parsePasswordStore } from '../secrets/password-store-arg';
import { STORE_FILE } from '../paths';
import { openStore } from '../store/database';
import { createMailSettingsRepository } from '../store/mail-settings';
import { createOutboxRepository } from '../store/outbox';
import { createRequestsRepository } from '../store/requests';
import { createSettingsRepository } from '../store/settings';
import { createDelivery, RELAY_PASSWORD_KEY } from './delivery';
import { createTransportCache } from './transport';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'keychain-name': { type: 'string' },
      'password-store': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = values['data-dir'];
  if (!dataDir) {
    console.error('Usage: deliver --data-dir DIR [--keychain-name NAME] [--password-store auto|keychain|file]');
    return 2;
  }
  let passwordStore;
  try {
    passwordStore = parsePasswordStore(values['password-store']);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const db = openStore(join(dataDir, STORE_FILE));
  // The store the app chose for this data folder (remembered there), unless told otherwise.
  const secrets = createChosenSecretStore({
    mode: passwordStore,
    dataDir,
    keychain: createKeytarStore(values['keychain-name'] ?? 'B2B Portal'),
  });
  const mailSettings = createMailSettingsRepository(createSettingsRepository(db));
  const transports = createTransportCache(() => secrets.get(RELAY_PASSWORD_KEY));
  const outbox = createOutboxRepository(db, createRequestsRepository(db));
  const delivery = createDelivery({
    outbox,
    secrets,
    settings: () => mailSettings.get(),
    transport: (s) => transports.get(s),
    now: () => new Date(),
  });
  delivery.recoverAfterCrash();
  try {
    for (;;) {
      const round = await delivery.deliverDue();
      if (round.notConfigured) {
        console.error('The mail relay is not configured: nothing was sent.');
        return 3;
      }
      console.log(`sent ${round.sent}, failed ${round.failed}, postponed ${round.postponed}`);
      if (round.sent + round.failed === 0) return outbox.counts().queued === 0 ? 0 : 3;
    }
  } finally {
    transports.close();
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
