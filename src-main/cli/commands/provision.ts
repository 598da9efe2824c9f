// `minsheng provision`: writes a checked terminal config for one kiosk, from options or, where
// required values are missing and stdin is a terminal, from questions. Nothing is written until
// every value passes the same schema the kiosk loads at start and the key files and folders
// pass their checks. The admin PIN is stored only as a scrypt hash and is never printed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FileTooLargeError, KIOSK_PERMISSIONS, readBoundedFile } from '../../core/config.js';
import type { LoadedConfig } from '../../core/config.js';
import type { ProvisionProblem } from '../../core/provision/build-config.js';
import { PIN_FIELD, PROVISION_OPTIONS } from '../../core/provision/options.js';
import type { ProvisionAnswers, ProvisionPin } from '../../core/provision/options.js';
import { describeProvisionProblem, validateProvision } from '../../core/provision/validate.js';
import type { ProvisionRequest } from '../../core/provision/validate.js';
import { configText, withPinHash, writeTerminalConfig } from '../../core/provision/write-config.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import type { Command, CommandContext } from '../command.js';
import { parseOptions, requireOption, UsageError } from '../command.js';
import { InputEndedError, Prompter } from '../prompter.js';
import type { PromptStreams } from '../prompter.js';
import { askSteps, stepsForProblems, unansweredSteps } from '../provision-dialogue.js';
import type { DialogueState } from '../provision-dialogue.js';

/** A PIN file or PIN on stdin contains one short line; more means a wrong file. */
const MAX_PIN_INPUT_BYTES = 1024;

const COMMAND_OPTIONS = {
  config: { type: 'string' },
  force: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  prompt: { type: 'boolean' },
  'admin-pin-file': { type: 'string' },
  'admin-pin-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(PROVISION_OPTIONS.map((option) => [option.name, { type: 'string', multiple: 'multiple' in option }])),
} as const;

type PinRead = { pin?: ProvisionPin; problems: ProvisionProblem[] };

/**
 * Takes the PIN from the text of a PIN file or stdin: one line, with a newline at its end allowed
 * and nothing else taken off, so a second line or a stray space is reported, not guessed at.
 */
function pinOfText(text: string, source: 'admin-pin-file' | 'admin-pin-stdin', t: Translate): PinRead {
  const line = text.replace(/\r?\n$/, '');
  if (/[\r\n]/.test(line)) return { problems: [{ option: source, field: PIN_FIELD, message: t('provision:problem.pinLines', { option: `--${source}` }) }] };
  return { pin: { pin: line, source }, problems: [] };
}

function readPinFile(file: string, t: Translate): PinRead {
  const problem = (message: string): PinRead => ({ problems: [{ option: 'admin-pin-file', field: PIN_FIELD, message }] });
  try {
    return pinOfText(readBoundedFile(file, MAX_PIN_INPUT_BYTES).toString('utf8'), 'admin-pin-file', t);
  } catch (error) {
    if (error instanceof FileTooLargeError) return problem(t('provision:problem.pinFileTooLarge', { file, maxBytes: MAX_PIN_INPUT_BYTES }));
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return problem(t('provision:problem.pinFileUnreadable', { file, reason }));
  }
}

async function readPinStdin(input: NodeJS.ReadableStream, t: Translate): Promise<PinRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const bytes = Buffer.from(chunk as Buffer | string);
    total += bytes.length;
    if (total > MAX_PIN_INPUT_BYTES) {
      const message = t('provision:problem.pinStdinTooLarge', { maxBytes: MAX_PIN_INPUT_BYTES });
      return { problems: [{ option: 'admin-pin-stdin', field: PIN_FIELD, message }] };
    }
    chunks.push(bytes);
  }
  return pinOfText(Buffer.concat(chunks).toString('utf8'), 'admin-pin-stdin', t);
}

/** True when the answers lack a value the config cannot do without. */
function lacksRequired(answers: ProvisionAnswers): boolean {
  const missingOption = PROVISION_OPTIONS.some((option) => 'required' in option && answers[option.name] === undefined);
  return missingOption || (answers.trust === undefined && answers['root-key'] === undefined);
}

