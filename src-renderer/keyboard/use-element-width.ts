// The laid-out width of an element, kept current as the window or the layout changes.
import { useLayoutEffect, useState } from 'react';

/**
 * Returns a ref callback for the element to measure and its width in CSS pixels (clientWidth).
 * The width is null until the element has been laid out with a width above zero, as in a DOM
 * without layout such as happy-dom. After the element unmounts, the last width stays.
 */
export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number | null] {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState<number | null>(null);

  useLayoutEffect(() => {
    if (element === null) return undefined;
    const measure = () => {
      if (element.clientWidth > 0) setWidth(element.clientWidth);
    };

    // Measured before the first paint, so the first page shown is already cut to the width.
    measure();
    if (typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  return [setElement, width];
}
