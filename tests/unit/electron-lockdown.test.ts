// The kiosk page cannot leave its own file, open windows, download, get permissions the config
// does not allow, or use any escape chord; touch gestures and the cursor are turned off from main.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, BrowserWindow, Session, WebContents } from 'electron';
import { configureLogging } from '../../src-main/core/log.js';
import { makeTempDir } from '../helpers/temp.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { keyboardInput } = standIn;
const { ESCAPE_CHORDS, isEscapeChord } = await import('../../src-main/electron/escape-chords.js');
const { denyNewWindowsEverywhere, isOwnPage, keepWindowOpen, lockDownSession, lockDownWebContents, removeApplicationMenu } =
  await import('../../src-main/electron/lockdown.js');

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';

function lockedContents(options: { debug?: boolean; touchOnly?: boolean } = {}): InstanceType<typeof standIn.StandInWebContents> {
  const contents = new standIn.StandInWebContents();
  lockDownWebContents(contents as unknown as WebContents, PAGE, { debug: false, touchOnly: true, ...options });
  return contents;
}

// Each chord as Chromium reports it on a US layout unless noted: KeyboardEvent.key, .code, modifiers.
const ESCAPES: Array<[label: string, key: string, code: string, modifiers: Parameters<typeof keyboardInput>[2]]> = [
  ['Alt+F4', 'F4', 'F4', { alt: true }],
  ['Ctrl+W', 'w', 'KeyW', { control: true }],
  ['Ctrl+R', 'r', 'KeyR', { control: true }],
  ['F5', 'F5', 'F5', {}],
  ['F11', 'F11', 'F11', {}],
  ['F12', 'F12', 'F12', {}],
  ['Ctrl+Shift+I', 'I', 'KeyI', { control: true, shift: true }],
  ['Ctrl+P', 'p', 'KeyP', { control: true }],
  ['Alt+Left', 'ArrowLeft', 'ArrowLeft', { alt: true }],
  ['Ctrl+Shift+R', 'R', 'KeyR', { control: true, shift: true }],
  ['Ctrl+F5', 'F5', 'F5', { control: true }],
  ['Shift+F5', 'F5', 'F5', { shift: true }],
  ['Ctrl+Q', 'q', 'KeyQ', { control: true }],
  ['Ctrl+F4', 'F4', 'F4', { control: true }],
  ['Ctrl+Shift+W', 'W', 'KeyW', { control: true, shift: true }],
  ['Ctrl+N', 'n', 'KeyN', { control: true }],
  ['Ctrl+Shift+N', 'N', 'KeyN', { control: true, shift: true }],
  ['Ctrl+T', 't', 'KeyT', { control: true }],
  ['Ctrl+Shift+T', 'T', 'KeyT', { control: true, shift: true }],
  ['Ctrl+Shift+J', 'J', 'KeyJ', { control: true, shift: true }],
  ['Ctrl+Shift+C', 'C', 'KeyC', { control: true, shift: true }],
  ['Alt+Right', 'ArrowRight', 'ArrowRight', { alt: true }],
  ['Alt+Home', 'Home', 'Home', { alt: true }],
  ['Ctrl+L', 'l', 'KeyL', { control: true }],
  ['Alt+D', 'd', 'KeyD', { alt: true }],
  ['Ctrl+O', 'o', 'KeyO', { control: true }],
  ['Ctrl+S', 's', 'KeyS', { control: true }],
  ['Ctrl+U', 'u', 'KeyU', { control: true }],
  ['Ctrl+F', 'f', 'KeyF', { control: true }],
  ['Ctrl+G', 'g', 'KeyG', { control: true }],
  ['Ctrl+H', 'h', 'KeyH', { control: true }],
  ['Ctrl+J', 'j', 'KeyJ', { control: true }],
  ['Ctrl+=', '=', 'Equal', { control: true }],
  ['Ctrl++', '+', 'Equal', { control: true, shift: true }],
  ['Ctrl+-', '-', 'Minus', { control: true }],
  ['Ctrl+Shift+-', '_', 'Minus', { control: true, shift: true }],
  ['Ctrl+0', '0', 'Digit0', { control: true }],
  ['Ctrl+numpad +', '+', 'NumpadAdd', { control: true }],
  ['Ctrl+numpad -', '-', 'NumpadSubtract', { control: true }],
  ['Ctrl+numpad 0', '0', 'Numpad0', { control: true }],
  ['Ctrl+1', '1', 'Digit1', { control: true }],
  ['Ctrl+Tab', 'Tab', 'Tab', { control: true }],
  ['Ctrl+Shift+Tab', 'Tab', 'Tab', { control: true, shift: true }],
  ['Ctrl+PageDown', 'PageDown', 'PageDown', { control: true }],
  ['Ctrl+Shift+Delete', 'Delete', 'Delete', { control: true, shift: true }],
  ['F3', 'F3', 'F3', {}],
  ['F6', 'F6', 'F6', {}],
  ['F7 caret browsing', 'F7', 'F7', {}],
  ['F10', 'F10', 'F10', {}],
  ['Shift+F10', 'F10', 'F10', { shift: true }],
  ['Alt alone', 'Alt', 'AltLeft', { alt: true }],
  ['ContextMenu key', 'ContextMenu', 'ContextMenu', {}],
  ['BrowserBack key', 'BrowserBack', 'BrowserBack', {}],
  ['BrowserRefresh key', 'BrowserRefresh', 'BrowserRefresh', {}],
  ['Cmd+Q', 'q', 'KeyQ', { meta: true }],
  ['Cmd+W', 'w', 'KeyW', { meta: true }],
  ['Cmd+R', 'r', 'KeyR', { meta: true }],
  ['Cmd+[', '[', 'BracketLeft', { meta: true }],
  ['Cmd+Shift+R', 'R', 'KeyR', { meta: true, shift: true }],
  // Option+I types a dead key on a Mac keyboard, so only the code names the I key.
  ['Cmd+Option+I', 'Dead', 'KeyI', { meta: true, alt: true }],
  ['Cmd+Option+J', '∆', 'KeyJ', { meta: true, alt: true }],
  // A Russian layout puts к on the R key; Chromium still reloads on Ctrl with that key.
  ['Ctrl+R, Russian layout', 'к', 'KeyR', { control: true }],
  ['Ctrl+Alt+W', 'w', 'KeyW', { control: true, alt: true }],
];

