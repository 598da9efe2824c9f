// What every subcommand of `minsheng` receives and returns.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { Language } from '../../src-shared/kiosk-api.js';
import type { Translate } from '../../src-shared/messages/translator.js';

export interface CommandContext {
  language: Language;
  t: Translate;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface Command {
  /** Short help for `minsheng --help`, as a catalog key in the cli namespace. */
  summaryKey: string;
  /** Runs the command and returns the process exit code. */
  run(argv: string[], context: CommandContext): Promise<number>;
}

/**
 * Thrown for a bad command line; main prints it with the usage hint and exits 2. A translation
 * (catalog key and values) replaces the message where the text comes from Node in English.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly translation?: { key: string; values: Record<string, string> },
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Maps Node's argument parser errors to catalog keys, naming the option it quotes. */
function translationOf(error: NodeJS.ErrnoException, argv: string[]): UsageError['translation'] {
  const option = /'(-[^' ]*)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { key: 'cli:unknownOption', values: { option } };
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "--idle-timeout -5": the parser takes -5 for an option, but the technician meant a number.
    const next = argv[argv.indexOf(option) + 1];
    if (argv.includes(option) && next !== undefined && /^-\d/.test(next)) return { key: 'cli:optionValueNegative', values: { option, value: next } };
    return { key: 'cli:optionValueMissing', values: { option } };
  }
  return undefined;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses options strictly; unknown or malformed options become a UsageError naming the value. */
export function parseOptions<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message, translationOf(error as NodeJS.ErrnoException, argv));
  }
}

/** Returns a required string option or throws a UsageError naming it. */
export function requireOption(
  values: Record<string, unknown>,
  name: string,
  context: CommandContext,
): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) {
    throw new UsageError(context.t('cli:missingOption', { option: `--${name}` }));
  }
  return value;
}

/** Parses a non-negative integer option or throws a UsageError naming the value. */
export function integerOption(
  value: unknown,
  name: string,
  fallback: number,
  context: CommandContext,
  minimum = 0,
): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) < minimum || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(context.t('cli:invalidInteger', { option: `--${name}`, value: text, minimum }));
  }
  return Number(text);
}
