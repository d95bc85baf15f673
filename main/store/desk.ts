// The support desk in the store: its agents and their sessions, and the queue of requests.
import type { DeskAgentView, DeskDecisionMade } from '../../preload/contract/help';
import type { Db } from './database';
import { storedJson } from './stored-json';

export interface AgentRow {
  id: number;
  username: string;
  fullName: string;
  email: string;
  passwordHash: string | null;
  mustChangePassword: boolean;
  state: 'active' | 'blocked' | 'deactivated';
  /** When the hub last accepted this agent's password here (null: never, or taken back). */
  hubCheckedAt: string | null;
}

export type DeskState = 'new' | 'in-progress' | 'waiting-supplier' | 'done';
export const DESK_STATES: readonly DeskState[] = ['new', 'in-progress', 'waiting-supplier', 'done'];

/** What a desk decision did: recorded once per request (migration 005), then final. */
export type Decision = DeskDecisionMade;

export interface QueueRow {
  id: number;
  reference: string;
  kind: string;
  createdAt: string;
  deskState: DeskState;
  assignee: string | null;
  lang: string;
  companyId: number | null;
  companyName: string | null;
  cofor: string | null;
  payload: Record<string, unknown>;
  /** Its sender's reminders (taken ones), and the last one's moment. */
  reminders: number;
  lastReminderAt: string | null;
  expiredAt: string | null;
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;

export function createDeskRepository(db: Db) {
  const agentSelect = `SELECT id, username, full_name AS fullName, email, password_hash AS passwordHash,
    must_change_password AS mustChangePassword, state, hub_checked_at AS hubCheckedAt FROM desk_agents`;
  type RawAgent = Omit<AgentRow, 'mustChangePassword'> & { mustChangePassword: number };
  const toAgent = (r: RawAgent | undefined): AgentRow | null =>
    r ? { ...r, mustChangePassword: r.mustChangePassword === 1 } : null;
  const queueSelect = `SELECT s.id, s.reference, s.kind, s.created_at AS createdAt, s.desk_state AS deskState, s.assignee, s.lang,
      s.company_id AS companyId, c.legal_name AS companyName, c.cofor, s.payload, s.expired_at AS expiredAt,
      (SELECT count(*) FROM request_reminders r WHERE r.submission_id = s.id AND r.hub_refused IS NULL) AS reminders,
      (SELECT max(r.at) FROM request_reminders r WHERE r.submission_id = s.id AND r.hub_refused IS NULL) AS lastReminderAt
    FROM submissions s LEFT JOIN companies c ON c.id = s.company_id`;
  type RawQueue = Omit<QueueRow, 'payload'> & { payload: string };
  const toQueue = (r: RawQueue): QueueRow => ({ ...r, payload: storedJson.submissionPayload.read(r.payload) });
  type Session = { agentId: number; expiresAt: string; m: number };
  type AgentListRow = Omit<DeskAgentView, 'mustChangePassword'> & { mustChangePassword: number };
  type Event = { at: string; what: string; who: string | null; detail: string | null };

  // Every statement prepared once, typed by its parameters and its row.
  const q = {
    agentByUsername: db.prepare<[string], RawAgent>(`${agentSelect} WHERE username = ?`),
    agentById: db.prepare<[number], RawAgent>(`${agentSelect} WHERE id = ?`),
    agentCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM desk_agents'),
    // The last login: audited since desk logins are (desk-login), or a session still open.
    agentList: db.prepare<[], AgentListRow>(
      `SELECT a.username, a.full_name AS fullName, a.email, a.state, a.must_change_password AS mustChangePassword,
         (SELECT max(at) FROM (
            SELECT max(l.at) AS at FROM audit_log l
             WHERE l.company_id IS NULL AND l.action = 'desk-login' AND l.actor = a.username
            UNION ALL SELECT max(s.created_at) FROM desk_sessions s WHERE s.agent_id = a.id)) AS lastLoginAt
       FROM desk_agents a ORDER BY a.username`,
    ),
    createAgent: db.prepare<[string, string, string, string, number, string]>(
      `INSERT INTO desk_agents (username, full_name, email, password_hash, must_change_password, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    setAgentState: db.prepare<[string, number]>('UPDATE desk_agents SET state = ? WHERE id = ?'),
    keepHubAgent: db.prepare<[string, string, string, string, string, string]>(
      `INSERT INTO desk_agents (username, full_name, email, password_hash, created_at, hub_checked_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (username) DO UPDATE SET full_name = excluded.full_name, email = excluded.email,
         password_hash = excluded.password_hash, must_change_password = 0, state = 'active',
         hub_checked_at = excluded.hub_checked_at`,
    ),
    forgetHubCheck: db.prepare<[string]>('UPDATE desk_agents SET hub_checked_at = NULL WHERE username = ?'),
    endAgentSessions: db.prepare<[number]>('DELETE FROM desk_sessions WHERE agent_id = ?'),
    claimDecision: db.prepare<[Decision, string, string, number]>(
      'UPDATE submissions SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ? AND decision IS NULL',
    ),
    decisionOf: db.prepare<[number], { decision: Decision; by: string; at: string }>(
      'SELECT decision, decided_by AS by, decided_at AS at FROM submissions WHERE id = ? AND decision IS NOT NULL',
    ),
    setAgentPassword: db.prepare<[string, number]>(
      'UPDATE desk_agents SET password_hash = ?, must_change_password = 0 WHERE id = ?',
    ),
    createSession: db.prepare<[string, number, string, string, number]>(
      'INSERT INTO desk_sessions (token_hash, agent_id, created_at, expires_at, must_change_password) VALUES (?, ?, ?, ?, ?)',
    ),
    session: db.prepare<[string], Session>(
      'SELECT agent_id AS agentId, expires_at AS expiresAt, must_change_password AS m FROM desk_sessions WHERE token_hash = ?',
    ),
    endSession: db.prepare<[string]>('DELETE FROM desk_sessions WHERE token_hash = ?'),
    endOtherSessions: db.prepare<[number, string]>('DELETE FROM desk_sessions WHERE agent_id = ? AND token_hash <> ?'),
    clearSessionMustChange: db.prepare<[string]>(
      'UPDATE desk_sessions SET must_change_password = 0 WHERE token_hash = ?',
    ),
    // A filter left out (null) matches every row.
    queue: db.prepare<[{ state: string | null; kind: string | null }], RawQueue>(
      `${queueSelect} WHERE (@state IS NULL OR s.desk_state = @state) AND (@kind IS NULL OR s.kind = @kind)
       ORDER BY s.created_at ASC, s.id ASC LIMIT 500`,
    ),
    counts: db.prepare<[], { s: DeskState; n: number }>(
      'SELECT desk_state AS s, count(*) AS n FROM submissions GROUP BY desk_state',
    ),
    request: db.prepare<[string], RawQueue>(`${queueSelect} WHERE s.reference = ?`),
    setDeskState: db.prepare<[DeskState, string | null, string, number]>(
      'UPDATE submissions SET desk_state = ?, assignee = ?, desk_state_at = ? WHERE id = ?',
    ),
    linkCompany: db.prepare<[number, number]>('UPDATE submissions SET company_id = ? WHERE id = ?'),
    documents: db.prepare<[number], { id: string; fileName: string; mediaType: string; size: number }>(
      'SELECT id, original_name AS fileName, media_type AS mediaType, size FROM documents WHERE submission_id = ?',
    ),
    document: db.prepare<[string], { fileName: string; mediaType: string; content: Buffer }>(
      'SELECT original_name AS fileName, media_type AS mediaType, content FROM documents WHERE id = ?',
    ),
    events: db.prepare<[number], Event>(
      'SELECT at, state AS what, NULL AS who, detail FROM request_events WHERE submission_id = ?',
    ),
    reminders: db.prepare<[number], Event>(
      `SELECT at, 'request-reminded' AS what, NULL AS who, NULL AS detail FROM request_reminders
       WHERE submission_id = ? AND hub_refused IS NULL`,
    ),
    audit: db.prepare<[string], Event>(
      "SELECT at, action AS what, actor AS who, details AS detail FROM audit_log WHERE json_extract(details, '$.reference') = ?",
    ),
  };

  return {
    agentByUsername: (username: string) => toAgent(q.agentByUsername.get(username)),
    agentById: (id: number) => toAgent(q.agentById.get(id)),
    agentCount: (): number => q.agentCount.get()?.n ?? 0,
    agents: (): DeskAgentView[] =>
      q.agentList.all().map((a) => ({ ...a, mustChangePassword: a.mustChangePassword === 1 })),
    createAgent(
      agent: { username: string; fullName: string; email: string; passwordHash: string; mustChange: boolean },
      at: Date,
    ): number {
      const { username, fullName, email, passwordHash, mustChange } = agent;
      return Number(
        q.createAgent.run(username, fullName, email, passwordHash, mustChange ? 1 : 0, at.toISOString())
          .lastInsertRowid,
      );
    },
    setAgentState: (id: number, state: AgentRow['state']) => void q.setAgentState.run(state, id),
    /** The agent as the hub vouched for them just now, with this workstation's own hash of the
     * password they typed (for an offline login later); the hub's name and e-mail win. */
    keepHubAgent(agent: { username: string; fullName: string; email: string }, passwordHash: string, at: Date) {
      const when = at.toISOString();
      q.keepHubAgent.run(agent.username, agent.fullName, agent.email, passwordHash, when, when);
      return toAgent(q.agentByUsername.get(agent.username))!;
    },
    /** The hub refused this agent's password: the one kept here no longer opens offline. */
    forgetHubCheck: (username: string) => void q.forgetHubCheck.run(username),
    endAgentSessions: (agentId: number) => q.endAgentSessions.run(agentId).changes,
    /** Claims the request's one decision: true only for the call that recorded it (the
     * conditional UPDATE is the lock), so of two simultaneous decisions one wins. */
    claimDecision: (id: number, decision: Decision, actor: string, at: Date): boolean =>
      q.claimDecision.run(decision, actor, at.toISOString(), id).changes === 1,
    decisionOf: (id: number): { decision: Decision; by: string; at: string } | null => q.decisionOf.get(id) ?? null,
    setAgentPassword: (id: number, hash: string) => void q.setAgentPassword.run(hash, id),

    createSession: (tokenHash: string, agentId: number, at: Date, expiresAt: Date, mustChange: boolean) =>
      void q.createSession.run(tokenHash, agentId, at.toISOString(), expiresAt.toISOString(), mustChange ? 1 : 0),
    session(tokenHash: string): { agentId: number; expiresAt: string; mustChangePassword: boolean } | null {
      const row = q.session.get(tokenHash);
      return row ? { agentId: row.agentId, expiresAt: row.expiresAt, mustChangePassword: row.m === 1 } : null;
    },
    endSession: (tokenHash: string) => void q.endSession.run(tokenHash),
    endOtherSessions: (agentId: number, keep: string) => q.endOtherSessions.run(agentId, keep).changes,
    clearSessionMustChange: (tokenHash: string) => void q.clearSessionMustChange.run(tokenHash),

    queue: (filter: { state?: DeskState | undefined; kind?: string | undefined }): QueueRow[] =>
      q.queue.all({ state: filter.state ?? null, kind: filter.kind ?? null }).map(toQueue),
    counts(): Record<DeskState, number> {
      const counts: Record<DeskState, number> = { new: 0, 'in-progress': 0, 'waiting-supplier': 0, done: 0 };
      for (const r of q.counts.all()) counts[r.s] = r.n;
      return counts;
    },
    request(reference: string): QueueRow | null {
      const row = q.request.get(reference);
      return row ? toQueue(row) : null;
    },
    setDeskState: (id: number, state: DeskState, assignee: string | null, at: Date) =>
      void q.setDeskState.run(state, assignee, at.toISOString(), id),
    linkCompany: (id: number, companyId: number) => void q.linkCompany.run(companyId, id),
    documents: (submissionId: number) => q.documents.all(submissionId),
    document: (id: string) => q.document.get(id) ?? null,
    history: (submissionId: number, reference: string): Event[] =>
      [...q.events.all(submissionId), ...q.reminders.all(submissionId), ...q.audit.all(reference)].sort((a, b) =>
        a.at.localeCompare(b.at),
      ),
  };
}
