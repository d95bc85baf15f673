// The desk's decisions on requests. Each changes the state it decides on, records who decided
// what (before and after) in the audit log, and queues the answer to the supplier from the
// editable templates, in the supplier's language, in one transaction. A decided request is final:
// the decision is taken inside the transaction that checks the request is still open, so two
// clicks (or two agents) at once give one decision and one plain "already decided" answer.
// New PLSAs and their temporary passwords: new-plsa.ts.
import type { DeskDecision } from '../../preload/contract/help';
import { fieldError, PortalError } from './errors';
import { generateCofor } from '../portal/desk/cofor';
import { DECISION_ACCEPTS, DECISION_OF, HUB_REQUEST_KINDS } from '../portal/desk/decisions';
import { fillTemplate, type DeskTemplates } from '../portal/desk/templates';
import type { CompanySearchIndex } from '../portal/directory/search-index';
import { mailLang } from '../portal/mail/templates';
import type { SecretStore } from '../secrets/secret-store';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { DeskRepository, QueueRow } from '../store/desk';
import type { DirectoryRepository } from '../store/directory';
import type { OutboxRepository } from '../store/outbox';
import type { RequestsRepository } from '../store/requests';
import type { HubQueue } from '../store/hub-queue';
import type { AccountsConfig } from '../policy/accounts';
import type { DeskCaller } from './desk-guard';
import type { Lang } from '../../preload/contract/languages';
import { alreadyDecided, requesterOf } from './desk';
import { createNewPlsas, type HandOver } from './new-plsa';

export interface DecisionDeps {
  db: Db;
  desk: DeskRepository;
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  outbox: OutboxRepository;
  requests: RequestsRepository;
  secrets: SecretStore;
  templates: () => DeskTemplates;
  search: () => CompanySearchIndex;
  config: AccountsConfig;
  kick: () => void;
  now: () => Date;
  /** A workstation linked to a hub sends each decision there too, where the first one wins. */
  hub?: Pick<HubQueue, 'link' | 'enqueueIfLinked'>;
}

/** An answer to the supplier, as the templates wrote it. */
interface AnswerMail {
  kind: string;
  to: string;
  lang: 'en' | 'fr';
  subject: string;
  body: string;
}

