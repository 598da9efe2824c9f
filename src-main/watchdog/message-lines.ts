// Splits the kiosk's byte stream into newline-terminated messages and parses each with the
// protocol's schema. A line longer than WATCHDOG_MAX_LINE_BYTES is dropped up to its newline
// without being kept, so a broken kiosk cannot fill the supervisor's memory.
import { WATCHDOG_MAX_LINE_BYTES, WatchdogMessageSchema } from '../../src-shared/watchdog-protocol.js';
import type { WatchdogMessage } from '../../src-shared/watchdog-protocol.js';

const NEWLINE = 0x0a;

export type ParsedLine = { ok: true; message: WatchdogMessage } | { ok: false; problem: 'not-json' | 'invalid-message' };

export function parseWatchdogLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const parsed = WatchdogMessageSchema.safeParse(value);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, problem: 'invalid-message' };
}

export interface LineSplitter {
  /** Feeds the next chunk; `onLine` runs for each complete line in it, `onOverlong` for each dropped one. */
  push(chunk: Buffer): void;
}

export function createLineSplitter(
  onLine: (text: string) => void,
  onOverlong: () => void,
  maxBytes: number = WATCHDOG_MAX_LINE_BYTES,
): LineSplitter {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // True while the rest of an over-long line is being skipped.
  let skipping = false;

  return {
    push(chunk) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, end);
        start = end + 1;

        if (skipping || pendingBytes + piece.length > maxBytes) {
          if (!skipping) onOverlong();
          skipping = false;
        } else {
          const line = Buffer.concat([...pending, piece]).toString('utf8');
          // Blank lines carry nothing and are not counted as bad messages.
          if (line.trim() !== '') onLine(line);
        }
        pending = [];
        pendingBytes = 0;
      }

      const rest = chunk.subarray(start);
      if (skipping || rest.length === 0) return;
      if (pendingBytes + rest.length > maxBytes) {
        onOverlong();
        skipping = true;
        pending = [];
        pendingBytes = 0;
        return;
      }
      // Copied, because the stream may reuse the chunk's memory.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    },
  };
}
