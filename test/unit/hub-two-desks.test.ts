// Two desk workstations linked to one hub, over real HTTP and a real PostgreSQL, deciding the
// same request before either syncs: once both have synced, both queues show the hub's truth
// (the winner's decision and the winner as the request's assignee), not each desk's own.
import { describe, expect, it } from 'vitest';
import { registerDevice } from '../../main/hub/devices';
import type { DeskQueue } from '../../preload/contract/help';
import { deskSession, testCore } from '../fixtures/core';
import { testAgentOnHub } from '../fixtures/hub-agent';
import { noKeychain } from '../fixtures/keychain-available';
import { accessRequest } from '../fixtures/hub-mutations';
import { useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();
const OTHER_AGENT = { username: 'desk.other', password: 'another desk agent passphrase' };

describe.skipIf(noKeychain)('two desks, one request', () => {
  it("after both desks decided one request and synced, both queues show the winner's decision and agent", async () => {
    const { own, server, url } = await linked.own();
    await testAgentOnHub(own, OTHER_AGENT);
    const supplier = testCore({ hub: { url } });
    const desks = [
      testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } }),
      testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token } }),
    ] as const;
    try {
      await supplier.syncNow(); // the hub's directory first: a linked PC has none of its own
      const sent = await supplier.router.call('submitAccessRequest', accessRequest('A10002').args.payload);
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      for (const desk of desks) await desk.syncNow();
      const sessions = [await deskSession(desks[0]), await deskSession(desks[1], OTHER_AGENT)];

      // Each desk decides before it syncs again: desk.test validates, desk.other rejects.
      const decided = await Promise.all([
        desks[0].router.call('deskDecide', {
          session: sessions[0]!,
          reference,
          decision: { kind: 'validate-access' },
        }),
        desks[1].router.call('deskDecide', {
          session: sessions[1]!,
          reference,
          decision: { kind: 'reject-access', reason: 'Not the registered legal representative.' },
        }),
      ]);
      expect(decided.map((d) => d.ok)).toEqual([true, true]);
      await desks[0].syncNow(); // the first to reach the hub wins
      await desks[1].syncNow();
      expect(desks[1].syncStatus()).toMatchObject({ online: true, pending: 0, refused: 1 });

      for (const [i, desk] of desks.entries()) {
        const queue = (await desk.router.call('deskQueue', { session: sessions[i]! })) as { value: DeskQueue };
        const item = queue.value.items.find((r) => r.reference === reference);
        expect(item, `desk ${i}`).toMatchObject({ deskState: 'done', assignee: 'desk.test' });
        const view = (await desk.router.call('deskRequest', { session: sessions[i]!, reference })) as {
          value: { decision: { what: string; by: string } | null };
        };
        expect(view.value.decision, `desk ${i}`).toMatchObject({ what: 'validated', by: 'desk.test' });
      }
    } finally {
      supplier.dispose();
      for (const desk of desks) desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});
