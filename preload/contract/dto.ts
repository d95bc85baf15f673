// Data that crosses the process boundary. Plain JSON only: no Dates, no class instances.
import type { ApiParsed } from './channels';

export type StageId = 'present' | 'access' | 'login';
export type StageStatus = 'done' | 'action' | 'waiting' | 'locked';

/** The company's situation as the analysis sees it (the cases of docs/domain.md). */
export type Situation = 'unknown' | 'deactivated' | 'not-requested' | 'requested' | 'open';

export type FormId = 'company-file' | 'cofor-help' | 'access-request';

/** Keys of explanatory texts; the renderer owns their wording in every language. */
export type InfoKey =
  | 'check-typing'
  | 'not-in-database'
  | 'deactivated'
  | 'ask-purchasing'
  | 'name-two-people'
  | 'waiting-validation'
  | 'personal-login-from-plsa'
  | 'needs-cofor'
  | 'needs-open-access';

export type Proposal = { kind: 'form'; form: FormId } | { kind: 'info'; key: InfoKey } | { kind: 'login' };

export interface Stage {
  id: StageId;
  status: StageStatus;
  proposals: Proposal[];
}

export type Notice = { kind: 'site-head-office-only'; siteCode: string } | { kind: 'unknown-site'; siteCode: string };

export interface Analysis {
  /** The 6-character head-office COFOR, normalised. */
  cofor: string;
  siteCode: string | null;
  situation: Situation;
  /** Legal name of a company found in the directory: public business data, never a person's. */
  companyName: string | null;
  /** ISO date the access request was received, when the situation is `requested`. */
  requestedOn: string | null;
  waitingDays: number | null;
  stages: Stage[];
  notices: Notice[];
}

export type AnalyzeInput = ApiParsed<'analyze'>;

/** A workstation linked to a hub (`--hub URL`): whether it reaches it, what waits to be pushed,
 * what the hub refused, and when it last synced. `linked: false` on a standalone workstation. */
export interface SyncStatus {
  linked: boolean;
  /** The hub's address (not a secret: the device token never leaves the keychain). */
  hubUrl: string | null;
  online: boolean | null;
  pending: number;
  refused: number;
  lastSyncAt: string | null;
  /** The OS keychain, which holds the device token, does not answer: nothing can sync. */
  needsKeychain: boolean;
  /** The hub's administrator revoked this device: nothing syncs (what waits is kept) until an
   * agent enrols this workstation again. */
  revoked: boolean;
  /** The hub asked this workstation to wait until then before it sends more (its sending quota,
   * or too many pushes at once): the hub is up, what waits is kept and leaves then. */
  waitUntil: string | null;
  /** What the hub said it can e-mail at the last pull (null: not linked, or not pulled yet). */
  hubMail?: HubMail | null;
  /** How the hub knows this workstation: a desk one receives the queue, a supplier's PC never
   * does (an agent must enrol it in Settings); null: unknown, or not linked. */
  deviceKind: 'desk' | 'supplier' | null;
}

/** What the portal hub can e-mail: `assistance`, it has the assistance's address (--assistance),
 * so it e-mails them each request; `relay`, it has a mail relay (--smtp), so its e-mails leave
 * (without one they wait on the hub, a new PLSA's temporary password included). */
export interface HubMail {
  assistance: boolean;
  relay: boolean;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'web';
  /** True while the store holds the fictional demo directory: the screens show a badge. */
  demoData: boolean;
  /** Where this workstation keeps its store (About shows it, for the assistance on the phone). */
  dataDir: string;
  /** Where this workstation keeps its secrets; the header and Settings say so for the file. */
  secrets: SecretStoreInfo;
}

/** The system keychain, or the protected file in the data folder (`--password-store`): `why` is
 * `option` when forced, else what auto found; `usable` is false when nothing can be kept now
 * (so "Remember me" is not offered). */
export interface SecretStoreInfo {
  kind: 'keychain' | 'file';
  why: 'option' | 'keychain-answers' | 'no-keychain';
  usable: boolean;
}

export interface TermsOfUse {
  version: string;
  lang: string;
  title: string;
  paragraphs: string[];
}

export interface UploadedDocument {
  fileName: string;
  /** Base64 of the file. Its type is decided from its bytes, never from the name. */
  contentBase64: string;
}

export type CompanyFileInput = ApiParsed<'submitCompanyFile'>;

export type CoforHelpInput = ApiParsed<'submitCoforHelp'>;

export type PersonInput = AccessRequestInput['plsa'];

export type AccessRequestInput = ApiParsed<'submitAccessRequest'>;

export interface Submitted {
  reference: string;
  submittedAt: string;
}

export type DraftKey = FormId | 'help';
/** A form's fields as typed: strings and check boxes only (files are never kept in drafts). */
export type DraftData = Record<string, string | boolean>;
