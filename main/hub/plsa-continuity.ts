// PLSA continuity on the hub, for workstations linked to it (the rules of
// main/services/plsa-continuity.ts): a leaving PLSA names a colleague, and stays PLSA until the
// colleague accepts; the acceptance makes the colleague PLSA and deactivates the leaver in one
// transaction, and every replica learns it with the company's record.
import type { PoolClient } from 'pg';
import type { PlsaContinuity, PlsaHandOver } from '../../preload/contract/accounts';
import type { DirectoryCompany } from '../portal/directory/model';
import { HubError } from './hub-error';

/** Whoever is behind a hub session: a PLSA or a user of the company (the company locked). */
export interface Member {
  login: string;
  role: 'user' | 'plsa';
  cofor: string;
  companyName: string;
}

const noHandOver = () =>
  new HubError('conflict', 'No hand-over waits for an answer: it was answered or withdrawn.', {
    fields: { login: 'handover.none' },
  });
const conflict = (reason: string, message: string) => new HubError('conflict', message, { fields: { login: reason } });

type Row = { id: string; from: string; fromName: string; to: string; toName: string; since: Date };
const SELECT = `SELECT h.id, h.from_login AS "from", f.full_name AS "fromName", h.to_login AS "to",
    t.full_name AS "toName", h.created_at AS since
  FROM plsa_handovers h JOIN accounts f ON f.login = h.from_login JOIN accounts t ON t.login = h.to_login
  WHERE h.state = 'pending'`;
const view = (r: Row): PlsaHandOver => ({
  from: r.from,
  fromName: r.fromName,
  to: r.to,
  toName: r.toName,
  since: r.since.toISOString(),
});

export async function handOverMadeBy(tx: PoolClient, login: string): Promise<PlsaHandOver | null> {
  const { rows } = await tx.query<Row>(`${SELECT} AND h.from_login = $1`, [login]);
  return rows[0] ? view(rows[0]) : null;
}

export async function continuityOf(tx: PoolClient, member: Member): Promise<PlsaContinuity> {
  const plsas = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts WHERE cofor = $1 AND role = 'plsa' AND state = 'active'`,
    [member.cofor],
  );
  const { rows } = await tx.query<Row>(
    `${SELECT} AND ${member.role === 'plsa' ? 'h.from_login' : 'h.to_login'} = $1 ORDER BY h.id LIMIT 1`,
    [member.login],
  );
  return { onlyPlsa: member.role === 'plsa' && plsas.rows[0]!.n === 1, handOver: rows[0] ? view(rows[0]) : null };
}

type Publish = (edit: (r: DirectoryCompany) => DirectoryCompany) => Promise<void>;
type Audit = (action: string, target: string) => Promise<void>;

export async function offerHandOver(tx: PoolClient, plsa: Member, login: string, audit: Audit) {
  const { rows } = await tx.query<{ state: string }>('SELECT state FROM accounts WHERE login = $1 AND cofor = $2', [
    login,
    plsa.cofor,
  ]);
  if (!rows[0])
    throw new HubError('not-found', 'No account with this login in your company.', {
      fields: { login: 'login.not-in-company' },
    });
  if (login === plsa.login) throw conflict('handover.self', 'Name a colleague: you cannot hand over to yourself.');
  if (rows[0].state !== 'active') throw conflict('handover.not-active', 'Hand over to an active account.');
  const inserted = await tx.query(
    `INSERT INTO plsa_handovers (cofor, from_login, to_login) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [plsa.cofor, plsa.login, login],
  );
  if (inserted.rowCount !== 1)
    throw conflict('handover.pending', 'Your hand-over already waits for an answer: withdraw it first.');
  await audit('plsa-handover-offered', login);
  return (await handOverMadeBy(tx, plsa.login))!;
}

export async function withdrawHandOver(tx: PoolClient, plsa: Member, audit: Audit) {
  const { rows } = await tx.query<{ to: string }>(
    `UPDATE plsa_handovers SET state = 'withdrawn', answered_at = now() WHERE from_login = $1 AND state = 'pending'
     RETURNING to_login AS "to"`,
    [plsa.login],
  );
  if (!rows[0]) throw noHandOver();
  await audit('plsa-handover-withdrawn', rows[0].to);
  return { withdrawn: true as const };
}

export async function answerHandOver(tx: PoolClient, member: Member, accept: boolean, audit: Audit, publish: Publish) {
  // The lock: of two answers, or an answer and a withdrawal, the first holds.
  const { rows } = await tx.query<{ from: string }>(
    `UPDATE plsa_handovers SET state = $2, answered_at = now()
     WHERE id = (SELECT id FROM plsa_handovers WHERE to_login = $1 AND state = 'pending' ORDER BY id LIMIT 1)
       AND state = 'pending'
     RETURNING from_login AS "from"`,
    [member.login, accept ? 'accepted' : 'declined'],
  );
  const from = rows[0]?.from;
  if (!from) throw noHandOver();
  if (accept) {
    await tx.query(`UPDATE accounts SET role = 'plsa' WHERE login = $1`, [member.login]);
    await tx.query(`UPDATE accounts SET state = 'deactivated' WHERE login = $1`, [from]);
    await tx.query('DELETE FROM sessions WHERE login = $1', [from]);
    await publish((r) => ({
      ...r,
      people: r.people.map((p) =>
        r.accounts.some((a) => a.login === member.login && a.person === p.key) ? { ...p, role: 'plsa' } : p,
      ),
      accounts: r.accounts.map((a) =>
        a.login === member.login ? { ...a, role: 'plsa' } : a.login === from ? { ...a, state: 'deactivated' } : a,
      ),
    }));
  }
  await audit(accept ? 'plsa-handover-accepted' : 'plsa-handover-declined', from);
  return { accepted: accept };
}
