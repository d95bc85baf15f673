// A request's e-mail to the portal assistance, sent by the hub for the workstations linked to
// it: the same words as a standalone workstation's (one field list, request-fields.ts), queued
// in the transaction that takes the request, so it leaves once, whichever hub's mailer sends it.
import type { PoolClient } from 'pg';
import type { LANGS } from '../../preload/contract/languages';
import { requestMailFields, type RequestMailKind } from '../portal/mail/request-fields';
import { requestMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import { queueHubMail } from './mail';
import type { HubServices } from './services';

/** Which field of a request holds its attachment. */
export const ATTACHMENT_FIELD: Record<RequestMailKind, 'document' | 'screenshot' | null> = {
  'company-file': 'document',
  help: 'screenshot',
  'cofor-help': null,
  'access-request': null,
};

/** An attachment as checked on the hub: what is kept of it. */
export interface RequestAttachment {
  field: 'document' | 'screenshot';
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export async function queueAssistanceMail(
  tx: PoolClient,
  services: HubServices,
  request: { kind: RequestMailKind; lang: (typeof LANGS)[number]; reference: string },
  payload: Record<string, unknown>,
  attachment: RequestAttachment | null,
  context: { at: Date; companyName: string | undefined },
): Promise<void> {
  const { [attachment?.field ?? '']: _file, ...fields } = payload;
  const lang = mailLang(request.lang);
  const rows = requestMailFields(request.kind, fields, lang, {
    ...context,
    attachmentName: attachment?.fileName ?? null,
  });
  await queueHubMail(tx, services.box, {
    kind: request.kind,
    to: services.assistanceAddress!,
    lang,
    ...requestMail(request.kind, lang, request.reference, rows),
    attachments: attachment
      ? [{ fileName: attachment.fileName, mediaType: attachment.mediaType, content: attachment.content }]
      : [],
  });
}
