// What a person typed, kept as they type: the channels' view of the drafts repository.
import type { DraftData, DraftKey } from '../../preload/contract/dto';
import type { DraftsRepository } from '../store/drafts';

export type DraftsService = ReturnType<typeof createDraftsService>;

export function createDraftsService(drafts: DraftsRepository, now: () => Date) {
  return {
    loadDraft: ({ form }: { form: DraftKey }): DraftData | null => drafts.load(form),
    saveDraft({ form, data }: { form: DraftKey; data: DraftData }): { savedAt: string } {
      const at = now();
      drafts.save(form, data, at);
      return { savedAt: at.toISOString() };
    },
    clearDraft: ({ form }: { form: DraftKey }): { cleared: boolean } => ({ cleared: drafts.clear(form) }),
  };
}
