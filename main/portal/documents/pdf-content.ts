// What a PDF may not carry into the assistance's mailbox: script or actions that run when it is
// opened, embedded files, an HTML body behind a PDF header, and data after its last %%EOF (a ZIP
// or an executable appended to it). Names are compared after undoing #xx escapes (/J#61vaScript),
// and compressed object streams (/ObjStm), where such names can hide, are inflated and checked too.
import { unzlibSync } from 'fflate';

/** Names of active content, as PDF dictionaries write them. */
const ACTIVE_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE|AA)(?![A-Za-z0-9])/;
/** An HTML document dressed as a PDF: browsers and mail clients may sniff and run it. */
const HTML_BODY = /<\s*(script|html|body|iframe|object|embed|svg)\b|<!doctype\s+html/i;
const EOF_MARK = '%%EOF';
/** The inflated object streams of one file may not exceed this (a compression bomb stops here). */
const MAX_INFLATED = 20 * 1024 * 1024;

const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};

const unescapeNames = (text: string): string => text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

export type PdfProblem = 'document.trailing-data' | 'document.active-content' | null;

export function pdfProblem(bytes: Uint8Array): PdfProblem {
  const text = latin1(bytes);
  const end = text.lastIndexOf(EOF_MARK);
  if (end >= 0 && text.slice(end + EOF_MARK.length).trim() !== '') return 'document.trailing-data';
  if (HTML_BODY.test(text) || ACTIVE_NAMES.test(unescapeNames(text))) return 'document.active-content';
  let inflated = 0;
  const streams = /<<((?:(?!>>\s*stream)[\s\S]){0,2000})>>\s*stream\r?\n/g;
  for (let match = streams.exec(text); match; match = streams.exec(text)) {
    const dictionary = unescapeNames(match[1] ?? '');
    if (!/\/ObjStm\b/.test(dictionary)) continue;
    const start = match.index + match[0].length;
    const stop = text.indexOf('endstream', start);
    if (stop < 0) return 'document.active-content';
    if (!/\/FlateDecode\b/.test(dictionary)) return 'document.active-content'; // an encoding we cannot read: refuse rather than trust
    let content: Uint8Array;
    try {
      content = unzlibSync(bytes.subarray(start, stop));
    } catch {
      return 'document.active-content';
    }
    inflated += content.length;
    if (inflated > MAX_INFLATED) return 'document.active-content';
    const objects = unescapeNames(latin1(content));
    if (ACTIVE_NAMES.test(objects) || HTML_BODY.test(objects)) return 'document.active-content';
  }
  return null;
}
