// The only preload file that imports electron. It exposes one typed object, `window.portal`,
// and nothing else: no ipcRenderer, no Node. `satisfies` makes a missing method a compile error.
import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannel, type ApiMethod, type PortalApi } from './contract/api';

const call = <M extends ApiMethod>(method: M): PortalApi[M] =>
  ((input: unknown) => ipcRenderer.invoke(ipcChannel(method), input)) as PortalApi[M];

const portal = {
  appInfo: call('appInfo'),
  analyze: call('analyze'),
  termsOfUse: call('termsOfUse'),
  submitCompanyFile: call('submitCompanyFile'),
  submitCoforHelp: call('submitCoforHelp'),
  submitAccessRequest: call('submitAccessRequest'),
  loadDraft: call('loadDraft'),
  saveDraft: call('saveDraft'),
  clearDraft: call('clearDraft'),
  login: call('login'),
  logout: call('logout'),
  rememberedLogins: call('rememberedLogins'),
  resumeRemembered: call('resumeRemembered'),
  forgetMe: call('forgetMe'),
  privateArea: call('privateArea'),
  changePassword: call('changePassword'),
  forgotUsername: call('forgotUsername'),
  forgotPassword: call('forgotPassword'),
  findPlsa: call('findPlsa'),
  reportBlockedAccess: call('reportBlockedAccess'),
  consoleAccounts: call('consoleAccounts'),
  createAccount: call('createAccount'),
  resetPassword: call('resetPassword'),
  unblockAccount: call('unblockAccount'),
  deactivateAccount: call('deactivateAccount'),
  companyAudit: call('companyAudit'),
  submitHelpRequest: call('submitHelpRequest'),
  captureWindow: call('captureWindow'),
  myRequests: call('myRequests'),
  retryRequest: call('retryRequest'),
  outboxStatus: call('outboxStatus'),
  sendNow: call('sendNow'),
  mailSettings: call('mailSettings'),
  saveMailSettings: call('saveMailSettings'),
  sendTestEmail: call('sendTestEmail'),
  helpTopic: call('helpTopic'),
  helpGuide: call('helpGuide'),
  searchHelp: call('searchHelp'),
} satisfies PortalApi;

contextBridge.exposeInMainWorld('portal', portal);
