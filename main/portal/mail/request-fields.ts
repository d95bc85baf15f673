// What a request's e-mail to the assistance lists, field by field, from the request as its form
// sent it: one place, so that the e-mail a standalone workstation sends and the one the hub
// sends (for a workstation linked to it) say the same things in the same order.
import type { AccessRequestInput, CompanyFileInput, CoforHelpInput } from '../../../preload/contract/dto';
import type { HelpRequestInput } from '../../../preload/contract/help';
import { label as L, purposeText } from './request-labels';
import type { MailLang } from './templates';

export type RequestMailKind = 'company-file' | 'cofor-help' | 'access-request' | 'help';

export interface RequestMailContext {
  /** The company's legal name, as the directory has it (access requests). */
  companyName?: string;
  /** When the request was received: the terms were accepted then. */
  at: Date;
  /** The attached file's name (a Supplier Database document, a screenshot). */
  attachmentName?: string | null;
}

type Rows = Array<[string, string]>;
const person = (p: AccessRequestInput['plsa']) => `${p.fullName}, ${p.jobTitle}\n${p.email}, ${p.phone}`;

/** The label and value of each field, in display order; empty values are left out by the mail. */
export function requestMailFields(
  kind: RequestMailKind,
  payload: Record<string, unknown>,
  l: MailLang,
  context: RequestMailContext,
): Rows {
  switch (kind) {
    case 'company-file': {
      const f = payload as unknown as Omit<CompanyFileInput, 'document'>;
      return [
        [L('duns', l), f.duns],
        [L('legalName', l), f.legalName],
        [L('registrationNumber', l), f.registrationNumber],
        [L('taxNumber', l), f.taxNumber],
        [L('address', l), `${f.street}, ${f.postalCode} ${f.city}, ${f.country}`],
        [L('contactEmail', l), f.contactEmail],
        [L('document', l), context.attachmentName ?? ''],
      ];
    }
    case 'cofor-help': {
      const f = payload as unknown as CoforHelpInput;
      return [
        [L('companyName', l), f.companyName],
        [L('country', l), f.country],
        [L('address', l), f.address],
        [L('dunsOrTaxNumber', l), f.dunsOrTaxNumber ?? ''],
        [L('contactName', l), f.contactName],
        [L('email', l), f.email],
        [L('phone', l), f.phone],
        [L('message', l), f.message],
      ];
    }
    case 'access-request': {
      const f = payload as unknown as AccessRequestInput;
      return [
        [L('cofor', l), f.cofor],
        [L('companyName', l), context.companyName ?? ''],
        [L('legalRepresentative', l), person(f.legalRepresentative)],
        [L('plsa', l), person(f.plsa)],
        [L('terms', l), `${f.termsVersion} (${context.at.toISOString()})`],
      ];
    }
    case 'help': {
      const f = payload as unknown as Omit<HelpRequestInput, 'screenshot'>;
      return [
        [L('purpose', l), purposeText(f.purpose, l)],
        [L('message', l), f.message],
        [L('contactName', l), f.name],
        [L('companyName', l), f.company],
        [L('email', l), f.email],
        [L('phone', l), f.phone],
        [L('login', l), f.login ?? ''],
        [L('cofor', l), f.cofor ?? ''],
        [L('screenshot', l), context.attachmentName ?? ''],
        // A PLSA replacement: what the assistance checks before it replaces anyone.
        [L('newPlsa', l), f.newPlsaName ? `${f.newPlsaName}, ${f.newPlsaEmail ?? ''}` : ''],
        [L('legalRepresentative', l), f.legalRepName ? `${f.legalRepName}, ${f.legalRepEmail ?? ''}` : ''],
        [L('legalRepConfirms', l), f.legalRepConfirms ? (l === 'fr' ? 'Oui' : 'Yes') : ''],
      ];
    }
  }
}
