// Workstations linked to a hub, for the end-to-end tests and the screenshots: a browser host of
// its own (data folder, keychain name) given --hub, and the steps a person takes with the header's
// sync button.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { createKeytarStore } from '../../main/secrets/keytar-store';
import { expect, startHost, stopHost, type Host } from './fixtures';

export interface Workstation extends Host {
  process: ChildProcess;
  close(): Promise<void>;
}

export async function workstation(hubUrl: string, env: Record<string, string> = {}): Promise<Workstation> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-ws-'));
  const keychainName = `B2B Portal e2e ${basename(dataDir)}`;
  const started = await startHost(dataDir, ['--keychain-name', keychainName, '--hub', hubUrl], env);
  return {
    url: started.url,
    dataDir,
    keychainName,
    process: started.process,
    restart: () => Promise.reject(new Error('not used here')),
    // A workstation's clock is moved through the file its environment names (PORTAL_CLOCK_FILE).
    advanceClock: () => {
      throw new Error('move the PORTAL_CLOCK_FILE given to workstation() instead');
    },
    async close() {
      await stopHost(started.process);
      rmSync(dataDir, { recursive: true, force: true });
      const keychain = createKeytarStore(keychainName);
      for (const key of await keychain.keys().catch(() => [])) await keychain.delete(key);
    },
  };
}

/** The desk syncs (its header's button), and its queue, read again, shows the request. */
export async function syncAndShow(desk: Page, reference: string): Promise<void> {
  await expect(async () => {
    const sync = desk.getByTestId('sync-indicator');
    await sync.click();
    await expect(sync).toHaveAttribute('aria-busy', 'false');
    await expect(sync).toContainText('Hub: online');
    await desk.reload();
    await expect(desk.getByRole('link', { name: reference })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** A desk agent logs in on a desk PC and waits for the queue. */
export async function deskLogIn(desk: Page, pc: Host, agent: { username: string; password: string }): Promise<void> {
  await desk.goto(pc.url);
  await desk.evaluate(() => (location.hash = '#/login'));
  await desk.getByLabel('Login', { exact: true }).fill(agent.username);
  await desk.getByLabel('Password', { exact: true }).fill(agent.password);
  await desk.getByRole('button', { name: 'Log in' }).click();
  await expect(desk.getByRole('heading', { name: 'Assistance queue' })).toBeVisible({ timeout: 20_000 });
}

const SYNC_WORDS = {
  en: { online: 'Hub: online', pending: 'to sync' },
  fr: { online: 'Hub : en ligne', pending: 'à synchroniser' },
} as const;

/** Presses the header's sync button until the hub answers and nothing waits. */
export async function syncUntilOnline(page: Page, lang: keyof typeof SYNC_WORDS = 'en'): Promise<void> {
  const sync = page.getByTestId('sync-indicator');
  const words = SYNC_WORDS[lang];
  await expect(async () => {
    await sync.click();
    await expect(sync).toHaveAttribute('aria-busy', 'false');
    await expect(sync).toContainText(words.online, { timeout: 2_000 });
    await expect(sync).not.toContainText(words.pending, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** A linked PC holds no directory of its own (README, "The hub"): its first sync brings the
 * hub's analysis, which a supplier's access request needs (the hub must be running). */
export async function firstSync(page: Page, pc: Host): Promise<void> {
  await page.goto(pc.url);
  await syncUntilOnline(page);
}
