// The supervisor's log file, written so that the supervisor cannot die of its own logging. The
// data folder may be a read-only mount, a full disk or a file by mistake, at the start or later.
// Each line then goes to the fallback (stderr) and the problem is reported once. The file is tried
// again from time to time, so logging to it resumes once the disk has room again.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface LogFileOptions {
  /** Writer for lines while the file cannot be written. */
  fallback: { write(text: string): void };
  /** Callback run once when writes to the file start failing (with the error code), and once when they succeed again. */
  onChange(change: { ok: false; file: string; code: string } | { ok: true; file: string }): void;
  /** How long to wait before trying the file again after a failure (default 60 s). */
  retryMs?: number;
  /** The clock for retries (default performance.now). */
  now?: () => number;
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : (error as Error).message;
}

/** Opens `file` for appending (folders created) and returns a writer that never throws. */
export function openLogFile(file: string, options: LogFileOptions): { write(line: string): void; close(): void } {
  const retryMs = options.retryMs ?? 60_000;
  const now = options.now ?? (() => performance.now());
  let fd: number | null = null;
  let failing = false;
  let lastAttemptMs = -Infinity;

  function fail(error: unknown): void {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // Closing a descriptor on a broken disk may fail as well; it is dropped either way.
      }
    }
    fd = null;
    if (!failing) options.onChange({ ok: false, file, code: errorCode(error) });
    failing = true;
  }

  function open(): void {
    lastAttemptMs = now();
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      fd = openSync(file, 'a', 0o640);
    } catch (error) {
      fail(error);
    }
  }

  open();
  return {
    write(line: string): void {
      if (fd === null && now() - lastAttemptMs >= retryMs) open();
      if (fd !== null) {
        try {
          writeSync(fd, line);
          if (failing) {
            failing = false;
            options.onChange({ ok: true, file });
          }
          return;
        } catch (error) {
          fail(error);
        }
      }
      options.fallback.write(line);
    },
    close(): void {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
