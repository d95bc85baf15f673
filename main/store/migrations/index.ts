// Numbered, append-only migrations. A shipped migration is never edited: add the next one.
import { directory } from './001-directory';
import { accounts } from './002-accounts';
import { delivery } from './003-delivery';
import { desk } from './004-desk';
import { decisions } from './005-decisions';
import { draftOwners } from './006-draft-owners';
import { assistanceRecipient } from './007-assistance-recipient';
import { hubQueue } from './008-hub-queue';
import { hubAgents } from './009-hub-agents';
import { waitingRequests } from './010-waiting-requests';
import { plsaHandovers } from './011-plsa-handovers';
import { accessReviews } from './012-access-reviews';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table (SQLite cannot alter a CHECK constraint): foreign keys are switched off
   * around it, as SQLite's documented procedure says, and checked before the commit.
   */
  rebuildsTables?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  directory,
  accounts,
  delivery,
  desk,
  decisions,
  draftOwners,
  assistanceRecipient,
  hubQueue,
  hubAgents,
  waitingRequests,
  plsaHandovers,
  accessReviews,
];

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
});
