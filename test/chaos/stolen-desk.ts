// The chaos drill's stolen desk PC (issue 24, N2): a third desk workstation answers requests as
// the others do until, mid-run, the hub's administrator revokes it (revokeDevice, what `npm run
// hub -- revoke-device` runs); it goes on answering locally. At the end: its pushes since were
// refused (its header says revoked), the hub applied nothing of it after the revocation, and
// everything it queued is either on the hub or kept on the PC, never lost.
import type { Pool } from 'pg';
import { revokeDevice } from '../../main/hub/device-admin';
import { deviceOfToken, registerDevice } from '../../main/hub/devices';
import { deskSession, testCore } from '../fixtures/core';

export interface StolenDeskReport {
  /** Its mutations the hub answered before the revocation (applied, or overruled). */
  answeredBefore: number;
  /** Queued on it after the revocation: kept there, never applied. */
  kept: number;
  /** Its mutations the hub applied after the revocation took effect: must be 0. */
  appliedAfter: number;
  /** Its sync status says revoked at the end. */
  saysRevoked: boolean;
  /** Settled on it but not on the hub: must be 0. */
  lost: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Set up before the faults start (its agent logs in on it through the hub); `start` when the
 * drill writes; `finish` once the faults are over. */
export async function stolenDesk(options: { pool: Pool; url: string; agent: { username: string; password: string } }) {
  const { pool, url, agent } = options;
  const { token } = await registerDevice(pool, 'desk');
  const id = (await deviceOfToken(pool, token)).id;
  const ws = testCore({ hub: { url, deskToken: token } });
  const session = await deskSession(ws, agent);
  await ws.syncNow();
  const open = ws.db.prepare<[], { reference: string }>(
    `SELECT reference FROM submissions WHERE decision IS NULL AND kind = 'help' ORDER BY random() LIMIT 3`,
  );
  let running = false;
  let revoked = false;
  let loop: Promise<void> = Promise.resolve();
  const revoke = async () => {
    await revokeDevice(pool, id);
    revoked = true;
  };
  let disposed = false;
  const dispose = () => {
    if (!disposed) ws.dispose();
    disposed = true;
  };

  return {
    /** Answers up to 3 open requests of its replica, then syncs, every 50 to 200 ms; revoked once
     * `when()`. (Its replica stops moving once revoked: what it showed open, it answers, kept.) */
    start(when: () => boolean) {
      running = true;
      loop = (async () => {
        while (running) {
          if (!revoked && when()) await revoke();
          for (const row of open.all())
            await ws.router.call('deskDecide', {
              session,
              reference: row.reference,
              decision: { kind: 'answer', message: `Answered on the stolen PC by ${agent.username}.` },
            });
          await ws.syncNow();
          await sleep(50 + Math.random() * 150);
        }
      })();
    },
    async finish(): Promise<StolenDeskReport> {
      running = false;
      await loop;
      if (!revoked) await revoke(); // a run too short to reach the moment: revoked at its end
      // The hub answers again (the faults are over): a round hears 401 device-revoked.
      for (let i = 0; i < 40 && !ws.syncStatus().revoked; i++) {
        await ws.syncNow();
        if (!ws.syncStatus().revoked) await sleep(250);
      }
      const local = ws.db
        .prepare<[], { id: number; state: string }>('SELECT mutation_id AS id, state FROM hub_queue')
        .all();
      const { rows } = await pool.query<{ id: string; after: boolean; ok: boolean }>(
        `SELECT m.mutation_id AS id, m.applied_at > d.revoked_at AS after, (m.result->>'ok')::boolean AS ok
         FROM mutations m JOIN devices d ON d.id = m.device_id WHERE d.id = $1`,
        [id],
      );
      const onHub = new Set(rows.map((r) => Number(r.id)));
      const report = {
        answeredBefore: rows.filter((r) => !r.after).length,
        kept: local.filter((m) => m.state === 'pending').length,
        appliedAfter: rows.filter((r) => r.after && r.ok).length,
        saysRevoked: ws.syncStatus().revoked,
        lost: local.filter((m) => m.state !== 'pending' && !onHub.has(m.id)).length,
      };
      dispose();
      return report;
    },
    dispose,
  };
}
export type StolenDesk = Awaited<ReturnType<typeof stolenDesk>>;
