// Turns the provisioning answers (option text) into a terminal config object, before the schema
// sees it. Numbers, yes/no, the restart window and paths are converted here; a value that does not
// convert becomes a problem naming its option, and the rest of the answers are still converted,
// so every problem is reported in one run.
import path from 'node:path';
import { HttpUrlSchema } from '../config.js';
import { parseSourceValue, UnsupportedSourceError } from '../sync/source.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { checkPin, describePinProblem } from './pin-rules.js';
import { PIN_FIELD, PROVISION_OPTIONS } from './options.js';
import type { ProvisionAnswers, ProvisionOption, ProvisionPin } from './options.js';

export interface ProvisionProblem {
  /** The option (without dashes) or PIN source behind the field; null when nothing names it. */
  option: string | null;
  /** The dotted config field. */
  field: string;
  /** The problem and its fix, in the command's language. It never contains the PIN. */
  message: string;
}

/** Absolute paths of the files and folders the answers name, for the checks after the schema. */
export interface NamedPaths {
  dataDir?: string;
  sourceFolder?: string;
  trust?: string;
  rootKeys?: string[];
  commissionKey?: string;
}

export interface BuiltConfig {
  /** The config object to validate and write, with PLACEHOLDER_PIN_HASH as admin.pinHash. */
  raw: Record<string, unknown>;
  problems: ProvisionProblem[];
  paths: NamedPaths;
}

/**
 * A well-formed hash that matches no PIN. The config is validated with it, so a rejected config
 * costs no scrypt run; the real hash replaces it just before writing.
 */
export const PLACEHOLDER_PIN_HASH = `scrypt$32768$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`;

const YES = new Set(['yes', 'y', 'true', 'on', '是']);
const NO = new Set(['no', 'n', 'false', 'off', '否']);

// Top-level keys in the order the written file lists them: the order of the option table, with
// the admin section where its options stand.
const SECTION_ORDER = [...new Set(PROVISION_OPTIONS.map((option) => option.field.split('.')[0]!))];

/** Reads yes/no (also y/n, true/false, on/off, 是/否) in any case; null for other text. */
export function parseYesNo(text: string): boolean | null {
  if (YES.has(text.toLowerCase())) return true;
  if (NO.has(text.toLowerCase())) return false;
  return null;
}

type Converted = { value: unknown } | { problem: string };

interface BuildContext {
  /** The config file's folder: relative paths in the written file start there. */
  configDir: string;
  /** Relative paths in the answers start here (the technician's working folder). */
  cwd: string;
  t: Translate;
}

