// Stages 1 and 2 of the guide: the analysis and the three forms it proposes.
import { ASSISTANCE } from '../portal/mail/recipients';
import type {
  AccessRequestInput,
  Analysis,
  AnalyzeInput,
  CompanyFileInput,
  CoforHelpInput,
  Submitted,
} from '../../preload/contract/dto';
import { fieldError, PortalError } from './errors';
import { checkAccessRequest } from '../intents/submit-request';
import { inspectDocument } from '../portal/documents/inspect';
import { analyzeCofor } from '../portal/onboarding/stages';
import type { DirectoryRepository } from '../store/directory';
import { AccessNoLongerOpenToRequest, type SubmissionsRepository } from '../store/submissions';
import { requestMailFields } from '../portal/mail/request-fields';
import { requestMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import type { Db } from '../store/database';
import type { TermsCatalogue } from './terms';
import type { Mailer } from './mailer';

export interface OnboardingDeps {
  db: Db;
  mailer: Mailer;
  directory: DirectoryRepository;
  submissions: SubmissionsRepository;
  terms: TermsCatalogue;
  now: () => Date;
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;

export function createOnboardingService(deps: OnboardingDeps) {
  const { db, mailer, directory, submissions, terms, now } = deps;

  /** Stores a request and queues its e-mail to the assistance in one transaction; on a
   * workstation linked to a hub, the hub sends that e-mail (the request travels to it). */
  function storeAndQueue(
    kind: 'company-file' | 'cofor-help' | 'access-request',
    lang: string | undefined,
    store: () => { id: number; reference: string; submittedAt: string; viaHub: boolean },
    fields: (l: ReturnType<typeof mailLang>, at: Date) => Array<[string, string]>,
    attachments: Array<{ fileName: string; mediaType: string; content: Uint8Array }> = [],
  ) {
    const ml = mailLang(lang);
    const stored = db.transaction(() => {
      const saved = store();
      if (saved.viaHub) return saved;
      const at = new Date(saved.submittedAt);
      const mail = requestMail(kind, ml, saved.reference, fields(ml, at));
      mailer.queue({ kind, to: ASSISTANCE, lang: ml, ...mail, attachments, submissionId: saved.id }, at);
      return saved;
    })();
    if (!stored.viaHub) mailer.kick();
    return stored;
  }

  const done = (
    form: 'company-file' | 'cofor-help' | 'access-request',
    stored: { reference: string; submittedAt: string },
  ): Submitted => {
    return { reference: stored.reference, submittedAt: stored.submittedAt };
  };

  return {
    analyze(input: AnalyzeInput): Analysis {
      const outcome = analyzeCofor(input, directory.companyFacts, now());
      if (!outcome.ok) throw fieldError('invalid-input', outcome.field, outcome.reason, 'This is not a COFOR.');
      return outcome.analysis;
    },

    submitCompanyFile(input: CompanyFileInput): Submitted {
      const check = inspectDocument(new Uint8Array(Buffer.from(input.document.contentBase64, 'base64')));
      if (!check.ok) throw fieldError('invalid-input', 'document', check.reason, 'The document was refused.');
      const bytes = check.content; // what is kept: an image without its metadata
      if (directory.dunsKnown(input.duns) || submissions.supplierFileExistsForDuns(input.duns)) {
        throw fieldError('conflict', 'duns', 'duns.taken', 'A Supplier Database file already exists for this DUNS.');
      }
      if (submissions.supplierFileExistsForEmail(input.contactEmail)) {
        throw fieldError('conflict', 'contactEmail', 'email.taken', 'This contact e-mail already identifies a file.');
      }
      const { document, lang, ...fields } = input;
      const stored = storeAndQueue(
        'company-file',
        lang,
        () =>
          submissions.storeCompanyFile(
            {
              ...fields,
              lang,
              document: { fileName: document.fileName, mediaType: check.mediaType, size: bytes.length },
            },
            { fileName: document.fileName, mediaType: check.mediaType, bytes },
            now(),
          ),
        (l, at) => requestMailFields('company-file', fields, l, { at, attachmentName: document.fileName }),
        [{ fileName: document.fileName, mediaType: check.mediaType, content: bytes }],
      );
      return done('company-file', stored);
    },

    submitCoforHelp(input: CoforHelpInput): Submitted {
      const { lang, ...fields } = input;
      const stored = storeAndQueue(
        'cofor-help',
        lang,
        () => submissions.storeCoforHelp({ ...fields, lang }, now()),
        (l, at) => requestMailFields('cofor-help', fields, l, { at }),
      );
      return done('cofor-help', stored);
    },

    submitAccessRequest(input: AccessRequestInput): Submitted {
      // The hub checks the same rule again when the request reaches it (main/intents/).
      const checked = checkAccessRequest(directory.companyByCofor(input.cofor));
      if (!checked.ok) throw new PortalError(checked.refusal.code, checked.refusal.message, checked.refusal.fields);
      const { company } = checked;
      if (input.termsVersion !== terms.currentVersion) {
        throw fieldError(
          'conflict',
          'termsAccepted',
          'terms.outdated',
          'The General Terms of Use changed: read and accept them again.',
        );
      }
      const at = now();
      try {
        const { lang, ...fields } = input;
        const stored = storeAndQueue(
          'access-request',
          lang,
          () =>
            submissions.storeAccessRequest(
              company.id,
              { ...fields, lang },
              { version: input.termsVersion, acceptedBy: input.legalRepresentative.fullName },
              at,
              () => directory.markAccessRequested(company.id, at),
            ),
          (l) => requestMailFields('access-request', fields, l, { at, companyName: company.legalName }),
        );
        return done('access-request', stored);
      } catch (error) {
        if (error instanceof AccessNoLongerOpenToRequest) {
          throw new PortalError('conflict', error.message, { cofor: 'access.already-requested' });
        }
        throw error;
      }
    },
  };
}
