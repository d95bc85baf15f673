// "Lost password / Username lost / Blocked access?" for a workstation linked to the hub, which
// holds the accounts. The workstation answers the person at once, the same for everyone, and
// queues the request as a `recover` intent (offline too); here it is capped per subject per hour,
// audited, and acted on with the portal's rules: e-mails only to registered addresses (matched
// exactly), a temporary password only for a PLSA who gives their COFOR, never a change of state.
// Its answer to the device is always the same, so the sync tells nothing either.
import type { PoolClient } from 'pg';
import { normaliseLogin } from '../portal/accounts/login-id';
import { emailMatchesExactly, withinRecoveryCap } from '../portal/accounts/recovery-rules';
import { generateTemporaryPassword, temporaryPasswordExpiry } from '../portal/accounts/temporary-password';
import { mails, mailLang } from '../portal/mail/templates';
import { hashPassword } from '../secrets/password-hasher';
import type { IntentContext, IntentResult } from './intents';
import { queueHubMail } from './mail';
import { newReference } from '../portal/requests/reference';

import type { RecoverArgs } from '../intents/recover';

const RECEIVED: IntentResult = { ok: true, value: { received: true } };

interface Account {
  login: string;
  cofor: string;
  full_name: string;
  email: string;
  role: string;
  state: string;
}

const ACCOUNT = 'SELECT login, cofor, full_name, email, role, state FROM accounts';

async function byLoginAndEmail(tx: PoolClient, login: string, email: string): Promise<Account | null> {
  const normalised = normaliseLogin(login);
  if (!normalised) return null;
  const { rows } = await tx.query<Account>(`${ACCOUNT} WHERE login = $1`, [normalised]);
  const account = rows[0];
  return account && emailMatchesExactly(email, account.email) ? account : null;
}

const plsasOf = async (tx: PoolClient, cofor: string) =>
  (
    await tx.query<Account>(`${ACCOUNT} WHERE cofor = $1 AND role = 'plsa' AND state = 'active' ORDER BY login`, [
      cofor,
    ])
  ).rows.map((a) => ({ fullName: a.full_name, email: a.email }));

/** The request's subject, as the cap counts it: the login, the e-mail, or the COFOR typed. */
function subjectOf(args: RecoverArgs): string {
  switch (args.kind) {
    case 'username':
      return args.input.email;
    case 'find-plsa':
      return args.input.loginOrCofor.trim().toUpperCase();
    default:
      return normaliseLogin(args.input.login) ?? args.input.login;
  }
}

/** A matched blocked-access or find-my-PLSA request, for every desk's queue (as a workstation's
 * own recovery forms put it in its desk's queue when standalone). */
async function forTheDesks(
  ctx: IntentContext,
  kind: 'blocked-access' | 'find-plsa',
  account: Account,
  lang: string,
  extra: Record<string, unknown>,
): Promise<void> {
  const reference = newReference(kind, new Date());
  const payload = { login: account.login, email: account.email, name: account.full_name, lang, ...extra };
  const { rows } = await ctx.tx.query<{ at: Date }>(
    `INSERT INTO requests (reference, kind, device_id, lang, payload, cofor) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING received_at AS at`,
    [reference, kind, ctx.device.id, lang, payload, account.cofor],
  );
  await ctx.change('desk', 'request', reference, {
    reference,
    kind,
    lang,
    cofor: account.cofor,
    payload,
    receivedAt: rows[0]!.at.toISOString(),
    deskState: 'new',
  });
}

export async function applyRecover(args: RecoverArgs, ctx: IntentContext): Promise<IntentResult> {
  const { tx, services } = ctx;
  const subject = subjectOf(args);
  const counted = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recovery_requests WHERE subject = $1 AND at > now() - interval '1 hour'`,
    [subject],
  );
  const capped = !withinRecoveryCap(counted.rows[0]!.n, services.accounts.recoveryCapPerHour);
  await tx.query('INSERT INTO recovery_requests (kind, subject) VALUES ($1, $2)', [args.kind, subject]);
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ('anonymous', $1, $2)`, [
    `recovery-${args.kind}${capped ? '-over-cap' : ''}`,
    { subject: normaliseLogin(subject) },
  ]);
  if (capped) return RECEIVED;
  const lang = mailLang(args.input.lang);
  const send = (kind: string, to: string, mail: { subject: string; body: string }, secret?: string) =>
    queueHubMail(tx, services.box, { kind, to, lang, ...mail, ...(secret ? { secret } : {}) });

  switch (args.kind) {
    case 'username': {
      const { rows } = await tx.query<{ login: string }>(
        `SELECT login FROM accounts WHERE email = $1 AND state <> 'deactivated' ORDER BY login`,
        [args.input.email],
      );
      if (rows.length > 0)
        await send(
          'logins-reminder',
          args.input.email,
          mails.loginsReminder(
            lang,
            rows.map((r) => r.login),
          ),
        );
      break;
    }
    case 'password': {
      const account = await byLoginAndEmail(tx, args.input.login, args.input.email);
      const cofor = (args.input.cofor ?? '').trim().toUpperCase();
      // A user's new password comes from their PLSA: only a PLSA who gives the COFOR gets one.
      if (!account || account.role !== 'plsa' || account.state === 'deactivated' || cofor !== account.cofor) break;
      const temporary = generateTemporaryPassword();
      const expiresAt = temporaryPasswordExpiry(new Date(), services.accounts.temporaryPasswordHours);
      await tx.query('UPDATE accounts SET temporary_hash = $2, temporary_expires_at = $3 WHERE login = $1', [
        account.login,
        await hashPassword(temporary, services.accounts.hashCost),
        expiresAt,
      ]);
      const when = expiresAt.toISOString().slice(0, 16).replace('T', ' ');
      await send('temporary-password', account.email, mails.temporaryPassword(lang, account.login, when), temporary);
      await tx.query(
        `INSERT INTO audit (actor, action, details) VALUES ('anonymous', 'temporary-password-issued', $1)`,
        [{ cofor: account.cofor, target: account.login, by: 'self-service' }],
      );
      break;
    }
    case 'find-plsa': {
      const key = args.input.loginOrCofor.trim().toUpperCase();
      const account = normaliseLogin(key)
        ? await byLoginAndEmail(tx, key, args.input.email)
        : ((await tx.query<Account>(`${ACCOUNT} WHERE cofor = $1 AND email = $2 LIMIT 1`, [key, args.input.email]))
            .rows[0] ?? null);
      if (!account) break;
      const plsas = await plsasOf(tx, account.cofor);
      if (plsas.length > 0) await send('plsa-list', account.email, mails.plsaList(lang, account.cofor, plsas));
      // The desks see it too: a company without an active PLSA needs one named.
      await forTheDesks(ctx, 'find-plsa', account, lang, { plsasSent: plsas.length });
      break;
    }
    case 'blocked-access': {
      const account = await byLoginAndEmail(tx, args.input.login, args.input.email);
      if (!account) break;
      const mail = mails.blockedAccess(lang, account.login, account.email, args.input.message);
      const to = (await plsasOf(tx, account.cofor)).map((p) => p.email).filter((e) => e !== account.email);
      if (services.assistanceAddress) to.push(services.assistanceAddress);
      for (const address of to) await send('blocked-access', address, mail);
      await forTheDesks(ctx, 'blocked-access', account, lang, { message: args.input.message });
      break;
    }
  }
  return RECEIVED;
}
