// What a PDF may not carry into the assistance's mailbox: script or actions (JavaScript, a program
// launched, another file or a web address opened, a form sent), files carried inside, an HTML
// body behind a PDF header, and data after its last %%EOF (a ZIP or an executable appended to it).
//
// Two checks, both needed. The parsed one (pdf-objects.ts) reads every object with pdf-lib's
// parser, including those inside compressed object streams, and refuses a name of active content
// wherever it stands; a file it cannot read is refused as damaged. The textual one
// (pdf-text-checks.ts) reads what the parser does not take for objects (junk between objects,
// comments, bodies in clear) and what a browser sniffs without any parser (an HTML body); and it
// looks into encoded stream bodies for an object hidden there, which a reader reaches through
// the cross-reference. Neither throws: whatever goes wrong is a refusal with a reason.
import { ActiveName } from './pdf-object-reader';
import { PdfRefusal, readPdfObjects, type PdfObjectsRead } from './pdf-objects';
import { bodyHidesObjects, structureIsActive } from './pdf-text-checks';

const EOF_MARK = '%%EOF';

const latin1 = (bytes: Uint8Array): string => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};

export type PdfProblem = 'document.trailing-data' | 'document.active-content' | 'document.corrupt' | null;

export function pdfProblem(bytes: Uint8Array): PdfProblem {
  try {
    return problemOf(bytes);
  } catch {
    return 'document.corrupt'; // a bug of ours or of pdf-lib's: refused, never a crash
  }
}

function problemOf(bytes: Uint8Array): PdfProblem {
  const text = latin1(bytes);
  const end = text.lastIndexOf(EOF_MARK);
  if (end >= 0 && text.slice(end + EOF_MARK.length).trim() !== '') return 'document.trailing-data';

  let read: PdfObjectsRead;
  try {
    read = readPdfObjects(bytes);
  } catch (error) {
    if (error instanceof ActiveName) return 'document.active-content';
    if (error instanceof PdfRefusal) return error.reason;
    return 'document.corrupt'; // pdf-lib could not parse it (or it nests past the stack)
  }

  // The structure is the file without its encoded stream bodies (compressed page content,
  // images, fonts), whose bytes would spell anything by chance; bodies in clear stay in it.
  const structure: string[] = [];
  let cursor = 0;
  for (const body of read.streams) {
    if (!body.filtered || body.start < cursor) continue;
    structure.push(text.slice(cursor, body.start));
    if (bodyHidesObjects(text.slice(body.start, body.end))) return 'document.active-content';
    cursor = body.end;
  }
  structure.push(text.slice(cursor));
  // Joined by a line break, so that the two sides of a body never join into one name.
  return structureIsActive(structure.join('\n'), read.objectStreams) ? 'document.active-content' : null;
}