export function createDeskDecisions(deps: DecisionDeps) {
  const { db, desk, accounts, directory, outbox, requests, now } = deps;
  const { preparePlsa, forget, handOverOf, createPlsa } = createNewPlsas(deps);

  /** Records this decision on the request, inside the deciding transaction: only the first of
   * two simultaneous decisions passes; the other is told who decided and when. */
  function claim(row: QueueRow, kind: DeskDecision['kind'], actor: string, at: Date): void {
    if (desk.claimDecision(row.id, DECISION_OF[kind], actor, at)) return;
    throw alreadyDecided(desk.decisionOf(row.id)!);
  }

  /** A request of the hub's, on a linked workstation: the hub sends the answers, makes the PLSA
   * accounts, and settles which decision counts; this workstation shows its own decision until
   * the hub's truth arrives. Requests that never left this workstation are decided here alone. */
  const viaHub = (row: QueueRow) => Boolean(deps.hub?.link()) && HUB_REQUEST_KINDS.includes(row.kind);

  function answer(
    row: QueueRow,
    key: Parameters<typeof fillTemplate>[1],
    values: Record<string, string>,
    actor: string,
    at: Date,
    to?: string,
  ): AnswerMail | null {
    const recipient = to ?? requesterOf(row).email;
    const filled = fillTemplate(deps.templates(), key, row.lang, { reference: row.reference, ...values });
    const mail = recipient
      ? { kind: `desk-${key}`, to: recipient, lang: mailLang(row.lang), subject: filled.subject, body: filled.body }
      : null;
    if (mail && !viaHub(row)) outbox.queue(mail, at);
    requests.record(row.id, 'answered', at, key);
    desk.setDeskState(row.id, 'done', actor, at);
    return mail;
  }

  /** Queues the decision for the hub, in the deciding transaction (nothing when standalone). */
  function toHub(
    row: QueueRow,
    decision: DeskDecision,
    actor: string,
    mail: AnswerMail | null,
    at: Date,
    extra: { cofor?: string } = {},
  ): void {
    if (viaHub(row))
      deps.hub?.enqueueIfLinked('deskDecide', { reference: row.reference, decision, agent: actor, mail, ...extra }, at);
  }

  return {
    async deskDecide(
      input: {
        session: string;
        reference: string;
        decision: DeskDecision;
      },
      caller: DeskCaller,
    ): Promise<{ reference: string; cofor?: string; logins?: string[]; handOver?: HandOver[]; viaHub?: boolean }> {
      const actor = caller.agent.username;
      const row = desk.request(input.reference);
      if (!row) throw fieldError('not-found', 'reference', 'reference.unknown', 'No request has this reference.');
      const decision = input.decision;
      if (!DECISION_ACCEPTS[decision.kind].includes(row.kind))
        throw new PortalError('conflict', `A ${row.kind} request cannot be decided with ${decision.kind}.`);
      const at = now();
      const earlier = desk.decisionOf(row.id);
      if (earlier) throw alreadyDecided(earlier); // early, before any keychain or hash work
      const audit = (what: string, before: unknown, after: unknown, companyId = row.companyId) =>
        accounts.audit(
          { companyId, actor, action: `desk-${what}`, details: { reference: row.reference, before, after } },
          at,
        );
      const payload = row.payload;

      switch (decision.kind) {
        case 'answer-cofor': {
          const company = decision.cofor ? directory.companyByCofor(decision.cofor.trim().toUpperCase()) : null;
          if (decision.cofor && !company)
            throw fieldError('invalid-input', 'cofor', 'cofor.unknown', 'No company has this COFOR.');
          db.transaction(() => {
            claim(row, decision.kind, actor, at);
            // The request now belongs to the company found: its panel shows that company.
            if (company) desk.linkCompany(row.id, company.id);
            const mail = answer(
              row,
              company ? 'cofor-found' : 'cofor-not-found',
              { cofor: company?.cofor ?? '', companyName: company?.legalName ?? String(payload['companyName'] ?? '') },
              actor,
              at,
            );
            toHub(row, decision, actor, mail, at);
            audit('answered-cofor', { state: row.deskState }, { state: 'done', cofor: company?.cofor ?? null });
          })();
          deps.kick();
          return { reference: row.reference, ...(company ? { cofor: company.cofor } : {}) };
        }
        case 'reference-file': {
          const cofor = generateCofor(directory.coforTaken);
          const str = (k: string) => String(payload[k] ?? '');
          const companyId = db.transaction(() => {
            claim(row, decision.kind, actor, at);
            const id = directory.createCompany(
              {
                cofor,
                duns: str('duns'),
                legalName: str('legalName'),
                registrationNumber: str('registrationNumber'),
                taxNumber: str('taxNumber'),
                street: str('street'),
                postalCode: str('postalCode'),
                city: str('city'),
                country: str('country'),
              },
              at,
            );
            desk.linkCompany(row.id, id);
            const mail = answer(row, 'file-referenced', { cofor, companyName: str('legalName') }, actor, at);
            toHub(row, decision, actor, mail, at, { cofor });
            audit('referenced', { state: row.deskState, cofor: null }, { state: 'done', cofor }, id);
            return id;
          })();
          deps.search().add({
            id: companyId,
            cofor,
            legalName: str('legalName'),
            city: str('city'),
            duns: str('duns'),
            taxNumber: str('taxNumber'),
          });
          deps.kick();
          return { reference: row.reference, cofor };
        }
        case 'decline-file':
        case 'reject-access': {
          db.transaction(() => {
            claim(row, decision.kind, actor, at);
            if (decision.kind === 'reject-access' && row.companyId !== null)
              directory.setAccess(row.companyId, 'not-requested', at);
            const key = decision.kind === 'decline-file' ? 'file-declined' : 'access-rejected';
            const mail = answer(
              row,
              key,
              {
                reason: decision.reason,
                cofor: row.cofor ?? '',
                companyName: row.companyName ?? String(payload['legalName'] ?? ''),
              },
              actor,
              at,
            );
            toHub(row, decision, actor, mail, at);
            audit(decision.kind, { state: row.deskState }, { state: 'done', reason: decision.reason });
          })();
          deps.kick();
          return { reference: row.reference };
        }
        case 'validate-access': {
          const company = row.cofor ? directory.companyByCofor(row.cofor) : null;
          if (!company || company.access !== 'requested')
            throw new PortalError('conflict', 'The company is not waiting for access.');
          const legal = payload['legalRepresentative'] as { email: string } | undefined;
          if (viaHub(row)) {
            // The hub makes the PLSA's login and e-mails its temporary password, if this
            // decision is the first to reach it; the answer's {logins} is filled there.
            db.transaction(() => {
              claim(row, decision.kind, actor, at);
              if (directory.companyByCofor(company.cofor)?.access !== 'requested')
                throw new PortalError('conflict', 'The company is not waiting for access.');
              directory.setAccess(company.id, 'open', at);
              const values = { cofor: company.cofor, companyName: company.legalName };
              toHub(row, decision, actor, answer(row, 'access-validated', values, actor, at, legal?.email), at);
              audit('validated-access', { access: 'requested' }, { access: 'open', plsa: 'by the hub' }, company.id);
            })();
            deps.kick();
            return { reference: row.reference, viaHub: true };
          }
          const people = [payload['plsa'] as { fullName: string; email: string }];
          const prepared = await Promise.all(people.map(() => preparePlsa(at)));
          try {
            db.transaction(() => {
              claim(row, decision.kind, actor, at);
              if (directory.companyByCofor(company.cofor)?.access !== 'requested')
                throw new PortalError('conflict', 'The company is not waiting for access.');
              directory.setAccess(company.id, 'open', at);
              people.forEach((person, i) => createPlsa(company.id, person, prepared[i]!, row.lang, actor, at));
              answer(
                row,
                'access-validated',
                {
                  cofor: company.cofor,
                  companyName: company.legalName,
                  logins: prepared.map((p) => p.login).join(', '),
                },
                actor,
                at,
                legal?.email,
              );
              audit(
                'validated-access',
                { access: 'requested' },
                { access: 'open', plsa: prepared.map((p) => p.login) },
                company.id,
              );
            })();
          } catch (error) {
            await forget(prepared);
            throw error;
          }
          deps.kick();
          return { reference: row.reference, logins: prepared.map((p) => p.login), ...handOverOf(prepared) };
        }
        case 'unblock': {
          const account = accounts.byLogin(String(payload['login'] ?? ''));
          if (!account) throw new PortalError('not-found', 'The account of this request no longer exists.');
          db.transaction(() => {
            claim(row, decision.kind, actor, at);
            accounts.setState(account.id, 'active', at);
            accounts.clearFailures(account.login);
            const mail = answer(row, 'unblocked', { logins: account.login }, actor, at, account.email);
            toHub(row, decision, actor, mail, at);
            audit('unblocked', { state: account.state }, { state: 'active' }, account.companyId);
          })();
          deps.kick();
          return { reference: row.reference };
        }
        case 'answer': {
          db.transaction(() => {
            claim(row, decision.kind, actor, at);
            toHub(row, decision, actor, answer(row, 'answer', { message: decision.message }, actor, at), at);
            audit('answered', { state: row.deskState }, { state: 'done' });
          })();
          deps.kick();
          return { reference: row.reference };
        }
      }
    },

    /** When a company's PLSA left: the old account is deactivated, a new PLSA gets a temporary password by e-mail. */
    async deskReplacePlsa(
      input: {
        session: string;
        cofor: string;
        oldLogin: string;
        fullName: string;
        email: string;
        lang: Lang;
      },
      caller: DeskCaller,
    ): Promise<{ login: string; handOver?: HandOver[]; viaHub?: boolean }> {
      const company = directory.companyByCofor(input.cofor.trim().toUpperCase());
      const old = accounts.byLogin(input.oldLogin.trim().toUpperCase());
      if (!company || !old || old.companyId !== company.id || old.role !== 'plsa')
        throw fieldError('not-found', 'oldLogin', 'login.not-in-company', 'This login is not a PLSA of this company.');
      const at = now();
      if (deps.hub?.link()) {
        // The hub holds the accounts: it makes the new PLSA and e-mails the temporary password;
        // this desk's copy shows the old PLSA deactivated at once, the new one after the sync.
        db.transaction(() => {
          if (accounts.byId(old.id)?.state === 'deactivated')
            throw new PortalError('conflict', 'This PLSA was already replaced.');
          accounts.setState(old.id, 'deactivated', at);
          accounts.endSessions(old.id);
          const { fullName, email, lang } = input;
          const agent = caller.agent.username;
          deps.hub?.enqueueIfLinked(
            'deskReplacePlsa',
            { cofor: company.cofor, oldLogin: old.login, fullName, email, lang, agent },
            at,
          );
          accounts.audit(
            {
              companyId: company.id,
              actor: agent,
              action: 'desk-plsa-replaced',
              targetLogin: old.login,
              details: { before: { plsa: old.login }, after: { plsa: 'made by the hub' } },
            },
            at,
          );
        })();
        return { login: '', viaHub: true };
      }
      const prepared = await preparePlsa(at);
      try {
        db.transaction(() => {
          if (accounts.byId(old.id)?.state === 'deactivated')
            throw new PortalError('conflict', 'This PLSA was already replaced.');
          accounts.setState(old.id, 'deactivated', at);
          accounts.endSessions(old.id);
          accounts.forgetAllDevices(old.id);
          createPlsa(company.id, input, prepared, input.lang, caller.agent.username, at);
          accounts.audit(
            {
              companyId: company.id,
              actor: caller.agent.username,
              action: 'desk-plsa-replaced',
              targetLogin: old.login,
              details: { before: { plsa: old.login }, after: { plsa: prepared.login } },
            },
            at,
          );
        })();
      } catch (error) {
        await forget([prepared]);
        throw error;
      }
      deps.kick();
      return { login: prepared.login, ...handOverOf([prepared]) };
    },
  };
}
export type DeskDecisions = ReturnType<typeof createDeskDecisions>;
