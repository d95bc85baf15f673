// The support desk in the store: its agents and their sessions, and the queue of requests.
import type { DeskDecisionMade } from '../../preload/contract/help';
import type { Db } from './database';

export interface AgentRow {
  id: number;
  username: string;
  fullName: string;
  email: string;
  passwordHash: string | null;
  mustChangePassword: boolean;
  state: 'active' | 'blocked' | 'deactivated';
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
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;

export function createDeskRepository(db: Db) {
  const agentSelect = `SELECT id, username, full_name AS fullName, email, password_hash AS passwordHash,
    must_change_password AS mustChangePassword, state FROM desk_agents`;
  type RawAgent = Omit<AgentRow, 'mustChangePassword'> & { mustChangePassword: number };
  const toAgent = (r: RawAgent | undefined): AgentRow | null =>
    r ? { ...r, mustChangePassword: r.mustChangePassword === 1 } : null;
  const queueSelect = `SELECT s.id, s.reference, s.kind, s.created_at AS createdAt, s.desk_state AS deskState, s.assignee, s.lang,
      s.company_id AS companyId, c.legal_name AS companyName, c.cofor, s.payload
    FROM submissions s LEFT JOIN companies c ON c.id = s.company_id`;
  const toQueue = (r: Omit<QueueRow, 'payload'> & { payload: string }): QueueRow => ({
    ...r,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
  });

  return {
    agentByUsername: (username: string) =>
      toAgent(db.prepare(`${agentSelect} WHERE username = ?`).get(username) as RawAgent | undefined),
    agentById: (id: number) => toAgent(db.prepare(`${agentSelect} WHERE id = ?`).get(id) as RawAgent | undefined),
    agentCount: (): number => db.prepare('SELECT count(*) FROM desk_agents').pluck().get() as number,
    createAgent(
      agent: { username: string; fullName: string; email: string; passwordHash: string; mustChange: boolean },
      at: Date,
    ): number {
      return Number(
        db
          .prepare(
            `INSERT INTO desk_agents (username, full_name, email, password_hash, must_change_password, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(
            agent.username,
            agent.fullName,
            agent.email,
            agent.passwordHash,
            agent.mustChange ? 1 : 0,
            at.toISOString(),
          ).lastInsertRowid,
      );
    },
    setAgentState: (id: number, state: AgentRow['state']) =>
      void db.prepare('UPDATE desk_agents SET state = ? WHERE id = ?').run(state, id),
    endAgentSessions: (agentId: number) =>
      db.prepare('DELETE FROM desk_sessions WHERE agent_id = ?').run(agentId).changes,
    /** Claims the request's one decision: true only for the call that recorded it (the
     * conditional UPDATE is the lock), so of two simultaneous decisions one wins. */
    claimDecision: (id: number, decision: Decision, actor: string, at: Date): boolean =>
      db
        .prepare(
          'UPDATE submissions SET decision = ?, decided_by = ?, decided_at = ? WHERE id = ? AND decision IS NULL',
        )
        .run(decision, actor, at.toISOString(), id).changes === 1,
    decisionOf: (id: number): { decision: Decision; by: string; at: string } | null =>
      (db
        .prepare(
          'SELECT decision, decided_by AS by, decided_at AS at FROM submissions WHERE id = ? AND decision IS NOT NULL',
        )
        .get(id) as { decision: Decision; by: string; at: string } | undefined) ?? null,
    setAgentPassword: (id: number, hash: string) =>
      void db.prepare('UPDATE desk_agents SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, id),

    createSession: (tokenHash: string, agentId: number, at: Date, expiresAt: Date, mustChange: boolean) =>
      void db
        .prepare(
          'INSERT INTO desk_sessions (token_hash, agent_id, created_at, expires_at, must_change_password) VALUES (?, ?, ?, ?, ?)',
        )
        .run(tokenHash, agentId, at.toISOString(), expiresAt.toISOString(), mustChange ? 1 : 0),
    session(tokenHash: string): { agentId: number; expiresAt: string; mustChangePassword: boolean } | null {
      const row = db
        .prepare(
          'SELECT agent_id AS agentId, expires_at AS expiresAt, must_change_password AS m FROM desk_sessions WHERE token_hash = ?',
        )
        .get(tokenHash) as { agentId: number; expiresAt: string; m: number } | undefined;
      return row ? { agentId: row.agentId, expiresAt: row.expiresAt, mustChangePassword: row.m === 1 } : null;
    },
    endSession: (tokenHash: string) => void db.prepare('DELETE FROM desk_sessions WHERE token_hash = ?').run(tokenHash),
    endOtherSessions: (agentId: number, keep: string) =>
      db.prepare('DELETE FROM desk_sessions WHERE agent_id = ? AND token_hash <> ?').run(agentId, keep).changes,
    clearSessionMustChange: (tokenHash: string) =>
      void db.prepare('UPDATE desk_sessions SET must_change_password = 0 WHERE token_hash = ?').run(tokenHash),

    queue(filter: { state?: DeskState | undefined; kind?: string | undefined }): QueueRow[] {
      const where: string[] = [];
      const params: string[] = [];
      if (filter.state) {
        where.push('s.desk_state = ?');
        params.push(filter.state);
      }
      if (filter.kind) {
        where.push('s.kind = ?');
        params.push(filter.kind);
      }
      const sql = `${queueSelect}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY s.created_at ASC, s.id ASC LIMIT 500`;
      return (db.prepare(sql).all(...params) as Array<Omit<QueueRow, 'payload'> & { payload: string }>).map(toQueue);
    },
    counts(): Record<DeskState, number> {
      const counts: Record<DeskState, number> = { new: 0, 'in-progress': 0, 'waiting-supplier': 0, done: 0 };
      for (const r of db
        .prepare('SELECT desk_state AS s, count(*) AS n FROM submissions GROUP BY desk_state')
        .all() as Array<{ s: DeskState; n: number }>)
        counts[r.s] = r.n;
      return counts;
    },
    request(reference: string): QueueRow | null {
      const row = db.prepare(`${queueSelect} WHERE s.reference = ?`).get(reference) as
        (Omit<QueueRow, 'payload'> & { payload: string }) | undefined;
      return row ? toQueue(row) : null;
    },
    setDeskState: (id: number, state: DeskState, assignee: string | null) =>
      void db.prepare('UPDATE submissions SET desk_state = ?, assignee = ? WHERE id = ?').run(state, assignee, id),
    linkCompany: (id: number, companyId: number) =>
      void db.prepare('UPDATE submissions SET company_id = ? WHERE id = ?').run(companyId, id),
    documents(submissionId: number): Array<{ id: string; fileName: string; mediaType: string; size: number }> {
      return db
        .prepare(
          'SELECT id, original_name AS fileName, media_type AS mediaType, size FROM documents WHERE submission_id = ?',
        )
        .all(submissionId) as never;
    },
    document: (id: string) =>
      (db
        .prepare('SELECT original_name AS fileName, media_type AS mediaType, content FROM documents WHERE id = ?')
        .get(id) as { fileName: string; mediaType: string; content: Buffer } | undefined) ?? null,
    history(
      submissionId: number,
      reference: string,
    ): Array<{ at: string; what: string; who: string | null; detail: string | null }> {
      const events = db
        .prepare('SELECT at, state AS what, NULL AS who, detail FROM request_events WHERE submission_id = ?')
        .all(submissionId) as Array<{ at: string; what: string; who: null; detail: string | null }>;
      const audit = db
        .prepare(
          "SELECT at, action AS what, actor AS who, details AS detail FROM audit_log WHERE json_extract(details, '$.reference') = ?",
        )
        .all(reference) as Array<{ at: string; what: string; who: string; detail: string }>;
      return [...events, ...audit].sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}
