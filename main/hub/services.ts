// What the hub's intents need besides the database: the key that seals e-mailed secrets, the
// account rules, and a way to wake the mailer once a decision that sends e-mail has committed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ACCOUNTS_CONFIG } from '../policy/accounts';
import { parseBlocklist } from '../portal/accounts/password-policy';
import type { HubAccountsConfig } from './accounts';
import { createSecretBox, type SecretBox } from './mail';

export interface HubServices {
  box: SecretBox;
  accounts: HubAccountsConfig;
  /** Where requests are e-mailed (`--assistance`); null: they reach the desks' queues only. */
  assistanceAddress: string | null;
  /** Whether the hub has a mail relay (`--smtp`): without one its e-mails wait in its outbox,
   * and the workstations say so (server.ts tells them at each pull). */
  mailRelay: boolean;
  mailQueued(): void;
  /** The hub's clock for the rules that count days (reminders, expiry): the system's, or a
   * test's (main/clock.ts). */
  now(): Date;
}

let commonPasswords: ReadonlySet<string> | null = null;
/** The passwords nobody may choose (resources/passwords), read once. */
export const loadCommonPasswords = (): ReadonlySet<string> =>
  (commonPasswords ??= parseBlocklist(
    readFileSync(join(__dirname, '..', '..', 'resources', 'passwords', 'common-passwords.txt'), 'utf8'),
  ));

export function hubServices(
  given: Partial<Omit<HubServices, 'accounts'>> & { accounts?: Partial<HubAccountsConfig> } = {},
): HubServices {
  const { lockout, hashCost, sessionHours, temporaryPasswordHours, recoveryCapPerHour } = DEFAULT_ACCOUNTS_CONFIG;
  return {
    // Without the hub's key (tests), a key for this process only.
    box: given.box ?? createSecretBox(randomBytes(32)),
    accounts: {
      lockout,
      hashCost,
      sessionHours,
      temporaryPasswordHours,
      recoveryCapPerHour,
      commonPasswords: loadCommonPasswords(),
      ...given.accounts,
    },
    assistanceAddress: given.assistanceAddress ?? null,
    mailRelay: given.mailRelay ?? false,
    mailQueued: given.mailQueued ?? (() => {}),
    now: given.now ?? (() => new Date()),
  };
}
