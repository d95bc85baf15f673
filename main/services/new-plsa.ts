// A PLSA made by the desk (a validated access, a replaced PLSA). The temporary password goes to
// the secret store first (the keychain, or the protected file where there is none) and leaves by
// e-mail only; where neither can keep it, it is shown once to the agent, to hand over, and kept
// nowhere.
import { generateLogin } from '../portal/accounts/login-id';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { mails, mailLang } from '../portal/mail/templates';
import { hashPassword } from '../secrets/password-hasher';
import { SecretStoreUnavailable, type SecretStore } from '../secrets/secret-store';
import type { AccountsRepository } from '../store/accounts';
import { outboxSecretKey, type OutboxRepository } from '../store/outbox';
import type { AccountsConfig } from '../policy/accounts';

interface NewPlsa {
  login: string;
  outboxId: string;
  /** Null when no keychain answered: the temporary password is handed over by the agent. */
  secretKey: string | null;
  hash: string;
  expiresAt: Date;
}

/** What the agent must hand over in person when the keychain could not hold the secret. */
export interface HandOver {
  login: string;
  temporaryPassword: string;
}

export function createNewPlsas(deps: {
  accounts: AccountsRepository;
  outbox: OutboxRepository;
  secrets: SecretStore;
  config: AccountsConfig;
}) {
  const { accounts, outbox } = deps;
  return {
    /** Keychain first, outside the transaction; the caller removes it if the transaction fails.
     * No keychain: no secret is kept anywhere, and the agent hands the password over. */
    async preparePlsa(at: Date): Promise<NewPlsa & { temporary: string }> {
      const temporary = generateTemporaryPassword();
      const outboxId = outbox.newId();
      let secretKey: string | null = outboxSecretKey(outboxId);
      try {
        await deps.secrets.set(secretKey, temporary);
      } catch (error) {
        if (!(error instanceof SecretStoreUnavailable)) throw error;
        secretKey = null;
      }
      return {
        login: generateLogin(accounts.loginTaken),
        outboxId,
        secretKey,
        temporary,
        hash: await hashPassword(temporary, deps.config.hashCost),
        expiresAt: temporaryPasswordExpiry(at, deps.config.temporaryPasswordHours),
      };
    },

    forget: (prepared: Array<{ secretKey: string | null }>) =>
      Promise.all(prepared.map((p) => (p.secretKey ? deps.secrets.delete(p.secretKey).catch(() => false) : false))),

    handOverOf(prepared: Array<NewPlsa & { temporary: string }>): { handOver?: HandOver[] } {
      const list = prepared
        .filter((p) => p.secretKey === null)
        .map((p) => ({ login: p.login, temporaryPassword: p.temporary }));
      return list.length > 0 ? { handOver: list } : {};
    },

    /** In the caller's transaction: the account, its temporary password, its e-mail, the audit. */
    createPlsa(
      companyId: number,
      person: { fullName: string; email: string },
      plsa: NewPlsa,
      lang: string,
      actor: string,
      at: Date,
    ): void {
      const id = accounts.createAccount(
        companyId,
        { fullName: person.fullName, email: person.email, role: 'plsa' },
        plsa.login,
        at,
      );
      accounts.issueTemporaryPassword(id, plsa.hash, at, plsa.expiresAt, actor);
      accounts.setPassword(id, null, true, at);
      if (plsa.secretKey) {
        const mail = mails.temporaryPassword(
          mailLang(lang),
          plsa.login,
          plsa.expiresAt.toISOString().slice(0, 16).replace('T', ' '),
        );
        outbox.queue({ kind: 'temporary-password', to: person.email, lang, ...mail }, at, {
          id: plsa.outboxId,
          secretRef: plsa.secretKey,
        });
      }
      accounts.audit(
        {
          companyId,
          actor,
          action: 'plsa-account-created',
          targetLogin: plsa.login,
          details: { temporaryPassword: plsa.secretKey ? 'e-mailed' : 'handed-over' },
        },
        at,
      );
    },
  };
}
