import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  describeFailure,
  headerSafe,
  nextAttempt,
  DEFAULT_RETRY_POLICY,
} from '../../main/portal/mail/retry-policy';
import { fitsRelay, isLoopbackHost, mailSettingsSchema } from '../../preload/contract/schemas/mail-settings';

describe('failure classification', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'transient'],
    [{ code: 'ETIMEDOUT', message: 'timeout' }, 'transient'],
    [{ code: 'ESOCKET', message: 'socket closed' }, 'transient'],
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND' }, 'transient'],
    [{ code: 'EAUTH', responseCode: 535, message: 'auth failed' }, 'permanent'],
    [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'permanent'],
    [{ responseCode: 421, message: 'Service not available' }, 'transient'],
    [{ responseCode: 451, message: 'Try again later' }, 'transient'],
    [{ responseCode: 452, message: 'Insufficient storage' }, 'transient'],
    [{ responseCode: 550, message: 'Mailbox unavailable' }, 'permanent'],
    [{ responseCode: 552, message: 'Message too large' }, 'permanent'],
    [{ responseCode: 554, message: 'Transaction failed' }, 'permanent'],
  ])('%j is %s', (failure, kind) => {
    expect(classifyFailure(failure)).toBe(kind);
  });

  it("keeps the server's words, on one line", () => {
    expect(
      describeFailure({ responseCode: 550, response: '550 5.1.1 <x@y>:\r\n Recipient unknown', message: 'x' }),
    ).toBe('550 5.1.1 <x@y>: Recipient unknown');
  });
});

describe('retry schedule', () => {
  const queued = new Date('2026-11-29T00:00:00Z');
  const at = (ms: number) => new Date(queued.getTime() + ms);

  it('starts at about a minute and doubles, with ±50 % jitter', () => {
    const delay = (attempts: number, r: number) => {
      const next = nextAttempt(attempts, queued, queued, DEFAULT_RETRY_POLICY, () => r);
      return 'retryAt' in next ? next.retryAt.getTime() - queued.getTime() : -1;
    };
    expect(delay(1, 0.5)).toBe(60_000);
    expect(delay(1, 0)).toBe(30_000);
    expect(delay(1, 0.999)).toBe(Math.round(60_000 * 1.499));
    expect(delay(2, 0.5)).toBe(120_000);
    expect(delay(5, 0.5)).toBe(960_000);
    expect(delay(30, 0.5)).toBe(6 * 3_600_000); // capped
  });

  it('gives up past the horizon of days', () => {
    expect(nextAttempt(40, queued, at(4 * 86_400_000), DEFAULT_RETRY_POLICY, () => 0.5)).toHaveProperty('retryAt');
    expect(nextAttempt(40, queued, at(5 * 86_400_000), DEFAULT_RETRY_POLICY, () => 0.5)).toEqual({ giveUp: true });
  });

  it('spreads retries of messages that failed together', () => {
    const times = new Set(
      Array.from({ length: 50 }, () => {
        const next = nextAttempt(3, queued, queued);
        return 'retryAt' in next ? next.retryAt.getTime() : 0;
      }),
    );
    expect(times.size).toBeGreaterThan(40);
  });
});

describe('headers and relay limits', () => {
  it.each(['a\r\nBcc: x@y', 'a\nb', 'a\rb', 'a\u2028b'])('keeps line breaks out of a header: %j', (value) => {
    expect(headerSafe(value)).not.toMatch(/[\r\n\u2028]/);
  });

  it('counts base64 growth when checking an attachment against the relay limit', () => {
    expect(fitsRelay(7_000_000, 10 * 1024 * 1024)).toBe(true);
    expect(fitsRelay(8_000_000, 10 * 1024 * 1024)).toBe(false);
  });

  it('requires TLS except to a relay on this machine', () => {
    const base = {
      assistanceAddress: 'a@b.example',
      fromAddress: 'c@d.example',
      port: 25,
      user: '',
      maxMessageBytes: 10_000_000,
    };
    expect(mailSettingsSchema.safeParse({ ...base, host: '127.0.0.1', security: 'none' }).success).toBe(true);
    expect(mailSettingsSchema.safeParse({ ...base, host: 'localhost', security: 'none' }).success).toBe(true);
    const remote = mailSettingsSchema.safeParse({ ...base, host: 'smtp.example.com', security: 'none' });
    expect(remote.success).toBe(false);
    expect(remote.error?.issues[0]?.message).toBe('security.tls-required');
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});
