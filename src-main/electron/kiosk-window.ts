// The kiosk window's options, as a pure function so a test can check the lockdown without
// creating a window. The page is sandboxed, isolated from the preload, without Node, and
// fills the screen with no frame, menu or way out for a villager.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of the bundled CommonJS preload. */
  preloadPath: string;
  /** Opens DevTools access for a technician; never set on a terminal in service. */
  debug: boolean;
}

// Shown behind the page until its first paint, instead of a white flash.
export const KIOSK_BACKGROUND = '#f5f1e8';

export function kioskWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    // Shown on 'ready-to-show', after the first paint.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: input.preloadPath,
      spellcheck: false,
      devTools: input.debug,
    },
  };
}
