// Script injected into the kiosk page by the scroll benchmark. It records the time between
// animation frames and, after each scroll step, counts the visible rows of the board list that
// are still placeholders. It is plain JavaScript in a string because the benchmark compiles
// without the DOM library.
//
// Calls, through page.evaluate:
// - __scrollProbe.startFrames() / stopFrames(): frame intervals in ms while recording.
// - __scrollProbe.jumpTo(fraction): sets the list's scrollTop to that fraction of its range.
// - __scrollProbe.settle(): waits two frames, counts visible rows and placeholders, then waits
//   up to FILL_TIMEOUT_MS for the placeholders to fill.
// - __scrollProbe.metrics(): the scroller's heights and position.

/** Result of one settled scroll step. */
export interface SettledStep {
  /** Rows of the list at least partly inside the scroller's box. */
  visibleRows: number;
  /** Of those, rows still showing the placeholder two frames after the scroll. */
  blankRows: number;
  /** Time from that count until no visible placeholder remained, 0 when none was blank. */
  fillMs: number;
  /** False when placeholders remained after FILL_TIMEOUT_MS. */
  filled: boolean;
  /** Highest row index (0-based, Virtuoso's data-index) inside the box. */
  lastVisibleIndex: number;
}

export interface ScrollerMetrics {
  scrollHeight: number;
  clientHeight: number;
  scrollTop: number;
}

export const LIST_SELECTOR = '[data-testid="board-list"]';

export const SCROLL_PROBE_SCRIPT = `(() => {
  const FILL_TIMEOUT_MS = 10000;
  const frames = [];
  let recording = false;
  let lastFrame = 0;

  const tick = (now) => {
    if (!recording) return;
    if (lastFrame > 0) frames.push(now - lastFrame);
    lastFrame = now;
    requestAnimationFrame(tick);
  };

  const nextFrames = (count) =>
    new Promise((resolve) => {
      let left = count;
      const step = () => (left-- <= 0 ? resolve() : requestAnimationFrame(step));
      requestAnimationFrame(step);
    });

  const scroller = () => {
    const element = document.querySelector(${JSON.stringify(LIST_SELECTOR)});
    if (!element) throw new Error('board list ${LIST_SELECTOR} is not on the page');
    return element;
  };

  const countRows = () => {
    const list = scroller();
    const box = list.getBoundingClientRect();
    let visibleRows = 0;
    let blankRows = 0;
    let lastVisibleIndex = -1;
    for (const item of list.querySelectorAll('[data-index]')) {
      const rect = item.getBoundingClientRect();
      if (rect.bottom <= box.top || rect.top >= box.bottom) continue;
      visibleRows += 1;
      if (item.querySelector('[data-testid="board-row-placeholder"]')) blankRows += 1;
      lastVisibleIndex = Math.max(lastVisibleIndex, Number(item.getAttribute('data-index')));
    }
    return { visibleRows, blankRows, lastVisibleIndex };
  };

  const settle = async () => {
    await nextFrames(2);
    const atSettle = countRows();
    const started = performance.now();
    let now = atSettle;
    while (now.blankRows > 0 && performance.now() - started < FILL_TIMEOUT_MS) {
      await nextFrames(1);
      now = countRows();
    }
    return {
      visibleRows: atSettle.visibleRows,
      blankRows: atSettle.blankRows,
      fillMs: atSettle.blankRows > 0 ? performance.now() - started : 0,
      filled: now.blankRows === 0,
      lastVisibleIndex: now.lastVisibleIndex,
    };
  };

  window.__scrollProbe = {
    startFrames() {
      frames.length = 0;
      lastFrame = 0;
      recording = true;
      requestAnimationFrame(tick);
    },
    stopFrames() {
      recording = false;
      return frames.slice();
    },
    metrics() {
      const list = scroller();
      return { scrollHeight: list.scrollHeight, clientHeight: list.clientHeight, scrollTop: list.scrollTop };
    },
    jumpTo(fraction) {
      const list = scroller();
      list.scrollTop = Math.round(fraction * (list.scrollHeight - list.clientHeight));
      return settle();
    },
    settle,
  };
})();`;
