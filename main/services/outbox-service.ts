// What a person sees of the outbox: their requests with timelines, the online/offline state and
// what waits, "Send now", retrying a failed request, and the mail relay settings.
import type { MailSettingsInput, MailSettingsView, OutboxStatus } from '../../preload/contract/help';
import { fieldError } from './errors';
import type { Delivery } from '../outbox/delivery';
import { RELAY_PASSWORD_KEY } from '../outbox/delivery';
import type { MailTransport } from '../outbox/transport';
import { describeFailure, headerSafe } from '../portal/mail/retry-policy';
import type { MailSettings } from '../../preload/contract/schemas/mail-settings';
import { mailLang } from '../portal/mail/templates';
import type { SecretStore } from '../secrets/secret-store';
import type { DeskCaller } from './desk-guard';
import type { MailSettingsRepository } from '../store/mail-settings';
import type { OutboxRepository } from '../store/outbox';
import type { RequestsRepository } from '../store/requests';

export interface OutboxServiceDeps {
  outbox: OutboxRepository;
  requests: RequestsRepository;
  delivery: Delivery;
  mailSettings: MailSettingsRepository;
  secrets: SecretStore;
  transport: (settings: MailSettings) => Promise<MailTransport>;
  now: () => Date;
}

export function createOutboxService(deps: OutboxServiceDeps) {
  const { outbox, requests, delivery, mailSettings, secrets } = deps;

  function status(): OutboxStatus {
    const counts = outbox.counts();
    const { online, lastError } = delivery.status();
    return {
      waiting: counts.queued + counts.sending,
      failed: counts.failed,
      online,
      lastError,
      relayConfigured: mailSettings.get() !== null,
    };
  }

  async function view(settings: MailSettings): Promise<MailSettingsView> {
    const passwordSet = await secrets.get(RELAY_PASSWORD_KEY).then(
      (p) => p !== null,
      () => false,
    );
    return { ...settings, passwordSet };
  }

  return {
    retryRequest(input: { reference: string }): { requeued: number } {
      const id = requests.idOf(input.reference);
      if (id === null)
        throw fieldError(
          'not-found',
          'reference',
          'reference.unknown',
          'No request has this reference on this workstation.',
        );
      const requeued = outbox.retry(outbox.idsOfSubmission(id), deps.now());
      void delivery.deliverDue();
      return { requeued };
    },

    outboxStatus: status,

    async sendNow(): Promise<OutboxStatus> {
      outbox.retry(outbox.waitingIds(), deps.now()); // waiting ones are due at once
      await delivery.deliverDue();
      return status();
    },

    async mailSettings(): Promise<MailSettingsView | null> {
      const settings = mailSettings.get();
      return settings ? view(settings) : null;
    },

    /** Only an assistance agent points the relay (and so the e-mailed temporary passwords)
     * somewhere else; reading them, below, shows no secret. */
    async saveMailSettings(
      input: MailSettingsInput & { session: string },
      _caller: DeskCaller,
    ): Promise<MailSettingsView> {
      const { password, session: _, ...settings } = input;
      if (password !== '') await secrets.set(RELAY_PASSWORD_KEY, password); // keychain down: the error says so, nothing saved
      mailSettings.save(settings);
      return view(settings);
    },

    async sendTestEmail(
      input: {
        session: string;
        to: string;
        lang: string;
      },
      _caller: DeskCaller,
    ): Promise<{ sent: boolean; error: string | null }> {
      const settings = mailSettings.get();
      if (!settings) throw fieldError('conflict', 'host', 'mail.not-configured', 'Save the mail settings first.');
      const fr = mailLang(input.lang) === 'fr';
      try {
        const transport = await deps.transport(settings);
        await transport.send({
          from: settings.fromAddress,
          to: input.to,
          subject: headerSafe(fr ? 'Portail B2B : e-mail de test' : 'B2B Portal: test e-mail'),
          text: fr ? 'Les réglages de messagerie du portail B2B fonctionnent.' : 'The B2B Portal mail settings work.',
          messageId: `<test-${deps.now().getTime()}@b2b-portal.invalid>`,
        });
        return { sent: true, error: null };
      } catch (error) {
        return { sent: false, error: describeFailure(error as { message: string }) };
      }
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
