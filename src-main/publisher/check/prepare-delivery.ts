// Turns the folder given to `publish` or `preview` into a folder of the data standard. A standard
// folder is used as it is. A folder of department files is checked first (run-check.ts). While
// any row, file or list is rejected nothing is built, unless the worker asked for the accepted
// rows only; the accepted rows are then written as a standard folder into a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { listCheckFolder } from './folder-listing.js';
import { checkPassed, runCheck } from './run-check.js';
import type { CheckRun } from './run-check.js';
import { writeStandardFolder } from './write-standard-folder.js';

export type PreparedDelivery =
  | { kind: 'standard'; standardDir: string; remove(): Promise<void> }
  | { kind: 'department'; standardDir: string; check: CheckRun; remove(): Promise<void> }
  | { kind: 'rejected'; check: CheckRun };

export interface PrepareOptions {
  dataDir: string;
  rulesFile?: string;
  mappingFile?: string;
  /** Build from the accepted rows even though some rows or files were rejected. */
  acceptedOnly: boolean;
  idKey?: Uint8Array;
  now?: Date;
  t: Translate;
}

/** True when the folder contains department files; with persons.csv or payments.csv too, the check rejects it as mixed. */
async function isDepartmentFolder(dataDir: string): Promise<boolean> {
  try {
    const listing = await listCheckFolder(dataDir);
    return listing.departmentFiles.length > 0;
  } catch {
    // An unreadable folder goes the standard way, whose validator reports it.
    return false;
  }
}

/** Returns the standard folder to build from, or the check that rejected the delivery. */
export async function prepareDelivery(options: PrepareOptions): Promise<PreparedDelivery> {
  const dataDir = path.resolve(options.dataDir);
  if (!(await isDepartmentFolder(dataDir))) return { kind: 'standard', standardDir: dataDir, remove: async () => undefined };

  const check = await runCheck({ ...options, dataDir });
  if (check.imported.folderKind !== 'department') return { kind: 'rejected', check };
  if (!checkPassed(check.result) && !options.acceptedOnly) return { kind: 'rejected', check };

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-delivery-'));
  const remove = () => rm(workDir, { recursive: true, force: true });
  try {
    const standardDir = path.join(workDir, 'standard');
    await writeStandardFolder(check.imported, dataDir, standardDir);
    return { kind: 'department', standardDir, check, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
