// The sender of a request that expired (30 days waiting for their answer) puts it back in the
// desks' queue; the assistance is told by e-mail. Only their own workstation may: on the hub,
// another device's request is unknown to it.
import { z } from 'zod';
import { reopenedMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import { REFERENCE } from './declare';
import { declareRules, refuse } from './rules';

export const reopenRequest = declareRules({
  name: 'reopenRequest',
  from: ['supplier', 'desk'],
  args: z.strictObject({ reference: z.string().regex(REFERENCE) }),
  facts: (args) => ({ sentRequest: args.reference }),
  decide({ sentRequest: request }, { reference }, { now }) {
    if (!request)
      return refuse('not-found', 'No request of this workstation has this reference.', {
        fields: { reference: 'reference.unknown' },
      });
    if (!request.expiredAt || request.decided)
      return refuse('conflict', 'This request has not expired: it is still open.', {
        fields: { reference: 'reopen.not-expired' },
      });
    const at = now.toISOString();
    const lang = mailLang(request.lang);
    return {
      ok: true,
      value: { reference },
      effects: [
        { kind: 'request-reopened', reference, at },
        { kind: 'audit', actor: 'supplier', action: 'request-reopened', reference, details: { reference } },
        {
          kind: 'mail',
          to: 'assistance',
          mail: { kind: 'reopened', lang, ...reopenedMail(lang, reference, new Date(request.expiredAt)) },
        },
        {
          kind: 'publish',
          audience: 'desk',
          entity: 'request-state',
          id: reference,
          data: { state: 'new', assignee: null, by: 'supplier', at, expiredAt: null },
        },
        {
          kind: 'publish',
          audience: { senderOf: reference },
          entity: 'request-status',
          id: reference,
          data: { state: 'desk-state', deskState: 'new', at, expiredAt: null },
        },
      ],
    };
  },
});
export type ReopenRequestArgs = z.infer<typeof reopenRequest.args>;
