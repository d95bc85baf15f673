// The table of channels: each one's schema and the service call behind it.
import type { AppInfo } from '../../preload/contract/dto';
import type { AuthService } from '../services/auth';
import type { OnboardingService } from '../services/onboarding';
import type { PlsaConsoleService } from '../services/plsa-console';
import type { PrivateAreaService } from '../services/private-area';
import type { RecoveryService } from '../services/recovery';
import type { HelpService } from '../services/help';
import type { OutboxService } from '../services/outbox-service';
import type { GuideLibrary } from '../portal/help/guides';
import type { DeskService } from '../services/desk';
import type { DeskDecisions } from '../services/desk-decisions';
import { PortalError } from '../services/errors';
import type { TermsCatalogue } from '../services/terms';
import type { DraftsRepository } from '../store/drafts';
import { handler, type HandlerMap } from './router';
import { CHANNEL_SCHEMAS as S } from './schemas';

export interface Services {
  appInfo: () => AppInfo;
  onboarding: OnboardingService;
  terms: TermsCatalogue;
  drafts: DraftsRepository;
  auth: AuthService;
  privateArea: PrivateAreaService;
  recovery: RecoveryService;
  plsaConsole: PlsaConsoleService;
  help: HelpService;
  outbox: OutboxService;
  guides: GuideLibrary;
  about: (lang: string) => string;
  desk: DeskService;
  decisions: DeskDecisions;
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

    login: handler(S.login, (input) => s.auth.login(input)),
    logout: handler(S.logout, (input) => s.auth.logout(input)),
    rememberedLogins: handler(S.rememberedLogins, () => s.auth.rememberedLogins()),
    resumeRemembered: handler(S.resumeRemembered, (input) => s.auth.resumeRemembered(input)),
    forgetMe: handler(S.forgetMe, (input) => s.auth.forgetMe(input)),
    privateArea: handler(S.privateArea, (input) => s.privateArea.privateArea(input)),
    changePassword: handler(S.changePassword, (input) => s.auth.changePassword(input)),

    forgotUsername: handler(S.forgotUsername, (input) => s.recovery.forgotUsername(input)),
    forgotPassword: handler(S.forgotPassword, (input) => s.recovery.forgotPassword(input)),
    findPlsa: handler(S.findPlsa, (input) => s.recovery.findPlsa(input)),
    reportBlockedAccess: handler(S.reportBlockedAccess, (input) => s.recovery.reportBlockedAccess(input)),

    consoleAccounts: handler(S.consoleAccounts, (input) => s.plsaConsole.consoleAccounts(input)),
    createAccount: handler(S.createAccount, (input) => s.plsaConsole.createAccount(input)),
    resetPassword: handler(S.resetPassword, (input) => s.plsaConsole.resetPassword(input)),
    unblockAccount: handler(S.unblockAccount, (input) => s.plsaConsole.unblockAccount(input)),
    deactivateAccount: handler(S.deactivateAccount, (input) => s.plsaConsole.deactivateAccount(input)),
    companyAudit: handler(S.companyAudit, (input) => s.plsaConsole.companyAudit(input)),

    submitHelpRequest: handler(S.submitHelpRequest, (input) => s.help.submitHelpRequest(input)),
    captureWindow: handler(S.captureWindow, async (_input, context) => {
      if (!context.captureWindow)
        throw new PortalError(
          'unavailable',
          'Capturing the window works in the desktop app: attach or paste an image instead.',
        );
      return { contentBase64: Buffer.from(await context.captureWindow()).toString('base64') };
    }),
    myRequests: handler(S.myRequests, () => s.outbox.myRequests()),
    retryRequest: handler(S.retryRequest, (input) => s.outbox.retryRequest(input)),
    outboxStatus: handler(S.outboxStatus, () => s.outbox.outboxStatus()),
    sendNow: handler(S.sendNow, () => s.outbox.sendNow()),
    mailSettings: handler(S.mailSettings, () => s.outbox.mailSettings()),
    saveMailSettings: handler(S.saveMailSettings, (input) => s.outbox.saveMailSettings(input)),
    sendTestEmail: handler(S.sendTestEmail, (input) => s.outbox.sendTestEmail(input)),

    helpTopic: handler(S.helpTopic, ({ lang }) => ({ guides: s.guides.list(lang), about: s.about(lang) })),
    helpGuide: handler(S.helpGuide, ({ id, lang }) => {
      const guide = s.guides.guide(id, lang);
      if (!guide) throw new PortalError('not-found', 'No such guide.');
      return { id: guide.id, title: guide.title, html: guide.html };
    }),
    searchHelp: handler(S.searchHelp, ({ query, lang }) => ({
      hits: query.trim() === '' ? [] : s.guides.search(query, lang),
    })),

    deskQueue: handler(S.deskQueue, (input) => s.desk.deskQueue(input)),
    deskRequest: handler(S.deskRequest, (input) => s.desk.deskRequest(input)),
    deskAttachment: handler(S.deskAttachment, (input) => s.desk.deskAttachment(input)),
    deskSearchCompanies: handler(S.deskSearchCompanies, (input) => s.desk.deskSearchCompanies(input)),
    deskSetState: handler(S.deskSetState, (input) => s.desk.deskSetState(input)),
    deskDecide: handler(S.deskDecide, (input) => s.decisions.deskDecide(input)),
    deskReplacePlsa: handler(S.deskReplacePlsa, (input) => s.decisions.deskReplacePlsa(input)),
    deskImport: handler(S.deskImport, (input) => s.desk.deskImport(input)),
    deskExport: handler(S.deskExport, (input) => s.desk.deskExport(input)),
    createDeskAgent: handler(S.createDeskAgent, (input) => s.desk.createDeskAgent(input)),
    deskUnblockAgent: handler(S.deskUnblockAgent, (input) => s.desk.deskUnblockAgent(input)),
    deskTemplates: handler(S.deskTemplates, (input) => s.desk.deskTemplates(input)),
    saveDeskTemplates: handler(S.saveDeskTemplates, (input) => s.desk.saveDeskTemplates(input)),
  };
}
