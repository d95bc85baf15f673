// Schemas of the desk's channels.
import { z } from 'zod';
import { lang, session } from './accounts';
import { email, text } from './forms';
import { templatesSchema } from './templates';

/** Agents' user names have a separator (desk.ana, ana.silva): never mistaken for a mistyped V login. */
export const DESK_USERNAME = /^[a-z][a-z0-9]*[._-][a-z0-9._-]{1,38}$/;

/** The characters one import chunk may carry: the screen sends 1 MB of the file at a time. */
export const IMPORT_CHUNK_CHARS = 2_000_000;

const reference = () => z.string().trim().min(1).max(40);
const deskState = () => z.enum(['new', 'in-progress', 'waiting-supplier', 'done']);
const reason = () => text(2000);

export const DESK_SCHEMAS = {
  deskQueue: z.strictObject({
    session: session(),
    state: deskState().optional(),
    kind: z.enum(['company-file', 'cofor-help', 'access-request', 'help', 'blocked-access', 'find-plsa']).optional(),
  }),
  deskRequest: z.strictObject({ session: session(), reference: reference() }),
  deskAttachment: z.strictObject({ session: session(), id: z.uuid() }),
  deskSearchCompanies: z.strictObject({ session: session(), query: z.string().max(200, { error: 'too-long' }) }),
  deskErasePerson: z.strictObject({ session: session(), reference: reference() }),
  deskSetState: z.strictObject({
    session: session(),
    reference: reference(),
    state: deskState(),
    assignToMe: z.boolean(),
  }),
  deskDecide: z.strictObject({
    session: session(),
    reference: reference(),
    decision: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('answer-cofor'),
        cofor: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{6}$/, { error: 'cofor.format' })
          .nullable(),
      }),
      z.strictObject({ kind: z.literal('reference-file') }),
      z.strictObject({ kind: z.literal('decline-file'), reason: reason() }),
      z.strictObject({ kind: z.literal('validate-access') }),
      z.strictObject({ kind: z.literal('reject-access'), reason: reason() }),
      z.strictObject({ kind: z.literal('unblock') }),
      z.strictObject({ kind: z.literal('answer'), message: text(4000) }),
    ]),
  }),
  deskReplacePlsa: z.strictObject({
    session: session(),
    cofor: z.string().trim().max(10),
    oldLogin: z.string().trim().max(10),
    fullName: text(),
    email: email(),
    lang: lang(),
  }),
  deskImportStart: z.strictObject({ session: session(), format: z.enum(['csv', 'jsonl']) }),
  // A file of any size goes in numbered chunks of at most IMPORT_CHUNK_CHARS characters.
  deskImportChunk: z.strictObject({
    session: session(),
    importId: z.uuid(),
    seq: z.int().min(0).max(10_000_000),
    content: z.string().max(IMPORT_CHUNK_CHARS, { error: 'import.chunk-too-large' }),
    last: z.boolean(),
  }),
  deskExport: z.strictObject({ session: session(), format: z.enum(['csv', 'jsonl']) }),
  deskTemplates: z.strictObject({ session: session() }),
  saveDeskTemplates: z.strictObject({ session: session(), templates: templatesSchema }),
  deskAgents: z.strictObject({ session: session() }),
  deskUnblockAgent: z.strictObject({
    session: session(),
    username: z.string().trim().toLowerCase().regex(DESK_USERNAME, { error: 'username.format' }),
  }),
  createDeskAgent: z.strictObject({
    session: session(),
    username: z.string().trim().toLowerCase().regex(DESK_USERNAME, { error: 'username.format' }),
    fullName: text(),
    email: email(),
  }),
};
