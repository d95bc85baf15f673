// The names of what a PDF may not carry into the assistance's mailbox, shared by the parsed
// check (pdf-object-reader.ts) and the textual one (pdf-text-checks.ts). A name is compared after
// undoing its #xx escapes, in either case, as readers do (/J#61vaScript is /JavaScript).

/** Actions and carriers of active content, wherever they stand in the file. */
export const ACTIVE_NAMES: ReadonlySet<string> = new Set([
  'JavaScript', // a script action, and the document-level scripts' name tree
  'JS', // a script's text
  'Launch', // runs a program
  'GoToR', // opens another file: a UNC path (\\host\share) sends the reader's NTLM hash there
  'GoToE', // opens a file embedded in this one
  'URI', // opens a web address: on open, or from a link (decided: no links either)
  'SubmitForm', // sends the form's fields to an address
  'ImportData', // loads data from a file
  'EmbeddedFile', // a file carried inside...
  'EmbeddedFiles', // ...the catalogue's list of them...
  'EF', // ...a file specification's carried file (its /Type /EmbeddedFile is optional)...
  'FileAttachment', // ...and the annotation that shows one
  'RichMedia', // Flash or video, with its own scripts
  'XFA', // XML forms, with their own scripts
  'AA', // additional actions: run on events (open, close, a page shown, a field left)
]);

/** The names long enough that random bytes (compressed images, fonts) do not spell them by
 * chance: searched for in stream bodies, where the short ones would refuse one large file in a
 * few hundred. ObjStm: an object stream written there as plain text is a hidden one. */
export const LONG_ACTIVE_NAMES: readonly string[] = [...ACTIVE_NAMES].filter((name) => name.length >= 5);

/** `text` with every #xx escape undone (a name's bytes as a reader compares them). */
export const decodeNameEscapes = (text: string): string =>
  text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Where a name ends: whitespace, a delimiter, or the end of the text. */
export const NAME_END = String.raw`(?![^\0\t\n\f\r ()<>[\]{}/%])`;
