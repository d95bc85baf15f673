// Help & Contact, "My requests", the outbox and the mail settings.
import type { ApiParsed } from './channels';

export const HELP_PURPOSES = [
  'access-request',
  'cofor',
  'login-or-password',
  'blocked-access',
  'plsa',
  'replace-plsa',
  'erasure',
  'technical',
  'other',
] as const;
export type HelpPurpose = (typeof HELP_PURPOSES)[number];

export type HelpRequestInput = ApiParsed<'submitHelpRequest'>;

export type RequestState = 'saved' | 'queued' | 'sent' | 'failed' | 'answered';

export interface RequestView {
  reference: string;
  kind: 'company-file' | 'cofor-help' | 'access-request' | 'help';
  createdAt: string;
  state: RequestState;
  lastError: string | null;
  nextAttemptAt: string | null;
  events: Array<{ at: string; state: RequestState; detail: string | null }>;
  /** Where the assistance is with it: null until it reached them; then with the desk, waiting
   * for the sender's answer (until `expiresAt`), expired (at `expiredAt`, it can be reopened),
   * or done. */
  progress: 'with-desk' | 'waiting-you' | 'expired' | 'done' | null;
  expiresAt: string | null;
  expiredAt: string | null;
  /** The reminders sent about it; `refused`: the hub did not take it (the reason's code). */
  reminders: Array<{ at: string; refused: string | null }>;
  /** Whether a reminder may be sent now; if not, why (a message code) and from when. */
  reminder: { allowed: boolean; reason: string | null; from: string | null };
  /** The desk's answer, once answered: which one (a template key, which the screen words) and,
   * for a rejected access or a declined file, the reason the desk gave. */
  answer: { key: DeskTemplateKey | null; reason: string | null } | null;
}

export interface OutboxStatus {
  waiting: number;
  failed: number;
  /** null until a delivery was tried. */
  online: boolean | null;
  lastError: string | null;
  relayConfigured: boolean;
}

export interface MailSettingsFields {
  assistanceAddress: string;
  fromAddress: string;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  maxMessageBytes: number;
}

export interface MailSettingsView extends MailSettingsFields {
  passwordSet: boolean;
}

export interface MailSettingsInput extends MailSettingsFields {
  /** Empty keeps the password already in the keychain. */
  password: string;
}

/** A backup of the local store just taken: when, what it holds, and how many are kept. */
export interface StoreBackupView {
  takenAt: string;
  companies: number;
  accounts: number;
  requests: number;
  kept: number;
}

export interface WindowCapture {
  contentBase64: string;
}

/** The help topic's guides, in the order of the stages (read-more is the "Read more" page). */
export const GUIDE_IDS = [
  'present-company',
  'register-portal',
  'log-in',
  'plsa-tasks',
  'recover-access',
  'read-more',
] as const;
export type GuideId = (typeof GUIDE_IDS)[number];

export interface HelpTopic {
  guides: Array<{ id: GuideId; title: string }>;
  /** The "about the car maker" text (configuration, resources/help/about.json), in the asked
   * language; `sample` while it is the shipped sample rather than the car maker's own. */
  about: { paragraphs: string[]; sample: boolean };
}

export interface GuideView {
  id: GuideId;
  title: string;
  /** Rendered from the shipped Markdown with raw HTML escaped. */
  html: string;
}

export interface HelpSearchHit {
  id: GuideId;
  title: string;
  snippet: string;
}

// The support desk.
export type DeskState = 'new' | 'in-progress' | 'waiting-supplier' | 'done';
export type DeskRequestKind =
  'company-file' | 'cofor-help' | 'access-request' | 'help' | 'blocked-access' | 'find-plsa';

export interface DeskQueueItem {
  reference: string;
  kind: DeskRequestKind;
  createdAt: string;
  ageDays: number;
  deskState: DeskState;
  assignee: string | null;
  companyName: string | null;
  cofor: string | null;
  /** Who asked: the contact name and e-mail given in the request. */
  requester: string;
  /** Reminders its sender sent (after 5 working days without an answer), the last one's moment. */
  reminders: number;
  lastReminderAt: string | null;
  /** Waited 30 days for its sender: expired then (null: it did not, or was reopened since). */
  expiredAt: string | null;
}

export interface DeskQueue {
  items: DeskQueueItem[];
  counts: Record<DeskState, number>;
}

