// Writes the result of an import as a folder of the data standard, which `publish` reads as a
// county's own delivery. persons.csv and payments.csv come from the standard rows. regions.csv,
// subsidy_items.csv, the board files and documents/ are copied from the checked folder.
import { copyFile, cp, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fenToYuanText } from '../../../src-shared/money.js';
import { CsvFileWriter } from '../demo-data/csv-output.js';
import { FILE_SPECS } from '../standard.js';
import type { ImportResult } from './run-import.js';

/** Thrown when the output folder would overwrite the checked folder. */
export class StandardFolderError extends Error {
  constructor(readonly outDir: string) {
    super(`the output folder ${outDir} is the checked folder; choose an empty folder outside it`);
    this.name = 'StandardFolderError';
  }
}

async function resolved(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * Writes persons.csv and payments.csv (amounts in yuan, written from fen exactly) into `outDir`
 * and copies the reference files, board files and documents/ from `dataDir`. Each CSV file
 * appears under its name only when complete.
 */
export async function writeStandardFolder(result: ImportResult, dataDir: string, outDir: string): Promise<void> {
  if ((await resolved(outDir)) === (await resolved(dataDir))) throw new StandardFolderError(outDir);
  await mkdir(outDir, { recursive: true });

  const persons = new CsvFileWriter(path.join(outDir, 'persons.csv'), FILE_SPECS['persons.csv'].headers);
  const payments = new CsvFileWriter(path.join(outDir, 'payments.csv'), FILE_SPECS['payments.csv'].headers);
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
    const to = path.join(outDir, name);
    if (listing?.documents === true && name === 'documents') await cp(from, to, { recursive: true, force: true });
    else await copyFile(from, to);
  }
}
