// Validates the provisioning answers as a whole: conversion of the option text, the terminal
// config schema (through parseTerminalConfig, the same parser the kiosk uses at start), and the
// checks of key files and folders. Every problem is collected, each naming its option and field.
import path from 'node:path';
import { ConfigError, parseTerminalConfig } from '../config.js';
import type { LoadedConfig } from '../config.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { buildConfig } from './build-config.js';
import type { ProvisionProblem } from './build-config.js';
import { checkNamedPaths, configFileProblems } from './checks.js';
import { optionOfField, PIN_FIELD, PROVISION_OPTIONS } from './options.js';
import type { ProvisionAnswers, ProvisionPin } from './options.js';

export interface ProvisionRequest {
  answers: ProvisionAnswers;
  pin?: ProvisionPin;
  /** Absolute path of the config file to write. */
  configFile: string;
  /** Folder that relative paths in the answers start from. */
  cwd: string;
  /** Absolute path of the PIN file given with --admin-pin-file, checked not to be the config file. */
  pinFile?: string;
  /** Problems found before validation, such as a PIN file that cannot be read; listed with the rest. */
  earlier?: ProvisionProblem[];
}

export type ProvisionValidation =
  | { ok: true; raw: Record<string, unknown>; loaded: LoadedConfig }
  | { ok: false; problems: ProvisionProblem[] };

function valueAt(raw: Record<string, unknown>, field: string): unknown {
  let value: unknown = raw;
  for (const key of field.split('.')) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Maps the schema's problems to options; a field left out gets a message naming the option to give. */
function schemaProblems(error: ConfigError, raw: Record<string, unknown>, t: Translate): ProvisionProblem[] {
  return error.problems.map((message, index) => {
    const { field, code } = error.issues[index] ?? { field: '', code: '' };
    const option = optionOfField(field)?.name ?? null;

    if (code === 'invalid_type' && valueAt(raw, field) === undefined) {
      if (field === PIN_FIELD) return { option, field, message: t('provision:problem.missingPin') };
      if (option !== null) return { option, field, message: t('provision:problem.missing', { option: `--${option}` }) };
    }
    return { option, field, message };
  });
}

// Position of a problem in the option table, so the list reads in the order of the help text.
function rankOf(problem: ProvisionProblem): number {
  const option = optionOfField(problem.field === PIN_FIELD ? 'admin.corner' : problem.field);
  return option === undefined ? PROVISION_OPTIONS.length : PROVISION_OPTIONS.indexOf(option as (typeof PROVISION_OPTIONS)[number]);
}

/**
 * Builds the config from the answers and checks it. A schema problem on an option that already
 * failed to convert is left out, because it would only repeat that the value is missing.
 */
export async function validateProvision(request: ProvisionRequest, t: Translate): Promise<ProvisionValidation> {
  const built = buildConfig(request.answers, request.pin, { configDir: path.dirname(request.configFile), cwd: request.cwd, t });

  let loaded: LoadedConfig | undefined;
  let fromSchema: ProvisionProblem[] = [];
  try {
    loaded = parseTerminalConfig(built.raw, request.configFile, t);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fromSchema = schemaProblems(error, built.raw, t);
  }

  const fromFiles = [
    ...configFileProblems(request.configFile, built.paths, request.pinFile, t),
    ...(await checkNamedPaths(built.paths, valueAt(built.raw, 'sync.rootThreshold'), valueAt(built.raw, 'regionCode'), t)),
  ];
  const reported = new Set([...(request.earlier ?? []), ...built.problems].flatMap((problem) => [problem.option, problem.field]));
  const repeated = (problem: ProvisionProblem) => reported.has(problem.field) || (problem.option !== null && reported.has(problem.option));
  const problems = [...(request.earlier ?? []), ...built.problems, ...fromSchema.filter((problem) => !repeated(problem)), ...fromFiles];
  problems.sort((a, b) => rankOf(a) - rankOf(b));

  if (loaded === undefined || problems.length > 0) return { ok: false, problems };
  return { ok: true, raw: built.raw, loaded };
}

/** Formats one problem as the line the technician reads: option, field, what is wrong and the fix. */
export function describeProvisionProblem(problem: ProvisionProblem, t: Translate): string {
  if (problem.option === null) return t('provision:problemLine.field', { field: problem.field, message: problem.message });
  return t('provision:problemLine.option', { option: `--${problem.option}`, field: problem.field, message: problem.message });
}
