// The newest lines of the kiosk log for the admin screen, redacted and cut to a readable length.
import { readTailLines } from '../tail-lines.js';
import { redactPersonalData } from '../redaction.js';

/** A pino line is a few hundred bytes; the screen and the export keep at most this much of a longer one. */
export const MAX_SHOWN_LINE_CHARS = 2000;

/** Redacts a log line, then cuts it to MAX_SHOWN_LINE_CHARS with a note of how much was cut. */
export function shownLogLine(line: string): string {
  const redacted = redactPersonalData(line);
  if (redacted.length <= MAX_SHOWN_LINE_CHARS) return redacted;
  return `${redacted.slice(0, MAX_SHOWN_LINE_CHARS)}…[${redacted.length - MAX_SHOWN_LINE_CHARS} chars cut]`;
}

/** Returns up to `maxLines` of the file's last lines (see readTailLines), each redacted and cut by shownLogLine. */
export async function readLogTail(file: string, maxLines: number, maxBytes: number): Promise<string[]> {
  const lines = await readTailLines(file, maxBytes);
  return lines.slice(-maxLines).map(shownLogLine);
}
