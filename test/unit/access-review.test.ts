// Access reviews on a standalone workstation, with a test clock: the PLSA confirms account by
// account (of two answers at once, one holds); 30 days on, what was not confirmed is blocked (not
// deleted), its owner e-mailed, and the review closes; the evidence exports as CSV and PDF.
import { describe, expect, it } from 'vitest';
import type { AccessReviewView } from '../../preload/contract/accounts';
import { DEMO, testClock, testCore } from '../fixtures/core';
import { guidesFound } from '../fixtures/help-search';
import { noKeychain } from '../fixtures/keychain-available';
import { pdfText } from '../fixtures/pdf-text';
import { useLinkedHub } from '../fixtures/linked-hub';
import { hubServices } from '../../main/hub/services';

const DAY = 24 * 60 * 60 * 1000;
type Core = ReturnType<typeof testCore>;
type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; fields?: object } };
const call = (core: Core, name: string, input: object) =>
  core.router.call(name as never, input as never) as Promise<Answer>;
async function logIn(core: Core, login: string, password: string): Promise<string> {
  const r = await call(core, 'login', { login, password, remember: false });
  if (!r.ok) throw new Error(`login ${login}: ${JSON.stringify(r.error)}`);
  return r.value['session'] as string;
}

describe.skipIf(noKeychain)('access reviews', () => {
  it('a review answered in part blocks the unconfirmed account after 30 days, tells its owner, and exports as CSV and PDF', async () => {
    const clock = testClock('2026-12-01T09:00:00Z');
    const core = testCore({ now: clock.now });
    try {
      // A colleague who will not be confirmed.
      const plsa = await logIn(core, DEMO.plsa.login, DEMO.plsa.password);
      const created = await call(core, 'createAccount', {
        session: plsa,
        fullName: 'Noor Haddad',
        email: 'noor.haddad@demo-forge.example',
        role: 'user',
        confirmDuplicate: false,
      });
      const noor = (created as { value: { login: string } } & Answer).value.login;
      clock.advance(60_000);
      const opened = (await call(core, 'accessReview', { session: plsa })) as { value: AccessReviewView } & Answer;
      expect(opened.value).toMatchObject({
        everyDays: 90,
        review: { openedAt: '2026-12-01T09:01:00.000Z', dueAt: '2026-12-31T09:01:00.000Z', closedAt: null },
      });
      expect(opened.value.review.lines.map((l) => `${l.login}:${l.answer}`).sort()).toEqual(
        [`${DEMO.plsa.login}:null`, `${DEMO.user.login}:null`, `${DEMO.blocked.login}:null`, `${noor}:null`].sort(),
      );
      // Twice at once: one answer holds.
      const twice = await Promise.all(
        [1, 2].map(() =>
          call(core, 'answerAccessReview', { session: plsa, login: DEMO.user.login, answer: 'confirmed' }),
        ),
      );
      expect(twice.map((a) => a.ok).sort()).toEqual([false, true]);
      expect(twice.find((a) => !a.ok)).toMatchObject({ error: { fields: { login: 'review.answered' } } });
      expect(await call(core, 'setAccessReviewInterval', { session: plsa, days: 10 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', fields: { days: 'review.days-range' } },
      });
      expect(await call(core, 'setAccessReviewInterval', { session: plsa, days: 60 })).toMatchObject({
        ok: true,
        value: { everyDays: 60 },
      });

      // Noor logs in fine before the grace ends, not after it.
      const noorPassword = 'quiet harbour lantern river stone';
      const issued = (created as { value: { temporaryPassword: string } } & Answer).value.temporaryPassword;
      const first = await call(core, 'login', { login: noor, password: issued, remember: false });
      expect(first.ok).toBe(true);
      expect(
        await call(core, 'changePassword', {
          session: (first as { value: { session: string } } & Answer).value.session,
          currentPassword: issued,
          newPassword: noorPassword,
          lang: 'en',
        }),
      ).toMatchObject({ ok: true });
      clock.advance(30 * DAY);
      expect((await call(core, 'login', { login: noor, password: noorPassword, remember: false })).ok).toBe(false);
      const plsaAgain = await logIn(core, DEMO.plsa.login, DEMO.plsa.password); // the last PLSA is never blocked
      const closed = (await call(core, 'accessReview', { session: plsaAgain })) as { value: AccessReviewView } & Answer;
      expect(closed.value.review.closedAt).toBe('2026-12-31T09:01:00.000Z');
      expect(Object.fromEntries(closed.value.review.lines.map((l) => [l.login, [l.answer, l.state]]))).toEqual({
        [DEMO.plsa.login]: ['confirmed', 'active'],
        [DEMO.user.login]: ['confirmed', 'active'],
        [DEMO.blocked.login]: ['blocked-unconfirmed', 'blocked'],
        [noor]: ['blocked-unconfirmed', 'blocked'],
      });
      const told = core.db
        .prepare(`SELECT to_address AS "to", subject FROM outbox WHERE kind = 'access-review-blocked' ORDER BY rowid`)
        .all() as Array<{ to: string; subject: string }>;
      expect(told.map((m) => m.to).sort()).toEqual([DEMO.blocked.email, 'noor.haddad@demo-forge.example'].sort());
      expect(told.find((m) => m.to.startsWith('noor'))!.subject).toContain(`your login ${noor} is blocked`);

      const csv = (await call(core, 'exportAccessReview', {
        session: plsaAgain,
        reviewId: closed.value.review.id,
        format: 'csv',
        lang: 'fr',
      })) as { value: { fileName: string; contentBase64: string } } & Answer;
      const csvText = Buffer.from(csv.value.contentBase64, 'base64').toString('utf8');
      expect(csv.value.fileName).toBe('access-review-A10001-2026-12-01.csv');
      expect(csvText.split('\n')[0]).toContain('Revue ouverte le');
      expect(csvText).toContain(
        `${noor},Noor Haddad,noor.haddad@demo-forge.example,user,non confirmé à temps : bloqué`,
      );
      const pdf = (await call(core, 'exportAccessReview', {
        session: plsaAgain,
        reviewId: closed.value.review.id,
        format: 'pdf',
        lang: 'en',
      })) as { value: { mediaType: string; contentBase64: string } } & Answer;
      const bytes = Buffer.from(pdf.value.contentBase64, 'base64');
      expect(pdf.value.mediaType).toBe('application/pdf');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(bytes);
      expect(text).toContain('Access review');
      expect(text).toContain(`${noor}  Noor Haddad  <noor.haddad@demo-forge.example>  user`);
      expect(text).toContain('not confirmed in time: blocked');

      const audit = core.db
        .prepare(`SELECT action FROM audit_log WHERE action LIKE 'access-review-%' ORDER BY id`)
        .pluck()
        .all();
      expect(audit).toEqual(
        expect.arrayContaining([
          'access-review-opened',
          'access-review-confirmed',
          'access-review-blocked',
          'access-review-closed',
        ]),
      );
      // Another company's review is not reachable.
      expect(
        await call(core, 'exportAccessReview', { session: plsaAgain, reviewId: 999, format: 'csv', lang: 'en' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
    } finally {
      core.dispose();
    }
  });
});

describe.skipIf(noKeychain)('access reviews through the hub', () => {
  const linked = useLinkedHub();
  it("a linked PLSA's review is the hub's: the unconfirmed colleague is blocked on the hub after 30 days, and the evidence exports", async () => {
    const clock = testClock('2026-12-01T09:00:00Z');
    const { own, server, url } = await linked.own(hubServices({ now: clock.now }));
    const pc = testCore({ hub: { url }, now: clock.now });
    try {
      const plsa = await logIn(pc, DEMO.plsa.login, DEMO.plsa.password);
      const created = (await call(pc, 'createAccount', {
        session: plsa,
        fullName: 'Noor Haddad',
        email: 'noor.haddad@demo-forge.example',
        role: 'user',
        confirmDuplicate: false,
      })) as { value: { login: string; temporaryPassword: string } } & Answer;
      const noor = created.value.login;
      const opened = (await call(pc, 'accessReview', { session: plsa })) as { value: AccessReviewView } & Answer;
      expect(opened.value.review).toMatchObject({ openedAt: '2026-12-01T09:00:00.000Z', closedAt: null });
      const twice = await Promise.all(
        [1, 2].map(() =>
          call(pc, 'answerAccessReview', { session: plsa, login: DEMO.user.login, answer: 'confirmed' }),
        ),
      );
      expect(twice.map((a) => a.ok).sort()).toEqual([false, true]);

      clock.advance(31 * DAY);
      expect(
        (await call(pc, 'login', { login: noor, password: created.value.temporaryPassword, remember: false })).ok,
      ).toBe(false);
      const again = await logIn(pc, DEMO.plsa.login, DEMO.plsa.password);
      const closed = (await call(pc, 'accessReview', { session: again })) as { value: AccessReviewView } & Answer;
      expect(closed.value.review.closedAt).not.toBeNull();
      expect(closed.value.review.lines.find((l) => l.login === noor)).toMatchObject({
        answer: 'blocked-unconfirmed',
        state: 'blocked',
      });
      const onHub = await own.query('SELECT state FROM accounts WHERE login = $1', [noor]);
      expect(onHub.rows[0]).toEqual({ state: 'blocked' });
      const told = await own.query(`SELECT to_address FROM outbox WHERE kind = 'access-review-blocked'`);
      expect(told.rows.map((r) => r.to_address)).toContain('noor.haddad@demo-forge.example');
      const csv = (await call(pc, 'exportAccessReview', {
        session: again,
        reviewId: closed.value.review.id,
        format: 'csv',
        lang: 'en',
      })) as { value: { contentBase64: string } } & Answer;
      expect(Buffer.from(csv.value.contentBase64, 'base64').toString()).toContain(
        `${noor},Noor Haddad,noor.haddad@demo-forge.example,user,not confirmed in time: blocked`,
      );
    } finally {
      pc.dispose();
      await new Promise((done) => server.close(done));
    }
  }, 60_000);
});

describe('the help topic', () => {
  it('explains the access review, in English and French', async () => {
    const core = testCore();
    try {
      for (const [query, lang] of [
        ['access review', 'en'],
        ['revue des accès', 'fr'],
      ] as const) {
        expect(await guidesFound(core!, query, lang)).toContain('plsa-tasks');
      }
    } finally {
      core.dispose();
    }
  });
});
