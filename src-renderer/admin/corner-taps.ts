// The hidden admin entry: five taps in one corner of the screen within a few seconds. The
// counter only reads the taps. It never stops one, so a control in the corner still gets
// every tap, and taps on controls (buttons, links, inputs) are not counted, so a villager who
// taps the language switch five times does not open the PIN pad.
import type { KioskSettings } from '../../src-shared/kiosk-api.js';

export type AdminCorner = NonNullable<KioskSettings['admin']>['corner'];

/** Taps that open the PIN pad. */
export const CORNER_TAP_COUNT = 5;
/** Time from the first to the last of those taps, in milliseconds. */
export const CORNER_TAP_WINDOW_MS = 4000;
/** Edge of the square corner region that counts taps, in CSS pixels. */
export const CORNER_SIZE_PX = 120;

export interface Tap {
  /** Viewport coordinates in CSS pixels, as PointerEvent.clientX and clientY. */
  x: number;
  y: number;
  /** Milliseconds on any monotonic clock, such as event.timeStamp. */
  time: number;
  /** True when the tap landed on a control, which keeps the tap for itself. */
  onControl: boolean;
}

export interface Viewport {
  width: number;
  height: number;
}

/** Checks whether a point lies in the corner's square region of the viewport. */
export function isInCorner(corner: AdminCorner, x: number, y: number, viewport: Viewport): boolean {
  const left = corner === 'top-left' || corner === 'bottom-left';
  const top = corner === 'top-left' || corner === 'top-right';
  const inColumn = left ? x < CORNER_SIZE_PX : x >= viewport.width - CORNER_SIZE_PX;
  const inRow = top ? y < CORNER_SIZE_PX : y >= viewport.height - CORNER_SIZE_PX;
  return inColumn && inRow;
}

export interface CornerTapCounter {
  /** Records one tap; returns true on the tap that completes the sequence. */
  tap(tap: Tap, viewport: Viewport): boolean;
}

/**
 * Counts consecutive taps in the corner. A tap anywhere else, or on a control, starts the count
 * again, and only the last CORNER_TAP_COUNT taps within CORNER_TAP_WINDOW_MS count.
 */
export function createCornerTapCounter(corner: AdminCorner): CornerTapCounter {
  let times: number[] = [];

  return {
    tap(tap, viewport) {
      if (tap.onControl || !isInCorner(corner, tap.x, tap.y, viewport)) {
        times = [];
        return false;
      }

      times = [...times, tap.time].filter((time) => tap.time - time <= CORNER_TAP_WINDOW_MS).slice(-CORNER_TAP_COUNT);
      if (times.length < CORNER_TAP_COUNT) return false;

      times = [];
      return true;
    },
  };
}
