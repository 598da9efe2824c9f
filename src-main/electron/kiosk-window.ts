// Creates the kiosk window. The page is sandboxed, isolated from the preload, without Node, and
// fills the screen with no frame, menu or way out for a villager. The options are written out in
// the `new BrowserWindow` call itself, because electronegativity reads only the object passed
// there. A unit test checks the same values through the electron stand-in.
import { BrowserWindow } from 'electron';

export interface KioskWindowInput {
  /** Absolute path of the bundled CommonJS preload. */
  preloadPath: string;
  /** Opens DevTools access for a technician; never set on a terminal in service. */
  debug: boolean;
}

// Shown behind the page until its first paint, instead of a white flash.
export const KIOSK_BACKGROUND = '#f5f1e8';

export function createKioskWindow(input: KioskWindowInput): BrowserWindow {
  return new BrowserWindow({
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
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // NOTE: electronegativity's AUXCLICK check requires this. Chromium appears to have dropped
      // the runtime feature of that name (unverified), so it likely changes nothing. A middle
      // click that would open a window is stopped by the window-open handler in lockdown.ts.
      disableBlinkFeatures: 'Auxclick',
      // The scan asks for every preload to be reviewed. This one was: it exposes only the typed
      // KioskApi and AdminApi (docs/security.md, "Electronegativity findings").
      preload: input.preloadPath, // eng-disable PRELOAD_JS_CHECK
      spellcheck: false,
      devTools: input.debug,
    },
  });
}
