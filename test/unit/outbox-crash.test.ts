// At-least-once delivery across crashes: the delivering process is killed with SIGKILL at
// random moments while it sends 200 messages, at least 20 times (npm run bench does 10,000 and
// 400). Nothing may be lost, every message must end in a final state, the store must pass
// integrity_check after every restart, and duplicates may not outnumber the kills.
import { describe, expect, it } from 'vitest';
import { buildDeliverCli, crashRun } from '../fixtures/crash-run';
import { tempDir } from '../fixtures/core';

describe('outbox crash drill', () => {
  it('loses nothing when the delivering process is killed 20 times', async () => {
    const dir = tempDir('portal-crash-');
    try {
      const cli = await buildDeliverCli(dir.path);
      const report = await crashRun({ dataDir: `${dir.path}/data`, cli, items: 200, minKills: 20, maxPauseMs: 4 });
      expect(report.kills).toBeGreaterThanOrEqual(20);
      expect(report.missing).toBe(0);
      expect(report.unique).toBe(200);
      expect(report.notFinal).toBe(0);
      expect(report.integrityFailures).toBe(0);
      expect(report.received - report.unique).toBeLessThanOrEqual(report.kills);
    } finally {
      dir.remove();
    }
  }, 120_000);
});
