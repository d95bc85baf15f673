// Delivery to a real SMTP server on loopback: content, Message-ID, attachments, a relay that is
// down, a relay that refuses, oversized screenshots and header injection.
import { afterEach, describe, expect, it } from 'vitest';
import { noKeychain } from '../fixtures/keychain-available';
import { png } from '../fixtures/files';
import { DEMO, testClock, testCore, useRelay } from '../fixtures/core';
import { loopbackSettings, startSmtp, type TestSmtp } from '../fixtures/smtp';
import { readPragmas } from '../../main/store/database';

let core: ReturnType<typeof testCore>;
let smtp: TestSmtp | null = null;
afterEach(async () => {
  core.dispose();
  await smtp?.stop().catch(() => {});
  smtp = null;
});

const call = (method: string, payload: unknown) => core.router.call(method, payload);
const help = (over: Record<string, unknown> = {}) => ({
  purpose: 'technical',
  message: 'The analysis button does nothing.\nSee the screenshot.',
  name: 'Rita Sousa',
  company: 'Lost Parts Lda',
  email: 'rita@lost-parts.example',
  phone: '+351 22 000 0000',
  login: 'V100002',
  cofor: 'A10001',
  lang: 'en',
  ...over,
});
const reference = (r: unknown) => (r as { value: { reference: string } }).value.reference;
const requests = async () =>
  (
    (await call('myRequests', {})) as {
      value: {
        requests: Array<{
          reference: string;
          state: string;
          lastError: string | null;
          events: Array<{ state: string }>;
        }>;
      };
    }
  ).value.requests;

describe('delivering a help request', () => {
  it('arrives with the reference in the subject, the text, its Message-ID and a byte-identical screenshot', async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    const screenshot = png(64, 48);
    const submitted = await call(
      'submitHelpRequest',
      help({ screenshot: { fileName: 'whatever.png', contentBase64: screenshot.toString('base64') } }),
    );
    expect(submitted).toMatchObject({ ok: true, value: { reference: expect.stringMatching(/^HLP-/) } });
    const ref = reference(submitted);
    expect(await core.deliverNow()).toMatchObject({ sent: 1, failed: 0 });

    const [message] = smtp.received;
    expect(message!.mail.subject).toBe(`[${ref}] Help request`);
    expect(message!.envelopeTo).toEqual(['assistance@b2b-portal.example']);
    expect(message!.mail.text).toContain('The analysis button does nothing.');
    expect(message!.mail.text).toContain('Rita Sousa');
    expect(message!.mail.html).toContain('<h1');
    const stored = core.db.prepare('SELECT message_id FROM outbox').pluck().get();
    expect(message!.messageId).toBe(stored);
    expect(message!.mail.attachments).toHaveLength(1);
    expect(message!.mail.attachments[0]!.contentType).toBe('image/png');
    expect(Buffer.compare(message!.mail.attachments[0]!.content, screenshot)).toBe(0);

    const [request] = await requests();
    expect(request).toMatchObject({ reference: ref, state: 'sent' });
    expect(request!.events.map((e) => e.state)).toEqual(['saved', 'queued', 'sent']);
  });

  it('records each outcome with the next claim, and leaves the store at synchronous=FULL for everything else', async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    for (let i = 0; i < 5; i++) await call('submitHelpRequest', help({ message: `Message ${i}` }));
    expect(await core.deliverNow()).toMatchObject({ sent: 5, failed: 0, postponed: 0 });
    expect(smtp.received).toHaveLength(5);
    expect(core.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()).toEqual([
      { state: 'sent', n: 5 },
    ]);
    expect(readPragmas(core.db)).toMatchObject({ synchronous: 2 });
  });

  it('writes the e-mail in French for a French sender', async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    const ref = reference(await call('submitHelpRequest', help({ lang: 'fr' })));
    await core.deliverNow();
    expect(smtp.received[0]!.mail.subject).toBe(`[${ref}] Demande d'aide`);
    expect(smtp.received[0]!.mail.text).toContain('Référence');
  });
});

