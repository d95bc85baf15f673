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
}

export type ApiMethod = keyof PortalApi;
export type ApiInput<M extends ApiMethod> = Parameters<PortalApi[M]>[0];
export type ApiValue<M extends ApiMethod> =
  Awaited<ReturnType<PortalApi[M]>> extends ApiResult<infer T> ? T : never;

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
] as const satisfies readonly ApiMethod[];

type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const allListed: Missing extends never ? true : Missing = true;
void allListed;

/** IPC channel of a method: one namespace, so a stray channel name is never mistaken for ours. */
export const ipcChannel = (method: ApiMethod): string => `portal:${method}`;

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}
