// Outbox figures for `npm run bench`: the crash drill at full size, and delivery throughput
// next to plain nodemailer sending the same messages to the same loopback server.
import nodemailer from 'nodemailer';
import { join } from 'node:path';
import { startCore } from '../../main/core';
import { recipientAddress } from '../../main/portal/mail/recipients';
import { RESOURCES_DIR, tempDir, useRelay } from '../fixtures/core';
import { buildDeliverCli, crashRun, type CrashReport } from '../fixtures/crash-run';
import { loopbackSettings, startSmtp } from '../fixtures/smtp';

export async function benchCrashDrill(items: number, kills: number): Promise<CrashReport> {
  const dir = tempDir('portal-bench-crash-');
  try {
    const cli = await buildDeliverCli(dir.path);
    return await crashRun({ dataDir: join(dir.path, 'data'), cli, items, minKills: kills, maxPauseMs: 15 });
  } finally {
    dir.remove();
  }
}

export async function benchThroughput(items: number): Promise<{ oursPerSecond: number; plainPerSecond: number }> {
  const dir = tempDir('portal-bench-mail-');
  const smtp = await startSmtp({ parse: false });
  const core = startCore({
    dataDir: dir.path,
    resourcesDir: RESOURCES_DIR,
    mode: 'web',
    loadDemo: false,
    version: 'bench',
    deliver: false,
    keychainService: `B2B Portal bench ${process.pid}`,
  });
  try {
    const settings = loopbackSettings(smtp.port);
    await useRelay(core, settings);
    const queue = async (count: number) => {
      for (let i = 0; i < count; i++)
        await core.router.call('submitHelpRequest', {
          purpose: 'technical',
          message: `Bench message ${i}`,
          name: 'Bench',
          company: 'Bench Co',
          email: 'bench@example.com',
          phone: '+33 1 00 00 00 00',
          lang: 'en',
        });
      return core.db
        .prepare(
          `SELECT to_address AS "to", subject, body_text AS text, html_body AS html, message_id AS messageId FROM outbox WHERE state = 'queued'`,
        )
        .all() as Array<{ to: string; subject: string; text: string; html: string; messageId: string }>;
    };
    const deliverAll = async () => {
      for (let round = await core.deliverNow(); round.sent > 0; round = await core.deliverNow());
    };
    const plain = nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
    // The same messages to the same addresses: the assistance is resolved as delivery does.
    const sendPlain = async (messages: Awaited<ReturnType<typeof queue>>) => {
      for (const m of messages)
        await plain.sendMail({ ...m, from: settings.fromAddress, to: recipientAddress(m.to, settings) });
    };

    // Both warmed up first (connections open, code compiled), so neither pays for it in the figure.
    const warm = await queue(Math.min(200, items));
    await deliverAll();
    await sendPlain(warm);

    // Then ours and the baseline in turn, three rounds of a third each, the best rate of each kept.
    let ours = 0;
    let baseline = 0;
    const perRound = Math.ceil(items / 3);
    for (let round = 0; round < 3; round++) {
      const messages = await queue(perRound);
      let t0 = process.hrtime.bigint();
      await deliverAll();
      ours = Math.max(ours, perRound / (Number(process.hrtime.bigint() - t0) / 1e9));
      t0 = process.hrtime.bigint();
      await sendPlain(messages);
      baseline = Math.max(baseline, perRound / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
    plain.close();
    return { oursPerSecond: ours, plainPerSecond: baseline };
  } finally {
    core.close();
    await smtp.stop();
    dir.remove();
  }
}
