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
  /** Closes the loop. Called during a touch, it also stops the rest of that touch. */
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
  // True between a pointerdown and its pointerup, so leave() can tell a touch from a click
  // without a pointer (a key press or a screen reader).
  const pressingRef = useRef(false);
  // True from the touch that closed the loop until that touch's click. A swipe or a long press
  // ends without a click, so the next pointerdown clears it.
  const swallowingRef = useRef(false);
  const leave = useCallback(() => {
    leftAtRef.current = performance.now();
    swallowingRef.current = pressingRef.current;
    setShowing(false);
  }, []);

  useEffect(() => {
    // These run in the capture phase at the window, before React's listener on its root, so the
    // pointerdown that calls leave() has already set pressingRef.
    const onPointerDown = () => {
      pressingRef.current = true;
      swallowingRef.current = false;
    };
    const onPointerCancel = () => {
      pressingRef.current = false;
    };
    const onTapEnd = (event: Event) => {
      if (event.type === 'pointerup') pressingRef.current = false;
      const leftAt = leftAtRef.current;
      const guarded = leftAt !== null && performance.now() - leftAt < LEAVE_GUARD_MS;
      if (!swallowingRef.current && !guarded) return;

      stopTapEnd(event);
      if (event.type === 'click') swallowingRef.current = false;
    };

    window.addEventListener('pointerdown', onPointerDown, { capture: true });
    window.addEventListener('pointercancel', onPointerCancel, { capture: true });
    for (const name of TAP_END_EVENTS) window.addEventListener(name, onTapEnd, { capture: true });
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, { capture: true });
      window.removeEventListener('pointercancel', onPointerCancel, { capture: true });
      for (const name of TAP_END_EVENTS) window.removeEventListener(name, onTapEnd, { capture: true });
    };
  }, []);

  return { showing, leave };
}
