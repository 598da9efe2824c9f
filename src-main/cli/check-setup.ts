// What `check`, `publish` and `preview` share around a check of department files: the problems
// of the command line and the county's files that stop the check before any department file is
// read (exit 2), and the guarded writes of the report and the standard folder.
import { MappingFileError } from '../publisher/import/header-mapping-file.js';
import { messageText } from '../publisher/check/report-text.js';
import { RulesFileError } from '../publisher/check/rules-file.js';
import { DataFolderError } from '../publisher/check/run-check.js';
import { refuseOutFolder, refuseReportFolder, StandardFolderError } from '../publisher/check/write-standard-folder.js';
import type { FolderRefusal } from '../publisher/check/write-standard-folder.js';
import type { CommandContext } from './command.js';

/** Exit status for a bad command line, rules file or header mapping file. */
export const EXIT_SETUP = 2;

/**
 * Runs `step`; when it throws because the data folder, the rules file or the header mapping
 * file cannot be used, prints why and returns null.
 */
export async function runCheckStep<T>(step: () => Promise<T>, context: CommandContext): Promise<T | null> {
  const { t } = context;
  try {
    return await step();
  } catch (error) {
    let lines: string[];
    if (error instanceof RulesFileError) {
      lines = [t('check:command.rulesFileInvalid', { file: error.file })];
      for (const problem of error.problems) lines.push(`  - ${messageText(problem, t)}`);
    } else if (error instanceof MappingFileError) {
      lines = [t('check:command.mappingFileInvalid', { file: error.file })];
      for (const problem of error.problems) lines.push(`  - ${t(`import:${problem.code}`, problem.params)}`);
    } else if (error instanceof DataFolderError) {
      lines = [messageText(error.problem, t)];
    } else throw error;
    context.stderr.write(`${lines.join('\n')}\n`);
    return null;
  }
}

function refusalText(option: '--out' | '--report', dir: string, refusal: FolderRefusal, context: CommandContext): string {
  return context.t(`check:command.folderRefused.${refusal}`, { option, dir });
}

/**
 * Checks, before anything is read, that the report folder is neither the data folder nor in its
 * documents/, that the output folder lies outside the data folder and that it may be replaced. Prints why and returns false otherwise.
 */
export async function folderOptionsUsable(
  folders: { dataDir: string; reportDir?: string | null; outDir?: string | null },
  context: CommandContext,
): Promise<boolean> {
  const problems: string[] = [];
  if (folders.reportDir != null) {
    const refusal = await refuseReportFolder(folders.reportDir, folders.dataDir);
    if (refusal !== null) problems.push(refusalText('--report', folders.reportDir, refusal, context));
  }
  if (folders.outDir != null) {
    const refusal = await refuseOutFolder(folders.outDir, folders.dataDir);
    if (refusal !== null) problems.push(refusalText('--out', folders.outDir, refusal, context));
  }
  if (problems.length === 0) return true;
  context.stderr.write(`${problems.join('\n')}\n`);
  return false;
}

/** Runs a write into `dir`; prints why and returns false when the file system rejects it. */
export async function writeOrReport(write: () => Promise<unknown>, dir: string, context: CommandContext): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof StandardFolderError) {
      context.stderr.write(`${refusalText('--out', dir, error.reason, context)}\n`);
      return false;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    context.stderr.write(`${context.t('check:command.writeFailed', { dir, reason: (error as Error).message })}\n`);
    return false;
  }
}
