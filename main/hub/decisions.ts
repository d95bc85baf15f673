// A desk decision, taken on a desk workstation (offline too) and applied again on the hub, where
// the first decision to arrive wins: a request decided already refuses the next one in words
// ("already validated by desk.ana at …"), and that desk's replica takes the hub's decision. The
// hub makes what only it may make: the PLSA account, its login and its e-mailed temporary password.
import { DECISION_ACCEPTS, DECISION_OF } from '../portal/desk/decisions';
import { createPlsaOnHub, forgetFailures } from './accounts';
import type { IntentContext, IntentResult } from './intents';
import type { DeskDecideArgs } from '../intents/desk-decide';
import type { DeskReplacePlsaArgs } from '../intents/desk-replace-plsa';
import { queueHubMail } from './mail';
import { companyChanged, companyProjection } from './directory';
import type { DirectoryCompany } from '../portal/directory/model';

const refused = (code: string, message: string, details?: Record<string, string>): IntentResult => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
});

/** Every address the request names: an answer goes to one of them, never elsewhere. */
function addressesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && value.includes('@')) found.add(value.trim().toLowerCase());
  else if (value && typeof value === 'object') for (const v of Object.values(value)) addressesIn(v, found);
  return found;
}

interface HubRequest {
  kind: string;
  device_id: string;
  lang: string;
  payload: Record<string, unknown>;
  cofor: string | null;
  decision: string | null;
  decided_by: string | null;
  decided_at: Date | null;
}

export async function applyDeskDecide(args: DeskDecideArgs, ctx: IntentContext): Promise<IntentResult> {
  const { rows } = await ctx.tx.query<HubRequest>(
    'SELECT kind, device_id, lang, payload, cofor, decision, decided_by, decided_at FROM requests WHERE reference = $1 FOR UPDATE',
    [args.reference],
  );
  const request = rows[0];
  if (!request) return refused('not-found', `The hub has no request ${args.reference}.`);
  const result = await decide(request, args, ctx);
  // Refused: the desk's replica takes back what its own decision changed, from the hub's truth.
  const company = !result.ok && request.cofor ? await companyProjection(ctx.tx, request.cofor) : null;
  return !result.ok && company ? { ok: false, error: { ...result.error, company } } : result;
}

