// Shows that slow work ran off the main thread: timers on this thread keep firing meanwhile.

/**
 * Runs `work` and counts the 1 ms interval callbacks that fired before it settled. Work that
 * blocked this thread until it finished leaves the count at 0.
 */
export async function countTicks<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const value = await work();
    return { value, ticks };
  } finally {
    clearInterval(timer);
  }
}
