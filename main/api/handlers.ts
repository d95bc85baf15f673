// The table of channels: each one's schema and the service call behind it.
import type { AppInfo } from '../../preload/contract/dto';
import type { OnboardingService } from '../services/onboarding';
import type { TermsCatalogue } from '../services/terms';
import type { DraftsRepository } from '../store/drafts';
import { handler, type HandlerMap } from './router';
import { CHANNEL_SCHEMAS as S } from './schemas';

export interface Services {
  appInfo: () => AppInfo;
  onboarding: OnboardingService;
  terms: TermsCatalogue;
  drafts: DraftsRepository;
  now: () => Date;
}

export function createHandlers(s: Services): HandlerMap {
  return {
    appInfo: handler(S.appInfo, () => s.appInfo()),
    analyze: handler(S.analyze, (input) => s.onboarding.analyze(input)),
    termsOfUse: handler(S.termsOfUse, ({ lang }) => s.terms.forLanguage(lang)),
    submitCompanyFile: handler(S.submitCompanyFile, (input) => s.onboarding.submitCompanyFile(input)),
    submitCoforHelp: handler(S.submitCoforHelp, (input) => s.onboarding.submitCoforHelp(input)),
    submitAccessRequest: handler(S.submitAccessRequest, (input) => s.onboarding.submitAccessRequest(input)),
    loadDraft: handler(S.loadDraft, ({ form }) => s.drafts.load(form)),
    saveDraft: handler(S.saveDraft, ({ form, data }) => {
      const at = s.now();
      s.drafts.save(form, data, at);
      return { savedAt: at.toISOString() };
    }),
    clearDraft: handler(S.clearDraft, ({ form }) => ({ cleared: s.drafts.clear(form) })),
  };
}
