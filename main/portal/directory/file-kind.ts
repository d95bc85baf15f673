// Is this a directory file at all? Read line by line, a PDF, a spreadsheet (a zip), an image or
// any binary gives one "not valid JSON" (or bad column) per line: dozens of sentences that never
// say the one thing that matters. The start of the file tells: it is refused whole, in one
// sentence naming the formats that are accepted.
export type NotDirectoryFile = 'pdf' | 'archive' | 'image' | 'binary' | 'not-json-lines';

/** Characters of the file's start that are looked at: enough for any signature, and one line. */
export const SNIFF_CHARS = 4096;

// As text (decoded as UTF-8: a byte that is not UTF-8 reads as U+FFFD).
/* eslint-disable no-control-regex -- binary signatures are made of control characters */
const SIGNATURES: Array<[RegExp, NotDirectoryFile]> = [
  [/^%PDF-/, 'pdf'],
  [/^PK\u0003\u0004/, 'archive'], // zip, and so .xlsx, .docx, .odt
  [/^\ufffd\ufffd\u0011/, 'archive'], // old Office (.xls, .doc)
  [/^[\u0089\ufffd]PNG/, 'image'],
  [/^\ufffd\ufffd\ufffd/, 'image'], // JPEG
  [/^GIF8[79]a/, 'image'],
];
/* eslint-enable no-control-regex */

/**
 * What the start of a file says it is, when it is not a directory file of the chosen format;
 * null when it may be one (its rows are then checked one by one).
 */
export function notDirectoryFile(format: 'csv' | 'jsonl', start: string): NotDirectoryFile | null {
  const head = start.slice(0, SNIFF_CHARS).replace(/^\ufeff/, '');
  for (const [signature, kind] of SIGNATURES) if (signature.test(head)) return kind;
  // A text file has no NUL, and few characters that are not UTF-8.
  const replaced = head.match(/\ufffd/g)?.length ?? 0;
  if (head.includes('\u0000') || replaced > Math.max(2, head.length / 100)) return 'binary';
  // JSON Lines: one company per line, each an object.
  const first = head.trimStart()[0];
  if (format === 'jsonl' && first !== undefined && first !== '{') return 'not-json-lines';
  return null;
}

/** The sentence for the command line and logs (the desk's screen says it in the agent's words). */
export const NOT_DIRECTORY_FILE_TEXT =
  'This is not a CSV or JSON Lines file. A directory file is CSV (.csv: a first line naming the columns, then one record per line) or JSON Lines (.jsonl: one company per line), in UTF-8; resources/samples/ has one of each.';