const TYPING: Array<[label: string, key: string, code: string, modifiers: Parameters<typeof keyboardInput>[2]]> = [
  ['digit', '5', 'Digit5', {}],
  ['numpad digit', '7', 'Numpad7', {}],
  ['letter', 'a', 'KeyA', {}],
  ['capital letter', 'X', 'KeyX', { shift: true }],
  ['Backspace', 'Backspace', 'Backspace', {}],
  ['Enter', 'Enter', 'Enter', {}],
  ['Space', ' ', 'Space', {}],
  ['Tab', 'Tab', 'Tab', {}],
  ['Escape', 'Escape', 'Escape', {}],
  ['arrow', 'ArrowDown', 'ArrowDown', {}],
  ['Chinese punctuation', '，', 'Comma', {}],
  ['AltGr character', '@', 'KeyQ', { alt: false }],
  ['Shift alone', 'Shift', 'ShiftLeft', { shift: true }],
  ['Ctrl+C', 'c', 'KeyC', { control: true }],
  ['Ctrl+V', 'v', 'KeyV', { control: true }],
  ['Ctrl+A', 'a', 'KeyA', { control: true }],
];

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  standIn.resetStandIn();
  temp = makeTempDir();
});

afterEach(() => {
  configureLogging({ level: 'silent' });
  temp.remove();
});

function logLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('isOwnPage', () => {
  it('accepts the page with a hash or query', () => {
    expect(isOwnPage(PAGE, PAGE)).toBe(true);
    expect(isOwnPage(`${PAGE}#/result`, PAGE)).toBe(true);
    expect(isOwnPage(`${PAGE}?lang=en`, PAGE)).toBe(true);
  });

  it('rejects other files, schemes and garbage', () => {
    expect(isOwnPage('file:///etc/passwd', PAGE)).toBe(false);
    expect(isOwnPage('https://example.com/dist/renderer/index.html', PAGE)).toBe(false);
    expect(isOwnPage('not a url', PAGE)).toBe(false);
  });
});

