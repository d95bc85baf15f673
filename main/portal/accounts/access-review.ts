// Access reviews: every N days (90 by default, each company's PLSA may choose 30 to 365) a PLSA
// confirms, account by account, who still works for the company. What is not confirmed within
// the 30 days of grace is blocked (never deleted) and its owner told. The rules and the evidence
// documents (CSV and PDF, for the company's own audits) are here, pure, for both the workstation
// and the hub.
import { stringify } from 'csv-stringify/sync';
import type { AccessReviewView } from '../../../preload/contract/accounts';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const DEFAULT_REVIEW_EVERY_DAYS = 90;
export const REVIEW_GRACE_DAYS = 30;
export const REVIEW_EVERY_DAYS_RANGE = { min: 30, max: 365 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export type ReviewAnswer = 'confirmed' | 'left' | 'blocked-unconfirmed';

/** When a review opened at `openedAt` must be answered by. */
export const reviewDueAt = (openedAt: Date): Date => new Date(openedAt.getTime() + REVIEW_GRACE_DAYS * DAY_MS);

/** Whether a new review is due: none yet, or the last one opened `everyDays` ago or more. */
export const reviewIsDue = (lastOpenedAt: string | null, everyDays: number, now: Date): boolean =>
  lastOpenedAt === null || now.getTime() - Date.parse(lastOpenedAt) >= everyDays * DAY_MS;

export interface ReviewRecord {
  company: string;
  cofor: string;
  openedAt: string;
  dueAt: string;
  closedAt: string | null;
  /** Each account as the console shows it, without its current state. */
  lines: Array<Omit<AccessReviewView['review']['lines'][number], 'state'>>;
}

const ANSWER_WORDS: Record<ReviewAnswer | 'none', [string, string]> = {
  confirmed: ['still works for the company', "travaille toujours pour l'entreprise"],
  left: ['left the company: deactivated', "a quitté l'entreprise : désactivé"],
  'blocked-unconfirmed': ['not confirmed in time: blocked', 'non confirmé à temps : bloqué'],
  none: ['not answered yet', 'pas encore de réponse'],
};
const word = (answer: ReviewAnswer | null, lang: 'en' | 'fr') => ANSWER_WORDS[answer ?? 'none'][lang === 'fr' ? 1 : 0];

export function reviewCsv(review: ReviewRecord, lang: 'en' | 'fr'): string {
  const fr = lang === 'fr';
  const header = fr
    ? [
        'COFOR',
        'Entreprise',
        'Revue ouverte le',
        'À rendre le',
        'Close le',
        'Identifiant',
        'Nom',
        'E-mail',
        'Rôle',
        'Réponse',
        'Par',
        'Le',
      ]
    : ['COFOR', 'Company', 'Review opened', 'Due', 'Closed', 'Login', 'Name', 'E-mail', 'Role', 'Answer', 'By', 'At'];
  return stringify([
    header,
    ...review.lines.map((l) => [
      review.cofor,
      review.company,
      review.openedAt,
      review.dueAt,
      review.closedAt ?? '',
      l.login,
      l.fullName,
      l.email,
      l.role,
      word(l.answer, lang),
      l.by ?? '',
      l.at ?? '',
    ]),
  ]);
}

/** The review as a one-document PDF (A4, Helvetica: names outside WinAnsi are transliterated). */
export async function reviewPdf(review: ReviewRecord, lang: 'en' | 'fr'): Promise<Uint8Array> {
  const fr = lang === 'fr';
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${fr ? "Revue d'accès" : 'Access review'} ${review.cofor} ${review.openedAt.slice(0, 10)}`);
  pdf.setCreationDate(new Date(review.openedAt));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  // The standard fonts cover WinAnsi: other characters become their closest ASCII (or '?').
  const safe = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
  let page = pdf.addPage([595, 842]);
  let y = 800;
  const line = (text: string, size = 10, f = font) => {
    if (y < 50) {
      page = pdf.addPage([595, 842]);
      y = 800;
    }
    page.drawText(safe(text), { x: 45, y, size, font: f });
    y -= size + 6;
  };
  line(`${fr ? "Revue d'accès" : 'Access review'} — ${review.company} (COFOR ${review.cofor})`, 14, bold);
  line(`${fr ? 'Ouverte le' : 'Opened'} ${review.openedAt}   ${fr ? 'À rendre le' : 'Due'} ${review.dueAt}`);
  line(`${fr ? 'Close le' : 'Closed'} ${review.closedAt ?? (fr ? 'pas encore' : 'not yet')}`);
  y -= 8;
  for (const l of review.lines) {
    line(`${l.login}  ${l.fullName}  <${l.email}>  ${l.role}`, 10, bold);
    line(`   ${word(l.answer, lang)}${l.by ? ` — ${l.by}, ${l.at}` : ''}`);
  }
  return pdf.save({ useObjectStreams: false });
}

/** The owner of a blocked account learns why, in both languages (theirs is not known here). */
export const reviewBlockedMail = (login: string, company: string) => ({
  subject: `B2B Portal: your login ${login} is blocked / votre identifiant ${login} est bloqué`,
  body:
    `Your PLSA did not confirm, in the access review of ${company}, that you still work for the company: ` +
    `your B2B Portal login ${login} is blocked. If you still work there, ask your PLSA to unblock it.\n\n` +
    `Votre PLSA n'a pas confirmé, lors de la revue des accès de ${company}, que vous travaillez toujours pour ` +
    `l'entreprise : votre identifiant du portail B2B ${login} est bloqué. Si c'est le cas, demandez à votre PLSA ` +
    `de le débloquer.\n`,
});

/** The review as the file a PLSA downloads: its name, type and bytes (base64). */
export async function reviewEvidence(
  record: ReviewRecord,
  format: 'csv' | 'pdf',
  lang: 'en' | 'fr',
): Promise<{ fileName: string; mediaType: string; contentBase64: string }> {
  const base = `access-review-${record.cofor}-${record.openedAt.slice(0, 10)}`;
  return format === 'csv'
    ? {
        fileName: `${base}.csv`,
        mediaType: 'text/csv',
        contentBase64: Buffer.from(reviewCsv(record, lang)).toString('base64'),
      }
    : {
        fileName: `${base}.pdf`,
        mediaType: 'application/pdf',
        contentBase64: Buffer.from(await reviewPdf(record, lang)).toString('base64'),
      };
}
