// A timer that runs a task at once and again a fixed pause after each run ends, so runs never
// overlap however long one takes. The background senders (report uploads, fleet heartbeats) use it.

export interface RepeatingTask {
  /** Cancels the next run. A run in progress goes on to its end. */
  stop(): void;
}

/**
 * Runs `task` now and then `intervalMs` after each run settles, until stop(). The task must
 * handle its own errors, because nothing awaits it. The timer alone does not keep the process alive.
 */
export function repeatAfterEach(task: () => Promise<void>, intervalMs: number): RepeatingTask {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const tick = (): void => {
    void task().finally(() => {
      if (stopped) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    });
  };
  tick();

  return {
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
