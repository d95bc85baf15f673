// Mail relay settings. TLS is required, except to a relay on this machine (loopback), where
// there is no network to protect the message from.
import { z } from 'zod';

export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '[::1]';

const address = () =>
  z
    .string()
    .trim()
    .min(3, { error: 'required' })
    .max(254, { error: 'too-long' })
    .pipe(z.email({ error: 'email.format' }));

export const mailSettingsFields = z.strictObject({
  assistanceAddress: address(),
  fromAddress: address(),
  host: z
    .string()
    .trim()
    .min(1, { error: 'required' })
    .max(253, { error: 'too-long' })
    .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'host.format' }),
  port: z.number().int({ error: 'port.format' }).min(1, { error: 'port.format' }).max(65535, { error: 'port.format' }),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(254, { error: 'too-long' }),
  /** Largest message the relay takes, in bytes: attachments are checked against it. */
  maxMessageBytes: z
    .number()
    .int()
    .min(100_000)
    .max(100 * 1024 * 1024),
});

/** Plain SMTP only to a relay on this computer. */
export const requireTlsOffLoopback = (s: { security: string; host: string }, ctx: z.RefinementCtx): void => {
  if (s.security === 'none' && !isLoopbackHost(s.host)) {
    ctx.addIssue({ code: 'custom', path: ['security'], message: 'security.tls-required' });
  }
};

export const mailSettingsSchema = mailSettingsFields.superRefine(requireTlsOffLoopback);

export type MailSettings = z.output<typeof mailSettingsSchema>;

export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Base64 makes an attachment about 1.37 times larger on the wire; headers and text add a little. */
export const fitsRelay = (attachmentBytes: number, maxMessageBytes: number): boolean =>
  Math.ceil(attachmentBytes * 1.37) + 64 * 1024 <= maxMessageBytes;
