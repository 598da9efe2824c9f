// The values the kiosk's heartbeat sends to the supervisor: the memory of all the app's processes,
// and whether someone is using the screen (the daily restart waits while they are).
import type { ProcessMetric, WebContents } from 'electron';
import { trackUserActivity } from '../core/user-activity.js';

/** Sums the working sets of app.getAppMetrics(), which Electron reports in kilobytes, as bytes. */
export function totalMemoryBytes(metrics: readonly Pick<ProcessMetric, 'memory'>[]): number {
  return metrics.reduce((total, metric) => total + metric.memory.workingSetSize * 1024, 0);
}

/** Tracks touches, clicks and keys on the kiosk page; busy() is true until `idleMs` pass without any. */
export function trackPageActivity(webContents: WebContents, idleMs: number): { busy(): boolean } {
  const activity = trackUserActivity(idleMs);
  webContents.on('input-event', () => activity.touch());
  return activity;
}
