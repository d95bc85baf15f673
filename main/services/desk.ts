// The support desk: the queue of every request, a request with its company's context, company
// search, the queue state, directory import and export, and new agents. Every call checks, in
// the engine, that the caller is an assistance agent.
import type {
  DeskAgentView,
  DeskCompanyHit,
  DeskQueue,
  DeskQueueItem,
  DeskRequestView,
  DeskState,
  StoreBackupView,
} from '../../preload/contract/help';
import { fieldError, PortalError } from './errors';
import { generateTemporaryPassword } from '../portal/accounts/temporary-password';
import { toCsv, toJsonLines } from '../portal/directory/file-formats';
import { downloadName } from '../portal/documents/download-name';
import type { CompanySearchIndex } from '../portal/directory/search-index';
import { analyzeCofor } from '../portal/onboarding/stages';
import { hashPassword } from '../secrets/password-hasher';
import type { AccountsRepository } from '../store/accounts';
import type { Db } from '../store/database';
import type { Decision, DeskRepository, QueueRow } from '../store/desk';
import type { DirectoryRepository } from '../store/directory';
import { exportDirectory } from '../store/directory-import';
import { createDirectoryImports } from './directory-imports';
import type { AccountsConfig } from '../policy/accounts';
import type { DeskCaller } from './desk-guard';
import { backupStore, listBackups } from '../store/backups';
import type { DeskTemplates } from '../portal/desk/templates';
import { runRulesLocally, type IntentStore } from './intent-adapter';
import { deskSetState } from '../intents/desk-set-state';
import { saveTemplates } from '../intents/save-templates';

import type { HubQueue } from '../store/hub-queue';
import { HUB_REQUEST_KINDS } from '../portal/desk/decisions';

export interface DeskDeps {
  templates: { get(): DeskTemplates; save(templates: DeskTemplates): void };
  db: Db;
  desk: DeskRepository;
  accounts: AccountsRepository;
  directory: DirectoryRepository;
  search: () => CompanySearchIndex;
  /** After an import changed names or cities: the index is read again on the next search. */
  resetSearch: () => void;
  config: AccountsConfig;
  /** The store's file, for backups taken on request. */
  storeFile: string;
  now: () => Date;
  /** Linked to a hub, a request of the hub's moves in every desk's queue (through it). */
  hub?: Pick<HubQueue, 'enqueueIfLinked' | 'link'>;
  /** Expires what waited 30 days for its sender before the queue is read (standalone). */
  expireDue?: () => void;
}

const DAY_MS = 86_400_000;
const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

/**
 * A request's fields as the desk reads them: one line per value, named by its path in the form
 * (`plsa.email`), so the screen labels each in the reader's language; yes/no stays a boolean.
 */
export function requestFields(payload: Record<string, unknown>): Array<{ name: string; value: string | boolean }> {
  const lines: Array<{ name: string; value: string | boolean }> = [];
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'boolean') lines.push({ name: prefix, value });
    else if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
    else if (value !== undefined && value !== null && value !== '') lines.push({ name: prefix, value: str(value) });
  };
  for (const [name, value] of Object.entries(payload)) {
    if (!['lang', 'document', 'screenshot'].includes(name)) walk(name, value);
  }
  return lines;
}

export function requesterOf(row: QueueRow): { name: string; email: string } {
  const p = row.payload;
  const person = (p['legalRepresentative'] ?? null) as { fullName?: string; email?: string } | null;
  return {
    name: str(p['name'] ?? p['contactName'] ?? p['legalName'] ?? person?.fullName ?? p['login']),
    email: str(p['email'] ?? p['contactEmail'] ?? person?.email),
  };
}

/** "Already validated by desk.ana at …": the answer to anything that would undo a decision. */
export function alreadyDecided(decision: { decision: Decision; by: string; at: string }): PortalError {
  const { decision: what, by, at } = decision;
  return new PortalError(
    'conflict',
    `This request was already ${what} by ${by} at ${at}.`,
    { _: 'desk.already-decided' },
    undefined,
    { what, by, at },
  );
}

/** Unblocks an agent, for the desk channel and the command line alike: one transaction, so the
 * same call twice at once unblocks (and audits) once. Null when no agent has this name. */
export function unblockAgent(
  deps: { db: Db; desk: DeskRepository; accounts: AccountsRepository },
  username: string,
  actor: string,
  at: Date,
): { username: string; unblocked: boolean } | null {
  return deps.db.transaction(() => {
    const agent = deps.desk.agentByUsername(username);
    if (!agent) return null;
    if (agent.state !== 'blocked') return { username, unblocked: false };
    deps.desk.setAgentState(agent.id, 'active');
    deps.accounts.clearFailures(`desk:${username}`);
    deps.accounts.audit(
      {
        companyId: null,
        actor,
        action: 'desk-agent-unblocked',
        targetLogin: username,
        details: { before: { state: 'blocked' }, after: { state: 'active' } },
      },
      at,
    );
    return { username, unblocked: true };
  })();
}

