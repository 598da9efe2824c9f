// React binding of the idle timer: while enabled, any touch, click or key press restarts it.
import { useEffect, useRef, useState } from 'react';
import { createIdleTimer } from './idle-timer.js';
import type { IdleTimer } from './idle-timer.js';

// pointerdown covers mouse, pen and touch; touchstart and keydown cover hosts without pointer
// events and physical keyboards; wheel covers scrolling with a mouse.
export const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

// The events that end a tap. When the tap's first touch hid the warning, the warning is gone before
// these arrive, so they would land on the control under it unless they are stopped.
export const TAP_END_EVENTS = ['pointerup', 'touchend', 'mouseup', 'click'] as const;

/**
 * Stops an event of TAP_END_EVENTS before React handles it, so the tap presses nothing. Cancelling
 * touchend also keeps Chromium from making a click out of the tap.
 */
export function stopTapEnd(event: Event): void {
  event.stopPropagation();
  if (event.cancelable) event.preventDefault();
}

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
    // True from a touch that hid the warning until that tap's click, so "continue" (or a tap on
    // the dimmed backdrop) keeps the screen exactly as it was.
    let swallowingTap = false;
    const onActivity = (event: Event) => {
      const hid = timer.reset();
      if (event.type === 'pointerdown' || event.type === 'touchstart') {
        // A pointerdown that hid nothing starts a new tap, which must act normally.
        if (hid) swallowingTap = true;
        else if (event.type === 'pointerdown') swallowingTap = false;
      }
    };
    const onTapEnd = (event: Event) => {
      if (!swallowingTap) return;
      stopTapEnd(event);
      if (event.type === 'click') swallowingTap = false;
    };

    timerRef.current = timer;
    for (const name of ACTIVITY_EVENTS) eventTarget.addEventListener(name, onActivity, { capture: true, passive: true });
    for (const name of TAP_END_EVENTS) eventTarget.addEventListener(name, onTapEnd, { capture: true });
    timer.reset();

    return () => {
      for (const name of ACTIVITY_EVENTS) eventTarget.removeEventListener(name, onActivity, { capture: true });
      for (const name of TAP_END_EVENTS) eventTarget.removeEventListener(name, onTapEnd, { capture: true });
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
