// A crashed or hung renderer is replaced by a fresh load of the home page, with an incident for
// each fault and growing delays when faults follow each other. Timers are faked, so no
// assertion depends on real time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { UNRESPONSIVE_GRACE_MS, watchRenderer } = await import('../../src-main/electron/renderer-recovery.js');

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';

let window: InstanceType<typeof standIn.StandInBrowserWindow>;
let incidents: Array<{ kind: string; detail: string }>;
let recovery: ReturnType<typeof watchRenderer>;

function crash(reason = 'crashed', exitCode = 139): void {
  window.webContents.emit('render-process-gone', standIn.cancellableEvent(), { reason, exitCode });
}

beforeEach(() => {
  standIn.resetStandIn();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  window = new standIn.BrowserWindow({});
  incidents = [];
  recovery = watchRenderer({
    window: window as unknown as BrowserWindow,
    pageUrl: PAGE,
    recordIncident: (kind, detail) => incidents.push({ kind, detail }),
  });
});

afterEach(() => {
  recovery.stop();
  vi.useRealTimers();
});

describe('render-process-gone', () => {
  it('loads the home page', () => {
    crash('oom', -1);

    expect(window.webContents.loadedUrls).toEqual([PAGE]);
    expect(window.webContents.reloads).toBe(0);
  });

  it('records an incident', () => {
    crash('crashed', 139);

    expect(incidents).toEqual([{ kind: 'renderer-gone', detail: 'reason=crashed exitCode=139' }]);
  });

  it('spaces out reloads in a streak', () => {
    crash();
    crash();
    expect(window.webContents.loadedUrls).toHaveLength(2);

    crash();
    expect(window.webContents.loadedUrls).toHaveLength(2);
    vi.advanceTimersByTime(999);
    expect(window.webContents.loadedUrls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(window.webContents.loadedUrls).toHaveLength(3);

    crash();
    vi.advanceTimersByTime(1999);
    expect(window.webContents.loadedUrls).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(window.webContents.loadedUrls).toHaveLength(4);
    expect(incidents).toHaveLength(4);
  });

  it('reloads at once after a quiet minute', () => {
    crash();
    crash();
    vi.advanceTimersByTime(61_000);

    crash();

    expect(window.webContents.loadedUrls).toHaveLength(3);
  });

  it('does nothing for a destroyed window', () => {
    window.destroy();

    crash();

    expect(window.webContents.loadedUrls).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('does nothing after stop', () => {
    crash();
    crash();
    crash();
    recovery.stop();

    vi.advanceTimersByTime(60_000);
    crash();

    expect(window.webContents.loadedUrls).toHaveLength(2);
  });
});

describe('unresponsive', () => {
  it('reloads after the grace period', async () => {
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(window.webContents.forcedCrashes).toBe(0);

    vi.advanceTimersByTime(1);

    expect(window.webContents.forcedCrashes).toBe(1);
    expect(window.webContents.loadedUrls).toEqual([PAGE]);
    expect(incidents).toEqual([{ kind: 'renderer-unresponsive', detail: 'no response for 15 s; renderer killed, home page loaded' }]);

    // The kill's own render-process-gone neither loads again nor adds an incident.
    await nextTurn();
    expect(window.webContents.loadedUrls).toEqual([PAGE]);
    expect(incidents).toHaveLength(1);
  });

  it('waits no more once responsive', () => {
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);

    window.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);

    expect(window.webContents.forcedCrashes).toBe(0);
    expect(window.webContents.loadedUrls).toEqual([]);
    expect(incidents).toEqual([]);
  });

  it('counts repeated signals once', () => {
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS / 2);

    expect(window.webContents.forcedCrashes).toBe(1);
  });

  it('still reacts to a later crash', async () => {
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS);
    await nextTurn();

    crash('crashed', 11);

    expect(window.webContents.loadedUrls).toEqual([PAGE, PAGE]);
    expect(incidents.map((incident) => incident.kind)).toEqual(['renderer-unresponsive', 'renderer-gone']);
  });
});
