// The help topic: the guides, the "About" text, offline search, and the window capture that a
// Help & Contact request may attach (desktop only: the browser has no window to capture).
import type { GuideId, GuideView, HelpSearchHit, HelpTopic, WindowCapture } from '../../preload/contract/help';
import type { GuideLibrary } from '../portal/help/guides';
import { PortalError, type CallContext } from './errors';

export type HelpTopicService = ReturnType<typeof createHelpTopicService>;

export function createHelpTopicService(guides: GuideLibrary, about: (lang: string) => HelpTopic['about']) {
  return {
    helpTopic: ({ lang }: { lang: string }): HelpTopic => ({ guides: guides.list(lang), about: about(lang) }),
    helpGuide({ id, lang }: { id: GuideId; lang: string }): GuideView {
      const guide = guides.guide(id, lang);
      if (!guide) throw new PortalError('not-found', 'No such guide.');
      return { id: guide.id, title: guide.title, html: guide.html };
    },
    searchHelp: ({ query, lang }: { query: string; lang: string }): { hits: HelpSearchHit[] } => ({
      hits: query.trim() === '' ? [] : guides.search(query, lang),
    }),
    async captureWindow(_input: unknown, _principal: unknown, context: CallContext): Promise<WindowCapture> {
      const capture = context.captureWindow;
      if (!capture) {
        throw new PortalError(
          'unavailable',
          'Capturing the window works in the desktop app: attach or paste an image instead.',
        );
      }
      return { contentBase64: Buffer.from(await capture()).toString('base64') };
    },
  };
}
