// Requests that wait, through the hub (real HTTP, real PostgreSQL, one test clock for the hub
// and both workstations): the hub takes a supplier's reminder after 5 working days and shows it
// in the desks' queue, refuses one the desk made needless meanwhile, expires a request left
// waiting for its sender for 30 days, and takes its reopening once.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeskQueueItem, RequestView } from '../../preload/contract/help';
import { registerDevice } from '../../main/hub/devices';
import { createSecretBox } from '../../main/hub/mail';
import { hubServices } from '../../main/hub/services';
import { deskSession, testClock, testCore } from '../fixtures/core';
import { noKeychain } from '../fixtures/keychain-available';
import { helpRequest, useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();
const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(noKeychain)('requests that wait, through the hub', () => {
  it('a reminder reaches every desk once; one the desk made needless is refused; 30 days waiting for the sender expire it; it is reopened once', async () => {
    const clock = testClock('2026-11-30T09:00:00Z'); // a Monday, for the hub and both PCs
    const services = hubServices({
      box: createSecretBox(randomBytes(32)),
      assistanceAddress: 'assistance@b2b-portal.example',
      now: clock.now,
    });
    const { own, server, url } = await linked.own(services);
    const supplier = testCore({ hub: { url }, now: clock.now });
    const desk = testCore({ hub: { url, deskToken: (await registerDevice(own, 'desk')).token }, now: clock.now });
    try {
      const sent = await supplier.router.call('submitHelpRequest', helpRequest('Nobody answers my question.'));
      const reference = (sent as { value: { reference: string } }).value.reference;
      await supplier.syncNow();
      await desk.syncNow();
      const mine = async () =>
        ((await supplier.router.call('myRequests', {})) as { value: { requests: RequestView[] } }).value.requests.find(
          (r) => r.reference === reference,
        )!;
      const queued = async () =>
        (
          (await desk.router.call('deskQueue', { session: await deskSession(desk) })) as {
            value: { items: DeskQueueItem[] };
          }
        ).value.items.find((i) => i.reference === reference)!;
      expect(await mine()).toMatchObject({ progress: 'with-desk', reminder: { reason: 'reminder.too-early' } });

      clock.advance(7 * DAY);
      const twice = await Promise.all([1, 2].map(() => supplier.router.call('remindRequest', { reference })));
      expect(twice.map((r) => r.ok).sort()).toEqual([false, true]);
      await supplier.syncNow();
      await desk.syncNow();
      expect(await queued()).toMatchObject({ reminders: 1, lastReminderAt: '2026-12-07T09:00:00.000Z' });
      const hubReminders = await own.query('SELECT count(*)::int AS n FROM request_reminders WHERE reference = $1', [
        reference,
      ]);
      expect(hubReminders.rows[0]).toEqual({ n: 1 });
      const mail = await own.query(`SELECT to_address, subject FROM outbox WHERE kind = 'reminder'`);
      expect(mail.rows).toEqual([
        {
          to_address: 'assistance@b2b-portal.example',
          subject: `[${reference}] Reminder: a request waits for an answer`,
        },
      ]);
      expect((await mine()).reminders).toEqual([{ at: '2026-12-07T09:00:00.000Z', refused: null }]);

      // Five days on, the desk asks the supplier a question; the supplier's PC, not synced yet,
      // still offers a reminder: the hub refuses it, and My requests says the desk waits for them.
      clock.advance(5 * DAY);
      const asked = await desk.router.call('deskSetState', {
        session: await deskSession(desk),
        reference,
        state: 'waiting-supplier',
        assignToMe: true,
      });
      expect(asked.ok).toBe(true);
      await desk.syncNow();
      expect((await supplier.router.call('remindRequest', { reference })).ok).toBe(true);
      await supplier.syncNow();
      expect(await mine()).toMatchObject({
        progress: 'waiting-you',
        expiresAt: '2027-01-11T09:00:00.000Z',
        reminders: [
          { at: '2026-12-07T09:00:00.000Z', refused: null },
          { at: '2026-12-12T09:00:00.000Z', refused: 'reminder.not-waiting' },
        ],
      });
      expect(await queued()).toMatchObject({ reminders: 1 });

      // 30 days without the supplier's answer: the hub expires it at the next pull.
      clock.advance(30 * DAY);
      await desk.syncNow();
      await supplier.syncNow();
      expect(await queued()).toMatchObject({ deskState: 'done', expiredAt: '2027-01-11T09:00:00.000Z' });
      expect(await mine()).toMatchObject({ progress: 'expired', expiredAt: '2027-01-11T09:00:00.000Z' });

      const reopened = await Promise.all([1, 2].map(() => supplier.router.call('reopenRequest', { reference })));
      expect(reopened.map((r) => r.ok).sort()).toEqual([false, true]);
      await supplier.syncNow();
      await desk.syncNow();
      const onHub = await own.query('SELECT desk_state, expired_at FROM requests WHERE reference = $1', [reference]);
      expect(onHub.rows[0]).toEqual({ desk_state: 'new', expired_at: null });
      expect(await queued()).toMatchObject({ deskState: 'new', expiredAt: null });
      expect(await mine()).toMatchObject({ progress: 'with-desk', expiredAt: null });
      const history = (await desk.router.call('deskRequest', { session: await deskSession(desk), reference })) as {
        value: { history: Array<{ what: string }> };
      };
      expect(history.value.history.map((h) => h.what)).toEqual(
        expect.arrayContaining(['request-reminded', 'request-expired', 'request-reopened']),
      );
    } finally {
      supplier.dispose();
      desk.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});
