// PLSA hand-overs in the store: a leaving PLSA names a colleague; the colleague's answer (or the
// PLSA's withdrawal) settles it. Each settlement is one conditional UPDATE: of two at once, one holds.
import type { PlsaHandOver } from '../../preload/contract/accounts';
import type { Db } from './database';

export type HandOverRow = PlsaHandOver & { id: number; fromId: number; toId: number };

export type PlsaHandOversRepository = ReturnType<typeof createPlsaHandOversRepository>;

export function createPlsaHandOversRepository(db: Db) {
  const select = `SELECT h.id, h.from_account AS fromId, h.to_account AS toId, f.login AS "from",
      coalesce(fp.full_name, f.login) AS fromName, t.login AS "to", coalesce(tp.full_name, t.login) AS toName,
      h.created_at AS since
    FROM plsa_handovers h
    JOIN accounts f ON f.id = h.from_account LEFT JOIN people fp ON fp.id = f.person_id
    JOIN accounts t ON t.id = h.to_account LEFT JOIN people tp ON tp.id = t.person_id
    WHERE h.state = 'pending'`;
  const q = {
    offer: db.prepare<[number, number, number, string]>(
      `INSERT INTO plsa_handovers (company_id, from_account, to_account, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    fromAccount: db.prepare<[number], HandOverRow>(`${select} AND h.from_account = ?`),
    toAccount: db.prepare<[number], HandOverRow>(`${select} AND h.to_account = ? ORDER BY h.id LIMIT 1`),
    settle: db.prepare<[string, string, number]>(
      `UPDATE plsa_handovers SET state = ?, answered_at = ? WHERE id = ? AND state = 'pending'`,
    ),
    withdrawFrom: db.prepare<[string, number]>(
      `UPDATE plsa_handovers SET state = 'withdrawn', answered_at = ? WHERE from_account = ? AND state = 'pending'`,
    ),
  };
  return {
    /** False when this PLSA already has a hand-over waiting. */
    offer: (companyId: number, fromId: number, toId: number, at: Date): boolean =>
      q.offer.run(companyId, fromId, toId, at.toISOString()).changes === 1,
    madeBy: (accountId: number): HandOverRow | null => q.fromAccount.get(accountId) ?? null,
    offeredTo: (accountId: number): HandOverRow | null => q.toAccount.get(accountId) ?? null,
    /** True for the one call that settled it. */
    settle: (id: number, state: 'accepted' | 'declined', at: Date): boolean =>
      q.settle.run(state, at.toISOString(), id).changes === 1,
    withdraw: (fromId: number, at: Date): boolean => q.withdrawFrom.run(at.toISOString(), fromId).changes === 1,
  };
}

/** What a hand-over shows (its row ids stay in the store). */
export const handOverView = ({ id: _i, fromId: _f, toId: _t, ...view }: HandOverRow): PlsaHandOver => view;
