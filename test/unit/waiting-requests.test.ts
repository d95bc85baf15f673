// Requests that wait, on a standalone workstation: a reminder after 5 working days (once per 5
// days), the desk's queue showing it, expiry after 30 days waiting for the sender, reopening.
// Real store, real SMTP server on loopback, time moved by a test clock.
import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays, reminderRule } from '../../main/portal/requests/waiting';
import { deskSession, testClock, testCore, useRelay } from '../fixtures/core';
import { guidesFound } from '../fixtures/help-search';
import { loopbackSettings, startSmtp, type TestSmtp } from '../fixtures/smtp';

const DAY = 24 * 60 * 60 * 1000;
let core: ReturnType<typeof testCore> | undefined;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  core?.dispose();
  await smtp?.stop().catch(() => {});
  core = smtp = undefined;
});

describe('the reminder rule', () => {
  it('counts working days, Monday to Friday', () => {
    expect(addWorkingDays(new Date('2026-12-04T10:00:00Z'), 5).toISOString()).toBe('2026-12-11T10:00:00.000Z'); // Fri -> Fri
    expect(addWorkingDays(new Date('2026-12-05T10:00:00Z'), 5).toISOString()).toBe('2026-12-11T10:00:00.000Z'); // Sat -> Fri
    expect(addWorkingDays(new Date('2026-12-07T10:00:00Z'), 1).toISOString()).toBe('2026-12-08T10:00:00.000Z');
  });
  it('says why not, and from when', () => {
    const receivedAt = '2026-11-30T09:00:00.000Z';
    const at = (iso: string) => new Date(iso);
    expect(reminderRule({ receivedAt: null, waitingForDesk: true, lastReminderAt: null }, at(receivedAt))).toEqual({
      allowed: false,
      reason: 'reminder.not-received',
      from: null,
    });
    expect(
      reminderRule({ receivedAt, waitingForDesk: true, lastReminderAt: null }, at('2026-12-07T08:59:00Z')),
    ).toEqual({ allowed: false, reason: 'reminder.too-early', from: '2026-12-07T09:00:00.000Z' });
    expect(
      reminderRule({ receivedAt, waitingForDesk: true, lastReminderAt: null }, at('2026-12-07T09:00:00Z')),
    ).toEqual({ allowed: true });
    const last = '2026-12-07T09:00:00.000Z';
    expect(
      reminderRule({ receivedAt, waitingForDesk: true, lastReminderAt: last }, at('2026-12-11T09:00:00Z')),
    ).toEqual({ allowed: false, reason: 'reminder.too-soon', from: '2026-12-12T09:00:00.000Z' });
    expect(
      reminderRule({ receivedAt, waitingForDesk: false, lastReminderAt: null }, at('2027-01-01T00:00:00Z')),
    ).toMatchObject({ allowed: false, reason: 'reminder.not-waiting' });
  });
});

type Mine = {
  reference: string;
  progress: string | null;
  expiresAt: string | null;
  expiredAt: string | null;
  reminders: Array<{ at: string }>;
  reminder: { allowed: boolean; reason: string | null; from: string | null };
};

async function standalone() {
  smtp = await startSmtp();
  const clock = testClock('2026-11-30T09:00:00Z'); // a Monday
  core = testCore({ now: clock.now });
  await useRelay(core!, loopbackSettings(smtp!.port));
  const call = async <T>(method: string, payload: unknown) => {
    const r = await core!.router.call(method, payload);
    return r as
      | { ok: true; value: T }
      | { ok: false; error: { code: string; fields?: Record<string, string>; details?: Record<string, string> } };
  };
  const sent = await call<{ reference: string }>('submitHelpRequest', {
    purpose: 'technical',
    message: 'The analysis button does nothing.',
    name: 'Rita Sousa',
    company: 'Lost Parts Lda',
    email: 'rita@lost-parts.example',
    phone: '+351 22 000 0000',
    login: '',
    cofor: '',
    lang: 'en',
  });
  if (!sent.ok) throw new Error(JSON.stringify(sent.error));
  await core!.deliverNow();
  const reference = sent.value.reference;
  const mine = async (): Promise<Mine> => {
    const r = await call<{ requests: Mine[] }>('myRequests', {});
    if (!r.ok) throw new Error('myRequests failed');
    return r.value.requests.find((x) => x.reference === reference)!;
  };
  // An agent's session lasts hours: each desk step, days later, logs in again.
  const session = () => deskSession(core!);
  const queueItem = async () => {
    const r = await call<{ items: Array<Record<string, unknown>> }>('deskQueue', { session: await session() });
    if (!r.ok) throw new Error('deskQueue failed');
    return r.value.items.find((x) => x['reference'] === reference)!;
  };
  return { clock, call, reference, mine, session, queueItem };
}