function setField(target: Record<string, unknown>, field: string, value: unknown): void {
  const keys = field.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

/** Returns the absolute path, and the path to write: unchanged when absolute, else relative to the config file. */
function convertPath(text: string, context: BuildContext): { absolute: string; written: string } {
  const absolute = path.resolve(context.cwd, text);
  if (path.isAbsolute(text)) return { absolute, written: text };
  return { absolute, written: path.relative(context.configDir, absolute) || '.' };
}

/** Explains why an http(s) source URL is not acceptable, or returns null. */
export function urlProblem(value: string, t: Translate): string | null {
  const result = HttpUrlSchema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  const key = issue.code === 'custom' && issue.params?.['messageKey'] === 'httpUrlCredentials' ? 'config:issue.httpUrlCredentials' : 'config:issue.httpUrl';
  return t('provision:problem.badValue', { value: JSON.stringify(value), detail: t(key) });
}

function convert(option: ProvisionOption, text: string, context: BuildContext, paths: NamedPaths): Converted {
  const { t } = context;
  switch (option.kind) {
    case 'text':
      return { value: text };

    case 'integer':
      // Nine digits at most: every limit in the schema is far below that, and the schema names the range.
      if (!/^\d{1,9}$/.test(text)) return { problem: t('provision:problem.notInteger', { value: JSON.stringify(text) }) };
      return { value: Number(text) };

    case 'yes-no': {
      const value = parseYesNo(text);
      return value === null ? { problem: t('provision:problem.notYesNo', { value: JSON.stringify(text) }) } : { value };
    }

    case 'time-window': {
      const match = /^([^-]+)-([^-]+)$/.exec(text);
      if (match === null) return { problem: t('provision:problem.timeWindow', { value: JSON.stringify(text) }) };
      if (match[1] === match[2]) return { problem: t('provision:problem.timeWindowEmpty', { value: JSON.stringify(text) }) };
      return { value: { from: match[1], to: match[2] } };
    }

    case 'source':
      return convertSource(text, context, paths);

    case 'path': {
      if (text === '') return { value: text };
      const { absolute, written } = convertPath(text, context);
      if (option.field === 'dataDir') paths.dataDir = absolute;
      if (option.field === 'sync.trust') paths.trust = absolute;
      if (option.field === 'sync.rootKeys') paths.rootKeys = [...(paths.rootKeys ?? []), absolute];
      if (option.field === 'reporting.commissionKey') paths.commissionKey = absolute;
      return { value: written };
    }
  }
}

function convertSource(text: string, context: BuildContext, paths: NamedPaths): Converted {
  // An empty value would otherwise be read as the working folder.
  if (text.trim() === '') return { problem: context.t('provision:problem.sourceEmpty') };
  let location: ReturnType<typeof parseSourceValue>;
  try {
    location = parseSourceValue(text);
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError)) throw error;
    return { problem: context.t('provision:problem.sourceScheme', { value: JSON.stringify(text) }) };
  }

  if (location.kind === 'usb') return { value: 'usb' };
  if (location.kind === 'url') {
    const problem = urlProblem(location.url, context.t);
    return problem === null ? { value: location.url } : { problem };
  }
  const { absolute, written } = convertPath(location.folder, context);
  paths.sourceFolder = absolute;
  return { value: written };
}

function pinProblem(pin: ProvisionPin, t: Translate): ProvisionProblem | null {
  const problem = checkPin(pin.pin);
  if (problem === null) return null;
  return { option: pin.source === 'prompt' ? null : pin.source, field: PIN_FIELD, message: describePinProblem(problem, t) };
}

/** Converts the answers into a config object; values that do not convert are listed as problems. */
export function buildConfig(answers: ProvisionAnswers, pin: ProvisionPin | undefined, context: BuildContext): BuiltConfig {
  const raw: Record<string, unknown> = {};
  const problems: ProvisionProblem[] = [];
  const paths: NamedPaths = {};

  // 1. Each answered option, converted into its field.
  for (const option of PROVISION_OPTIONS) {
    const answer = answers[option.name];
    if (answer === undefined) continue;

    const texts = Array.isArray(answer) ? answer : [answer];
    const values: unknown[] = [];
    for (const text of texts) {
      const converted = convert(option, text, context, paths);
      if ('problem' in converted) problems.push({ option: option.name, field: option.field, message: converted.problem });
      else values.push(converted.value);
    }
    if (values.length === texts.length) setField(raw, option.field, 'multiple' in option ? values : values[0]);
  }

  // 2. The PIN, checked here because the config holds only its hash.
  const problem = pin === undefined ? null : pinProblem(pin, context.t);
  if (problem !== null) problems.push(problem);
  else if (pin !== undefined) raw['admin'] = { pinHash: PLACEHOLDER_PIN_HASH, ...(raw['admin'] as object | undefined) };

  // 3. Trust rules the schema checks only once the rest of the sync section is valid, and a
  // threshold beside a trust file, which the schema lets stand although it would mean nothing.
  if (answers.trust === undefined && answers['root-key'] === undefined) {
    problems.push({ option: 'trust', field: 'sync.trust', message: context.t('provision:problem.missingTrust') });
  }
  if (answers.threshold !== undefined && answers['root-key'] === undefined) {
    problems.push({ option: 'threshold', field: 'sync.rootThreshold', message: context.t('provision:problem.thresholdWithoutRootKeys') });
  }

  // 4. The sync section is required as a whole; an empty one lets the schema name its missing fields.
  raw['sync'] ??= {};

  const ordered = Object.fromEntries(SECTION_ORDER.filter((key) => key in raw).map((key) => [key, raw[key]]));
  return { raw: ordered, problems, paths };
}
