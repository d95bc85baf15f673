// Help & Contact: the request is stored, its screenshot checked, and its e-mail to the
// assistance queued, all in one transaction (by the hub, for a workstation linked to one).
import { ASSISTANCE } from '../portal/mail/recipients';
import type { Submitted } from '../../preload/contract/dto';
import type { HelpRequestInput } from '../../preload/contract/help';
import { fieldError } from './errors';
import { inspectDocument, DEFAULT_DOCUMENT_LIMITS } from '../portal/documents/inspect';
import { requestMailFields } from '../portal/mail/request-fields';
import { requestMail } from '../portal/mail/request-mails';
import { fitsRelay, DEFAULT_MAX_MESSAGE_BYTES } from '../../preload/contract/schemas/mail-settings';
import { mailLang } from '../portal/mail/templates';
import { fitsOnePush, MAX_ATTACHMENT_THROUGH_HUB } from '../hub-protocol/limits';
import { readTypedCofor } from '../portal/onboarding/cofor';
import type { Db } from '../store/database';
import type { MailSettingsRepository } from '../store/mail-settings';
import type { StoredDocument, SubmissionsRepository } from '../store/submissions';
import type { Mailer } from './mailer';

export interface HelpDeps {
  db: Db;
  submissions: SubmissionsRepository;
  mailer: Mailer;
  mailSettings: MailSettingsRepository;
  /** The directory's company of a head-office COFOR (the desk then shows the request with it). */
  companyIdOf?: (cofor: string) => number | null;
  now: () => Date;
  /** Linked to a hub: the request goes there in one push, whose size the hub bounds. */
  linked?: () => boolean;
}

const MB = 1024 * 1024;

export function createHelpService(deps: HelpDeps) {
  function checkScreenshot(input: HelpRequestInput['screenshot']): StoredDocument | null {
    if (!input) return null;
    const bytes = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
    const check = inspectDocument(bytes, { ...DEFAULT_DOCUMENT_LIMITS, maxBytes: 20 * MB });
    if (!check.ok)
      throw fieldError(
        'invalid-input',
        'screenshot',
        check.reason.replace('document.', 'screenshot.'),
        'The screenshot was refused.',
      );
    if (check.kind === 'pdf')
      throw fieldError('invalid-input', 'screenshot', 'screenshot.type', 'A screenshot is a PNG or JPEG image.');
    const max = deps.mailSettings.get()?.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!fitsRelay(check.content.length, max)) {
      throw fieldError(
        'invalid-input',
        'screenshot',
        'screenshot.too-large',
        `The screenshot does not fit the mail relay's limit of ${(max / MB).toFixed(0)} MB.`,
      );
    }
    // Through a hub the request must fit in one push: a larger one could never leave this PC.
    if (deps.linked?.() && !fitsOnePush(check.content.length)) {
      throw fieldError(
        'invalid-input',
        'screenshot',
        'screenshot.too-large-for-hub',
        `The screenshot is larger than the ${(MAX_ATTACHMENT_THROUGH_HUB / MB).toFixed(1)} MB the portal hub takes.`,
      );
    }
    const extension = check.kind === 'png' ? 'png' : 'jpg';
    return { fileName: `screenshot.${extension}`, mediaType: check.mediaType, bytes: check.content };
  }

  return {
    submitHelpRequest(input: HelpRequestInput): Submitted {
      const screenshot = checkScreenshot(input.screenshot);
      const lang = mailLang(input.lang);
      const { screenshot: _raw, ...typed } = input;
      // "a10001" reaches the desk (and the hub) as the portal writes it, tied to its company.
      const cofor = typed.cofor ? readTypedCofor(typed.cofor) : null;
      const fields = cofor ? { ...typed, cofor: cofor.shown } : typed;
      const companyId = cofor?.headOffice ? (deps.companyIdOf?.(cofor.headOffice) ?? null) : null;
      const at = deps.now();
      const stored = deps.db.transaction(() => {
        const saved = deps.submissions.storeHelp(
          {
            ...fields,
            screenshot: screenshot ? { fileName: screenshot.fileName, size: screenshot.bytes.length } : null,
          },
          screenshot,
          at,
          companyId,
        );
        if (saved.viaHub) return saved; // the hub sends it to the assistance
        const mail = requestMail(
          'help',
          lang,
          saved.reference,
          requestMailFields('help', fields, lang, { at, attachmentName: screenshot?.fileName ?? null }),
        );
        const attachments = screenshot
          ? [{ fileName: screenshot.fileName, mediaType: screenshot.mediaType, content: screenshot.bytes }]
          : [];
        deps.mailer.queue({ kind: 'help', to: ASSISTANCE, lang, ...mail, attachments, submissionId: saved.id }, at);
        return saved;
      })();
      if (!stored.viaHub) deps.mailer.kick();
      return { reference: stored.reference, submittedAt: stored.submittedAt };
    },
  };
}
export type HelpService = ReturnType<typeof createHelpService>;
