// Numbered, append-only migrations. A shipped migration is never edited: add the next one.
import { directory } from './001-directory';
import { accounts } from './002-accounts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [directory, accounts];

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
});
