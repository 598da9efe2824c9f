// The kiosk's navigation as a stack of views held in React state. The bottom entry is always the
// home menu: "back" pops one view but never past it, and "done" or the idle timeout return to a
// stack of home alone. Nothing of it goes to the URL or to browser storage.

/** A non-empty stack of views; the last entry is the one on screen. */
export type ViewStack<View> = readonly [View, ...View[]];

export function createViewStack<View>(home: View): ViewStack<View> {
  return [home];
}

export function currentView<View>(stack: ViewStack<View>): View {
  return stack[stack.length - 1]!;
}

export function pushView<View>(stack: ViewStack<View>, view: View): ViewStack<View> {
  return [...stack, view];
}

/** Removes the view on screen; a stack of home alone stays as it is. */
export function popView<View>(stack: ViewStack<View>): ViewStack<View> {
  if (stack.length === 1) return stack;
  return stack.slice(0, -1) as unknown as ViewStack<View>;
}

/** Swaps the view on screen for another, so "back" skips the one replaced. */
export function replaceView<View>(stack: ViewStack<View>, view: View): ViewStack<View> {
  return [...popView(stack), view] as unknown as ViewStack<View>;
}
