// The sender of a request that waits for the assistance reminds it: after 5 working days, then
// once every 5 days (main/portal/requests/waiting.ts). The assistance is e-mailed; every desk
// sees the reminder in the request's history.
import { z } from 'zod';
import { reminderMail } from '../portal/mail/request-mails';
import { mailLang } from '../portal/mail/templates';
import { reminderRule } from '../portal/requests/waiting';
import { REFERENCE } from './declare';
import { declareRules, refuse } from './rules';

/** Why a reminder is not taken, in words (the screen words the field key). */
const REFUSAL: Record<string, string> = {
  'reminder.not-received': 'This request has not reached the assistance yet: a reminder can follow once it has.',
  'reminder.not-waiting': 'This request is not waiting for the assistance: no reminder is needed.',
  'reminder.too-early': 'A reminder can be sent once a request has waited 5 working days.',
  'reminder.too-soon': 'A reminder about this request was sent less than 5 days ago.',
};

export const remindRequest = declareRules({
  name: 'remindRequest',
  from: ['supplier', 'desk'],
  /** `at`: when its sender pressed the button (the hub takes it on its own clock). */
  args: z.strictObject({ reference: z.string().regex(REFERENCE), at: z.iso.datetime() }),
  facts: (args) => ({ sentRequest: args.reference }),
  decide({ sentRequest: request }, { reference }, { now }) {
    if (!request)
      return refuse('not-found', 'No request of this workstation has this reference.', {
        fields: { reference: 'reference.unknown' },
      });
    const rule = reminderRule(request, now);
    if (!rule.allowed)
      return refuse('conflict', REFUSAL[rule.reason] ?? rule.reason, {
        fields: { reference: rule.reason },
        ...(rule.from ? { details: { from: rule.from } } : {}),
      });
    const at = now.toISOString();
    const count = request.reminders + 1;
    const lang = mailLang(request.lang);
    return {
      ok: true,
      value: { reference, at, count },
      effects: [
        { kind: 'reminder-recorded', reference, at, count },
        {
          kind: 'mail',
          to: 'assistance',
          mail: { kind: 'reminder', lang, ...reminderMail(lang, reference, new Date(request.receivedAt!), count) },
        },
        { kind: 'publish', audience: 'desk', entity: 'request-reminder', id: reference, data: { at } },
      ],
    };
  },
});
export type RemindRequestArgs = z.infer<typeof remindRequest.args>;
