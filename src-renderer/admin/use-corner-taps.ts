// React binding of the corner tap counter: a pointerdown listener on the window in the capture
// phase, so it receives every tap before any control does and lets each one through unchanged.
import { useEffect, useRef } from 'react';
import { createCornerTapCounter } from './corner-taps.js';
import type { AdminCorner } from './corner-taps.js';

// Elements that act on a tap themselves. A tap on one of them belongs to the control, not the entry.
const CONTROL_SELECTOR = 'button, a, input, select, textarea, label, [role="button"]';

function isOnControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(CONTROL_SELECTOR) !== null;
}

/** Calls onOpen when the corner is tapped five times; listens to nothing while corner is null. */
export function useCornerTaps(corner: AdminCorner | null, onOpen: () => void): void {
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onOpenRef.current = onOpen;
  });

  useEffect(() => {
    if (corner === null) return undefined;

    const counter = createCornerTapCounter(corner);
    const onPointerDown = (event: PointerEvent) => {
      const tap = { x: event.clientX, y: event.clientY, time: event.timeStamp, onControl: isOnControl(event.target) };
      if (counter.tap(tap, { width: window.innerWidth, height: window.innerHeight })) onOpenRef.current();
    };

    window.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
    return () => window.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [corner]);
}
