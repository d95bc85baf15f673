// One pooled nodemailer transport per relay configuration. nodemailer does not retry by itself;
// the outbox decides when to try again.
import nodemailer, { type Transporter } from 'nodemailer';
import { isLoopbackHost, type MailSettings } from '../../preload/contract/schemas/mail-settings';

export interface SmtpMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  messageId: string;
  headers?: Record<string, string>;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

export interface MailTransport {
  send(message: SmtpMessage): Promise<void>;
  close(): void;
}

export function createSmtpTransport(settings: MailSettings, password: string | null): MailTransport {
  const loopback = isLoopbackHost(settings.host);
  const transporter: Transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    // TLS is required except to a relay on this machine.
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none' && loopback,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    auth: settings.user ? { user: settings.user, pass: password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(message) {
      await transporter.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
    },
    close: () => transporter.close(),
  };
}

/** Reuses one pooled transport until the relay settings or its password change. */
export function createTransportCache(password: () => Promise<string | null>) {
  let current: { key: string; transport: MailTransport } | null = null;
  return {
    async get(settings: MailSettings): Promise<MailTransport> {
      const secret = settings.user ? await password() : null;
      const key = JSON.stringify([settings, secret]);
      if (current?.key !== key) {
        current?.transport.close();
        current = { key, transport: createSmtpTransport(settings, secret) };
      }
      return current.transport;
    },
    close(): void {
      current?.transport.close();
      current = null;
    },
  };
}
