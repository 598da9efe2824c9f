// The kiosk window's options, checked without creating a window.
import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../src-main/electron/window-options.js';

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions({ preloadPath: '/app/dist/preload/preload.cjs', debug: false });
  const web = options.webPreferences ?? {};

  it('fills the screen without frame or menu', () => {
    expect(options.fullscreen).toBe(true);
    expect(options.kiosk).toBe(true);
    expect(options.frame).toBe(false);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('isolates and sandboxes the page', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
  });

  it('uses the given preload', () => {
    expect(web.preload).toBe('/app/dist/preload/preload.cjs');
  });

  it('allows DevTools only in debug', () => {
    expect(web.devTools).toBe(false);

    const debug = kioskWindowOptions({ preloadPath: '/p.cjs', debug: true });
    expect(debug.webPreferences?.devTools).toBe(true);
    expect(debug.webPreferences?.sandbox).toBe(true);
    expect(debug.kiosk).toBe(true);
  });
});
