// pdf-lib's object parser, driven one indirect object at a time by the PDF check. pdf-lib reads
// dictionaries, arrays, strings, names and stream bodies as a reader does; four of its steps are
// replaced here, each for a reason the comment gives. Its document parser (PDFDocument.load) is
// not used: it is asynchronous (the check runs inside synchronous SQLite transactions), keeps only
// the last definition of an object, turns what it cannot parse into "invalid objects" silently,
// and inflates object streams without a bound.
import {
  PDFContext,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFDict,
  type PDFObject,
  type PDFStream,
} from 'pdf-lib';
// Not in pdf-lib's index; the same CommonJS build the index resolves to, for Node and esbuild.
import ByteStream from 'pdf-lib/cjs/core/parser/ByteStream';
import { ACTIVE_NAMES, decodeNameEscapes } from './pdf-names';

/** A stream's body, as offsets in the bytes read; `filtered` when it is encoded (/Filter). */
export interface StreamBody {
  start: number;
  end: number;
  filtered: boolean;
}

/** Thrown as soon as a name of active content is read: nothing further needs reading. */
export class ActiveName extends Error {
  constructor(readonly activeName: string) {
    super(`active content: /${activeName}`);
  }
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const NUMERIC = new Set([...'0123456789+-.'].map((c) => c.charCodeAt(0)));
const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x30 && byte <= 0x39;
const isWhitespace = (byte: number | undefined): boolean => byte !== undefined && WHITESPACE.has(byte);
const code = (c: string): number => c.charCodeAt(0);
const ENDOBJ = [...'endobj'].map(code);
/** An object or generation number has at most 10 digits: a longer run starts no header. */
const MAX_DIGITS = 10;

/** The names the check looks up. Every other name is read as OTHER: pdf-lib keeps each name it
 * is given in a table for the life of the process, and a hostile file holds hundreds of
 * thousands of distinct ones. Active names are checked before this, as they are read. */
const KNOWN_NAMES = new Set([
  ...['Type', 'Length', 'Filter'],
  ...['ObjStm', 'N', 'First', 'FlateDecode', 'DecodeParms', 'Predictor'], // an object stream's
]);
const OTHER = PDFName.of('pdf-check:other');
/** References are not followed (every object is checked where it stands), and pdf-lib keeps each
 * reference it makes in a table for ever too: one stands for all. */
const REFERENCE = PDFRef.of(0, 0);
const LENGTH = PDFName.of('Length');
const FILTER = PDFName.of('Filter');

function digitsEnd(data: Uint8Array, at: number): number {
  let i = at;
  while (isDigit(data[i])) if (++i - at > MAX_DIGITS) return -1;
  return i === at ? -1 : i;
}

/** Where the object starts if an indirect object header ("12 0 obj") starts at `at`, else -1.
 * Written out rather than with pdf-lib's steps, which skip comments: tried at every digit, a
 * long comment would be read again from each (quadratic). A header with a comment inside is
 * left to the textual checks (an object stream behind one is counted there). */
function objectHeaderEnd(data: Uint8Array, at: number): number {
  let i = digitsEnd(data, at);
  if (i < 0 || !isWhitespace(data[i])) return -1;
  while (isWhitespace(data[i])) i++;
  i = digitsEnd(data, i);
  if (i < 0) return -1;
  while (isWhitespace(data[i])) i++;
  if (data[i] !== code('o') || data[i + 1] !== code('b') || data[i + 2] !== code('j')) return -1;
  const after = data[i + 3];
  return after === undefined || isWhitespace(after) || DELIMITERS.has(after) ? i + 3 : -1;
}

export class PdfObjectReader extends PDFObjectParser {
  /** The bodies of the streams read, in the order of the bytes. */
  readonly streams: StreamBody[] = [];
  private dictEnd = 0;

  constructor(private readonly data: Uint8Array) {
    super(ByteStream.of(data), PDFContext.create());
  }

  /** The next indirect object from the current offset on, or undefined at the end. The bytes
   * between objects (cross-reference tables, trailers, junk) are passed one at a time: an
   * object may start at any digit, as a reader follows the cross-reference to any offset. */
  nextObject(): PDFObject | undefined {
    for (let at = this.bytes.offset(); at < this.data.length; at++) {
      if (!isDigit(this.data[at])) continue;
      const start = objectHeaderEnd(this.data, at);
      if (start < 0) continue;
      this.bytes.moveTo(start);
      const object = this.parseObject();
      this.skipWhitespaceAndComments();
      this.matchKeyword(ENDOBJ);
      return object;
    }
    this.bytes.moveTo(this.data.length);
    return undefined;
  }

