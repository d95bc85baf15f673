// Schemas of the three onboarding forms. Every message is a key that the renderer translates
// and shows next to its field; every string has a maximum length.
import { z } from 'zod';
import { LANGS } from '../languages';
import { COUNTRY_CODES } from '../countries';

export const LIMITS = {
  shortText: 120,
  longText: 4000,
  email: 254,
  /** The legal-existence document; base64 adds a third on the wire. */
  documentBytes: 5 * 1024 * 1024,
} as const;

export const text = (max: number = LIMITS.shortText) =>
  z.string().trim().min(1, { error: 'required' }).max(max, { error: 'too-long' });

export const optionalText = (max: number = LIMITS.shortText) =>
  z.string().trim().max(max, { error: 'too-long' }).optional();

export const email = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .max(LIMITS.email, { error: 'too-long' })
    .pipe(z.email({ error: 'email.format' }));

/** An e-mail address a form may leave empty ('' or absent), checked once typed. */
export const optionalEmail = () => z.union([z.literal(''), email()]).optional();

export const phone = () =>
  z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .max(30, { error: 'too-long' })
    .regex(/^\+?[0-9][0-9 ().-]{4,24}[0-9]$/, { error: 'phone.format' });

export const country = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => COUNTRY_CODES.includes(c), { error: 'country.format' });

/** D-U-N-S: 9 digits, often written with dashes or spaces (12-345-6789). */
export const duns = () =>
  z
    .string()
    .max(20, { error: 'duns.format' })
    .transform((d) => d.replace(/[\s-]/g, ''))
    .refine((d) => d.length > 0, { error: 'required' })
    .refine((d) => /^\d{9}$/.test(d), { error: 'duns.format' });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadedDocument = () =>
  z.strictObject(
    {
      fileName: text(255),
      contentBase64: z
        .string()
        .min(1, { error: 'document.empty' })
        .max(Math.ceil(LIMITS.documentBytes / 3) * 4, { error: 'document.too-large' })
        .regex(BASE64, { error: 'document.corrupt' }),
    },
    { error: 'required' },
  );

export const companyFileSchema = z.strictObject({
  duns: duns(),
  legalName: text(),
  registrationNumber: text(40),
  taxNumber: text(40),
  street: text(200),
  postalCode: text(20),
  city: text(),
  country: country(),
  contactEmail: email(),
  document: uploadedDocument(),
  lang: z.enum(LANGS).optional(),
});

export const coforHelpSchema = z.strictObject({
  companyName: text(),
  country: country(),
  address: text(300),
  dunsOrTaxNumber: optionalText(40),
  contactName: text(),
  email: email(),
  phone: phone(),
  message: text(LIMITS.longText),
  lang: z.enum(LANGS).optional(),
});

export const personSchema = z.strictObject({
  fullName: text(),
  jobTitle: text(),
  email: email(),
  phone: phone(),
});

export const accessRequestSchema = z
  .strictObject({
    cofor: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{6}$/, { error: 'cofor.format' }),
    legalRepresentative: personSchema,
    plsa: personSchema,
    termsVersion: text(20),
    termsAccepted: z.boolean().refine((v) => v, { error: 'terms.required' }),
    samePersonConfirmed: z.boolean(),
    lang: z.enum(LANGS).optional(),
  })
  .superRefine((req, ctx) => {
    if (isSamePerson(req.legalRepresentative, req.plsa) && !req.samePersonConfirmed) {
      ctx.addIssue({ code: 'custom', path: ['samePersonConfirmed'], message: 'same-person.confirm' });
    }
  });

/** One person in both roles is allowed, but only knowingly: same e-mail or same name. */
export function isSamePerson(a: { fullName: string; email: string }, b: { fullName: string; email: string }): boolean {
  const same = (x: string, y: string) => {
    const [nx, ny] = [x, y].map((s) => s.trim().toLowerCase().replace(/\s+/g, ' '));
    return nx !== '' && nx === ny; // two blank fields are not one person
  };
  return same(a.email, b.email) || same(a.fullName, b.fullName);
}
