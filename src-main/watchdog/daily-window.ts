// The daily restart window: "HH:MM" to "HH:MM" in the terminal's local time. A window whose end
// is earlier than its start crosses midnight (23:30 to 01:00). Each day has one occurrence of
// the window, named by the local date on which it starts, so the supervisor restarts the kiosk
// at most once per occurrence.

export interface DailyWindow {
  /** Local start time, "HH:MM" on a 24-hour clock. */
  from: string;
  /** Local end time, exclusive. */
  to: string;
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function localDateKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** True when the window has no length (from equals to), so it never contains a time. */
export function isEmptyWindow(window: DailyWindow): boolean {
  return minutesOf(window.from) === minutesOf(window.to);
}

/**
 * Returns the occurrence of the window that contains the wall-clock time `atMs`, as the local
 * date ("YYYY-MM-DD") on which that occurrence started, or null when `atMs` is outside the window.
 */
export function windowOccurrence(window: DailyWindow, atMs: number): string | null {
  const at = new Date(atMs);
  const minute = at.getHours() * 60 + at.getMinutes();
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);

  if (from < to) return minute >= from && minute < to ? localDateKey(at) : null;
  if (from === to) return null;

  // The window crosses midnight: its part after midnight belongs to the previous day's occurrence.
  if (minute >= from) return localDateKey(at);
  if (minute < to) return localDateKey(new Date(at.getFullYear(), at.getMonth(), at.getDate() - 1));
  return null;
}