describe('escape chords', () => {
  it('blocks every known escape chord', () => {
    const contents = lockedContents();

    for (const [label, key, code, modifiers] of ESCAPES) {
      expect(contents.fire('before-input-event', keyboardInput(key, code, modifiers)).defaultPrevented, label).toBe(true);
    }
  });

  it('blocks the key-up of a chord too', () => {
    const contents = lockedContents();

    expect(contents.fire('before-input-event', keyboardInput('F5', 'F5', {}, 'keyUp')).defaultPrevented).toBe(true);
  });

  it('lets normal typing through', () => {
    const contents = lockedContents();

    for (const [label, key, code, modifiers] of TYPING) {
      expect(contents.fire('before-input-event', keyboardInput(key, code, modifiers)).defaultPrevented, label).toBe(false);
    }
  });

  it('names real keys in the table', () => {
    const namedKeys = /^(F([1-9]|1\d|2[0-4])|Arrow(Left|Right)|Home|Tab|Page(Up|Down)|Delete|Alt|Meta|ContextMenu|Browser(Back|Forward|Home|Refresh|Search|Favorites))$/;

    for (const { chord } of ESCAPE_CHORDS) {
      const key = chord.replace(/^((Ctrl|Alt|Shift)\+)+(?=.)/, '');
      expect(key.length === 1 || namedKeys.test(key), chord).toBe(true);
    }
  });

  it('reads each entry as its own chord', () => {
    expect(isEscapeChord(keyboardInput('+', 'NumpadAdd', { control: true }))).toBe(true);
    expect(isEscapeChord(keyboardInput('+', 'NumpadAdd', {}))).toBe(false);
    expect(isEscapeChord(keyboardInput('i', 'KeyI', { control: true }))).toBe(false);
  });

  it('keeps shortcuts in debug mode', () => {
    const contents = lockedContents({ debug: true });

    expect(contents.fire('before-input-event', keyboardInput('F12', 'F12')).defaultPrevented).toBe(false);
    expect(contents.fire('before-input-event', keyboardInput('r', 'KeyR', { control: true })).defaultPrevented).toBe(false);
  });

  it('logs one line per press', () => {
    const file = path.join(temp.dir, 'kiosk.log');
    configureLogging({ file, level: 'info' });
    const contents = lockedContents();

    contents.fire('before-input-event', keyboardInput('F4', 'F4', { alt: true }));
    contents.fire('before-input-event', { ...keyboardInput('F4', 'F4', { alt: true }), isAutoRepeat: true });
    contents.fire('before-input-event', keyboardInput('F4', 'F4', { alt: true }, 'keyUp'));

    const blocked = logLines(file).filter((line) => line.msg === 'blocked an escape chord');
    expect(blocked).toHaveLength(1);
    expect(blocked[0]).toMatchObject({ key: 'F4', alt: true });
  });
});

