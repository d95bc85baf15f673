// The real desktop app through Playwright's Electron driver. The Electron binary cannot be
// downloaded on the project's CI machines, so this runs wherever it is installed (a developer's
// workstation: `npm install` without ELECTRON_SKIP_BINARY_DOWNLOAD) and says why it skips elsewhere.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Without `require('electron')`, which since Electron 45 tries to download a missing binary. */
function electronBinary(): string | null {
  try {
    const dir = dirname(createRequire(__filename).resolve('electron/package.json'));
    const path = join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const MAIN = resolve(__dirname, '..', '..', 'dist', 'main', 'electron.cjs');

test.skip(
  binary === null,
  'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); see README "Installing where the Electron download is blocked".',
);

test('the window is isolated and sandboxed, and an analysis runs through IPC', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [MAIN, '--data-dir', dataDir],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://portal/index.html');

    // getLastWebPreferences exists at run time but is not in Electron's type definitions.
    type WithPrefs = { getLastWebPreferences(): Record<string, unknown> };
    const prefs = await app.evaluate(({ BrowserWindow }) =>
      (BrowserWindow.getAllWindows()[0]!.webContents as unknown as WithPrefs).getLastWebPreferences(),
    );
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });

    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      portal: Object.keys((window as unknown as { portal?: object }).portal ?? {}).sort(),
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.portal).toContain('analyze');

    await page.evaluate(() => (location.hash = '#/access'));
    await page.getByLabel('COFOR', { exact: true }).fill('A10002');
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await expect(page.locator('[data-stage="access"]')).toHaveAttribute('data-status', 'action');

    // Navigation away and new windows are refused.
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^app:\/\/portal\//);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
