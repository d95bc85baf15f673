// The small sync chaos drill in `npm test` (the full one: `npm run chaos`): the hub SIGKILLed and
// links cut or losing the hub's answers while a supplier and two desks write; at the end nothing
// is lost, nothing applied twice, and every replica equals the hub. It needs the built hub
// (`dist/main/hub.cjs`, made by `npm test` before the unit tests) and the keychain.
import { describe, expect, it } from 'vitest';
import { runChaosDrill } from '../chaos/drill';
import { noKeychain } from '../fixtures/keychain-available';

describe.skipIf(noKeychain)('the sync chaos drill, small', () => {
  it('150 mutations, the hub killed 4 times: 0 lost, 0 applied twice, every replica equal to the hub', async () => {
    const report = await runChaosDrill({ mutations: 150, kills: 4 });
    const seed = `seed ${report.seed}`; // replay a failure with CHAOS_SEED
    expect(report.mutations.total, seed).toBeGreaterThanOrEqual(150);
    expect(report.kills, seed).toBeGreaterThanOrEqual(4);
    expect({ lost: report.lost, appliedTwice: report.appliedTwice }, seed).toEqual({ lost: 0, appliedTwice: 0 });
    expect(report.otherRefusals, seed).toEqual([]);
    expect(report.poisonRefused, seed).toBe(1); // a NUL in a queued request: refused alone, the queue drained
    expect(report.mismatches, seed).toEqual([]);
    expect(report.integrity, seed).toEqual([]);
    // The desk PC revoked halfway: refused since (its header says so), nothing of it applied after.
    expect(report.stolen, seed).toMatchObject({ appliedAfter: 0, lost: 0, saysRevoked: true });
    // The replicas hold what the hub holds, not nothing: the drill's requests are there.
    expect(report.digests.replicas['desk-1']!['requests']).toBe(report.digests.hub['requests']);
  }, 180_000);
});
