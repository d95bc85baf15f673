// The directory: what the portal knows of companies, their sites, people and B2B accounts.
// This is the shape of an import file (JSON) and of the demo directory in resources/.
import { z } from 'zod';

const login = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^V\d{6}$/, { error: 'login.format' });

export const directorySiteSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2}$/),
  name: z.string().max(120).optional(),
  city: z.string().max(120).optional(),
});

export const directoryPersonSchema = z.strictObject({
  key: z.string().max(40),
  fullName: z.string().min(1).max(120),
  jobTitle: z.string().max(120).optional(),
  email: z.string().max(254),
  phone: z.string().max(30).optional(),
  role: z.enum(['legal-representative', 'plsa', 'staff']),
});

export const directoryAccountSchema = z.strictObject({
  login,
  person: z.string().max(40).optional(),
  // Kept exactly as registered: recovery compares it case-sensitively.
  email: z.string().min(3).max(254),
  role: z.enum(['user', 'plsa']),
  state: z.enum(['active', 'blocked', 'deactivated']),
});

export const directoryCompanySchema = z.strictObject({
  cofor: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{6}$/),
  duns: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  legalName: z.string().min(1).max(200),
  registrationNumber: z.string().max(40).optional(),
  taxNumber: z.string().max(40).optional(),
  street: z.string().max(200).optional(),
  postalCode: z.string().max(20).optional(),
  city: z.string().max(120).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  status: z.enum(['active', 'deactivated']),
  access: z.enum(['not-requested', 'requested', 'open']),
  accessRequestedAt: z.iso.datetime().optional(),
  sites: z.array(directorySiteSchema).max(500).default([]),
  people: z.array(directoryPersonSchema).max(500).default([]),
  accounts: z.array(directoryAccountSchema).max(5000).default([]),
});

export const directorySchema = z.strictObject({
  companies: z.array(directoryCompanySchema),
});

export type DirectoryCompany = z.output<typeof directoryCompanySchema>;
export type Directory = z.output<typeof directorySchema>;
