// One pino logger per module, with the module's name on every line. Personal fields are
// censored by pino's redaction before a line is written, and free text is scrubbed of anything
// shaped like an ID number, a bank card or a mobile number, so neither can reach a log file.
import pino from 'pino';
import type { Logger } from 'pino';
import { PERSONAL_FIELDS, REDACTED, redactPersonalData } from './redaction.js';

export type { Logger };

const REDACT_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/** Replaces personal fields and numbers shaped like ID, card or phone numbers in free text (see redaction.ts). */
export const scrubText = redactPersonalData;

// Loggers are created at module load, before a host has chosen where its logs go, so they all write
// to one forwarding stream whose targets configureLogging and addLogFile can change later.
// Each target applies its own level and format, so those can change for loggers that already exist.
interface LogTarget {
  stream: { write(line: string): void };
  minimumLevel: number;
  format: LogFormat;
}

let defaultLevel = levelValue(process.env.MINSHENG_LOG_LEVEL, 30);
let targets: LogTarget[] = [{ stream: pino.destination({ fd: 2, sync: true }), minimumLevel: defaultLevel, format: 'json' }];
const forwarding = {
  write(line: string) {
    const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 60);
    for (const target of targets) {
      if (level < target.minimumLevel) continue;
      target.stream.write(target.format === 'text' ? toTextLine(line) : line);
    }
  },
};

/** Returns pino's number for a level name, or `fallback` for a missing or unknown name. */
function levelValue(name: string | undefined, fallback: number): number {
  return (name === undefined ? undefined : pino.levels.values[name]) ?? fallback;
}

/** Log line formats: JSON for files and services, one readable line for a person at a terminal. */
export type LogFormat = 'json' | 'text';

// Fields every JSON line carries that the text form shows in its own way or leaves out.
const TEXT_SKIPPED_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'module', 'msg']);

/** Turns one pino JSON line into "warn sync: message (key=value, ...)". */
export function toTextLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }

  const label = pino.levels.labels[Number(record.level)] ?? 'log';
  const fields = Object.entries(record)
    .filter(([key]) => !TEXT_SKIPPED_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const details = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  return `${label} ${String(record.module ?? '')}: ${String(record.msg ?? '')}${details}\n`;
}

// Nesting deeper than this in a fields object is left as it is; log calls pass flat fields.
const MAX_SCRUB_DEPTH = 4;

/**
 * Scrubs a message string, and the string values of a fields object with its nested plain
 * objects and arrays, so a detail passed through from elsewhere (a kiosk's incident report, say)
 * cannot carry a personal number into a log. Errors are left to the err serializer.
 */
function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth >= MAX_SCRUB_DEPTH || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubValue(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]));
}

const root: Logger = pino(
  {
    level: 'debug',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => scrubValue(arg, 0));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    serializers: {
      // Anything may be thrown or logged as err: a string, or an error object that crossed a
      // worker boundary as a plain object. The serializer must not throw on any of them, or the
      // line about the failure is lost.
      err: (error: unknown) => {
        if (typeof error !== 'object' || error === null) return { type: typeof error, message: scrubText(String(error)) };
        const fields = error as { name?: unknown; message?: unknown; stack?: unknown };
        return {
          type: typeof fields.name === 'string' ? fields.name : 'Error',
          message: scrubText(typeof fields.message === 'string' ? fields.message : String(fields.message ?? '')),
          stack: typeof fields.stack === 'string' ? scrubText(fields.stack) : undefined,
        };
      },
    },
  },
  forwarding,
);

/**
 * Sends every logger's lines to a file (appended, folders created) or back to stderr, from the
 * given level up (pino's names: debug, info, warn, error), as JSON unless `format` is 'text'. It
 * replaces all earlier targets, including files added with addLogFile.
 */
export function configureLogging(options: { file?: string; level?: string; format?: LogFormat } = {}): void {
  defaultLevel = levelValue(options.level, defaultLevel);
  const stream = options.file ? pino.destination({ dest: options.file, mkdir: true, sync: true }) : pino.destination({ fd: 2, sync: true });
  targets = [{ stream, minimumLevel: defaultLevel, format: options.format ?? 'json' }];
}

/**
 * Also sends every logger's lines, as JSON from `level` up (default info), to a file (appended,
 * folders created), beside the targets already set.
 */
export function addLogFile(file: string, level = 'info'): void {
  const stream = pino.destination({ dest: file, mkdir: true, sync: true });
  targets = [...targets, { stream, minimumLevel: levelValue(level, 30), format: 'json' }];
}

/**
 * Sends every logger's lines of this thread, as JSON and at every level, to `write`. A worker
 * thread uses it to pass its lines to the main thread, which writes them with writeLogLine.
 */
export function forwardLogLines(write: (line: string) => void): void {
  targets = [{ stream: { write }, minimumLevel: 0, format: 'json' }];
}

/** Writes a JSON line from another thread's loggers to this thread's target, at this thread's level and format. */
export function writeLogLine(line: string): void {
  forwarding.write(line);
}

/** Returns the logger of a module. The level starts from MINSHENG_LOG_LEVEL (default info). */
export function createLogger(module: string): Logger {
  return root.child({ module });
}
