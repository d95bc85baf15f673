// The one cross-process contract. The preload object, the HTTP client in the renderer and the
// router in main are all checked against `PortalApi`, so a method missing on either side is a
// compile error rather than a runtime surprise.
import type { ApiResult } from './result';
import type {
  AccessRequestInput,
  Analysis,
  AnalyzeInput,
  AppInfo,
  CompanyFileInput,
  CoforHelpInput,
  DraftData,
  DraftKey,
  Submitted,
  TermsOfUse,
} from './dto';
import type {
  AccountActionInput,
  AuditEntryView,
  BlockedAccessInput,
  ChangePasswordInput,
  ConsoleView,
  CreateAccountInput,
  FindPlsaInput,
  ForgotPasswordInput,
  ForgotUsernameInput,
  IssuedTemporaryPassword,
  LoginInput,
  PrivateArea,
  RecoveryReceived,
  SessionInput,
  SessionStart,
} from './accounts';
import type {
  DeskCompanyHit,
  DeskDecision,
  DeskHandOver,
  DeskImportReport,
  DeskQueue,
  DeskRequestView,
  DeskState,
  DeskTemplatesView,
  GuideId,
  GuideView,
  HelpRequestInput,
  HelpSearchHit,
  HelpTopic,
  MailSettingsInput,
  MailSettingsView,
  OutboxStatus,
  RequestView,
  WindowCapture,
} from './help';

export interface PortalApi {
  appInfo(input: Record<string, never>): Promise<ApiResult<AppInfo>>;
  analyze(input: AnalyzeInput): Promise<ApiResult<Analysis>>;
  termsOfUse(input: { lang: string }): Promise<ApiResult<TermsOfUse>>;
  submitCompanyFile(input: CompanyFileInput): Promise<ApiResult<Submitted>>;
  submitCoforHelp(input: CoforHelpInput): Promise<ApiResult<Submitted>>;
  submitAccessRequest(input: AccessRequestInput): Promise<ApiResult<Submitted>>;
  loadDraft(input: { form: DraftKey }): Promise<ApiResult<DraftData | null>>;
  saveDraft(input: { form: DraftKey; data: DraftData }): Promise<ApiResult<{ savedAt: string }>>;
  clearDraft(input: { form: DraftKey }): Promise<ApiResult<{ cleared: boolean }>>;

  login(input: LoginInput): Promise<ApiResult<SessionStart>>;
  logout(input: SessionInput): Promise<ApiResult<{ ended: boolean }>>;
  rememberedLogins(input: Record<string, never>): Promise<ApiResult<{ logins: string[] }>>;
  resumeRemembered(input: { login: string }): Promise<ApiResult<SessionStart>>;
  forgetMe(input: { login: string }): Promise<ApiResult<{ forgotten: boolean }>>;
  privateArea(input: SessionInput): Promise<ApiResult<PrivateArea>>;
  changePassword(input: ChangePasswordInput): Promise<ApiResult<{ changed: true; otherSessionsEnded: number }>>;

  forgotUsername(input: ForgotUsernameInput): Promise<ApiResult<RecoveryReceived>>;
  forgotPassword(input: ForgotPasswordInput): Promise<ApiResult<RecoveryReceived>>;
  findPlsa(input: FindPlsaInput): Promise<ApiResult<RecoveryReceived>>;
  reportBlockedAccess(input: BlockedAccessInput): Promise<ApiResult<RecoveryReceived>>;

  consoleAccounts(input: SessionInput): Promise<ApiResult<ConsoleView>>;
  createAccount(input: CreateAccountInput): Promise<ApiResult<IssuedTemporaryPassword>>;
  resetPassword(input: AccountActionInput): Promise<ApiResult<IssuedTemporaryPassword>>;
  unblockAccount(input: AccountActionInput): Promise<ApiResult<{ login: string }>>;
  deactivateAccount(input: AccountActionInput): Promise<ApiResult<{ login: string }>>;
  companyAudit(input: SessionInput): Promise<ApiResult<{ entries: AuditEntryView[] }>>;

  submitHelpRequest(input: HelpRequestInput): Promise<ApiResult<Submitted>>;
  /** Desktop only: a PNG of the app's window, taken by the main process. */
  captureWindow(input: Record<string, never>): Promise<ApiResult<WindowCapture>>;
  myRequests(input: Record<string, never>): Promise<ApiResult<{ requests: RequestView[] }>>;
  retryRequest(input: { reference: string }): Promise<ApiResult<{ requeued: number }>>;
  outboxStatus(input: Record<string, never>): Promise<ApiResult<OutboxStatus>>;
  sendNow(input: Record<string, never>): Promise<ApiResult<OutboxStatus>>;
  mailSettings(input: Record<string, never>): Promise<ApiResult<MailSettingsView | null>>;
  /** Desk agents only: the relay decides where temporary passwords go. */
  saveMailSettings(input: MailSettingsInput & SessionInput): Promise<ApiResult<MailSettingsView>>;
  sendTestEmail(input: {
    session: string;
    to: string;
    lang: 'en' | 'fr' | 'pt';
  }): Promise<ApiResult<{ sent: boolean; error: string | null }>>;

