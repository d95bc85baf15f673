// Roles are declared with each channel (preload/contract/channels.ts) and checked once, by the
// router, before any use case runs: every channel that needs a role answers the same way to the
// wrong caller. The table of sample inputs is typed by the declaration; a new channel with a role
// fails the first test here until it has a sample (and so is tested).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type ApiInput, type ApiMethod, type ApiRole } from '../../preload/contract/channels';
import { DEMO, deskSession, RESOURCES_DIR, testClock, testCore } from '../fixtures/core';
import { loopbackSettings } from '../fixtures/smtp';

type RoleChannel = { [M in ApiMethod]: ApiRole<M> extends 'anyone' ? never : M }[ApiMethod];

const TOKEN = 'x'.repeat(43);
const { _comment: _, ...templates } = JSON.parse(
  readFileSync(join(RESOURCES_DIR, 'desk', 'templates.json'), 'utf8'),
) as ApiInput<'saveDeskTemplates'>['templates'] & { _comment?: string };

const samples = (session: string): { [M in RoleChannel]?: ApiInput<M> } => ({
  privateArea: { session },
  changePassword: { session, currentPassword: 'old one', newPassword: 'a brand new passphrase', lang: 'en' },
  consoleAccounts: { session },
  createAccount: { session, fullName: 'Ana Lima', email: 'ana@lima.example', role: 'user', confirmDuplicate: false },
  resetPassword: { session, login: 'V100002' },
  unblockAccount: { session, login: 'V100002' },
  deactivateAccount: { session, login: 'V100002' },
  companyAudit: { session },
  handOverPlsa: { session, login: 'V100002' },
  withdrawHandOver: { session },
  answerHandOver: { session, accept: false },
  accessReview: { session },
  answerAccessReview: { session, login: 'V100002', answer: 'confirmed' },
  setAccessReviewInterval: { session, days: 90 },
  exportAccessReview: { session, reviewId: 1, format: 'csv', lang: 'en' },
  exportMyData: { session },
  saveMailSettings: { ...loopbackSettings(2525), session },
  sendTestEmail: { session, to: 'ana@lima.example', lang: 'en' },
  deskQueue: { session },
  deskRequest: { session, reference: 'REQ-1' },
  deskAttachment: { session, id: '00000000-0000-4000-8000-000000000000' },
  deskSearchCompanies: { session, query: 'forge' },
  deskSetState: { session, reference: 'REQ-1', state: 'in-progress', assignToMe: true },
  deskErasePerson: { session, reference: 'REQ-1' },
  deskDecide: { session, reference: 'REQ-1', decision: { kind: 'unblock' } },
  deskReplacePlsa: {
    session,
    cofor: 'A10001',
    oldLogin: 'V100001',
    fullName: 'Ana Lima',
    email: 'ana@lima.example',
    lang: 'en',
  },
  deskImportStart: { session, format: 'csv' },
  deskImportChunk: {
    session,
    importId: '00000000-0000-4000-8000-000000000000',
    seq: 0,
    content: 'record,cofor\n',
    last: true,
  },
  deskExport: { session, format: 'csv' },
  createDeskAgent: { session, username: 'desk.new', fullName: 'New Agent', email: 'new@assistance.example' },
  deskUnblockAgent: { session, username: 'desk.new' },
  deskAgents: { session },
  deskTemplates: { session },
  saveDeskTemplates: { session, templates },
  backupNow: { session },
  saveHubSettings: { session, url: '' },
});

const clock = testClock();
const core = testCore({ now: clock.now });
let plsa = '';
let user = '';
let desk = '';
beforeAll(async () => {
  const login = async (login: string, password: string) =>
    ((await core.router.call('login', { login, password, remember: false })) as { value: { session: string } }).value
      .session;
  plsa = await login(DEMO.plsa.login, DEMO.plsa.password);
  user = await login(DEMO.user.login, DEMO.user.password);
  desk = await deskSession(core);
});
afterAll(() => core.dispose());

const roleChannels = Object.entries(CHANNELS)
  .filter(([, declared]) => declared.role !== 'anyone')
  .map(([name, declared]) => [name as RoleChannel, declared.role] as const);

const codeOf = async (method: RoleChannel, session: string) => {
  const result = await core.router.call(method, samples(session)[method]);
  return result.ok ? 'ok' : result.error.code;
};

describe('roles at the router', () => {
  it('every channel with a role has a sample here', () => {
    expect(Object.keys(samples(TOKEN)).sort()).toEqual(roleChannels.map(([name]) => name).sort());
  });

  it.each(roleChannels)('%s (%s) answers an unknown session with "unauthenticated"', async (method) => {
    expect(await codeOf(method, TOKEN)).toBe('unauthenticated');
  });

  it.each(roleChannels.filter(([, role]) => role === 'desk'))(
    '%s (%s) is forbidden to a supplier, PLSA or not',
    async (method) => {
      expect(await codeOf(method, user)).toBe('forbidden');
      expect(await codeOf(method, plsa)).toBe('forbidden');
    },
  );

  it.each(roleChannels.filter(([, role]) => role === 'plsa'))(
    '%s (%s) is forbidden to a user who is not a PLSA, and to a desk agent',
    async (method) => {
      expect(await codeOf(method, user)).toBe('forbidden');
      expect(await codeOf(method, desk)).toBe('forbidden');
    },
  );

  it.each(roleChannels.filter(([, role]) => role === 'supplier'))(
    '%s (%s) is forbidden to a desk agent',
    async (method) => {
      expect(await codeOf(method, desk)).toBe('forbidden');
    },
  );

  it('answers "unauthenticated" once a session has expired, supplier and desk alike', async () => {
    clock.advance(13 * 3600_000); // sessions last 12 h
    for (const [method] of roleChannels)
      expect([method, await codeOf(method, plsa)]).toEqual([method, 'unauthenticated']);
    for (const [method] of roleChannels)
      expect([method, await codeOf(method, desk)]).toEqual([method, 'unauthenticated']);
  });
});