describe('lockDownWebContents', () => {
  it('prevents navigation to another URL', () => {
    const contents = lockedContents();

    expect(contents.fire('will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///home/kiosk/other.html').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.com/').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd').defaultPrevented).toBe(true);
  });

  it('allows navigation within the page', () => {
    const contents = lockedContents();

    expect(contents.fire('will-navigate', `${PAGE}#/lookup`).defaultPrevented).toBe(false);
    expect(contents.fire('will-redirect', `${PAGE}?lang=en`).defaultPrevented).toBe(false);
  });

  it('prevents frame navigation elsewhere', () => {
    const contents = lockedContents();
    const foreign = standIn.cancellableEvent({ url: 'https://example.com/' });
    const own = standIn.cancellableEvent({ url: `${PAGE}#/x` });

    contents.emit('will-frame-navigate', foreign);
    contents.emit('will-frame-navigate', own);

    expect(foreign.defaultPrevented).toBe(true);
    expect(own.defaultPrevented).toBe(false);
  });

  it('denies window.open', () => {
    const contents = lockedContents();

    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' } as never)).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: PAGE } as never)).toEqual({ action: 'deny' });
  });

  it('prevents webview attachment', () => {
    const contents = lockedContents();

    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });

  it('closes DevTools opened in production', () => {
    const contents = lockedContents();

    contents.emit('devtools-opened');

    expect(contents.devToolsClosed).toBe(1);
  });

  it('leaves DevTools open in debug', () => {
    const contents = lockedContents({ debug: true });

    contents.emit('devtools-opened');

    expect(contents.devToolsClosed).toBe(0);
  });

  it('suppresses the context menu', () => {
    const contents = lockedContents();

    expect(contents.fire('context-menu', { x: 10, y: 10 }).defaultPrevented).toBe(true);
  });

  it('inserts the touch style sheets on every load', () => {
    const contents = lockedContents({ touchOnly: false });

    contents.emit('dom-ready');
    const firstLoad = contents.insertedCss.length;
    contents.emit('dom-ready');

    expect(firstLoad).toBeGreaterThan(0);
    expect(contents.insertedCss).toHaveLength(2 * firstLoad);
    for (const sheet of contents.insertedCss) expect(sheet.options).toEqual({ cssOrigin: 'user' });
  });

  it('turns off selection, drag and pinch', () => {
    const contents = lockedContents({ touchOnly: false });

    contents.emit('dom-ready');
    const css = contents.insertedCss.map((sheet) => sheet.css).join('\n');

    expect(css).toContain('user-select: none !important');
    expect(css).toContain('-webkit-user-drag: none !important');
    expect(css).toContain('touch-action: pan-x pan-y !important');
    expect(css).toMatch(/input, textarea[^{]*\{ user-select: text !important/);
    expect(css).not.toContain('cursor');
  });

  it('hides the cursor when touch-only', () => {
    const contents = lockedContents({ touchOnly: true });

    contents.emit('dom-ready');

    expect(contents.insertedCss.map((sheet) => sheet.css)).toContain('*, *::before, *::after { cursor: none !important; }');
  });

  it('locks the visual zoom after each load', () => {
    const contents = lockedContents();
    expect(contents.visualZoomLevelLimits).toBeNull();

    contents.emit('did-finish-load');

    expect(contents.visualZoomLevelLimits).toEqual([1, 1]);
  });
});

describe('lockDownSession', () => {
  function lockedSession(allowed: string[]) {
    lockDownSession(standIn.session.defaultSession as unknown as Session, allowed);
    return {
      request: standIn.recorded.permissionRequestHandler as unknown as (...args: unknown[]) => void,
      check: standIn.recorded.permissionCheckHandler as unknown as (...args: unknown[]) => boolean,
      device: standIn.recorded.devicePermissionHandler as unknown as (details: unknown) => boolean,
    };
  }

  it('denies permissions the config does not allow', () => {
    const { request, check } = lockedSession([]);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'pointerLock']) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: PAGE });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check({}, permission, 'file://', {}), permission).toBe(false);
    }
  });

  it('grants the permissions the config allows', () => {
    const { request, check } = lockedSession(['media', 'clipboard-sanitized-write']);
    const granted = vi.fn();
    const denied = vi.fn();

    request({}, 'media', granted, { requestingUrl: PAGE });
    request({}, 'geolocation', denied, { requestingUrl: PAGE });

    expect(granted).toHaveBeenCalledWith(true);
    expect(denied).toHaveBeenCalledWith(false);
    expect(check({}, 'clipboard-sanitized-write', 'file://', {})).toBe(true);
    expect(check({}, 'clipboard-read', 'file://', {})).toBe(false);
  });

  it('logs each denied request', () => {
    const file = path.join(temp.dir, 'kiosk.log');
    configureLogging({ file, level: 'info' });
    const { request, check } = lockedSession([]);

    request({}, 'media', vi.fn(), { requestingUrl: PAGE });
    request({}, 'geolocation', vi.fn(), { requestingUrl: PAGE });
    for (let index = 0; index < 12; index += 1) check({}, 'notifications', 'file://', {});

    const lines = logLines(file);
    const requests = lines.filter((line) => line.msg === 'denied a permission request');
    expect(requests.map((line) => line.permission)).toEqual(['media', 'geolocation']);
    const checks = lines.filter((line) => line.msg === 'denied a permission check');
    expect(checks.map((line) => line.times)).toEqual([1, 10]);
  });

  it('denies USB, HID and serial devices', () => {
    const { device } = lockedSession(['media']);

    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect(device({ deviceType, origin: 'file://' }), deviceType).toBe(false);
    }
  });

  it('cancels downloads', () => {
    lockedSession([]);
    const event = standIn.cancellableEvent();

    standIn.session.defaultSession.emit('will-download', event, { getURL: () => 'https://example.com/a.exe' }, {});

    expect(event.defaultPrevented).toBe(true);
  });
});

describe('denyNewWindowsEverywhere', () => {
  it('guards every new webContents', () => {
    denyNewWindowsEverywhere(standIn.app as unknown as App);

    const window = new standIn.BrowserWindow({ show: false });

    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' } as never)).toEqual({ action: 'deny' });
    expect(window.webContents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });
});

describe('keepWindowOpen', () => {
  it('refuses a close request until quit', () => {
    const window = new standIn.BrowserWindow({});
    keepWindowOpen(standIn.app as unknown as App, window as unknown as BrowserWindow);

    window.close();
    expect(window.isDestroyed()).toBe(false);

    standIn.app.emit('before-quit', standIn.cancellableEvent());
    window.close();
    expect(window.isDestroyed()).toBe(true);
  });
});

describe('removeApplicationMenu', () => {
  it('sets a null menu', () => {
    removeApplicationMenu();

    expect(standIn.recorded.applicationMenu).toBeNull();
  });
});
