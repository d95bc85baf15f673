// The checks on a PDF's bytes as text, beside the parsed check (pdf-objects.ts): for what the
// parser does not read as objects, and for what a browser or a mail client reads without any
// parser. Each regular expression runs in time linear in the text (no nested quantifier can
// match the same bytes two ways), so a 5 MB file costs a few passes.
import { decodeNameEscapes, ACTIVE_NAMES, LONG_ACTIVE_NAMES, NAME_END } from './pdf-names';

const WS = String.raw`[\0\t\n\f\r ]`;
const names = (list: Iterable<string>) => [...list].join('|');

/** Any name of active content, as text (comments, junk between objects, bodies in clear). */
const ACTIVE_NAME = new RegExp(`/(?:${names(ACTIVE_NAMES)})${NAME_END}`);
/** The long ones, and a /URI action (`/S /URI`), in stream bodies: see LONG_ACTIVE_NAMES. */
const HIDDEN_NAME = new RegExp(`/(?:${names(LONG_ACTIVE_NAMES)}|ObjStm)${NAME_END}|/S${WS}*/URI${NAME_END}`);
/** An object header ("12 0 obj") inside a stream body: a reader that follows the cross-reference
 * there reads an object that a check skipping stream bodies never sees. Random bytes spell one
 * about once in 10^12 positions. */
const OBJECT_HEADER = new RegExp(String.raw`\d${WS}+\d+${WS}*obj${NAME_END}`);
const OBJECT_STREAM = new RegExp(`/ObjStm${NAME_END}`, 'g');

/** HTML that acts without any attribute: a browser or mail client sniffing the bytes runs it. */
const HTML_TAG =
  /<\s*(script|html|body|iframe|object|embed|svg|meta|form|base|frameset|frame|math|applet)\b|<!doctype\s+html/i;
/** An HTML element (its name has a letter past f, so it is no hex string like <feff0041>)... */
const HTML_ELEMENT = /<(?=[a-z0-9]*[g-z])[a-z][a-z0-9]*[\s/>]/i;
/** ...and, anywhere after it, an event attribute (onerror=, onload=, ontoggle=, …): quoted values
 * may hold ">", so the attribute is not looked for inside the element's brackets. */
const EVENT_ATTRIBUTE = /[\s/"']on[a-z]{3,}\s*=/i;

/** Whether the file's structure (its bytes without the encoded stream bodies) holds active
 * content: an HTML body, a name of active content, or an object stream the parser did not read
 * (behind a header it did not take for one). */
export function structureIsActive(structure: string, objectStreamsRead: number): boolean {
  if (HTML_TAG.test(structure)) return true;
  const element = HTML_ELEMENT.exec(structure);
  if (element && EVENT_ATTRIBUTE.test(structure.slice(element.index))) return true;
  const decoded = decodeNameEscapes(structure);
  if (ACTIVE_NAME.test(decoded)) return true;
  OBJECT_STREAM.lastIndex = 0;
  for (let seen = 0; OBJECT_STREAM.exec(decoded);) if (++seen > objectStreamsRead) return true;
  return false;
}

/** Whether an encoded stream body hides an object a reader could reach: its header, or, behind a
 * header written with a comment, a long active name or an object stream in clear. */
export function bodyHidesObjects(body: string): boolean {
  return OBJECT_HEADER.test(body) || HIDDEN_NAME.test(decodeNameEscapes(body));
}
