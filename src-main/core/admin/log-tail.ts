// The newest lines of the kiosk log for the admin screen, redacted and cut to a readable length.
import { readTailLines } from '../tail-lines.js';
import { redactPersonalData } from '../redaction.js';

/** A pino line is a few hundred bytes; the screen shows at most this much of a longer one. */
export const MAX_SHOWN_LINE_CHARS = 2000;

/** Returns up to `maxLines` of the file's last lines (see readTailLines), each redacted and cut to MAX_SHOWN_LINE_CHARS. */
export async function readLogTail(file: string, maxLines: number, maxBytes: number): Promise<string[]> {
  const lines = await readTailLines(file, maxBytes);
  return lines.slice(-maxLines).map((line) => redactPersonalData(line).slice(0, MAX_SHOWN_LINE_CHARS));
}
