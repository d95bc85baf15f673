// Delivers the outbox: at least once, each message under its stable Message-ID, one at a time
// so that one bad message never holds up the others. Transient failures wait and retry with
// backoff; permanent ones stop with the relay's answer, for a person to see and retry.
import { recipientAddress } from '../portal/mail/recipients';
import {
  classifyFailure,
  describeFailure,
  headerSafe,
  nextAttempt,
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
} from '../portal/mail/retry-policy';
import type { MailSettings } from '../../preload/contract/schemas/mail-settings';
import { SECRET_PLACEHOLDER } from '../portal/mail/templates';
import type { SecretStore } from '../secrets/secret-store';
import type { DeliveryOutcome, DueMessage, OutboxRepository } from '../store/outbox';
import type { MailTransport, SmtpMessage } from './transport';

export interface DeliveryDeps {
  outbox: OutboxRepository;
  secrets: SecretStore;
  settings: () => MailSettings | null;
  /** Built once per relay configuration and reused (pooled). */
  transport: (settings: MailSettings) => Promise<MailTransport>;
  now: () => Date;
  policy?: RetryPolicy;
  random?: () => number;
  log?: (message: string, detail?: unknown) => void;
}

export interface DeliveryRound {
  sent: number;
  postponed: number;
  failed: number;
  /** null when there was nothing to try. */
  online: boolean | null;
  notConfigured: boolean;
}

export const RELAY_PASSWORD_KEY = 'smtp:relay-password';

export type Delivery = ReturnType<typeof createDelivery>;

export function createDelivery(deps: DeliveryDeps) {
  const { outbox, secrets, now } = deps;
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  let online: boolean | null = null;
  let lastError: string | null = null;
  let running: Promise<DeliveryRound> | null = null;

  async function compose(item: DueMessage, settings: MailSettings): Promise<SmtpMessage> {
    let { body, html } = item;
    if (item.secretRef) {
      const secret = await secrets.get(item.secretRef); // keychain down: a transient failure
      if (!secret)
        throw Object.assign(new Error('The secret of this message is no longer in the keychain.'), {
          code: 'EMESSAGE',
        });
      body = body.replaceAll(SECRET_PLACEHOLDER, secret);
      html = html?.replaceAll(SECRET_PLACEHOLDER, secret) ?? null;
    }
    return {
      from: settings.fromAddress,
      to: recipientAddress(item.to, settings),
      subject: headerSafe(item.subject),
      text: body,
      html: html ?? undefined,
      messageId: item.messageId,
      attachments: item.attachments.map((a) => ({
        filename: headerSafe(a.fileName),
        contentType: a.mediaType,
        content: Buffer.from(a.content),
      })),
    };
  }

  /** One attempt: sends the message and says how it went; the caller records it. */
  async function attempt(item: DueMessage, settings: MailSettings, transport: MailTransport): Promise<DeliveryOutcome> {
    try {
      await transport.send(await compose(item, settings));
    } catch (error) {
      const failure = error as { code?: string; responseCode?: number; response?: string; message: string };
      const reason = describeFailure(failure);
      const at = now();
      online = typeof failure.responseCode === 'number'; // the relay answered: the network is up
      lastError = reason;
      if (classifyFailure(failure) === 'permanent') return { id: item.id, result: 'failed', at, reason };
      const next = nextAttempt(item.attempts + 1, new Date(item.createdAt), at, policy, deps.random);
      if ('giveUp' in next)
        return {
          id: item.id,
          result: 'failed',
          at,
          reason: `Gave up after ${Math.round(policy.horizonMs / 86_400_000)} days: ${reason}`,
        };
      return { id: item.id, result: 'postponed', retryAt: next.retryAt, reason };
    }
    online = true;
    lastError = null;
    return { id: item.id, result: 'sent', at: now() };
  }

  async function round(limit: number): Promise<DeliveryRound> {
    const result: DeliveryRound = { sent: 0, postponed: 0, failed: 0, online: null, notConfigured: false };
    const settings = deps.settings();
    if (!settings) return { ...result, notConfigured: true };
    const transport = await deps.transport(settings);
    // The outcome of the message just tried, recorded in the same commit that claims the next one:
    // one commit per message instead of two, and still never more than one message in flight.
    let last: { outcome: DeliveryOutcome; secretRef: string | null } | null = null;
    const settleAndClaim = async (nextId: string | null): Promise<boolean> => {
      const claimed = outbox.settleAndClaim(last?.outcome ?? null, nextId);
      if (last) {
        result[last.outcome.result]++;
        // Delivered and recorded: the secret it carried goes.
        if (last.outcome.result === 'sent' && last.secretRef) await secrets.delete(last.secretRef).catch(() => false);
      }
      last = null;
      return claimed;
    };
    try {
      for (
        let batch = outbox.due(now(), 50);
        batch.length > 0 && result.sent + result.failed + result.postponed < limit;
        batch = outbox.due(now(), 50)
      ) {
        let progressed = false;
        for (const item of batch) {
          if (!(await settleAndClaim(item.id))) {
            result.postponed++;
            continue;
          }
          const outcome = await attempt(item, settings, transport);
          last = { outcome, secretRef: item.secretRef };
          if (outcome.result !== 'postponed') progressed = true;
          // Network down: the rest of the queue would fail the same way; try again next round.
          else if (online === false) break;
        }
        await settleAndClaim(null);
        if (!progressed || online === false) break;
      }
    } finally {
      if (last) await settleAndClaim(null); // a failure of the store itself: what was learnt is kept
    }
    return { ...result, online };
  }

  return {
    /** Sends what is due. Concurrent calls share the round under way. */
    deliverDue(limit = 1000): Promise<DeliveryRound> {
      running ??= round(limit).finally(() => {
        running = null;
      });
      return running;
    },
    status: () => ({ online, lastError }),
    recoverAfterCrash: (): number => outbox.requeueInterrupted(),
  };
}