export function createDeskService(deps: DeskDeps) {
  const { desk, accounts, directory, now } = deps;
  const intentStore: IntentStore = { db: deps.db, desk, accounts, templates: deps.templates, hub: deps.hub };
  const companyOfHit = deps.db.prepare<[number], Omit<DeskCompanyHit, 'match'>>(
    'SELECT cofor, legal_name AS legalName, city, duns FROM companies WHERE id = ?',
  );

  const legalReps = deps.db.prepare<[number], { fullName: string; email: string }>(
    `SELECT full_name AS fullName, email FROM people WHERE company_id = ? AND role = 'legal-representative'`,
  );
  /** A "replace our PLSA" help request: its company (by the COFOR it names) and what the desk's
   * procedure checks first: is the confirming person the legal representative on record? */
  function plsaReplacementOf(row: QueueRow) {
    const p = row.payload;
    if (row.kind !== 'help' || p['purpose'] !== 'replace-plsa' || typeof p['cofor'] !== 'string') return null;
    const found = directory.companyByCofor(p['cofor'].trim().toUpperCase());
    const str = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : '');
    const legalRep = { fullName: str('legalRepName'), email: str('legalRepEmail') };
    const onRecord = found ? legalReps.all(found.id) : [];
    return {
      company: found ? { id: found.id, cofor: found.cofor, name: found.legalName } : null,
      view: {
        newPlsa: { fullName: str('newPlsaName'), email: str('newPlsaEmail') },
        legalRep,
        legalRepsOnRecord: onRecord,
        matchesRecord: onRecord.some((r) => r.email.trim().toLowerCase() === legalRep.email.trim().toLowerCase()),
      },
    };
  }

  const item = (row: QueueRow): DeskQueueItem => {
    const who = requesterOf(row);
    return {
      reference: row.reference,
      kind: row.kind as DeskQueueItem['kind'],
      createdAt: row.createdAt,
      ageDays: Math.floor((now().getTime() - Date.parse(row.createdAt)) / DAY_MS),
      deskState: row.deskState,
      assignee: row.assignee,
      companyName:
        row.companyName ??
        ['companyName', 'company', 'legalName']
          .map((k) => row.payload[k])
          .find((v): v is string => typeof v === 'string') ??
        null,
      cofor: row.cofor,
      requester: who.email ? `${who.name} <${who.email}>` : who.name,
      reminders: row.reminders,
      lastReminderAt: row.lastReminderAt,
      expiredAt: row.expiredAt,
    };
  };

  return {
    ...createDirectoryImports(deps),

    deskQueue(
      input: { session: string; state?: DeskState | undefined; kind?: string | undefined },
      _caller: DeskCaller,
    ): DeskQueue {
      deps.expireDue?.();
      return { items: desk.queue({ state: input.state, kind: input.kind }).map(item), counts: desk.counts() };
    },

    deskRequest(input: { session: string; reference: string }, _caller: DeskCaller): DeskRequestView {
      deps.expireDue?.();
      const row = desk.request(input.reference);
      if (!row) throw fieldError('not-found', 'reference', 'reference.unknown', 'No request has this reference.');
      const replacement = plsaReplacementOf(row);
      let company: DeskRequestView['company'] = null;
      const known =
        replacement?.company ??
        (row.cofor && row.companyId !== null
          ? { id: row.companyId, cofor: row.cofor, name: row.companyName ?? '' }
          : null);
      if (known) {
        const outcome = analyzeCofor({ cofor: known.cofor }, directory.companyFacts, now());
        if (outcome.ok) {
          const list = accounts
            .ofCompany(known.id)
            .map((a) => ({ login: a.login, fullName: a.fullName, email: a.email, role: a.role, state: a.state }));
          company = { name: known.name, cofor: known.cofor, analysis: outcome.analysis, accounts: list };
        }
      }
      const fields = requestFields(row.payload);
      const decided = desk.decisionOf(row.id);
      const decision = decided ? { what: decided.decision, by: decided.by, at: decided.at } : null;
      return {
        ...item(row),
        lang: row.lang,
        fields,
        attachments: desk.documents(row.id),
        history: desk.history(row.id, row.reference),
        company,
        decision,
        plsaReplacement: replacement?.view ?? null,
      };
    },

    deskAttachment(
      input: { session: string; id: string },
      _caller: DeskCaller,
    ): {
      fileName: string;
      mediaType: string;
      contentBase64: string;
    } {
      const doc = desk.document(input.id);
      if (!doc) throw fieldError('not-found', 'id', 'attachment.unknown', 'No such attachment.');
      return {
        fileName: downloadName(doc.fileName, doc.mediaType),
        mediaType: doc.mediaType,
        contentBase64: Buffer.from(doc.content).toString('base64'),
      };
    },

    deskSearchCompanies(input: { session: string; query: string }, _caller: DeskCaller): { hits: DeskCompanyHit[] } {
      return {
        hits: deps
          .search()
          .search(input.query, 10)
          .map((hit) => ({ ...companyOfHit.get(hit.id)!, match: hit.match })),
      };
    },

    deskSetState(
      input: { session: string; reference: string; state: DeskState; assignToMe: boolean },
      caller: DeskCaller,
    ): {
      reference: string;
    } {
      const row = desk.request(input.reference);
      if (!row) throw fieldError('not-found', 'reference', 'reference.unknown', 'No request has this reference.');
      const agent = caller.agent.username;
      // The rules are the intent's (main/intents/desk-set-state.ts), the hub's too; a request
      // only this workstation knows (an erasure request, say) does not cross to the hub.
      runRulesLocally(
        intentStore,
        deskSetState,
        {
          reference: row.reference,
          state: input.state,
          assignee: input.assignToMe ? agent : row.assignee,
          agent,
        },
        { actor: agent, now: now(), queue: HUB_REQUEST_KINDS.includes(row.kind) },
      );
      return { reference: row.reference };
    },

    deskExport(
      input: { session: string; format: 'csv' | 'jsonl' },
      _caller: DeskCaller,
    ): { fileName: string; content: string } {
      const companies = exportDirectory(deps.db);
      return input.format === 'csv'
        ? { fileName: 'directory.csv', content: toCsv(companies) }
        : { fileName: 'directory.jsonl', content: toJsonLines(companies) };
    },

    async backupNow(): Promise<StoreBackupView> {
      const backup = await backupStore(deps.db, deps.storeFile, now());
      const { companies, accounts, submissions } = backup.rows;
      return {
        takenAt: backup.takenAt.toISOString(),
        companies,
        accounts,
        requests: submissions,
        kept: listBackups(deps.storeFile).length,
      };
    },

    deskTemplates(): DeskTemplates {
      return deps.templates.get();
    },

    saveDeskTemplates(input: { session: string; templates: DeskTemplates }, caller: DeskCaller): DeskTemplates {
      // Linked, the set is every desk's: it goes to the hub, and comes back to the others.
      const agent = caller.agent.username;
      runRulesLocally(
        intentStore,
        saveTemplates,
        { templates: input.templates, agent },
        { actor: agent, now: now(), queue: true },
      );
      return deps.templates.get();
    },

    async createDeskAgent(
      input: {
        session: string;
        username: string;
        fullName: string;
        email: string;
      },
      caller: DeskCaller,
    ): Promise<{ username: string; temporaryPassword: string }> {
      if (desk.agentByUsername(input.username))
        throw fieldError('conflict', 'username', 'username.taken', 'This user name is taken.');
      const temporary = generateTemporaryPassword();
      const hash = await hashPassword(temporary, deps.config.hashCost);
      // Checked again in the transaction: two agents creating one user name at once get one
      // agent and one "taken" answer, never an internal error.
      deps.db.transaction(() => {
        if (desk.agentByUsername(input.username))
          throw fieldError('conflict', 'username', 'username.taken', 'This user name is taken.');
        desk.createAgent(
          {
            username: input.username,
            fullName: input.fullName,
            email: input.email,
            passwordHash: hash,
            mustChange: true,
          },
          now(),
        );
        accounts.audit(
          { companyId: null, actor: caller.agent.username, action: 'desk-agent-created', targetLogin: input.username },
          now(),
        );
      })();
      return { username: input.username, temporaryPassword: temporary };
    },

    /** An agent blocked after 10 failed logins is unblocked by another agent (or the CLI). */
    deskAgents(_input: { session: string }, _caller: DeskCaller): { agents: DeskAgentView[] } {
      return { agents: desk.agents() };
    },

    deskUnblockAgent(
      input: { session: string; username: string },
      caller: DeskCaller,
    ): { username: string; unblocked: boolean } {
      const result = unblockAgent(deps, input.username, caller.agent.username, now());
      if (!result)
        throw fieldError('not-found', 'username', 'username.unknown', 'No assistance agent has this user name.');
      return result;
    },
  };
}
export type DeskService = ReturnType<typeof createDeskService>;
