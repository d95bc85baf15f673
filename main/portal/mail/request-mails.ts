// The e-mails a request sends to the portal assistance: plain text and a simple HTML version,
// in the sender's language, the reference in the subject. Every value typed by a person is
// escaped in the HTML and kept out of the headers.
import { headerSafe } from './retry-policy';
import type { MailLang } from './templates';

export interface RequestMail {
  subject: string;
  body: string;
  html: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const TITLES: Record<string, Record<MailLang, string>> = {
  help: { en: 'Help request', fr: "Demande d'aide" },
  'cofor-help': {
    en: 'COFOR request ("I do not know my company COFOR")',
    fr: 'Demande de COFOR (« Je ne connais pas le COFOR de mon entreprise »)',
  },
  'company-file': { en: 'Supplier Database file', fr: 'Dossier Base Fournisseurs' },
  'access-request': {
    en: 'Access request (legal representative and PLSA)',
    fr: "Demande d'accès (représentant légal et PLSA)",
  },
  reminder: { en: 'Reminder: a request waits for an answer', fr: 'Relance : une demande attend une réponse' },
  reopened: {
    en: 'Reopened: a request that had expired is back',
    fr: 'Rouverte : une demande expirée est de retour',
  },
};

const INTRO: Record<MailLang, string> = {
  en: 'A request was sent from the B2B Portal app. Answer the sender by e-mail, quoting the reference.',
  fr: "Une demande a été envoyée depuis l'application du portail B2B. Répondez à l'expéditeur par e-mail en rappelant la référence.",
};

/** `fields`: label -> value, in display order. */
export function requestMail(
  kind: string,
  lang: MailLang,
  reference: string,
  fields: Array<[string, string]>,
): RequestMail {
  const title = TITLES[kind]?.[lang] ?? kind;
  const subject = headerSafe(`[${reference}] ${title}`);
  const lines = fields
    .filter(([, v]) => v.trim() !== '')
    .map(([label, value]) => `${label}:\n  ${value.replace(/\r?\n/g, '\n  ')}`);
  const body = `${INTRO[lang]}\n\n${lang === 'fr' ? 'Référence' : 'Reference'}: ${reference}\n\n${lines.join('\n\n')}\n`;
  const rows = fields
    .filter(([, v]) => v.trim() !== '')
    .map(
      ([label, value]) =>
        `<tr><th align="left" valign="top" style="padding:4px 12px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0;white-space:pre-wrap">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const html =
    `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;color:#1d2433">` +
    `<h1 style="font-size:18px">${escapeHtml(title)} — ${escapeHtml(reference)}</h1><p>${escapeHtml(INTRO[lang])}</p>` +
    `<table cellspacing="0">${rows}</table></body></html>`;
  return { subject, body, html };
}

const REMINDER: Record<MailLang, { sentOn: string; reminders: string; why: [string, string] }> = {
  en: {
    sentOn: 'Request sent on',
    reminders: 'Reminders so far',
    why: ['Why', 'No answer for 5 working days: the sender reminds the assistance from the B2B Portal app.'],
  },
  fr: {
    sentOn: 'Demande envoyée le',
    reminders: 'Relances à ce jour',
    why: [
      'Pourquoi',
      "Pas de réponse depuis 5 jours ouvrés : l'expéditeur relance l'assistance depuis l'application du portail B2B.",
    ],
  },
};

/** A sender's reminder about a request that waits for the desk (standalone, or sent by the hub). */
export function reminderMail(lang: MailLang, reference: string, sentAt: Date, count: number): RequestMail {
  const words = REMINDER[lang];
  return requestMail('reminder', lang, reference, [
    words.why,
    [words.sentOn, sentAt.toISOString().slice(0, 10)],
    [words.reminders, String(count)],
  ]);
}

/** A request that expired waiting for its sender, reopened by them: it is the desk's again. */
export function reopenedMail(lang: MailLang, reference: string, expiredAt: Date): RequestMail {
  return requestMail('reopened', lang, reference, [
    lang === 'fr'
      ? ['Pourquoi', "L'expéditeur a rouvert cette demande, expirée faute de réponse de sa part en 30 jours."]
      : ['Why', 'The sender reopened this request, which had expired after 30 days without their answer.'],
    [lang === 'fr' ? 'Expirée le' : 'Expired on', expiredAt.toISOString().slice(0, 10)],
  ]);
}
