// "Lost password / Username lost / Blocked access?": the four recovery forms. Each answers the
// same thing, in about the same time, whatever exists; what it does is decided and done here,
// and e-mailed to the registered address only. A request never changes an account.
import { ASSISTANCE } from '../portal/mail/recipients';
import type {
  BlockedAccessInput,
  FindPlsaInput,
  ForgotPasswordInput,
  ForgotUsernameInput,
  RecoveryReceived,
} from '../../preload/contract/accounts';
import { normaliseLogin } from '../portal/accounts/login-id';
import { emailMatchesExactly, withinRecoveryCap } from '../portal/accounts/recovery-rules';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { mails, mailLang } from '../portal/mail/templates';
import { hashPassword, verifyPassword, decoyHash } from '../secrets/password-hasher';
import type { AccountRow, AccountsRepository } from '../store/accounts';
import type { DirectoryRepository } from '../store/directory';
import type { AccountsConfig } from '../policy/accounts';
import type { Mailer } from './mailer';
import { PortalError } from './errors';
import { SecretStoreUnavailable } from '../secrets/secret-store';

export interface RecoveryDeps {
  /** Stores a matched blocked-access or find-my-PLSA request for the desk's queue. */
  storeForDesk: (
    kind: 'blocked-access' | 'find-plsa',
    companyId: number,
    payload: Record<string, unknown>,
    at: Date,
  ) => void;
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  mailer: Mailer;
  config: AccountsConfig;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log?: (message: string, detail?: unknown) => void;
  /** A workstation linked to a hub queues the request for it (the hub holds the accounts). */
  hub?: { enqueueIfLinked(name: string, args: Record<string, unknown>, at: Date): boolean };
  /** Whether a temporary password can wait for its e-mail here (the keychain or the protected
   * file answers, or the hub does the work): without it nothing is sent, and the screen says so. */
  canKeepSecrets?: () => Promise<boolean>;
}

const noSecretStore = () =>
  new PortalError(
    'keychain-unavailable',
    'No temporary password can be kept on this workstation (neither the system keychain nor the protected file answers): nothing was sent.',
  );

const RECEIVED: RecoveryReceived = { received: true };

export type RecoveryService = ReturnType<typeof createRecoveryService>;

