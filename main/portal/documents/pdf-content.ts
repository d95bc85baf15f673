// What a PDF may not carry into the assistance's mailbox: script or actions that run when it is
// opened, embedded files, an HTML body behind a PDF header, and data after its last %%EOF (a ZIP
// or an executable appended to it). The checks read the file's structure, that is everything
// outside the `stream … endstream` bodies (compressed page content and images, whose bytes
// would match anything by chance), plus the inflated object streams (/ObjStm), where
// dictionaries can hide. Names are compared after undoing #xx escapes (/J#61vaScript). One pass
// over the file: the work grows with its size, whatever it contains.
import { unzlibSync } from 'fflate';

/** Names of active content, as PDF dictionaries write them. */
const ACTIVE_NAMES =
  /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToE|AA)(?![A-Za-z0-9])/;
/** An HTML document dressed as a PDF: browsers and mail clients may sniff and run it. */
const HTML_BODY = /<\s*(script|html|body|iframe|object|embed|svg)\b|<!doctype\s+html/i;
const EOF_MARK = '%%EOF';
const STREAM_START = /(?<!end)stream\r?\n/g;
const STREAM_END = 'endstream';
/** The inflated object streams of one file may not exceed this (a compression bomb stops here). */
const MAX_INFLATED = 20 * 1024 * 1024;

const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};

const unescapeNames = (text: string): string =>
  text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const isActive = (text: string): boolean => HTML_BODY.test(text) || ACTIVE_NAMES.test(unescapeNames(text));

export type PdfProblem = 'document.trailing-data' | 'document.active-content' | 'document.corrupt' | null;

export function pdfProblem(bytes: Uint8Array): PdfProblem {
  const text = latin1(bytes);
  const end = text.lastIndexOf(EOF_MARK);
  if (end >= 0 && text.slice(end + EOF_MARK.length).trim() !== '') return 'document.trailing-data';

  const structure: string[] = [];
  let inflated = 0;
  let cursor = 0;
  STREAM_START.lastIndex = 0;
  for (let match = STREAM_START.exec(text); match; match = STREAM_START.exec(text)) {
    const before = text.slice(cursor, match.index);
    structure.push(before);
    const start = match.index + match[0].length;
    const stop = text.indexOf(STREAM_END, start);
    if (stop < 0) return 'document.corrupt';
    // The stream's dictionary is what follows its object's header ("3 0 obj") before it.
    const dictionary = unescapeNames(before.slice(Math.max(0, before.lastIndexOf('obj'))));
    if (/\/ObjStm\b/.test(dictionary)) {
      if (!/\/FlateDecode\b/.test(dictionary)) return 'document.active-content'; // an encoding we cannot read: refuse rather than trust
      let objects: Uint8Array;
      try {
        objects = unzlibSync(bytes.subarray(start, stop));
      } catch {
        return 'document.active-content';
      }
      inflated += objects.length;
      if (inflated > MAX_INFLATED || isActive(latin1(objects))) return 'document.active-content';
    }
    if (!/\/Filter\b/.test(dictionary)) structure.push(text.slice(start, stop)); // readable as it is: checked as it is
    cursor = stop + STREAM_END.length;
    STREAM_START.lastIndex = cursor;
  }
  structure.push(text.slice(cursor));
  return isActive(structure.join('\n')) ? 'document.active-content' : null;
}
