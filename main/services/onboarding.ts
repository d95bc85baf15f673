// Stages 1 and 2 of the guide: the analysis and the three forms it proposes.
import type {
  AccessRequestInput,
  Analysis,
  AnalyzeInput,
  CompanyFileInput,
  CoforHelpInput,
  Submitted,
} from '../../preload/contract/dto';
import { fieldError, PortalError } from '../api/errors';
import { inspectDocument } from '../portal/documents/inspect';
import { analyzeCofor } from '../portal/onboarding/stages';
import type { DirectoryRepository } from '../store/directory';
import type { DraftsRepository } from '../store/drafts';
import { AccessNoLongerOpenToRequest, type SubmissionsRepository } from '../store/submissions';
import type { TermsCatalogue } from './terms';

export interface OnboardingDeps {
  directory: DirectoryRepository;
  submissions: SubmissionsRepository;
  drafts: DraftsRepository;
  terms: TermsCatalogue;
  now: () => Date;
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;

export function createOnboardingService(deps: OnboardingDeps) {
  const { directory, submissions, drafts, terms, now } = deps;

  const done = (form: 'company-file' | 'cofor-help' | 'access-request', stored: { reference: string; submittedAt: string }): Submitted => {
    drafts.clear(form); // the draft served its purpose; what was sent is in the submission
    return { reference: stored.reference, submittedAt: stored.submittedAt };
  };

  return {
    analyze(input: AnalyzeInput): Analysis {
      const outcome = analyzeCofor(input, directory.companyFacts, now());
      if (!outcome.ok) throw fieldError('invalid-input', outcome.field, outcome.reason, 'This is not a COFOR.');
      return outcome.analysis;
    },

    submitCompanyFile(input: CompanyFileInput): Submitted {
      const bytes = new Uint8Array(Buffer.from(input.document.contentBase64, 'base64'));
      const check = inspectDocument(bytes);
      if (!check.ok) throw fieldError('invalid-input', 'document', check.reason, 'The document was refused.');
      if (directory.dunsKnown(input.duns) || submissions.supplierFileExistsForDuns(input.duns)) {
        throw fieldError('conflict', 'duns', 'duns.taken', 'A Supplier Database file already exists for this DUNS.');
      }
      if (submissions.supplierFileExistsForEmail(input.contactEmail)) {
        throw fieldError('conflict', 'contactEmail', 'email.taken', 'This contact e-mail already identifies a file.');
      }
      const { document, ...fields } = input;
      const stored = submissions.storeCompanyFile(
        { ...fields, document: { fileName: document.fileName, mediaType: check.mediaType, size: bytes.length } },
        { fileName: document.fileName, mediaType: check.mediaType, bytes },
        now(),
      );
      return done('company-file', stored);
    },

    submitCoforHelp(input: CoforHelpInput): Submitted {
      return done('cofor-help', submissions.storeCoforHelp({ ...input }, now()));
    },

    submitAccessRequest(input: AccessRequestInput): Submitted {
      const company = directory.companyByCofor(input.cofor);
      if (!company) throw fieldError('invalid-input', 'cofor', 'cofor.unknown', 'No company has this COFOR.');
      if (company.status === 'deactivated') throw fieldError('conflict', 'cofor', 'company.deactivated', 'The company is deactivated.');
      if (company.access === 'requested') throw fieldError('conflict', 'cofor', 'access.already-requested', 'Access was already requested.');
      if (company.access === 'open') throw fieldError('conflict', 'cofor', 'access.already-open', 'Access is already open.');
      if (input.termsVersion !== terms.currentVersion) {
        throw fieldError('conflict', 'termsAccepted', 'terms.outdated', 'The General Terms of Use changed: read and accept them again.');
      }
      const at = now();
      try {
        const stored = submissions.storeAccessRequest(
          company.id,
          { ...input },
          { version: input.termsVersion, acceptedBy: input.legalRepresentative.fullName },
          at,
          () => directory.markAccessRequested(company.id, at),
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
