// Drafts: what a person typed in a form, saved as they type, so a crash or restart loses nothing.
// Each belongs to its owner (a login, or an anonymous visit): nobody else is ever shown it.
import type { DraftData, DraftKey } from '../../preload/contract/dto';
import type { Db } from './database';
import { storedJson } from './stored-json';

export type DraftsRepository = ReturnType<typeof createDraftsRepository>;

/** Anonymous drafts nobody came back to are dropped after this long. */
const ANONYMOUS_DRAFTS_KEPT_MS = 7 * 24 * 3600 * 1000;

export function createDraftsRepository(db: Db, openedAt: Date) {
  const load = db.prepare<[string, DraftKey], { data: string }>('SELECT data FROM drafts WHERE owner = ? AND form = ?');
  const save = db.prepare<[string, DraftKey, string, string]>(
    `INSERT INTO drafts (owner, form, data, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (owner, form) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const clear = db.prepare<[string, DraftKey]>('DELETE FROM drafts WHERE owner = ? AND form = ?');
  // Once per start, not on every keystroke: anonymous drafts nobody came back to.
  db.prepare<[string]>("DELETE FROM drafts WHERE owner LIKE 'visit:%' AND updated_at < ?").run(
    new Date(openedAt.getTime() - ANONYMOUS_DRAFTS_KEPT_MS).toISOString(),
  );
  return {
    load(owner: string, form: DraftKey): DraftData | null {
      const row = load.get(owner, form);
      return row ? storedJson.draft.read(row.data) : null;
    },
    // Drafts are not mutations: they stay on this workstation and are never synced.
    save: (owner: string, form: DraftKey, data: DraftData, at: Date): void =>
      void save.run(owner, form, storedJson.draft.write(data), at.toISOString()),
    clear: (owner: string, form: DraftKey): boolean => clear.run(owner, form).changes > 0,
  };
}
