// When the attract loop shows: after `afterSeconds` without a touch, key press or wheel turn while
// the home screen rests untouched. It reuses the session's idle timer with no warning, so the same
// activity events restart both.
import { useCallback, useState } from 'react';
import { useIdleTimeout } from '../idle/use-idle-timeout.js';

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

  const leave = useCallback(() => setShowing(false), []);
  return { showing, leave };
}
