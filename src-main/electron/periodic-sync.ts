// Runs sync at start and then every config.sync.intervalMinutes while the kiosk is up. Runs
// never overlap: a tick that comes while a pass is still running (a slow download on a weak
// line) is skipped, not queued. stop() clears the timer on quit; a pass already running
// finishes its install or cleanup, because cutting it short would leave staging files.
import { createLogger } from '../core/log.js';
import type { Logger } from '../core/log.js';

export interface PeriodicSyncOptions {
  intervalMinutes: number;
  /** One sync pass (of the bundle, or of the notices alone); expected to return an outcome rather than throw. */
  runOnce: () => Promise<{ status: string } | null>;
  log?: Logger;
}

export interface PeriodicSync {
  /** Starts a pass now unless one is running; resolves when the current pass ends. */
  runNow(): Promise<void>;
  /** Clears the timer; later ticks and runNow calls do nothing. */
  stop(): void;
  readonly running: boolean;
}

export function startPeriodicSync(options: PeriodicSyncOptions): PeriodicSync {
  const log = options.log ?? createLogger('periodic-sync');
  let inFlight: Promise<void> | null = null;
  let stopped = false;

  async function pass(): Promise<void> {
    try {
      const outcome = await options.runOnce();
      if (outcome) log.info({ status: outcome.status }, 'periodic sync pass ended');
    } catch (error) {
      log.error({ err: error }, 'periodic sync pass threw; the installed snapshot stays in use');
    }
  }

  function runNow(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (inFlight) {
      log.info('previous sync pass still running; skipping this tick');
      return inFlight;
    }
    inFlight = pass().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  const timer = setInterval(() => void runNow(), options.intervalMinutes * 60_000);
  // The timer alone must not keep a process alive (the Electron app quits on its own terms).
  timer.unref?.();
  log.info({ intervalMinutes: options.intervalMinutes }, 'periodic sync started');

  return {
    runNow,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      log.info('periodic sync stopped');
    },
    get running() {
      return inFlight !== null;
    },
  };
}

// The pass itself lives in core, so the browser host's admin screen runs the same one.
export { noticePassFor, syncPassFor } from '../core/sync/config-pass.js';
