// Queues account e-mails in the outbox. A message that carries a secret (a temporary password)
// puts the secret in the OS keychain first: without a keychain, the message is not queued at all.
import type { SecretStore } from '../secrets/secret-store';
import { outboxSecretKey, type OutboxRepository, type OutgoingMail } from '../store/outbox';
import type { Logger } from '../api/router';

export type Mailer = ReturnType<typeof createMailer>;

/** "camille.sample@demo-forge.example" -> "c***@demo-forge.example": enough for a log. */
export const maskEmail = (email: string): string => email.replace(/^(.)[^@]*@/, '$1***@');

export function createMailer(outbox: OutboxRepository, secrets: SecretStore, log: Logger, onQueued: () => void = () => {}) {
  const logQueued = (id: string, mail: OutgoingMail) =>
    log(`outbox: queued ${mail.kind} to ${maskEmail(mail.to)} "${mail.subject}" (${id})`);
  return {
    /** Queues inside the caller's transaction; call `kick()` once it has committed. */
    queue(mail: OutgoingMail, at: Date): string {
      const id = outbox.queue(mail, at);
      logQueued(id, mail);
      return id;
    },
    /** Tells the delivery worker that something is waiting. */
    kick: onQueued,
    /** The secret goes to the keychain before the row exists, and leaves it if the row fails. */
    async queueWithSecret(mail: OutgoingMail, secret: string, at: Date): Promise<string> {
      const id = outbox.newId();
      const key = outboxSecretKey(id);
      await secrets.set(key, secret);
      try {
        outbox.queue(mail, at, { id, secretRef: key });
      } catch (error) {
        await secrets.delete(key).catch(() => false);
        throw error;
      }
      logQueued(id, mail);
      onQueued();
      return id;
    },
  };
}