function writeProblems(problems: ProvisionProblem[], context: CommandContext): void {
  const lines = [context.t('provision:invalid', { count: problems.length })];
  for (const problem of problems) lines.push(`  - ${describeProvisionProblem(problem, context.t)}`);
  context.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * Validates the request; in a dialogue, asks again for the steps with problems until the answers
 * pass or a problem concerns an option the dialogue does not ask. Returns the valid config or
 * writes the problems and returns null.
 */
async function validateWithRetries(
  request: ProvisionRequest,
  state: DialogueState,
  prompter: Prompter | null,
  context: CommandContext,
): Promise<{ raw: Record<string, unknown>; loaded: LoadedConfig } | null> {
  for (;;) {
    const result = await validateProvision({ ...request, answers: state.answers, pin: state.pin }, context.t);
    if (result.ok) return result;

    writeProblems(result.problems, context);
    const steps = prompter === null ? null : stepsForProblems(result.problems);
    if (prompter === null || steps === null) return null;
    prompter.say(context.t('provision:prompt.retry'));
    await askSteps(steps, prompter, state, context.t);
  }
}

function summaryLines(loaded: LoadedConfig, t: Translate): string[] {
  const { config } = loaded;
  const lines = [
    t('provision:summaryLine.terminal', { id: config.terminalId, name: config.terminalName }),
    t('provision:summaryLine.region', { region: config.regionCode, home: config.home?.regionCode ?? config.regionCode }),
    t('provision:summaryLine.dataDir', { dir: loaded.dataDir }),
    t('provision:summaryLine.source', { source: loaded.source, minutes: config.sync.intervalMinutes }),
    loaded.trust.kind === 'file'
      ? t('provision:summaryLine.trustFile', { file: loaded.trust.file })
      : t('provision:summaryLine.trustRootKeys', { count: loaded.trust.files.length, threshold: loaded.trust.threshold }),
    t('provision:summaryLine.idle', { timeout: config.idle.timeoutSeconds, warning: config.idle.warningSeconds, attract: config.kiosk.attractAfterSeconds }),
  ];

  const printer = config.printer;
  lines.push(
    printer?.enabled === true
      ? t('provision:summaryLine.printerOn', { printer: printer.name ?? t('provision:summaryLine.defaultPrinter'), layout: printer.layout })
      : t('provision:summaryLine.printerOff'),
  );
  const restart = config.watchdog.dailyRestart;
  lines.push(restart === undefined ? t('provision:summaryLine.noRestart') : t('provision:summaryLine.restart', restart));
  lines.push(config.admin === undefined ? t('provision:summaryLine.noAdmin') : t('provision:summaryLine.admin', { corner: config.admin.corner }));
  const permissions = config.kiosk.permissions;
  lines.push(permissions.length === 0 ? t('provision:summaryLine.noPermissions') : t('provision:summaryLine.permissions', { permissions: permissions.join(', ') }));

  const reporting = config.reporting;
  if (reporting === undefined) lines.push(t('provision:summaryLine.noReporting'));
  else if (reporting.uploadUrl === undefined) lines.push(t('provision:summaryLine.reporting', { url: reporting.reportUrl }));
  else lines.push(t('provision:summaryLine.reportingUpload', { url: reporting.reportUrl, upload: reporting.uploadUrl }));
  const heartbeat = config.heartbeat;
  lines.push(heartbeat === undefined ? t('provision:summaryLine.noHeartbeat') : t('provision:summaryLine.heartbeat', { url: heartbeat.url, minutes: heartbeat.intervalMinutes }));
  return lines;
}

/** Runs `minsheng provision` with `input` as its stdin: the PIN with --admin-pin-stdin, or the answers to its questions. */
export async function runProvision(argv: string[], context: CommandContext, input: PromptStreams['input']): Promise<number> {
  const { values, positionals } = parseOptions(argv, COMMAND_OPTIONS);
  if (values.help === true) {
    context.stdout.write(`${context.t('provision:help', { permissions: KIOSK_PERMISSIONS.join(', ') })}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(context.t('provision:unexpectedArgument', { value: positionals[0] }));
  if (values['admin-pin-file'] !== undefined && values['admin-pin-stdin'] === true) throw new UsageError(context.t('provision:pinSourcesConflict'));
  if (values.prompt === true && values['admin-pin-stdin'] === true) throw new UsageError(context.t('provision:promptWithPinStdin'));
  // Typed at a terminal, the PIN would show on the screen as it is typed.
  if (values['admin-pin-stdin'] === true && input.isTTY === true) throw new UsageError(context.t('provision:pinStdinTerminal'));

  // 1. The target first, so a technician is not asked everything only to be turned away.
  const configFile = path.resolve(requireOption(values, 'config', context));
  const writes = values['dry-run'] !== true;
  if (writes && values.force !== true && existsSync(configFile)) {
    context.stderr.write(`${context.t('provision:exists', { file: configFile })}\n`);
    return 1;
  }

  // 2. Option values and the PIN.
  const answers: ProvisionAnswers = {};
  for (const option of PROVISION_OPTIONS) {
    const value = (values as Record<string, string | string[] | undefined>)[option.name];
    if (value !== undefined) answers[option.name] = value;
  }
  const pinFile = values['admin-pin-file'];
  const pinRead: PinRead =
    pinFile !== undefined ? readPinFile(path.resolve(pinFile), context.t) : values['admin-pin-stdin'] === true ? await readPinStdin(input, context.t) : { problems: [] };
  const state: DialogueState = { answers, pin: pinRead.pin };

  // 3. Questions for what is missing, when someone (or a script with --prompt) can answer.
  const asks = values.prompt === true || (input.isTTY === true && values['admin-pin-stdin'] !== true && lacksRequired(answers));
  const prompter = asks ? new Prompter({ input, output: context.stderr }) : null;
  // A PIN that cannot be read is listed with the other problems, or, in a dialogue, asked for.
  const request: ProvisionRequest = {
    answers,
    configFile,
    cwd: process.cwd(),
    pinFile: pinFile === undefined ? undefined : path.resolve(pinFile),
    earlier: prompter === null ? pinRead.problems : [],
  };
  let valid: Awaited<ReturnType<typeof validateWithRetries>>;
  try {
    if (prompter !== null && pinRead.problems.length > 0) writeProblems(pinRead.problems, context);
    if (prompter !== null) {
      prompter.say(context.t('provision:prompt.intro'));
      await askSteps(unansweredSteps(state), prompter, state, context.t);
    }
    valid = await validateWithRetries(request, state, prompter, context);
  } catch (error) {
    if (!(error instanceof InputEndedError)) throw error;
    context.stderr.write(`${context.t(error.cancelled ? 'provision:cancelled' : 'provision:inputEnded')}\n`);
    return error.cancelled ? 130 : 2;
  } finally {
    prompter?.close();
  }
  if (valid === null) return 2;

  // 4. Print or write.
  if (!writes) {
    const shown = state.pin === undefined ? valid.raw : withHiddenHash(valid.raw, context.t);
    context.stdout.write(`${context.t('provision:dryRun', { file: configFile })}\n${configText(shown)}`);
    return 0;
  }
  try {
    await writeTerminalConfig(configFile, withPinHash(valid.raw, state.pin?.pin), { replace: values.force === true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') context.stderr.write(`${context.t('provision:exists', { file: configFile })}\n`);
    else context.stderr.write(`${context.t('provision:writeFailed', { file: configFile, reason: code ?? (error as Error).message })}\n`);
    return 1;
  }

  const lines = [context.t('provision:written', { file: configFile }), ...summaryLines(valid.loaded, context.t).map((line) => `  ${line}`)];
  context.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function withHiddenHash(raw: Record<string, unknown>, t: Translate): Record<string, unknown> {
  return { ...raw, admin: { ...(raw['admin'] as object), pinHash: t('provision:hiddenHash') } };
}

const provision: Command = {
  summaryKey: 'provision:summary',
  run: (argv, context) => runProvision(argv, context, process.stdin),
};

export default provision;
