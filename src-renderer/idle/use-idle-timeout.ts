// React binding of the idle timer: while enabled, any touch, click or key press restarts it.
import { useEffect, useRef, useState } from 'react';
import { createIdleTimer } from './idle-timer.js';
import type { IdleTimer } from './idle-timer.js';

// pointerdown covers mouse, pen and touch; touchstart and keydown cover hosts without pointer
// events and physical keyboards; wheel covers scrolling with a mouse.
export const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

export interface IdleTimeoutOptions {
  timeoutSeconds: number;
  warningSeconds: number;
  /** Off while there is nothing to wipe, e.g. on an empty home screen. */
  enabled: boolean;
  onTimeout(): void;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export interface IdleTimeoutState {
  /** Seconds until the session is wiped while the warning shows, else null. */
  warningSecondsLeft: number | null;
  /** Restarts the full timeout, as the "more time" button does. */
  extend(): void;
}

export function useIdleTimeout(options: IdleTimeoutOptions): IdleTimeoutState {
  const { timeoutSeconds, warningSeconds, enabled, target } = options;
  const [warningSecondsLeft, setWarningSecondsLeft] = useState<number | null>(null);
  const timerRef = useRef<IdleTimer | null>(null);
  const onTimeoutRef = useRef(options.onTimeout);

  useEffect(() => {
    onTimeoutRef.current = options.onTimeout;
  });

  useEffect(() => {
    if (!enabled) return undefined;

    const eventTarget = target ?? window;
    const timer = createIdleTimer({
      timeoutMs: timeoutSeconds * 1000,
      warningMs: warningSeconds * 1000,
      onWarningChange: setWarningSecondsLeft,
      onTimeout: () => onTimeoutRef.current(),
    });
    const onActivity = () => timer.reset();

    timerRef.current = timer;
    for (const name of ACTIVITY_EVENTS) eventTarget.addEventListener(name, onActivity, { capture: true, passive: true });
    timer.reset();

    return () => {
      for (const name of ACTIVITY_EVENTS) eventTarget.removeEventListener(name, onActivity, { capture: true });
      timer.stop();
      timerRef.current = null;
      setWarningSecondsLeft(null);
    };
  }, [enabled, timeoutSeconds, warningSeconds, target]);

  return {
    warningSecondsLeft,
    extend: () => timerRef.current?.reset(),
  };
}