  /** The objects of an object stream whose inflated bytes this reader reads: `count` pairs
   * (number, offset) first, each object at `first` + its offset. `visit` gets each object and
   * the number of bytes it took; the table is read pair by pair, never held whole. */
  readStoredObjects(count: number, first: number, visit: (object: PDFObject, length: number) => void): void {
    let table = 0;
    for (let i = 0; i < count; i++) {
      this.bytes.moveTo(table);
      this.skipWhitespaceAndComments();
      this.parseRawInt(); // the object's number: every definition is checked, whatever its number
      this.skipWhitespaceAndComments();
      const offset = this.parseRawInt();
      table = this.bytes.offset();
      this.bytes.moveTo(first + offset);
      const object = this.parseObject();
      visit(object, this.bytes.offset() - (first + offset));
    }
  }

  /** A name, checked as it is read: refused if it is active, in any spelling. */
  protected override parseName(): PDFName {
    this.bytes.assertNext(code('/'));
    let raw = '';
    while (!this.bytes.done()) {
      const byte = this.bytes.peek();
      if (WHITESPACE.has(byte) || DELIMITERS.has(byte)) break;
      raw += String.fromCharCode(this.bytes.next());
    }
    // pdf-lib undoes only upper-case escapes (#4A, not #4a); readers undo both.
    const name = raw.includes('#') ? decodeNameEscapes(raw) : raw;
    if (ACTIVE_NAMES.has(name)) throw new ActiveName(name);
    return KNOWN_NAMES.has(name) ? PDFName.of(name) : OTHER;
  }

  /** A number, or a reference ("12 0 R"), as pdf-lib reads them, without its console warning
   * for each number above 2^53 (a file of them would flood the logs) and without its table. */
  protected override parseNumberOrRef(): PDFNumber | PDFRef {
    const value = this.readNumber();
    this.skipWhitespaceAndComments();
    const lookahead = this.bytes.offset();
    if (isDigit(this.bytes.peek())) {
      this.readNumber();
      this.skipWhitespaceAndComments();
      if (this.bytes.peek() === code('R')) {
        this.bytes.next();
        return REFERENCE;
      }
    }
    this.bytes.moveTo(lookahead);
    return PDFNumber.of(value);
  }

  protected override parseDict(): PDFDict {
    const dict = super.parseDict();
    this.dictEnd = this.bytes.offset();
    return dict;
  }

  /** A dictionary, or a stream whose body is recorded. A negative or fractional /Length is
   * refused: pdf-lib would follow it backwards and read the same bytes again. */
  protected override parseDictOrStream(): PDFDict | PDFStream {
    const object = super.parseDictOrStream();
    if (!(object instanceof PDFRawStream)) return object;
    const after = this.bytes.offset();
    const length = object.dict.get(LENGTH);
    if (length instanceof PDFNumber && !(Number.isInteger(length.asNumber()) && length.asNumber() >= 0))
      throw new Error(`a stream length that counts no bytes: ${length.asNumber()}`);
    // Where pdf-lib started the body: after the dictionary, blanks, `stream` and its end of line.
    this.bytes.moveTo(this.dictEnd);
    this.skipWhitespaceAndComments();
    let start = this.bytes.offset() + 'stream'.length;
    const eol = [' \r\n', '\r\n', '\r', '\n'].find((e) => [...e].every((c, i) => this.data[start + i] === code(c)));
    start += eol?.length ?? 0;
    const end = start + object.contents.length;
    if (after < end) throw new Error('a stream read backwards');
    this.streams.push({ start, end, filtered: object.dict.has(FILTER) });
    this.bytes.moveTo(after);
    return object;
  }

  private readNumber(): number {
    let text = '';
    while (!this.bytes.done() && NUMERIC.has(this.bytes.peek())) {
      const byte = this.bytes.next();
      text += String.fromCharCode(byte);
      if (byte === code('.')) break;
    }
    while (!this.bytes.done() && isDigit(this.bytes.peek())) text += String.fromCharCode(this.bytes.next());
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) throw new Error(`not a number: ${text.slice(0, 20)}`);
    return value;
  }
}
