// Field labels of the request e-mails, in the languages the assistance receives them in.
import type { MailLang } from './templates';

const LABELS = {
  duns: ['D-U-N-S number', 'Numéro D-U-N-S'],
  legalName: ['Legal name', 'Raison sociale'],
  registrationNumber: ['National registration number', "Numéro d'immatriculation"],
  taxNumber: ['Tax (VAT) number', 'Numéro de TVA'],
  address: ['Address', 'Adresse'],
  country: ['Country', 'Pays'],
  contactEmail: ['Contact e-mail', 'E-mail de contact'],
  document: ['Document', 'Justificatif'],
  companyName: ['Company', 'Entreprise'],
  dunsOrTaxNumber: ['D-U-N-S or tax number', 'D-U-N-S ou numéro de TVA'],
  contactName: ['Name', 'Nom'],
  email: ['E-mail', 'E-mail'],
  phone: ['Phone', 'Téléphone'],
  message: ['Message', 'Message'],
  cofor: ['COFOR', 'COFOR'],
  login: ['B2B login', 'Identifiant B2B'],
  legalRepresentative: ['Legal representative', 'Représentant légal'],
  plsa: ['PLSA', 'PLSA'],
  terms: ['General Terms of Use accepted', 'Conditions générales acceptées'],
  purpose: ['Purpose', 'Objet'],
  screenshot: ['Screenshot', "Capture d'écran"],
  newPlsa: ['New PLSA', 'Nouveau PLSA'],
  legalRepConfirms: ['The legal representative confirms this request', 'Le représentant légal confirme cette demande'],
} as const;

export type LabelKey = keyof typeof LABELS;

export const label = (key: LabelKey, lang: MailLang): string => LABELS[key][lang === 'fr' ? 1 : 0];

export const PURPOSES = [
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
export type HelpPurpose = (typeof PURPOSES)[number];

const PURPOSE_TEXT: Record<HelpPurpose, [string, string]> = {
  'access-request': ['Access request', "Demande d'accès"],
  cofor: ['COFOR', 'COFOR'],
  'login-or-password': ['Login or password', 'Identifiant ou mot de passe'],
  'blocked-access': ['Blocked access', 'Accès bloqué'],
  plsa: ['PLSA', 'PLSA'],
  'replace-plsa': ['Replace our PLSA (none is left)', 'Remplacer notre PLSA (il n’y en a plus)'],
  erasure: ['Erase my personal data', 'Effacer mes données personnelles'],
  technical: ['Technical problem', 'Problème technique'],
  other: ['Other', 'Autre'],
};

export const purposeText = (purpose: HelpPurpose, lang: MailLang): string =>
  PURPOSE_TEXT[purpose][lang === 'fr' ? 1 : 0];
