// Keeps the kiosk page where it is. The page cannot navigate away from our own file, open
// windows, download files or get permissions the terminal config does not allow. There is no
// menu, and neither escape shortcuts nor DevTools unless the host was started with --debug. The
// main process also turns off what a touch screen would otherwise allow: pinch zoom, text
// selection, drag and, on touch-only terminals, the mouse cursor.
import { Menu } from 'electron';
import type { App, BrowserWindow, Session, WebContents } from 'electron';
import { createLogger } from '../core/log.js';
import { isEscapeChord } from './escape-chords.js';

const log = createLogger('electron-lockdown');

const USER_ORIGIN = { cssOrigin: 'user' } as const;

/** True when url is the same file as the renderer's page; query and hash may differ. */
export function isOwnPage(url: string, pageUrl: string): boolean {
  let candidate: URL;
  try {
    candidate = new URL(url);
  } catch {
    return false;
  }
  const page = new URL(pageUrl);
  return candidate.protocol === 'file:' && page.protocol === 'file:' && candidate.pathname === page.pathname;
}

export interface LockdownOptions {
  /** Keeps the shortcuts and DevTools for a technician; never set on a terminal in service. */
  debug: boolean;
  /** Hides the mouse cursor (the config's kiosk.touchOnly). */
  touchOnly: boolean;
}

/** Installs the navigation, window, input and touch guards on the kiosk page's webContents. */
export function lockDownWebContents(webContents: WebContents, pageUrl: string, options: LockdownOptions): void {
  guardNavigation(webContents, pageUrl);

  if (!options.debug) {
    webContents.on('before-input-event', (event, input) => {
      if (!isEscapeChord(input)) return;
      event.preventDefault();
      // One line per press: the key-up and auto-repeats of a held chord are blocked silently.
      if (input.type === 'keyUp' || input.isAutoRepeat) return;
      log.info({ key: input.key, code: input.code, control: input.control, meta: input.meta, alt: input.alt, shift: input.shift }, 'blocked an escape chord');
    });

    // devTools:false already keeps them closed; this covers a DevTools window opened any other way.
    webContents.on('devtools-opened', () => {
      log.warn('closed DevTools that were opened');
      webContents.closeDevTools();
    });
  }

  // Electron draws no context menu of its own: it only emits this event for the app to handle,
  // and the kiosk never shows one.
  webContents.on('context-menu', (event) => {
    event.preventDefault();
  });

  // Style sheets and zoom limits belong to the loaded document, so they are applied again after
  // every load. Each sheet is a string literal at its insertCSS call, so electronegativity (and a
  // reader) can see that no outside text reaches it. As user sheets with !important they outrank
  // every rule of the page.
  webContents.on('dom-ready', () => {
    const sheets = [
      // One-finger scrolling stays; pinch and double-tap zoom and overscroll navigation go.
      webContents.insertCSS('html { touch-action: pan-x pan-y !important; overscroll-behavior: none !important; }', USER_ORIGIN),
      webContents.insertCSS(
        '*, *::before, *::after { user-select: none !important; -webkit-user-select: none !important; -webkit-user-drag: none !important; }',
        USER_ORIGIN,
      ),
      // Text inputs keep selection because their caret needs it; they take text from on-screen keyboards.
      webContents.insertCSS(
        'input, textarea, [contenteditable=""], [contenteditable="true"] { user-select: text !important; -webkit-user-select: text !important; }',
        USER_ORIGIN,
      ),
    ];
    if (options.touchOnly) sheets.push(webContents.insertCSS('*, *::before, *::after { cursor: none !important; }', USER_ORIGIN));

    Promise.all(sheets).catch((error: unknown) => {
      log.error({ err: error }, 'inserting the lockdown style sheets failed');
    });
  });
  webContents.on('did-finish-load', () => {
    webContents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => {
      log.error({ err: error }, 'turning pinch zoom off failed');
    });
  });
}

// The page may move within its own file (query or hash); everything else is prevented.
function guardNavigation(webContents: WebContents, pageUrl: string): void {
  const preventForeign = (event: { preventDefault(): void }, url: string, kind: string) => {
    if (isOwnPage(url, pageUrl)) return;
    event.preventDefault();
    log.warn({ url, kind }, 'blocked navigation away from the kiosk page');
  };
  webContents.on('will-navigate', (event, url) => preventForeign(event, url, 'navigate'));
  webContents.on('will-redirect', (event, url) => preventForeign(event, url, 'redirect'));
  webContents.on('will-frame-navigate', (event) => preventForeign(event, event.url, 'frame'));
  denyWindowsAndWebviews(webContents);
}

function denyWindowsAndWebviews(webContents: WebContents): void {
  webContents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'blocked a new window');
    return { action: 'deny' };
  });
  webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });
}

/**
 * Grants the session's permission requests and checks only for the permissions named in
 * `allowed` (the config's kiosk.permissions), denies USB, HID and serial devices, and cancels
 * every download. Each denied request is logged; denied checks are counted and logged at the
 * 1st, 10th, 100th... time, because a page may check a permission on every frame.
 */
export function lockDownSession(session: Session, allowed: readonly string[]): void {
  const allowedSet = new Set(allowed);

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    if (allowedSet.has(permission)) {
      callback(true);
      return;
    }
    log.warn({ permission, url: details.requestingUrl }, 'denied a permission request');
    callback(false);
  });

  const deniedChecks = new Map<string, number>();
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    if (allowedSet.has(permission)) return true;

    const times = (deniedChecks.get(permission) ?? 0) + 1;
    deniedChecks.set(permission, times);
    if (/^10*$/.test(String(times))) log.warn({ permission, origin: requestingOrigin, times }, 'denied a permission check');
    return false;
  });

  session.setDevicePermissionHandler((details) => {
    log.warn({ deviceType: details.deviceType, origin: details.origin }, 'denied a device permission');
    return false;
  });

  session.on('will-download', (event, item) => {
    event.preventDefault();
    log.warn({ url: item.getURL() }, 'cancelled a download');
  });
}

/**
 * Denies window.open and <webview> in every webContents the app creates, including the hidden
 * print windows, as a second line behind the kiosk page's own handlers.
 */
export function denyNewWindowsEverywhere(app: App): void {
  app.on('web-contents-created', (_event, contents) => denyWindowsAndWebviews(contents));
}

/**
 * Keeps the window open against Alt+F4 from the window manager and window.close() from the page,
 * until the app itself quits (app.quit() emits 'before-quit' first). Returns nothing to undo,
 * because the window lives as long as the app.
 */
export function keepWindowOpen(app: App, window: BrowserWindow): void {
  let quitting = false;
  app.once('before-quit', () => {
    quitting = true;
  });

  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    log.warn('kept the kiosk window open against a close request');
  });
}

/** Removes the application menu, and with it the menu's keyboard accelerators. */
export function removeApplicationMenu(): void {
  Menu.setApplicationMenu(null);
}