export interface DeskRequestView extends DeskQueueItem {
  lang: string;
  /** One line per value, by its path in the form (`plsa.email`): the screen labels it. */
  fields: Array<{ name: string; value: string | boolean }>;
  attachments: Array<{ id: string; fileName: string; mediaType: string; size: number }>;
  history: Array<{ at: string; what: string; who: string | null; detail: string | null }>;
  /** The request's one decision, once taken: final (the panel shows it instead of the buttons). */
  decision: { what: DeskDecisionMade; by: string; at: string } | null;
  company: {
    name: string;
    cofor: string;
    analysis: import('./dto').Analysis;
    accounts: Array<{ login: string; fullName: string | null; email: string; role: 'user' | 'plsa'; state: string }>;
  } | null;
  /** A "replace our PLSA" request: who is proposed, who confirms it, and whether that person is
   * the company's legal representative on record (the desk's procedure checks it first). */
  plsaReplacement: {
    newPlsa: { fullName: string; email: string };
    legalRep: { fullName: string; email: string };
    legalRepsOnRecord: Array<{ fullName: string; email: string }>;
    matchesRecord: boolean;
  } | null;
}

export interface DeskCompanyHit {
  cofor: string;
  legalName: string;
  city: string | null;
  duns: string | null;
  match: 'cofor' | 'duns' | 'tax-number' | 'name';
}

export type DeskDecisionMade = 'answered' | 'referenced' | 'declined' | 'validated' | 'rejected' | 'unblocked';

/** A new PLSA's temporary password, shown once to the agent when no keychain could hold it
 * until the e-mail leaves: the agent hands it over (by phone, in person). */
export interface DeskHandOver {
  login: string;
  temporaryPassword: string;
}

export type DeskDecision = ApiParsed<'deskDecide'>['decision'];

/** Why a row of a directory file was left out: a code the screen puts into words. */
export type ImportProblem =
  | 'unreadable' // the file is not CSV: `detail` says where
  | 'header' // a column the CSV form needs is missing: `field`
  | 'not-json'
  | 'missing' // `field` is empty or absent
  | 'format' // `field` does not have the expected form: `value`
  | 'too-long' // `field` is longer than allowed: `detail` is the limit
  | 'choice' // `field` is not one of `detail`
  | 'unknown-field' // `field` is not part of the format
  | 'too-many' // more than `detail` records of kind `field` for one company
  | 'record-type' // `value` is not company, site, person or account
  | 'duplicate-company' // `value`: this COFOR appears twice in the file
  | 'unknown-company' // `value`: no company row with this COFOR in the file
  | 'company-elsewhere' // `value`: the company exists, but its own row must be in the same file
  | 'unknown-person'; // account `value` names a person key the company does not have: `detail`

export interface ImportRejection {
  /** The line in the file (0 when it concerns a whole company). */
  line: number;
  problem: ImportProblem;
  field?: string;
  value?: string;
  detail?: string;
}

/** Why a company was not imported although its rows were right. */
export interface ImportConflict {
  cofor: string;
  problem: 'login-elsewhere' | 'duns-elsewhere' | 'rejected-by-store';
  value: string;
}

export interface DeskImportReport {
  rows: number;
  /** The first rows left out (at most 1,000), and how many there were in all. */
  rejected: ImportRejection[];
  rejectedTotal: number;
  conflicts: ImportConflict[];
  companies: { inserted: number; updated: number; unchanged: number };
  accounts: { inserted: number; updated: number; unchanged: number };
}

/** Where an import stands, after each chunk read and each batch written. */
export interface DeskImportProgress {
  importId: string;
  /** Characters of the file read so far, and rows found in them. */
  received: number;
  rows: number;
  rejected: number;
  /** Companies ready to be written, and written so far. */
  companies: number;
  written: number;
  /** Set once the last batch is written. */
  report?: DeskImportReport;
}

/** An assistance agent as the Agents screen lists them (no password, no session). */
export interface DeskAgentView {
  username: string;
  fullName: string;
  email: string;
  state: 'active' | 'blocked' | 'deactivated';
  /** A temporary password not yet changed at a first login. */
  mustChangePassword: boolean;
  /** The last login on this workstation; null when none is known. */
  lastLoginAt: string | null;
}

export const DESK_TEMPLATE_KEYS = [
  'cofor-found',
  'cofor-not-found',
  'file-referenced',
  'file-declined',
  'access-validated',
  'access-rejected',
  'unblocked',
  'answer',
] as const;
export type DeskTemplateKey = (typeof DESK_TEMPLATE_KEYS)[number];
export type DeskTemplatesView = Record<DeskTemplateKey, Record<'en' | 'fr', { subject: string; body: string }>>;

/** One thing that left this workstation: an e-mail, or a sync to the portal hub. */
export interface LedgerEntryView {
  at: string;
  channel: 'e-mail' | 'hub';
  /** Masked ("c***@demo-forge.example"), or the hub's host; empty with `toAssistance`. */
  to: string;
  toAssistance: boolean;
  reference: string | null;
  /** The kinds of personal data it carried (never the data). */
  fields: Array<'name' | 'email' | 'phone' | 'login' | 'attachment'>;
}
