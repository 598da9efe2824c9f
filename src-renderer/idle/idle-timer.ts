// The idle timer of a villager's session: after `timeoutMs` without activity it fires onTimeout,
// and during the last `warningMs` it reports the whole seconds left once a second, so the screen
// can show a countdown. It keeps a deadline instead of counting ticks, so a late timer callback
// never stretches the timeout.

export interface IdleTimerOptions {
  timeoutMs: number;
  warningMs: number;
  /** Called with the seconds left while the warning shows, and with null when it hides. */
  onWarningChange(secondsLeft: number | null): void;
  onTimeout(): void;
  now?: () => number;
}

export interface IdleTimer {
  /** Starts or restarts the full timeout; hides a showing warning and returns whether one showed. */
  reset(): boolean;
  stop(): void;
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const now = options.now ?? (() => Date.now());
  // A warning as long as the timeout would show from the first touch, so keep at least 1 s free.
  const warningMs = Math.max(0, Math.min(options.warningMs, options.timeoutMs - 1000));
  let deadline = 0;
  let handle: ReturnType<typeof setTimeout> | undefined;
  let warningShown = false;

  function clear(): void {
    if (handle !== undefined) clearTimeout(handle);
    handle = undefined;
  }

  function hideWarning(): boolean {
    if (!warningShown) return false;
    warningShown = false;
    options.onWarningChange(null);
    return true;
  }

  function step(): void {
    clear();
    const remaining = deadline - now();

    if (remaining <= 0) {
      hideWarning();
      options.onTimeout();
      return;
    }

    if (remaining <= warningMs) {
      warningShown = true;
      options.onWarningChange(Math.ceil(remaining / 1000));
      // Wake at the next whole second of the countdown.
      handle = setTimeout(step, remaining % 1000 || 1000);
      return;
    }

    handle = setTimeout(step, remaining - warningMs);
  }

  return {
    reset() {
      deadline = now() + options.timeoutMs;
      const hid = hideWarning();
      step();
      return hid;
    },
    stop() {
      clear();
      hideWarning();
    },
  };
}
