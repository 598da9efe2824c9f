// Writes the result of an import as a folder of the data standard, which `publish` reads as a
// county's own delivery. persons.csv and payments.csv come from the standard rows. regions.csv,
// subsidy_items.csv, the board files and documents/ are copied from the checked folder.
//
// The folder is written whole into a temporary sibling and renamed into place, so a full disk or
// a crash never leaves old and new files mixed. A folder that already exists is replaced only when
// it is empty or an earlier check wrote it (OUT_MARKER); any other folder is refused.
import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fenToYuanText } from '../../../src-shared/money.js';
import { CsvFileWriter } from '../demo-data/csv-output.js';
import { FILE_SPECS } from '../standard.js';
import { DOCUMENTS_FOLDER } from '../standard-v2/index.js';
import type { ImportResult } from './run-import.js';

/** The file that marks a folder as written by writeStandardFolder; publish ignores hidden files. */
export const OUT_MARKER = '.minsheng-check-out';

/**
 * Why a folder cannot take the output or the report: it is the checked folder or inside it (for
 * the report, inside documents/, which publish carries over), it is a file, or it contains files
 * that check did not write.
 */
export type FolderRefusal = 'dataDir' | 'insideDataDir' | 'insideDocuments' | 'notAFolder' | 'notOurs';

/** Error thrown when the output folder cannot be written, with the cause in `reason`. */
export class StandardFolderError extends Error {
  constructor(
    readonly outDir: string,
    readonly reason: FolderRefusal,
  ) {
    super(`the output folder ${outDir} cannot be used (${reason}); choose an empty folder outside the checked folder`);
    this.name = 'StandardFolderError';
  }
}

/** Resolves links of the longest part of `dir` that exists, so a folder not yet made compares too. */
async function resolved(dir: string): Promise<string> {
  const absolute = path.resolve(dir);
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(await resolved(parent), path.basename(absolute));
  }
}

/** Says whether `dir` is the checked folder or inside it; null when it lies outside. */
export async function placeAgainstDataDir(dir: string, dataDir: string): Promise<'dataDir' | 'insideDataDir' | null> {
  const [target, data] = await Promise.all([resolved(dir), resolved(dataDir)]);
  if (target === data) return 'dataDir';
  const relative = path.relative(data, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? 'insideDataDir' : null;
}

/**
 * Returns why `reportDir` cannot take the report, or null. A subfolder of the checked folder may,
 * because the check reads only the top level, but not documents/, which publish carries over.
 */
export async function refuseReportFolder(reportDir: string, dataDir: string): Promise<'dataDir' | 'insideDocuments' | null> {
  const [target, data] = await Promise.all([resolved(reportDir), resolved(dataDir)]);
  if (target === data) return 'dataDir';
  const [first] = path.relative(data, target).split(path.sep);
  return first === DOCUMENTS_FOLDER ? 'insideDocuments' : null;
}

/** Returns why `outDir` cannot take a standard folder, or null when it can. */
export async function refuseOutFolder(outDir: string, dataDir: string): Promise<FolderRefusal | null> {
  const place = await placeAgainstDataDir(outDir, dataDir);
  if (place !== null) return place;
  let names: string[];
  try {
    if (!(await stat(outDir)).isDirectory()) return 'notAFolder';
    names = await readdir(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return names.length === 0 || names.includes(OUT_MARKER) ? null : 'notOurs';
}

/** Writes the standard folder's files into `dir`, which exists and is empty. */
async function writeFiles(result: ImportResult, dataDir: string, dir: string): Promise<void> {
  const persons = new CsvFileWriter(path.join(dir, 'persons.csv'), FILE_SPECS['persons.csv'].headers);
  const payments = new CsvFileWriter(path.join(dir, 'payments.csv'), FILE_SPECS['payments.csv'].headers);
  try {
    for (const person of result.persons) {
      await persons.write([person.id_number, person.name, person.household_id, person.relation, person.village_code]);
    }
    for (const payment of result.payments) {
      const amount = fenToYuanText(payment.amount_fen);
      await payments.write([payment.payment_id, payment.id_number, payment.item_code, amount, payment.paid_on, payment.period, payment.department]);
    }
    await persons.finish();
    await payments.finish();
  } catch (error) {
    await persons.discard();
    await payments.discard();
    throw error;
  }

  const listing = result.listing;
  const copied = [...(listing?.reference ?? []), ...(listing?.passThrough ?? [])];
  for (const name of copied) {
    const from = path.join(dataDir, name);
    const to = path.join(dir, name);
    if (listing?.documents === true && name === 'documents') await cp(from, to, { recursive: true, force: true });
    else await copyFile(from, to);
  }
  await writeFile(path.join(dir, OUT_MARKER), 'Written by minsheng check --out; check replaces this folder on its next run.\n');
}

/**
 * Writes persons.csv and payments.csv (amounts in yuan, written from fen exactly) and copies the
 * reference files, board files and documents/ from `dataDir`, into a temporary sibling of
 * `outDir` that then replaces `outDir`. Throws StandardFolderError when `outDir` is refused.
 */
export async function writeStandardFolder(result: ImportResult, dataDir: string, outDir: string): Promise<void> {
  const target = path.resolve(outDir);
  const refusal = await refuseOutFolder(target, dataDir);
  if (refusal !== null) throw new StandardFolderError(target, refusal);

  await mkdir(path.dirname(target), { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const partial = `${target}.partial-${suffix}`;
  const old = `${target}.old-${suffix}`;
  try {
    await mkdir(partial);
    await writeFiles(result, dataDir, partial);
    let replaced = false;
    try {
      await rename(target, old);
      replaced = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      await rename(partial, target);
    } catch (error) {
      if (replaced) await rename(old, target);
      throw error;
    }
    if (replaced) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
