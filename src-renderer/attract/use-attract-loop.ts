// When the attract loop shows: after `afterSeconds` without a touch, key press or wheel turn while
// the home screen rests untouched. It reuses the session's idle timer with no warning, so the same
// activity events restart both.
import { useCallback, useEffect, useRef, useState } from 'react';
import { stopTapEnd, TAP_END_EVENTS, useIdleTimeout } from '../idle/use-idle-timeout.js';

/**
 * How long after the loop closes taps are ignored: the second tap of a double tap would otherwise
 * land on the fresh home menu and open a tile.
 */
export const LEAVE_GUARD_MS = 600;

export interface AttractLoopOptions {
  /** Null while the settings are not loaded. */
  afterSeconds: number | null;
  /** True while the home screen shows with no session to wipe. */
  resting: boolean;
}

export interface AttractLoopState {
  showing: boolean;
  /** Closes the loop, as the tap that leaves it does. */
  leave(): void;
}

export function useAttractLoop({ afterSeconds, resting }: AttractLoopOptions): AttractLoopState {
  const [showing, setShowing] = useState(false);
  // A loop left open when the home screen stops resting would show again on the next return.
  if (showing && !resting) setShowing(false);

  useIdleTimeout({
    timeoutSeconds: afterSeconds ?? 0,
    warningSeconds: 0,
    enabled: afterSeconds !== null && resting && !showing,
    onTimeout: () => setShowing(true),
  });

  const leftAtRef = useRef<number | null>(null);
  const leave = useCallback(() => {
    leftAtRef.current = performance.now();
    setShowing(false);
  }, []);

  useEffect(() => {
    const onTapEnd = (event: Event) => {
      const leftAt = leftAtRef.current;
      if (leftAt !== null && performance.now() - leftAt < LEAVE_GUARD_MS) stopTapEnd(event);
    };
    for (const name of TAP_END_EVENTS) window.addEventListener(name, onTapEnd, { capture: true });
    return () => {
      for (const name of TAP_END_EVENTS) window.removeEventListener(name, onTapEnd, { capture: true });
    };
  }, []);

  return { showing, leave };
}
