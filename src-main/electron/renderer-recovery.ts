// Brings the kiosk page back when its renderer process dies or hangs, because nobody is on site
// to press reload. Either way the window loads the home page afresh (never a reload of the state
// it died in) and an incident is recorded. Reloads that follow each other closely are spaced out
// with a growing delay, so a page that kills its renderer at once does not spin the CPU.
import type { BrowserWindow, RenderProcessGoneDetails } from 'electron';
import { createLogger } from '../core/log.js';

const log = createLogger('electron-recovery');

// An estimate: long enough for a slow query or a garbage collection pause on an old terminal
// to finish, short enough that a villager does not walk away from a frozen screen.
export const UNRESPONSIVE_GRACE_MS = 15_000;

// Reloads within this window count as one streak. From the third on, each waits twice as long
// as the one before (1 s, 2 s, 4 s ...), at most a minute.
const STREAK_WINDOW_MS = 60_000;
const FREE_RELOADS = 2;
const MAX_RELOAD_DELAY_MS = 60_000;

export interface RendererRecoveryOptions {
  window: BrowserWindow;
  /** The renderer's home page; loading it starts the app at its home screen. */
  pageUrl: string;
  recordIncident(kind: string, detail: string): void;
  unresponsiveGraceMs?: number;
}

export interface RendererRecovery {
  /** Stops watching when the app quits. A pending reload or hang timer is dropped. */
  stop(): void;
}

/** Watches the window's renderer and reloads the home page after a crash or a hang. */
export function watchRenderer(options: RendererRecoveryOptions): RendererRecovery {
  const { window, pageUrl } = options;
  const graceMs = options.unresponsiveGraceMs ?? UNRESPONSIVE_GRACE_MS;
  const reloadTimes: number[] = [];
  let reloadTimer: NodeJS.Timeout | null = null;
  let hangTimer: NodeJS.Timeout | null = null;
  let killedForHang = false;
  let stopped = false;

  const loadHome = () => {
    reloadTimer = null;
    if (stopped || window.isDestroyed()) return;
    window.webContents.loadURL(pageUrl).catch((error: unknown) => {
      log.error({ err: error }, 'loading the home page after a renderer fault failed');
    });
  };

  const reloadHome = () => {
    if (reloadTimer) return;

    const now = Date.now();
    while (reloadTimes.length > 0 && now - reloadTimes[0]! > STREAK_WINDOW_MS) reloadTimes.shift();
    const delayMs = reloadTimes.length < FREE_RELOADS ? 0 : Math.min(1000 * 2 ** (reloadTimes.length - FREE_RELOADS), MAX_RELOAD_DELAY_MS);
    reloadTimes.push(now);

    if (delayMs === 0) {
      loadHome();
      return;
    }
    log.warn({ delayMs, recentReloads: reloadTimes.length }, 'renderer faults in a row; waiting before the next reload');
    reloadTimer = setTimeout(loadHome, delayMs);
  };

  const clearHangTimer = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  window.webContents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    if (stopped || window.isDestroyed()) return;
    clearHangTimer();

    // The kill below ends with this event; the reload for it has already been requested.
    if (killedForHang && (details.reason === 'killed' || details.reason === 'crashed')) {
      killedForHang = false;
      return;
    }

    log.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone; loading the home page');
    options.recordIncident('renderer-gone', `reason=${details.reason} exitCode=${details.exitCode}`);
    reloadHome();
  });

  window.on('unresponsive', () => {
    if (stopped || hangTimer) return;
    log.warn({ graceMs }, 'renderer unresponsive; waiting before a reload');
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (stopped || window.isDestroyed()) return;

      log.error({ graceMs }, 'renderer still unresponsive; killing it and loading the home page');
      options.recordIncident('renderer-unresponsive', `no response for ${graceMs / 1000} s; renderer killed, home page loaded`);
      // Electron documents this pair for an unresponsive page: the kill makes the next load
      // start in a new renderer process.
      killedForHang = true;
      window.webContents.forcefullyCrashRenderer();
      reloadHome();
    }, graceMs);
  });

  window.on('responsive', () => {
    if (!hangTimer) return;
    clearHangTimer();
    log.info('renderer responsive again');
  });

  return {
    stop() {
      stopped = true;
      clearHangTimer();
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = null;
    },
  };
}
