// Electron composition root: the only file that starts things. Everything it wires is built and
// tested without Electron (core, router, IPC checks, window options, protocol).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { startCore } from './core';
import { parseHubUrl } from './sync/hub-url';
import { parsePasswordStore } from './secrets/password-store-arg';
import type { PasswordStoreMode } from './secrets/choose-store';
import { STORE_FILE } from './paths';
import { actOnRefusedStore, isRecoverable, refusedStoreBox } from './app/store-refused';
import { APP_ENTRY_URL, wireIpc } from './app/ipc';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app/protocol';
import { denyPermissionsButClipboardWrite, installNavigationGuards, secureWindowOptions } from './app/window';

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

// Electron passes Chromium's own switches too, so only our own options are read here.
const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  strict: false,
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    'no-demo': { type: 'boolean' },
    hub: { type: 'string' },
    'password-store': { type: 'string' },
  },
});
// --hub as the browser host reads it (main/http/args.ts); a bad one is said, then the app quits.
let hubArg: string | null = null;
let hubArgProblem: string | null = null;
try {
  hubArg = typeof values['hub'] === 'string' ? parseHubUrl(values['hub']) : null;
} catch (error) {
  hubArgProblem = (error as Error).message;
}
// --password-store as the browser host reads it; a bad one is said, then the app quits.
let passwordStore: PasswordStoreMode = 'auto';
let passwordStoreProblem: string | null = null;
try {
  passwordStore = parsePasswordStore(values['password-store']);
} catch (error) {
  passwordStoreProblem = (error as Error).message;
}
const dataDirArg = typeof values['data-dir'] === 'string' && values['data-dir'] !== '' ? values['data-dir'] : null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, shell));
app.on('window-all-closed', () => app.quit());

app.whenReady().then(() => {
  const resourcesDir = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(__dirname, '..', '..', 'resources');
  if (hubArgProblem || passwordStoreProblem) {
    dialog.showErrorBox('B2B Portal', (hubArgProblem ?? passwordStoreProblem)!);
    return app.quit();
  }
  const dataDir = dataDirArg ?? app.getPath('userData');
  let core;
  try {
    core = startCore({
      dataDir,
      resourcesDir,
      mode: 'desktop',
      loadDemo: values['no-demo'] !== true,
      passwordStore,
      version: app.getVersion(),
      ...(hubArg ? { hub: { url: hubArg, deskToken: process.env['PORTAL_HUB_DESK_TOKEN'] ?? null } } : {}),
      log: (message, detail) => console.error(message, detail),
    });
  } catch (error) {
    try {
      if (
        isRecoverable(error) &&
        actOnRefusedStore(dialog.showMessageBoxSync(refusedStoreBox(error)), join(dataDir, STORE_FILE), new Date())
      ) {
        app.relaunch();
        app.exit(0);
        return;
      }
      if (!isRecoverable(error)) dialog.showErrorBox('B2B Portal cannot open its data', (error as Error).message);
    } catch (failure) {
      dialog.showErrorBox('B2B Portal cannot open its data', (failure as Error).message);
    }
    app.exit(1);
    return;
  }
  app.on('will-quit', () => core.close());

  denyPermissionsButClipboardWrite(session.defaultSession);
  registerAppProtocol(protocol, join(__dirname, '..', 'renderer'));
  wireIpc(ipcMain, core.router);

  const window = new BrowserWindow(secureWindowOptions(join(__dirname, '..', 'preload', 'index.cjs'), app.isPackaged));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
});
