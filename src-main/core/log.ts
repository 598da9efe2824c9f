// One pino logger per module, with the module's name on every line. Personal fields are
// censored by pino's redaction before a line is written, and free text is scrubbed of anything
// shaped like an ID number, a bank card or a mobile number, so neither can reach a log file.
import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

// Field names that carry personal data anywhere in a log object, at any of the first 2 levels.
const PERSONAL_FIELDS = [
  'idNumber',
  'id_number',
  'name',
  'phone',
  'bankAccount',
  'bank_account',
  'address',
];
const REDACT_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

// 15 or 18 digit ID numbers (last may be X), 16-19 digit card numbers, 11 digit mobile numbers.
const PERSONAL_NUMBER = /(?<!\d)(\d{17}[\dXx]|\d{15,19}|1[3-9]\d{9})(?!\d)/g;

/** Replaces digit runs shaped like ID, card or phone numbers in free text. */
export function scrubText(text: string): string {
  return text.replace(PERSONAL_NUMBER, (match) => `[${match.length} digits redacted]`);
}

let root: Logger | undefined;

/** Sets where logs go: a file path (appended, created if absent) or stderr when omitted. */
export function configureLogging(options: { file?: string; level?: string } = {}): void {
  const destination = options.file
    ? pino.destination({ dest: options.file, mkdir: true, sync: true })
    : pino.destination({ fd: 2, sync: true });
  root = pino(
    {
      level: options.level ?? process.env.MINSHENG_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (error: Error) => ({ type: error.name, message: scrubText(error.message), stack: error.stack && scrubText(error.stack) }),
      },
    },
    destination,
  );
}

/** Returns the logger of a module; by default logs go to stderr at level info. */
export function createLogger(module: string): Logger {
  if (!root) configureLogging({ level: process.env.MINSHENG_LOG_LEVEL ?? 'warn' });
  return root!.child({ module });
}
