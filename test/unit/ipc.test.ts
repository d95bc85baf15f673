import { afterAll, describe, expect, it } from 'vitest';
import { API_METHODS, ipcChannel } from '../../preload/contract/channels';
import { handleIpc, wireIpc, type IpcSenderLike } from '../../main/app/ipc';
import { testCore } from '../fixtures/core';

const core = testCore();
afterAll(() => core.dispose());

const topFrame = (url = 'app://portal/index.html'): IpcSenderLike => ({ senderFrame: { url, parent: null } });

describe('the IPC wrapper', () => {
  it('answers a trusted top-level app:// frame through the router', async () => {
    const result = await handleIpc(core.router, 'portal:analyze', topFrame('app://portal/index.html#/access'), {
      cofor: 'A10002',
    });
    expect(result).toMatchObject({ ok: true, value: { situation: 'not-requested' } });
  });

  it.each(['portal:deleteEverything', 'analyze', 'portal:', 'portal:__proto__', 'portal:constructor', 'other:analyze'])(
    'rejects the unknown channel %j',
    async (channel) => {
      expect(await handleIpc(core.router, channel, topFrame(), {})).toMatchObject({
        ok: false,
        error: { code: 'unknown-channel' },
      });
    },
  );

  it.each<[string, IpcSenderLike]>([
    ['an iframe inside the app', { senderFrame: { url: 'app://portal/index.html', parent: {} } }],
    ['a remote page', topFrame('https://evil.example/')],
    ['a file:// page', topFrame('file:///etc/passwd')],
    ['a look-alike host', topFrame('app://portal.evil/index.html')],
    ['a data: URL', topFrame('data:text/html,<script>1</script>')],
    ['a destroyed frame', { senderFrame: null }],
    ['an unparsable URL', topFrame('::::')],
  ])('rejects a foreign sender: %s', async (_name, event) => {
    expect(await handleIpc(core.router, 'portal:analyze', event, { cofor: 'A10002' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('rejects a payload with an unknown key, naming it', async () => {
    const result = await handleIpc(core.router, 'portal:analyze', topFrame(), { cofor: 'A10002', admin: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { admin: 'unknown-field' } } });
  });

  it.each([null, 'A10002', 42, [], { cofor: 'x'.repeat(41) }])('rejects the malformed payload %j', async (payload) => {
    expect(await handleIpc(core.router, 'portal:analyze', topFrame(), payload)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('registers exactly one handler per contract method, all in the portal: namespace', () => {
    const channels: string[] = [];
    wireIpc({ handle: (channel) => void channels.push(channel) }, core.router);
    expect(channels).toEqual(API_METHODS.map(ipcChannel));
  });

  it('hides internal failures behind a stable code', async () => {
    core.db.exec('DROP TABLE drafts');
    const result = await handleIpc(core.router, 'portal:loadDraft', topFrame(), {
      form: 'cofor-help',
      visit: 'a-visit-of-this-test-01',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/drafts|SQLITE/);
  });
});
