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
