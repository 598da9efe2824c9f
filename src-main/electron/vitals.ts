// The values the kiosk's heartbeat sends to the supervisor: the memory of all the app's processes,
// and whether someone is using the screen (the daily restart waits while they are).
import type { ProcessMetric, WebContents } from 'electron';

/** Sums the working sets of app.getAppMetrics(), which Electron reports in kilobytes, as bytes. */
export function totalMemoryBytes(metrics: readonly Pick<ProcessMetric, 'memory'>[]): number {
  return metrics.reduce((total, metric) => total + metric.memory.workingSetSize * 1024, 0);
}

/**
 * Tracks touches, clicks and keys on the kiosk page. busy() is true until `idleMs` pass without
 * input: the renderer wipes a villager's session after its idle timeout, so a page untouched for
 * longer has no session open. The admin screen counts as busy the same way while it is used.
 */
export function trackUserActivity(webContents: WebContents, idleMs: number): { busy(): boolean } {
  let lastInputMs: number | null = null;
  webContents.on('input-event', () => {
    lastInputMs = Date.now();
  });

  return { busy: () => lastInputMs !== null && Date.now() - lastInputMs < idleMs };
}
