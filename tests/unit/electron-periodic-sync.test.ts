// Periodic sync: one pass per interval, never two at once, nothing after stop().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOutcome } from '../../src-main/core/sync/sync.js';
import { startPeriodicSync } from '../../src-main/electron/periodic-sync.js';
import type { PeriodicSync } from '../../src-main/electron/periodic-sync.js';

const MINUTE = 60_000;
const UP_TO_DATE: SyncOutcome = { status: 'up-to-date', version: 1 };

/** Creates a sync pass that the test finishes by hand, counting the passes started. */
function controlledPass() {
  const pending: Array<() => void> = [];
  let started = 0;
  const runOnce = () =>
    new Promise<SyncOutcome>((resolve) => {
      started += 1;
      pending.push(() => resolve(UP_TO_DATE));
    });
  return {
    runOnce,
    started: () => started,
    finishAll: () => pending.splice(0).forEach((finish) => finish()),
  };
}

let sync: PeriodicSync | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  sync?.stop();
  sync = null;
  vi.useRealTimers();
});

describe('startPeriodicSync', () => {
  it('runs once per interval', async () => {
    const pass = controlledPass();
    sync = startPeriodicSync({ intervalMinutes: 30, runOnce: pass.runOnce });

    await vi.advanceTimersByTimeAsync(29 * MINUTE);
    expect(pass.started()).toBe(0);

    await vi.advanceTimersByTimeAsync(1 * MINUTE);
    expect(pass.started()).toBe(1);
    pass.finishAll();

    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    expect(pass.started()).toBe(2);
    pass.finishAll();
  });

  it('skips ticks while a pass runs', async () => {
    const pass = controlledPass();
    sync = startPeriodicSync({ intervalMinutes: 5, runOnce: pass.runOnce });

    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(pass.started()).toBe(1);
    expect(sync.running).toBe(true);

    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(pass.started()).toBe(1);

    pass.finishAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.running).toBe(false);

    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(pass.started()).toBe(2);
    pass.finishAll();
  });

  it('shares a running pass with runNow', async () => {
    const pass = controlledPass();
    sync = startPeriodicSync({ intervalMinutes: 60, runOnce: pass.runOnce });

    const first = sync.runNow();
    const second = sync.runNow();
    expect(pass.started()).toBe(1);

    pass.finishAll();
    await Promise.all([first, second]);
    expect(sync.running).toBe(false);
  });

  it('stops on quit', async () => {
    const pass = controlledPass();
    sync = startPeriodicSync({ intervalMinutes: 1, runOnce: pass.runOnce });

    sync.stop();
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    await sync.runNow();

    expect(pass.started()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets a running pass finish after stop', async () => {
    const pass = controlledPass();
    sync = startPeriodicSync({ intervalMinutes: 1, runOnce: pass.runOnce });
    const running = sync.runNow();

    sync.stop();
    pass.finishAll();
    await running;
    await vi.advanceTimersByTimeAsync(10 * MINUTE);

    expect(pass.started()).toBe(1);
    expect(sync.running).toBe(false);
  });

  it('keeps running after a pass throws', async () => {
    let calls = 0;
    sync = startPeriodicSync({
      intervalMinutes: 1,
      runOnce: async () => {
        calls += 1;
        throw new Error('disk full');
      },
    });

    await vi.advanceTimersByTimeAsync(3 * MINUTE);

    expect(calls).toBe(3);
    expect(sync.running).toBe(false);
  });
});
