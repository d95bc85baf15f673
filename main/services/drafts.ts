// What a person typed, kept as they type, and shown to nobody else: a draft belongs to the login
// of a live session, or else to the anonymous visit (window) that typed it.
import type { DraftData, DraftKey } from '../../preload/contract/dto';
import type { DraftsRepository } from '../store/drafts';
import type { Principals } from './principal';

export type DraftsService = ReturnType<typeof createDraftsService>;

interface Owner {
  visit: string;
  session?: string | undefined;
}

export function createDraftsService(drafts: DraftsRepository, principals: Pick<Principals, 'find'>, now: () => Date) {
  const ownerOf = ({ visit, session }: Owner): string => {
    const caller = session ? principals.find(session) : null;
    if (!caller) return `visit:${visit}`;
    return `login:${caller.kind === 'desk' ? caller.caller.agent.username : caller.caller.account.login}`;
  };
  return {
    loadDraft: (input: { form: DraftKey } & Owner): DraftData | null => drafts.load(ownerOf(input), input.form),
    saveDraft(input: { form: DraftKey; data: DraftData } & Owner): { savedAt: string } {
      const at = now();
      drafts.save(ownerOf(input), input.form, input.data, at);
      return { savedAt: at.toISOString() };
    },
    clearDraft: (input: { form: DraftKey } & Owner): { cleared: boolean } => ({
      cleared: drafts.clear(ownerOf(input), input.form),
    }),
  };
}
