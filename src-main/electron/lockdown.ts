// Keeps the kiosk page where it is. The page cannot navigate away from our own file, open
// windows, or get permissions (camera, microphone, geolocation, notifications and the rest).
// There is no menu, and no reload or DevTools shortcut unless the host was started with --debug.
import { Menu } from 'electron';
import type { Input, Session, WebContents } from 'electron';
import { createLogger } from '../core/log.js';

const log = createLogger('electron-lockdown');

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

// Chromium's own shortcuts that would reload the page, leave kiosk mode or open DevTools.
function isBlockedShortcut(input: Input): boolean {
  const key = input.key.toLowerCase();
  const withControl = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (withControl && (key === 'r' || key === 'w' || key === 'p')) return true;
  return withControl && input.shift && (key === 'i' || key === 'j' || key === 'c');
}

/** Installs the navigation, window and shortcut guards on the kiosk page's webContents. */
export function lockDownWebContents(webContents: WebContents, pageUrl: string, options: { debug: boolean }): void {
  const guardNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isOwnPage(url, pageUrl)) return;
    event.preventDefault();
    log.warn({ url }, 'blocked navigation away from the kiosk page');
  };
  webContents.on('will-navigate', guardNavigation);
  webContents.on('will-redirect', guardNavigation);
  webContents.on('will-frame-navigate', (event) => {
    if (isOwnPage(event.url, pageUrl)) return;
    event.preventDefault();
    log.warn({ url: event.url }, 'blocked frame navigation away from the kiosk page');
  });

  webContents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'blocked a new window');
    return { action: 'deny' };
  });

  webContents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a <webview>');
  });

  if (!options.debug) {
    webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && isBlockedShortcut(input)) event.preventDefault();
    });
  }
}

/** Denies every permission request and check of the session the kiosk page runs in. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn({ permission }, 'denied a permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

/** Removes the application menu, and with it the menu's keyboard accelerators. */
export function removeApplicationMenu(): void {
  Menu.setApplicationMenu(null);
}
