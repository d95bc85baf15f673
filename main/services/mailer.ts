// Queues account e-mails in the outbox. A message that carries a secret (a temporary password)
// puts the secret in the secret store first (keychain or protected file): where neither keeps it,
// the message is not queued at all, and the caller says so.
import type { SecretStore } from '../secrets/secret-store';
import { outboxSecretKey, type OutboxRepository, type OutgoingMail } from '../store/outbox';
import type { Logger } from './errors';

export type Mailer = ReturnType<typeof createMailer>;

/** "camille.sample@demo-forge.example" -> "c***@demo-forge.example": enough for a log. */
export const maskEmail = (email: string): string => email.replace(/^(.)[^@]*@/, '$1***@');

export function createMailer(
  outbox: OutboxRepository,
  secrets: SecretStore,
  log: Logger,
  onQueued: () => void = () => {},
) {
  const logQueued = (id: string, mail: OutgoingMail) =>
    log(`outbox: queued ${mail.kind} to ${maskEmail(mail.to)} "${mail.subject}" (${id})`);
  // "queued" is logged only for rows that committed: a transaction rolled back (a full disk, a
  // refused state change) leaves no row, and so no line claiming one.
  let uncommitted: Array<{ id: string; mail: OutgoingMail }> = [];
  const logCommitted = () => {
    for (const { id, mail } of uncommitted) if (outbox.exists(id)) logQueued(id, mail);
    uncommitted = [];
  };
  return {
    /** Queues inside the caller's transaction; call `kick()` once it has committed. */
    queue(mail: OutgoingMail, at: Date): string {
      const id = outbox.queue(mail, at);
      uncommitted.push({ id, mail });
      return id;
    },
    /** After the commit: logs what was queued and tells the delivery worker. */
    kick(): void {
      logCommitted();
      onQueued();
    },
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
