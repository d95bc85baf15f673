import { describe, expect, it } from 'vitest';
import { secureWindowOptions } from '../../main/app/window';

describe('the window factory', () => {
  it.each([true, false])('isolates and sandboxes the renderer (packaged: %s)', (isPackaged) => {
    const prefs = secureWindowOptions('/app/preload.cjs', isPackaged).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('turns DevTools off in packaged builds', () => {
    expect(secureWindowOptions('/p', true).webPreferences!.devTools).toBe(false);
    expect(secureWindowOptions('/p', false).webPreferences!.devTools).toBe(true);
  });
});