describe('when the relay is down or refuses', () => {
  it('waits while the server is down, and arrives once it is back', async () => {
    smtp = await startSmtp();
    const port = smtp.port;
    await smtp.stop();
    const clock = testClock();
    core = testCore({ now: clock.now });
    await useRelay(core, loopbackSettings(port));
    const ref = reference(await call('submitHelpRequest', help()));
    expect(await core.deliverNow()).toMatchObject({ sent: 0, postponed: 1, online: false });
    expect(await call('outboxStatus', {})).toMatchObject({
      ok: true,
      value: { waiting: 1, online: false, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) },
    });
    expect((await requests())[0]).toMatchObject({ state: 'queued', lastError: expect.any(String) });

    smtp = await startSmtp({ port });
    expect(await core.deliverNow()).toMatchObject({ sent: 0 }); // not due yet: it backs off
    clock.advance(5 * 60_000);
    expect(await core.deliverNow()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.mail.subject).toContain(ref);
    expect(await core.deliverNow()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("marks a 5xx answer failed with the server's words, keeps sending the others, and retries on request", async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    smtp.answer = (raw) =>
      raw.includes('POISON') ? { code: 554, message: 'Message rejected: policy violation' } : null;
    const bad = reference(await call('submitHelpRequest', help({ message: 'POISON pill' })));
    const good1 = reference(await call('submitHelpRequest', help({ message: 'first good one' })));
    const good2 = reference(await call('submitHelpRequest', help({ message: 'second good one' })));
    expect(await core.deliverNow()).toMatchObject({ sent: 2, failed: 1 });
    expect(smtp.received.map((r) => r.mail.subject)).toEqual([`[${good1}] Help request`, `[${good2}] Help request`]);
    const failed = (await requests()).find((r) => r.reference === bad)!;
    expect(failed).toMatchObject({ state: 'failed', lastError: expect.stringContaining('policy violation') });

    smtp.answer = () => null;
    expect(await call('retryRequest', { reference: bad })).toMatchObject({ ok: true, value: { requeued: 1 } });
    await core.deliverNow();
    expect((await requests()).find((r) => r.reference === bad)).toMatchObject({ state: 'sent' });
  });

  it('retries a 4xx answer later instead of failing', async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    smtp.answer = () => ({ code: 451, message: 'Try again later' });
    await call('submitHelpRequest', help());
    expect(await core.deliverNow()).toMatchObject({ postponed: 1, failed: 0, online: true });
    expect((await requests())[0]).toMatchObject({
      state: 'queued',
      lastError: expect.stringContaining('Try again later'),
    });
  });
});

describe('screenshots and headers', () => {
  it('refuses a screenshot that would not fit the relay, before anything is queued', async () => {
    core = testCore();
    await useRelay(core, loopbackSettings(2525, { maxMessageBytes: 200_000 }));
    const big = png(200, 200, undefined, true); // about 120 kB of noise: 165 kB once in base64, over the limit with headers
    expect(big.length).toBeGreaterThan(110_000);
    const result = await call(
      'submitHelpRequest',
      help({ screenshot: { fileName: 's.png', contentBase64: big.toString('base64') } }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: { screenshot: 'screenshot.too-large' },
        message: expect.stringContaining('limit'),
      },
    });
    expect(core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    // None but the demo's own request (A10003's, in the desk's queue).
    expect(core.db.prepare(`SELECT count(*) FROM submissions WHERE kind = 'help'`).pluck().get()).toBe(0);
    const small = png(100, 100, undefined, true);
    expect(
      (
        await call(
          'submitHelpRequest',
          help({ screenshot: { fileName: 's.png', contentBase64: small.toString('base64') } }),
        )
      ).ok,
    ).toBe(true);
  });

  it('refuses a screenshot that is not a PNG or JPEG, whatever its name', async () => {
    core = testCore();
    const result = await call(
      'submitHelpRequest',
      help({ screenshot: { fileName: 'shot.png', contentBase64: Buffer.from('%PDF-1.4\n%%EOF').toString('base64') } }),
    );
    expect(result).toMatchObject({ ok: false, error: { fields: { screenshot: 'screenshot.type' } } });
  });

  it('keeps CR/LF typed by a person out of the headers', async () => {
    smtp = await startSmtp();
    core = testCore();
    await useRelay(core, loopbackSettings(smtp.port));
    await call('submitHelpRequest', help({ name: 'Eve\r\nBcc: victim@evil.example', company: 'X\nSubject: hijacked' }));
    await core.deliverNow();
    const [message] = smtp.received;
    expect(message!.envelopeTo).toEqual(['assistance@b2b-portal.example']);
    expect(message!.mail.bcc).toBeUndefined();
    expect(message!.mail.subject).toMatch(/^\[HLP-\d{8}-\w{6}\] Help request$/);
    const headerBlock = message!.raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(headerBlock).not.toContain('hijacked');
  });
});

describe('a temporary password e-mail', () => {
  it.skipIf(noKeychain)(
    'gets its secret from the keychain at delivery, and the keychain entry goes once sent',
    async () => {
      smtp = await startSmtp();
      core = testCore();
      await useRelay(core, loopbackSettings(smtp.port));
      await call('forgotPassword', {
        login: DEMO.plsa.login,
        email: DEMO.plsa.email,
        cofor: DEMO.plsa.cofor,
        lang: 'en',
      });
      const ref = core.db
        .prepare("SELECT secret_ref FROM outbox WHERE kind = 'temporary-password'")
        .pluck()
        .get() as string;
      const secret = await core.secrets.get(ref);
      await core.deliverNow();
      const mail = smtp.received.find((r) => r.envelopeTo.includes(DEMO.plsa.email))!;
      expect(mail.mail.text).toContain(secret!);
      expect(mail.mail.text).not.toContain('{{secret}}');
      expect(await core.secrets.get(ref)).toBeNull();
    },
  );
});