describe('a request waiting for the desk', () => {
  it('offers a reminder after 5 working days; of two at once one is sent, and the next waits 5 days', async () => {
    const { clock, call, reference, mine, queueItem } = await standalone();
    expect(await mine()).toMatchObject({
      progress: 'with-desk',
      reminder: { allowed: false, reason: 'reminder.too-early', from: '2026-12-07T09:00:00.000Z' },
    });
    const early = await call('remindRequest', { reference });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { reference: 'reminder.too-early' } },
    });

    clock.advance(7 * DAY); // Monday again: 5 working days
    expect((await mine()).reminder).toEqual({ allowed: true, reason: null, from: null });
    const [a, b] = await Promise.all([call('remindRequest', { reference }), call('remindRequest', { reference })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a) as unknown).toMatchObject({
      ok: false,
      error: { fields: { reference: 'reminder.too-soon' } },
    });
    expect((await mine()).reminders).toHaveLength(1);
    expect(await queueItem()).toMatchObject({ reminders: 1, lastReminderAt: '2026-12-07T09:00:00.000Z', ageDays: 7 });

    await core!.deliverNow();
    const reminder = smtp!.received.find((m) => m.mail.subject?.includes('Reminder'));
    expect(reminder?.mail.subject).toBe(`[${reference}] Reminder: a request waits for an answer`);
    expect(reminder?.mail.text).toContain('2026-11-30');
    expect(reminder?.envelopeTo).toEqual(['assistance@b2b-portal.example']);

    clock.advance(4 * DAY);
    const tooSoon = await call('remindRequest', { reference });
    expect(tooSoon).toMatchObject({
      ok: false,
      error: { fields: { reference: 'reminder.too-soon' }, details: { from: '2026-12-12T09:00:00.000Z' } },
    });
    clock.advance(DAY);
    expect(await call('remindRequest', { reference })).toMatchObject({ ok: true });
    expect(await queueItem()).toMatchObject({ reminders: 2 });
  });

  it('a request still on its way to the assistance cannot be reminded', async () => {
    smtp = await startSmtp();
    const clock = testClock('2026-11-30T09:00:00Z');
    core = testCore({ now: clock.now }); // no relay: the request stays queued
    const sent = (await core!.router.call('submitCoforHelp', {
      companyName: 'Lost Parts Lda',
      country: 'PT',
      address: 'Rua do Porto 1, 4000-000 Porto',
      contactName: 'Rita Sousa',
      email: 'rita@lost-parts.example',
      phone: '+351 22 000 0000',
      message: 'Which COFOR is ours?',
      lang: 'en',
    })) as { ok: boolean; value?: { reference: string } };
    expect(sent.ok).toBe(true);
    clock.advance(30 * DAY);
    expect(await core!.router.call('remindRequest', { reference: sent.value!.reference })).toMatchObject({
      ok: false,
      error: { fields: { reference: 'reminder.not-received' } },
    });
  });
});

describe('a request waiting for its sender', () => {
  it('expires after 30 days with a notice, and its sender reopens it once', async () => {
    const { clock, call, reference, mine, session, queueItem } = await standalone();
    clock.advance(DAY);
    expect(
      await call('deskSetState', { session: await session(), reference, state: 'waiting-supplier', assignToMe: true }),
    ).toMatchObject({
      ok: true,
    });
    expect(await mine()).toMatchObject({
      progress: 'waiting-you',
      expiresAt: '2026-12-31T09:00:00.000Z',
      reminder: { allowed: false, reason: 'reminder.not-waiting' },
    });
    clock.advance(30 * DAY - 60_000);
    expect((await mine()).progress).toBe('waiting-you');
    clock.advance(60_000);
    expect(await mine()).toMatchObject({ progress: 'expired', expiredAt: '2026-12-31T09:00:00.000Z' });
    expect(await queueItem()).toMatchObject({ deskState: 'done', expiredAt: '2026-12-31T09:00:00.000Z' });
    const history = await call<{ history: Array<{ what: string }> }>('deskRequest', {
      session: await session(),
      reference,
    });
    expect(history.ok && history.value.history.map((h) => h.what)).toContain('request-expired');

    const [a, b] = await Promise.all([call('reopenRequest', { reference }), call('reopenRequest', { reference })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect((a.ok ? b : a) as unknown).toMatchObject({ error: { fields: { reference: 'reopen.not-expired' } } });
    expect(await mine()).toMatchObject({ progress: 'with-desk', expiredAt: null });
    expect(await queueItem()).toMatchObject({ deskState: 'new', expiredAt: null });
    await core!.deliverNow();
    expect(smtp!.received.map((m) => m.mail.subject)).toContain(
      `[${reference}] Reopened: a request that had expired is back`,
    );
  });
});

describe('the help topic', () => {
  it('explains reminders and expiry, in English and French', async () => {
    core = testCore();
    for (const [query, lang] of [
      ['reminder', 'en'],
      ['relance', 'fr'],
      ['expires', 'en'],
      ['expire', 'fr'],
    ] as const) {
      expect(await guidesFound(core!, query, lang)).toContain('read-more');
    }
  });
});
