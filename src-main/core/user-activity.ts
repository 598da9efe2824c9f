// Whether someone is using the kiosk, for the watchdog heartbeat's busy flag: the supervisor's
// daily restart waits while it is true. Both hosts feed it their own signal of input (Electron:
// the page's input events, the browser host: API requests a villager's taps cause).

export interface UserActivity {
  /** Records input now. */
  touch(): void;
  /** True until `idleMs` pass without input; false before the first input. */
  busy(): boolean;
}

/**
 * Tracks the time of the latest input. The renderer wipes a villager's session after its idle
 * timeout, so with `idleMs` set to that timeout, busy() false means no session is open. The clock
 * is monotonic by default, so a wall clock set back does not hold the restart off.
 */
export function trackUserActivity(idleMs: number, nowMs: () => number = () => performance.now()): UserActivity {
  let lastInputMs: number | null = null;

  return {
    touch() {
      lastInputMs = nowMs();
    },
    busy: () => lastInputMs !== null && nowMs() - lastInputMs < idleMs,
  };
}