async function decide(request: HubRequest, args: DeskDecideArgs, ctx: IntentContext): Promise<IntentResult> {
  const { tx, change, services } = ctx;
  const { decision } = args;
  if (!DECISION_ACCEPTS[decision.kind].includes(request.kind))
    return refused('conflict', `A ${request.kind} request cannot be decided with ${decision.kind}.`);
  if (request.decision) {
    const at = request.decided_at!.toISOString();
    return refused(
      'already-decided',
      `This request was already ${request.decision} by ${request.decided_by} at ${at}: this decision was not applied.`,
      { what: request.decision, by: request.decided_by!, at },
    );
  }
  if (args.mail && !addressesIn(request.payload).has(args.mail.to.toLowerCase()))
    return refused('invalid-input', 'The answer goes to an address the request does not name.');

  const logins: string[] = [];
  const companyChange = (cofor: string, edit?: (r: DirectoryCompany) => DirectoryCompany) =>
    companyChanged(tx, change, cofor, edit);
  switch (decision.kind) {
    case 'validate-access': {
      const company = await tx.query<{ access: string }>('SELECT access FROM companies WHERE cofor = $1 FOR UPDATE', [
        request.cofor,
      ]);
      if (company.rows[0]?.access !== 'requested') return refused('conflict', 'The company is not waiting for access.');
      await tx.query(`UPDATE companies SET access = 'open' WHERE cofor = $1`, [request.cofor]);
      const plsa = request.payload['plsa'] as { fullName: string; email: string };
      const login = await createPlsaOnHub(
        tx,
        services.box,
        services.accounts,
        { cofor: request.cofor!, ...plsa, lang: request.lang },
        args.agent,
      );
      logins.push(login);
      // The directory's record gains the PLSA, as a person and an account (no password in it).
      await companyChange(request.cofor!, (r) => ({
        ...r,
        people: [...r.people, { key: login, fullName: plsa.fullName, email: plsa.email, role: 'plsa' }],
        accounts: [...r.accounts, { login, person: login, email: plsa.email, role: 'plsa', state: 'active' }],
      }));
      break;
    }
    case 'unblock': {
      // The account the blocked-access request named (matched on the hub when it arrived).
      const login = String(request.payload['login'] ?? '');
      const unblocked = await tx.query(
        `UPDATE accounts SET state = 'active' WHERE login = $1 AND state = 'blocked' RETURNING cofor`,
        [login],
      );
      if (unblocked.rowCount !== 1) return refused('conflict', 'The account of this request is not blocked any more.');
      await forgetFailures(tx, login);
      logins.push(login);
      await companyChange(request.cofor!, (r) => ({
        ...r,
        accounts: r.accounts.map((a) => (a.login === login ? { ...a, state: 'active' } : a)),
      }));
      break;
    }
    case 'reject-access':
      await tx.query(`UPDATE companies SET access = 'not-requested', access_requested_at = NULL WHERE cofor = $1`, [
        request.cofor,
      ]);
      await companyChange(request.cofor!);
      break;
    case 'reference-file': {
      if (!args.cofor) return refused('invalid-input', 'Referencing a company file needs the COFOR given to it.');
      const added = await tx.query(
        `INSERT INTO companies (cofor, legal_name, status, access) VALUES ($1, $2, 'active', 'not-requested')
         ON CONFLICT (cofor) DO NOTHING`,
        [args.cofor, String(request.payload['legalName'] ?? '')],
      );
      if (added.rowCount !== 1)
        return refused('conflict', `The COFOR ${args.cofor} is taken already: reference the file again.`);
      // The new company's record, from the file the supplier sent.
      const field = (k: string) => {
        const v = request.payload[k];
        return typeof v === 'string' && v !== '' ? { [k]: v } : {};
      };
      await companyChange(args.cofor, (r) => ({
        ...r,
        ...field('duns'),
        ...field('registrationNumber'),
        ...field('taxNumber'),
        ...field('street'),
        ...field('postalCode'),
        ...field('city'),
        ...field('country'),
      }));
      break;
    }
    default:
      break; // an answer: the e-mail is the decision's effect
  }
  const decided = await tx.query<{ at: Date }>(
    `UPDATE requests SET decision = $2, decided_by = $3, decided_at = now(), desk_state = 'done', assignee = $3
     WHERE reference = $1 RETURNING decided_at AS at`,
    [args.reference, DECISION_OF[decision.kind], args.agent],
  );
  const at = decided.rows[0]!.at.toISOString();
  if (args.mail) {
    const { to, lang, kind, subject, body } = args.mail;
    await queueHubMail(tx, services.box, {
      kind,
      to,
      lang,
      subject,
      body: body.replaceAll('{logins}', logins.join(', ')),
    });
  }
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, $2, $3)`, [
    args.agent,
    `desk-${DECISION_OF[decision.kind]}`,
    { reference: args.reference, logins },
  ]);
  await change('desk', 'request-decision', args.reference, {
    reference: args.reference,
    decision: DECISION_OF[decision.kind],
    by: args.agent,
    at,
  });
  // The sender's workstation learns which answer (the template's key) and, for a rejection, the
  // reason the desk gave, which the answer's e-mail carries too: My requests says it in words.
  await change(`device:${request.device_id}`, 'request-status', args.reference, {
    reference: args.reference,
    state: 'answered',
    at,
    answer: args.mail?.kind.replace(/^desk-/, '') ?? null,
    reason: 'reason' in decision ? decision.reason : null,
  });
  return {
    ok: true,
    value: { reference: args.reference, decision: DECISION_OF[decision.kind], by: args.agent, at, logins },
  };
}

/** The desk's PLSA replacement, on the hub: the old PLSA deactivated, the new one made with a
 * temporary password e-mailed (sealed until it leaves); one replacement per old PLSA. */
export async function applyReplacePlsa(
  args: DeskReplacePlsaArgs,
  { tx, change, services }: IntentContext,
): Promise<IntentResult> {
  await tx.query('SELECT 1 FROM companies WHERE cofor = $1 FOR UPDATE', [args.cofor]);
  const { rows } = await tx.query<{ state: string }>(
    `SELECT state FROM accounts WHERE login = $1 AND cofor = $2 AND role = 'plsa'`,
    [args.oldLogin, args.cofor],
  );
  if (!rows[0]) return refused('not-found', 'This login is not a PLSA of this company.');
  if (rows[0].state === 'deactivated') return refused('conflict', 'This PLSA was already replaced.');
  await tx.query(`UPDATE accounts SET state = 'deactivated' WHERE login = $1`, [args.oldLogin]);
  await tx.query('DELETE FROM sessions WHERE login = $1', [args.oldLogin]);
  const login = await createPlsaOnHub(tx, services.box, services.accounts, args, args.agent);
  await tx.query(`INSERT INTO audit (actor, action, details) VALUES ($1, 'desk-plsa-replaced', $2)`, [
    args.agent,
    { cofor: args.cofor, target: args.oldLogin, after: login },
  ]);
  await companyChanged(tx, change, args.cofor, (r) => ({
    ...r,
    people: [...r.people, { key: login, fullName: args.fullName, email: args.email, role: 'plsa' }],
    accounts: [
      ...r.accounts.map((a) => (a.login === args.oldLogin ? { ...a, state: 'deactivated' as const } : a)),
      { login, person: login, email: args.email, role: 'plsa', state: 'active' },
    ],
  }));
  return { ok: true, value: { login } };
}
