// Entry point of the `minsheng` command: picks the subcommand and the language, nothing more.
// Each subcommand lives in commands/ and is loaded only when used, so `minsheng query` does not
// pay for the publisher's imports.
import { resolveLanguage, translatorFor } from '../../src-shared/messages/translator.js';
import { configureLogging } from '../core/log.js';
import type { Command, CommandContext } from './command.js';
import { UsageError } from './command.js';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  'demo-data': () => import('./commands/demo-data.js'),
  keygen: () => import('./commands/keygen.js'),
  publish: () => import('./commands/publish.js'),
  preview: () => import('./commands/preview.js'),
  check: () => import('./commands/check.js'),
  sync: () => import('./commands/sync.js'),
  query: () => import('./commands/query.js'),
  serve: () => import('./commands/serve.js'),
  status: () => import('./commands/status.js'),
  verify: () => import('./commands/verify.js'),
  root: () => import('./commands/root.js'),
  receive: () => import('./commands/receive.js'),
  reports: () => import('./commands/reports.js'),
  watchdog: () => import('./commands/watchdog.js'),
  provision: () => import('./commands/provision.js'),
  fleet: () => import('./commands/fleet.js'),
  notice: () => import('./commands/notice.js'),
};

/** Removes a global --lang option from anywhere in argv and returns its value. */
function takeLanguageOption(argv: string[]): string | undefined {
  // Every occurrence is removed, so a repeated --lang is not left for the command to reject;
  // the last one wins, as with other command-line tools.
  let value: string | undefined;
  for (let index = argv.findIndex(isLanguageOption); index !== -1; index = argv.findIndex(isLanguageOption)) {
    const arg = argv[index]!;
    if (arg.includes('=')) {
      value = arg.slice('--lang='.length);
      argv.splice(index, 1);
    } else {
      value = argv[index + 1];
      argv.splice(index, 2);
    }
  }
  return value;
}

function isLanguageOption(arg: string): boolean {
  return arg === '--lang' || arg.startsWith('--lang=');
}

async function printHelp(context: CommandContext): Promise<void> {
  const lines = [context.t('cli:usage'), ''];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const command = (await load()).default;
    lines.push(`  ${name.padEnd(10)} ${context.t(command.summaryKey)}`);
  }
  lines.push('', context.t('cli:helpFooter'));
  context.stdout.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<number> {
  // People at a terminal read the translated messages; log lines below warn level are for
  // kiosks and services, so the CLI shows them only when MINSHENG_LOG_LEVEL requests them, as
  // readable text unless MINSHENG_LOG_FORMAT=json.
  configureLogging({
    level: process.env.MINSHENG_LOG_LEVEL ?? 'warn',
    format: process.env.MINSHENG_LOG_FORMAT === 'json' ? 'json' : 'text',
  });

  // `minsheng verify … | head` closes the pipe early; the rest of the output has no reader, which
  // is not an error of the command.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

  const args = [...argv];
  const language = resolveLanguage(takeLanguageOption(args), process.env.MINSHENG_LANG);
  const context: CommandContext = {
    language,
    t: translatorFor(language),
    stdout: process.stdout,
    stderr: process.stderr,
  };

  const name = args.shift();
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await printHelp(context);
    return name === undefined ? 2 : 0;
  }

  const load = COMMANDS[name];
  if (!load) {
    context.stderr.write(`${context.t('cli:unknownCommand', { name })}\n`);
    return 2;
  }

  try {
    const command = (await load()).default;
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      const message = error.translation ? context.t(error.translation.key, error.translation.values) : error.message;
      context.stderr.write(`${message}\n${context.t('cli:seeHelp', { name })}\n`);
      return 2;
    }
    throw error;
  }
}

// Run when executed directly (bin/minsheng.js imports this module and calls main itself).
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
