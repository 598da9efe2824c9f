// The kiosk window's options, as the electron stand-in records them from `new BrowserWindow`.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { createKioskWindow } = await import('../../src-main/electron/kiosk-window.js');

function optionsOf(debug: boolean): { options: Record<string, unknown>; web: Record<string, unknown> } {
  createKioskWindow({ preloadPath: '/app/dist/preload/preload.cjs', debug });
  const options = standIn.recorded.windows.at(-1)!.options;
  return { options, web: options.webPreferences as Record<string, unknown> };
}

beforeEach(() => {
  standIn.resetStandIn();
});

describe('createKioskWindow', () => {
  it('fills the screen without frame or menu', () => {
    const { options } = optionsOf(false);

    expect(options.fullscreen).toBe(true);
    expect(options.kiosk).toBe(true);
    expect(options.frame).toBe(false);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('isolates and sandboxes the page', () => {
    const { web } = optionsOf(false);

    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.spellcheck).toBe(false);
  });

  it('uses the given preload', () => {
    expect(optionsOf(false).web.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('allows DevTools only in debug', () => {
    expect(optionsOf(false).web.devTools).toBe(false);

    const debug = optionsOf(true);
    expect(debug.web.devTools).toBe(true);
    expect(debug.web.sandbox).toBe(true);
    expect(debug.options.kiosk).toBe(true);
  });
});
