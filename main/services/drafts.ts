// What a person typed, kept as they type, and shown to nobody else: a draft belongs to the login
// of a live session, or else to the anonymous visit (window) that typed it.
import type { DraftData, DraftKey } from '../../preload/contract/dto';
import type { DraftsRepository } from '../store/drafts';

export type DraftsService = ReturnType<typeof createDraftsService>;

interface Owner {
  visit: string;
  session?: string | undefined;
}

/** `loginOf` answers the login (or agent user name) of a live session, or null. */
export function createDraftsService(
  drafts: DraftsRepository,
  loginOf: (session: string) => string | null,
  now: () => Date,
) {
  const ownerOf = ({ visit, session }: Owner): string => {
    const login = session ? loginOf(session) : null;
    return login ? `login:${login}` : `visit:${visit}`;
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