  helpTopic(input: { lang: string }): Promise<ApiResult<HelpTopic>>;
  helpGuide(input: { id: GuideId; lang: string }): Promise<ApiResult<GuideView>>;
  searchHelp(input: { query: string; lang: string }): Promise<ApiResult<{ hits: HelpSearchHit[] }>>;

  deskQueue(input: {
    session: string;
    state?: DeskState | undefined;
    kind?: string | undefined;
  }): Promise<ApiResult<DeskQueue>>;
  deskRequest(input: { session: string; reference: string }): Promise<ApiResult<DeskRequestView>>;
  deskAttachment(input: {
    session: string;
    id: string;
  }): Promise<ApiResult<{ fileName: string; mediaType: string; contentBase64: string }>>;
  deskSearchCompanies(input: { session: string; query: string }): Promise<ApiResult<{ hits: DeskCompanyHit[] }>>;
  deskSetState(input: {
    session: string;
    reference: string;
    state: DeskState;
    assignToMe: boolean;
  }): Promise<ApiResult<{ reference: string }>>;
  deskDecide(input: {
    session: string;
    reference: string;
    decision: DeskDecision;
  }): Promise<ApiResult<{ reference: string; cofor?: string; logins?: string[]; handOver?: DeskHandOver[] }>>;
  deskReplacePlsa(input: {
    session: string;
    cofor: string;
    oldLogin: string;
    fullName: string;
    email: string;
    lang: 'en' | 'fr' | 'pt';
  }): Promise<ApiResult<{ login: string; handOver?: DeskHandOver[] }>>;
  deskImport(input: {
    session: string;
    format: 'csv' | 'jsonl';
    content: string;
  }): Promise<ApiResult<DeskImportReport>>;
  deskExport(input: {
    session: string;
    format: 'csv' | 'jsonl';
  }): Promise<ApiResult<{ fileName: string; content: string }>>;
  createDeskAgent(input: {
    session: string;
    username: string;
    fullName: string;
    email: string;
  }): Promise<ApiResult<{ username: string; temporaryPassword: string }>>;
  deskUnblockAgent(input: {
    session: string;
    username: string;
  }): Promise<ApiResult<{ username: string; unblocked: boolean }>>;
  deskTemplates(input: { session: string }): Promise<ApiResult<DeskTemplatesView>>;
  saveDeskTemplates(input: { session: string; templates: DeskTemplatesView }): Promise<ApiResult<DeskTemplatesView>>;
}

export type ApiMethod = keyof PortalApi;
export type ApiInput<M extends ApiMethod> = Parameters<PortalApi[M]>[0];
export type ApiValue<M extends ApiMethod> = Awaited<ReturnType<PortalApi[M]>> extends ApiResult<infer T> ? T : never;

/** Every method, listed once; `satisfies` below fails to compile when one is forgotten. */
export const API_METHODS = [
  'appInfo',
  'analyze',
  'termsOfUse',
  'submitCompanyFile',
  'submitCoforHelp',
  'submitAccessRequest',
  'loadDraft',
  'saveDraft',
  'clearDraft',
  'login',
  'logout',
  'rememberedLogins',
  'resumeRemembered',
  'forgetMe',
  'privateArea',
  'changePassword',
  'forgotUsername',
  'forgotPassword',
  'findPlsa',
  'reportBlockedAccess',
  'consoleAccounts',
  'createAccount',
  'resetPassword',
  'unblockAccount',
  'deactivateAccount',
  'companyAudit',
  'submitHelpRequest',
  'captureWindow',
  'myRequests',
  'retryRequest',
  'outboxStatus',
  'sendNow',
  'mailSettings',
  'saveMailSettings',
  'sendTestEmail',
  'helpTopic',
  'helpGuide',
  'searchHelp',
  'deskQueue',
  'deskRequest',
  'deskAttachment',
  'deskSearchCompanies',
  'deskSetState',
  'deskDecide',
  'deskReplacePlsa',
  'deskImport',
  'deskExport',
  'createDeskAgent',
  'deskUnblockAgent',
  'deskTemplates',
  'saveDeskTemplates',
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const allListed: Missing extends never ? true : Missing = true;
void allListed;

/** IPC channel of a method: one namespace, so a stray channel name is never mistaken for ours. */
export const ipcChannel = (method: ApiMethod): string => `portal:${method}`;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
