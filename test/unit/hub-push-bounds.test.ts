// Nothing a person sends from a linked workstation may hold its queue for ever. Two requests
// with large screenshots typed offline were pushed together, over the hub's 8 MB limit: the hub
// refused the push as a whole (413), the workstation retried the same push for ever, and every
// request behind them waited. Now a push is cut to fit, and a screenshot that could never fit in
// one is refused on the form. Real HTTP, real PostgreSQL, the real keychain.
import { describe, expect, it } from 'vitest';
import type { RequestView } from '../../preload/contract/help';
import { fitsOnePush, HUB_MAX_BODY_BYTES, MAX_ATTACHMENT_THROUGH_HUB } from '../../main/hub-protocol/limits';
import { testCore } from '../fixtures/core';
import { png } from '../fixtures/files';
import { noKeychain } from '../fixtures/keychain-available';
import { helpRequest, useLinkedHub } from '../fixtures/linked-hub';

const linked = useLinkedHub();

/** A PNG of about `mb` megabytes that does not compress (random pixels). */
const largePng = (mb: number) => png(1000, Math.round((mb * 1024 * 1024) / 3000), undefined, true);

const withScreenshot = (message: string, bytes: Buffer) => ({
  ...helpRequest(message),
  screenshot: { fileName: 'screen.png', contentBase64: bytes.toString('base64') },
});

describe('the size of what a linked workstation pushes', () => {
  it('one attachment that fits is the rule both ends share', () => {
    expect(fitsOnePush(MAX_ATTACHMENT_THROUGH_HUB)).toBe(true);
    expect(fitsOnePush(MAX_ATTACHMENT_THROUGH_HUB + 4)).toBe(false);
    expect(Math.ceil(MAX_ATTACHMENT_THROUGH_HUB / 3) * 4).toBeLessThan(HUB_MAX_BODY_BYTES);
  });

  it.skipIf(noKeychain)(
    'two 4 MB screenshots typed offline and a request behind them all reach the hub once it answers',
    async () => {
      await linked.stop();
      const core = testCore({ hub: { url: linked.url } });
      try {
        const sent = [
          await core.router.call('submitHelpRequest', withScreenshot('first large', largePng(4))),
          await core.router.call('submitHelpRequest', withScreenshot('second large', largePng(4))),
          await core.router.call('submitHelpRequest', helpRequest('small one behind them')),
        ];
        expect(sent.map((s) => s.ok)).toEqual([true, true, true]);
        await core.syncNow(); // the hub is down: nothing leaves, nothing is lost
        await linked.start();
        await core.syncNow();
        const mine = ((await core.router.call('myRequests', {})) as { value: { requests: RequestView[] } }).value
          .requests;
        expect(mine.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
        const { rows } = await linked.pool.query<{ message: string }>(
          `SELECT payload->>'message' AS message FROM requests WHERE payload->>'message' IN ('first large', 'second large', 'small one behind them') ORDER BY received_at, reference`,
        );
        expect(rows.map((r) => r.message)).toEqual(['first large', 'second large', 'small one behind them']);
      } finally {
        core.dispose();
        await linked.start();
      }
    },
    60_000,
  );

  it.skipIf(noKeychain)(
    'a screenshot that could never fit in one push is refused on the form of a linked PC, not queued',
    async () => {
      await linked.start();
      const core = testCore({ hub: { url: linked.url } });
      const standalone = testCore();
      try {
        const shot = largePng(6);
        const answer = await core.router.call('submitHelpRequest', withScreenshot('too large', shot));
        expect(answer).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', fields: { screenshot: 'screenshot.too-large-for-hub' } },
        });
        expect(core.db.prepare('SELECT count(*) FROM hub_queue').pluck().get()).toBe(0);
        // A standalone PC sends it by e-mail, within the relay's limit (10 MB by default).
        expect((await standalone.router.call('submitHelpRequest', withScreenshot('by mail', shot))).ok).toBe(true);
      } finally {
        core.dispose();
        standalone.dispose();
      }
    },
    60_000,
  );
});