export function createRecoveryService(deps: RecoveryDeps) {
  const { accounts, directory, mailer, config, now } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  /**
   * Runs one request: counts it against the hourly cap of its subject, audits it, does the work
   * only within the cap, and never answers before the fixed answer time. Errors inside are
   * logged, not shown: the answer must not differ.
   */
  async function neutral(
    kind: string,
    subject: string,
    companyId: number | null,
    work: () => Promise<void>,
  ): Promise<RecoveryReceived> {
    const started = Date.now();
    const at = now();
    const capped = !withinRecoveryCap(
      accounts.recoveryRequestsSince(subject, new Date(at.getTime() - 3_600_000)),
      config.recoveryCapPerHour,
    );
    accounts.recordRecoveryRequest(kind, subject, at);
    accounts.audit(
      {
        companyId,
        actor: 'anonymous',
        action: `recovery-${kind}${capped ? '-over-cap' : ''}`,
        targetLogin: normaliseLogin(subject),
      },
      at,
    );
    let unkept = false;
    if (!capped) {
      try {
        await work();
        mailer.kick();
      } catch (error) {
        deps.log?.(`recovery ${kind} failed`, error);
        unkept = error instanceof SecretStoreUnavailable;
      }
    }
    const remaining = config.recoveryAnswerMs - (Date.now() - started);
    if (remaining > 0) await sleep(remaining);
    // A temporary password that could not be kept was not sent: never answer as if it were. The
    // check before the work answers so for everyone; this is for a store that failed in between.
    if (unkept) throw noSecretStore();
    return RECEIVED;
  }

  /** Linked to a hub, which holds the accounts: the request is queued for it (it leaves when the
   * hub can be reached) and the hub acts on it with the same rules; nothing is done here. */
  const toHub = (kind: 'username' | 'password' | 'find-plsa' | 'blocked-access', input: object): boolean =>
    deps.hub?.enqueueIfLinked('recover', { kind, input }, now()) ?? false;

  const exactAccount = (login: string, email: string): AccountRow | null => {
    const normalised = normaliseLogin(login);
    const account = normalised ? accounts.byLogin(normalised) : null;
    return account && emailMatchesExactly(email, account.email) ? account : null;
  };

  const plsasOf = (companyId: number) =>
    accounts
      .ofCompany(companyId)
      .filter((a) => a.role === 'plsa' && a.state === 'active')
      .map((a) => ({ fullName: a.fullName ?? a.login, email: a.email }));

  return {
    forgotUsername(input: ForgotUsernameInput): Promise<RecoveryReceived> {
      return neutral('username', input.email, null, async () => {
        if (toHub('username', input)) return;
        const logins = accounts
          .byEmail(input.email)
          .filter((a) => a.state !== 'deactivated')
          .map((a) => a.login);
        if (logins.length > 0)
          mailer.queue(
            {
              kind: 'logins-reminder',
              to: input.email,
              lang: mailLang(input.lang),
              ...mails.loginsReminder(mailLang(input.lang), logins),
            },
            now(),
          );
      });
    },

    async forgotPassword(input: ForgotPasswordInput): Promise<RecoveryReceived> {
      // Asked for every request, whether the account exists or not, so the answer tells nothing.
      if (deps.canKeepSecrets && !(await deps.canKeepSecrets())) throw noSecretStore();
      const account = exactAccount(input.login, input.email);
      return neutral('password', normaliseLogin(input.login) ?? input.login, account?.companyId ?? null, async () => {
        if (toHub('password', input)) return;
        const cofor = (input.cofor ?? '').trim().toUpperCase();
        const eligible =
          account && account.role === 'plsa' && account.state !== 'deactivated' && cofor === account.cofor;
        if (!eligible) {
          await verifyPassword('equalise the time', decoyHash()); // the hash below costs as much
          return; // a user's new password comes from the PLSA: the answer says so to everyone
        }
        const at = now();
        const temporary = generateTemporaryPassword();
        const expiresAt = temporaryPasswordExpiry(at, config.temporaryPasswordHours);
        const lang = mailLang(input.lang);
        const mail = mails.temporaryPassword(
          lang,
          account.login,
          expiresAt.toISOString().slice(0, 16).replace('T', ' '),
        );
        await mailer.queueWithSecret({ kind: 'temporary-password', to: account.email, lang, ...mail }, temporary, at);
        accounts.issueTemporaryPassword(
          account.id,
          await hashPassword(temporary, config.hashCost),
          at,
          expiresAt,
          'self-service',
        );
        accounts.audit(
          {
            companyId: account.companyId,
            actor: 'anonymous',
            action: 'temporary-password-issued',
            targetLogin: account.login,
            details: { by: 'self-service' },
          },
          at,
        );
      });
    },

    findPlsa(input: FindPlsaInput): Promise<RecoveryReceived> {
      const key = input.loginOrCofor.trim().toUpperCase();
      const login = normaliseLogin(key);
      const company = login ? null : directory.companyByCofor(key);
      const account = login
        ? exactAccount(login, input.email)
        : company
          ? (accounts.ofCompany(company.id).find((a) => emailMatchesExactly(input.email, a.email)) ?? null)
          : null;
      return neutral('find-plsa', key, account?.companyId ?? null, async () => {
        if (toHub('find-plsa', input) || !account) return;
        const plsas = plsasOf(account.companyId);
        const lang = mailLang(input.lang);
        if (plsas.length > 0)
          mailer.queue(
            { kind: 'plsa-list', to: account.email, lang, ...mails.plsaList(lang, account.cofor, plsas) },
            now(),
          );
        // The desk sees it too: a company without an active PLSA needs one named.
        deps.storeForDesk(
          'find-plsa',
          account.companyId,
          {
            login: account.login,
            email: account.email,
            name: account.fullName ?? account.login,
            plsasSent: plsas.length,
            lang,
          },
          now(),
        );
      });
    },

    reportBlockedAccess(input: BlockedAccessInput): Promise<RecoveryReceived> {
      const account = exactAccount(input.login, input.email);
      return neutral(
        'blocked-access',
        normaliseLogin(input.login) ?? input.login,
        account?.companyId ?? null,
        async () => {
          if (toHub('blocked-access', input) || !account) return;
          const lang = mailLang(input.lang);
          const mail = mails.blockedAccess(lang, account.login, account.email, input.message);
          const to = [
            ...plsasOf(account.companyId)
              .filter((p) => p.email !== account.email)
              .map((p) => p.email),
            ASSISTANCE,
          ];
          for (const address of to) mailer.queue({ kind: 'blocked-access', to: address, lang, ...mail }, now());
          deps.storeForDesk(
            'blocked-access',
            account.companyId,
            {
              login: account.login,
              email: account.email,
              name: account.fullName ?? account.login,
              message: input.message,
              lang,
            },
            now(),
          );
        },
      );
    },
  };
}
