// `npm run lint` keeps the layers: each case below is an import a hurried change could add, linted
// as if it sat in the file named, with the project's own ESLint configuration.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: resolve(__dirname, '..', '..') });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('lint on import direction', () => {
  it('refuses a service that reaches up into the router', async () => {
    const errors = await layerErrors(
      'main/services/new-service.ts',
      "import { createRouter } from '../api/router';\nvoid createRouter;\n",
    );
    expect(errors).toEqual([expect.stringContaining('never reach the layers above them')]);
  });

  it('refuses an engine file that touches the store or the file system', async () => {
    const errors = await layerErrors(
      'main/portal/onboarding/new-rule.ts',
      "import { openStore } from '../../store/database';\nimport { readFileSync } from 'node:fs';\nvoid openStore;\nvoid readFileSync;\n",
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('main/portal is the pure engine');
  });

  it('refuses a screen that imports from main instead of the contract', async () => {
    const errors = await layerErrors(
      'renderer/src/features/home/New.ts',
      "import { startCore } from '../../../../main/core';\nvoid startCore;\n",
    );
    expect(errors).toEqual([expect.stringContaining('only through preload/contract')]);
  });

  it('keeps the channel table (and its zod schemas) out of the renderer bundle: types only', async () => {
    const file = 'renderer/src/lib/new-client.ts';
    const value = "import { CHANNELS } from '../../../preload/contract/channels';\nvoid CHANNELS;\n";
    expect(await layerErrors(file, value)).toEqual([expect.stringContaining('Types only here')]);
    const types = "import type { PortalApi } from '../../../preload/contract/channels';\nexport type P = PortalApi;\n";
    expect(await layerErrors(file, types)).toEqual([]);
  });

  it("refuses a hub file that imports a workstation's internals, and a sync file that imports the hub's", async () => {
    const hub = await layerErrors(
      'main/hub/new-route.ts',
      "import { createReplica } from '../sync/replica';\nimport { PortalError } from '../services/errors';\nvoid createReplica;\nvoid PortalError;\n",
    );
    expect(hub).toEqual([
      expect.stringContaining('The hub shares with workstations only'),
      expect.stringContaining('The hub shares with workstations only'),
    ]);
    const sync = await layerErrors(
      'main/sync/new-client.ts',
      "import type { Device } from '../hub/devices';\nexport type D = Device;\n",
    );
    expect(sync).toEqual([expect.stringContaining('through main/hub-protocol')]);
    // What both may import: the protocol and the intents.
    const shared =
      "import { pushBody } from '../hub-protocol/push';\nimport { INTENTS } from '../intents/registry';\nvoid pushBody;\nvoid INTENTS;\n";
    expect(await layerErrors('main/hub/new-route.ts', shared)).toEqual([]);
    expect(await layerErrors('main/sync/new-client.ts', shared)).toEqual([]);
  });

  it('refuses a service that imports the hub or the sync client, and an intent that touches a store', async () => {
    const service = await layerErrors(
      'main/services/new-service.ts',
      "import type { Device } from '../hub/devices';\nimport { createHubClient } from '../sync/hub-client';\nexport type D = Device;\nvoid createHubClient;\n",
    );
    expect(service).toHaveLength(2);
    expect(service[0]).toContain('only through main/hub-protocol');
    const intent = await layerErrors(
      'main/intents/new-intent.ts',
      "import type { PoolClient } from 'pg';\nimport { openStore } from '../store/database';\nexport type C = PoolClient;\nvoid openStore;\n",
    );
    expect(intent).toEqual([
      expect.stringContaining('declarations and pure rules only'),
      expect.stringContaining('declarations and pure rules only'),
    ]);
  });

  it('lets each layer use the ones below it', async () => {
    expect(
      await layerErrors('main/services/new-service.ts', "import { PortalError } from './errors';\nvoid PortalError;\n"),
    ).toEqual([]);
    expect(
      await layerErrors(
        'renderer/src/features/home/New.ts',
        "import type { Analysis } from '../../../../preload/contract/dto';\nexport type A = Analysis;\n",
      ),
    ).toEqual([]);
  });
});
