// Help & Contact, "My requests", the outbox and the mail settings.
import type { ApiParsed } from './channels';

export const HELP_PURPOSES = [
  'access-request',
  'cofor',
  'login-or-password',
  'blocked-access',
  'plsa',
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

export type GuideId = 'present-company' | 'register-portal' | 'log-in' | 'read-more';

export interface HelpTopic {
  guides: Array<{ id: GuideId; title: string }>;
  /** The "about the car maker" paragraph: configuration, in the asked language. */
  about: string;
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

export interface DeskImportReport {
  rows: number;
  rejected: Array<{ line: number; reason: string }>;
  conflicts: Array<{ cofor: string; reason: string }>;
  companies: { inserted: number; updated: number; unchanged: number };
  accounts: { inserted: number; updated: number; unchanged: number };
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
