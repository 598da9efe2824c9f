// The kiosk page cannot leave its own file, open windows, get permissions or use the reload
// and DevTools shortcuts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { isOwnPage, lockDownSession, lockDownWebContents, removeApplicationMenu } = await import(
  '../../src-main/electron/lockdown.js'
);

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';

function lockedContents(debug = false): InstanceType<typeof standIn.StandInWebContents> {
  const contents = new standIn.StandInWebContents();
  lockDownWebContents(contents as unknown as WebContents, PAGE, { debug });
  return contents;
}

function keyDown(key: string, modifiers: { control?: boolean; shift?: boolean; meta?: boolean } = {}) {
  return { type: 'keyDown', key, control: false, shift: false, meta: false, alt: false, ...modifiers };
}

beforeEach(() => {
  standIn.resetStandIn();
});

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

describe('lockDownWebContents', () => {
  it('prevents navigation to another URL', () => {
    const contents = lockedContents();

    expect(contents.fire('will-navigate', 'https://example.com/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///home/kiosk/other.html').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'https://example.com/').defaultPrevented).toBe(true);
  });

  it('allows navigation within the page', () => {
    const contents = lockedContents();

    expect(contents.fire('will-navigate', `${PAGE}#/lookup`).defaultPrevented).toBe(false);
  });

  it('prevents frame navigation elsewhere', () => {
    const contents = lockedContents();
    const event = { url: 'https://example.com/', defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    contents.emit('will-frame-navigate', event);

    expect(event.defaultPrevented).toBe(true);
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

  it('blocks reload and DevTools shortcuts', () => {
    const contents = lockedContents();

    for (const input of [keyDown('F5'), keyDown('F12'), keyDown('r', { control: true }), keyDown('I', { control: true, shift: true })]) {
      expect(contents.fire('before-input-event', input).defaultPrevented, input.key).toBe(true);
    }
    expect(contents.fire('before-input-event', keyDown('5')).defaultPrevented).toBe(false);
  });

  it('keeps shortcuts in debug mode', () => {
    const contents = lockedContents(true);

    expect(contents.fire('before-input-event', keyDown('F12')).defaultPrevented).toBe(false);
  });
});

describe('lockDownSession', () => {
  it('denies permission requests and checks', () => {
    lockDownSession(standIn.session.defaultSession as unknown as Session);
    const request = standIn.recorded.permissionRequestHandler as unknown as (...args: unknown[]) => void;
    const check = standIn.recorded.permissionCheckHandler as unknown as (...args: unknown[]) => boolean;

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check({}, permission, 'file://', {}), permission).toBe(false);
    }
  });
});

describe('removeApplicationMenu', () => {
  it('sets a null menu', () => {
    removeApplicationMenu();

    expect(standIn.recorded.applicationMenu).toBeNull();
  });
});
