// Drafts: what a person typed in a form, saved as they type, so a crash or restart loses nothing.
import type { DraftData, DraftKey } from '../../preload/contract/dto';
import type { Db } from './database';
import { storedJson } from './stored-json';

export type DraftsRepository = ReturnType<typeof createDraftsRepository>;

export function createDraftsRepository(db: Db) {
  const load = db.prepare<[string], { data: string }>('SELECT data FROM drafts WHERE form = ?');
  const save = db.prepare<[DraftKey, string, string]>(
    `INSERT INTO drafts (form, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (form) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const clear = db.prepare<[DraftKey]>('DELETE FROM drafts WHERE form = ?');
  return {
    load(form: DraftKey): DraftData | null {
      const row = load.get(form);
      return row ? storedJson.draft.read(row.data) : null;
    },
    // Drafts are not mutations: they stay on this workstation and are never synced.
    save: (form: DraftKey, data: DraftData, at: Date): void =>
      void save.run(form, storedJson.draft.write(data), at.toISOString()),
    clear: (form: DraftKey): boolean => clear.run(form).changes > 0,
  };
}
