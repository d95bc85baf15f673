// Every object of a PDF, read with pdf-lib's parser (pdf-object-reader.ts): the indirect objects
// in the order of the bytes, every definition of each (an incremental update or a second object
// stream may redefine one; a reader may keep either), and the objects inside each object stream
// (/ObjStm), inflated under a bound. The work is bounded: the objects outside object streams do
// not overlap (one pass over the file), the inflated bytes of all object streams are capped, and
// the objects of one object stream may not take more bytes than it holds (a table that points
// every entry at one large object would have it read again and again).
import { Unzlib } from 'fflate';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFObject } from 'pdf-lib';
import { PdfObjectReader, type StreamBody } from './pdf-object-reader';

export type PdfRefusalReason = 'document.active-content' | 'document.corrupt';

/** A refusal decided while reading: its reason, and in its message what was found. */
export class PdfRefusal extends Error {
  constructor(
    readonly reason: PdfRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export interface PdfObjectsRead {
  /** The bodies of the streams outside object streams, in the order of the bytes. */
  streams: StreamBody[];
  /** How many object streams were read (the textual check counts those it sees). */
  objectStreams: number;
}

/** The inflated bytes of all object streams of one file may not exceed this (a compression bomb
 * stops here, having inflated at most one chunk's worth more). */
const MAX_INFLATED = 20 * 1024 * 1024;
/** Compressed bytes given to the inflater at a time: at most about 1,000 times as many come out. */
const INFLATE_CHUNK = 4096;

const TYPE = PDFName.of('Type');
const OBJECT_STREAM = PDFName.of('ObjStm');
const COUNT = PDFName.of('N');
const FIRST = PDFName.of('First');
const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');
const DECODE_PARMS = PDFName.of('DecodeParms');
const PREDICTOR = PDFName.of('Predictor');

/** Readers find an object stream through the cross-reference and read its /N and /First without
 * looking at its /Type: a stream with a /First (no other stream has one) is read as one too. */
const isObjectStream = (object: PDFObject): object is PDFRawStream =>
  object instanceof PDFRawStream && (object.dict.get(TYPE) === OBJECT_STREAM || object.dict.has(FIRST));
const corrupt = (message: string) => new PdfRefusal('document.corrupt', message);
const unreadable = (message: string) => new PdfRefusal('document.active-content', message);

/** Reads every object of `bytes`. Throws ActiveName, PdfRefusal, or pdf-lib's parse errors. */
export function readPdfObjects(bytes: Uint8Array): PdfObjectsRead {
  const reader = new PdfObjectReader(bytes);
  const read: PdfObjectsRead = { streams: reader.streams, objectStreams: 0 };
  let inflated = 0;
  for (let object = reader.nextObject(); object !== undefined; object = reader.nextObject()) {
    if (!isObjectStream(object)) continue;
    read.objectStreams++;
    const data = objectStreamBytes(object, MAX_INFLATED - inflated);
    inflated += data.length;
    readObjectStream(object.dict, data);
  }
  return read;
}

/** Reads the objects of one object stream (their names are checked as they are read). */
function readObjectStream(dict: PDFDict, data: Uint8Array): void {
  const count = wholeNumber(dict.get(COUNT));
  const first = wholeNumber(dict.get(FIRST));
  // Each entry of the table takes at least 3 bytes ("1 0"): a larger count is a lie.
  if (count * 3 > data.length) throw corrupt(`an object stream claiming ${count} objects in ${data.length} bytes`);
  let taken = 0;
  new PdfObjectReader(data).readStoredObjects(count, first, (object, length) => {
    taken += length;
    if (taken > data.length) throw corrupt('objects of an object stream that overlap');
    if (object instanceof PDFRawStream) throw corrupt('a stream inside an object stream');
  });
}

function wholeNumber(object: PDFObject | undefined): number {
  const value = object instanceof PDFNumber ? object.asNumber() : NaN;
  if (!Number.isSafeInteger(value) || value < 0) throw corrupt('an object stream without its count or offset');
  return value;
}

/** An object stream's bytes, decoded. Only FlateDecode (what every producer writes) or none is
 * read; another encoding, or a predictor, is refused rather than trusted: the objects inside
 * could not be checked. */
function objectStreamBytes(stream: PDFRawStream, room: number): Uint8Array {
  const filter = stream.dict.get(FILTER);
  if (filter === undefined) {
    if (stream.contents.length > room) throw unreadable('object streams past the bound');
    return stream.contents;
  }
  const flate = filter === FLATE || (filter instanceof PDFArray && filter.size() === 1 && filter.get(0) === FLATE);
  if (!flate) throw unreadable('an object stream in an encoding the check does not read');
  let parms = stream.dict.get(DECODE_PARMS);
  if (parms instanceof PDFArray && parms.size() === 1) parms = parms.get(0);
  const predictor = parms instanceof PDFDict ? parms.get(PREDICTOR) : undefined;
  const plain = predictor === undefined || (predictor instanceof PDFNumber && predictor.asNumber() === 1);
  if (parms !== undefined && !(parms instanceof PDFDict && plain))
    throw unreadable('an object stream with a predictor the check does not read');
  return inflateWithin(stream.contents, room);
}

/** zlib data inflated chunk by chunk, stopping once more than `room` bytes came out. */
function inflateWithin(data: Uint8Array, room: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Unzlib((chunk) => {
    size += chunk.length;
    if (size <= room) parts.push(chunk);
  });
  try {
    for (let at = 0; size <= room; at += INFLATE_CHUNK) {
      const last = at + INFLATE_CHUNK >= data.length;
      inflater.push(data.subarray(at, at + INFLATE_CHUNK), last);
      if (last) break;
    }
  } catch (error) {
    throw corrupt(`an object stream that does not inflate: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (size > room) throw unreadable('object streams inflating past the bound (a compression bomb)');
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
