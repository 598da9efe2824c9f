// The edit between the benchmark's two publishes: correct the amount of a fixed share of the
// payment rows in payments.csv, as a county does when it fixes data entry errors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CsvFileWriter } from '../src-main/publisher/demo-data/csv-output.js';
import { fenToYuanText, parseYuanToFen } from '../src-shared/money.js';

export interface PaymentChange {
  changedRows: number;
  totalRows: number;
  /** ID numbers of the recipients of changed rows, each once, in file order. */
  changedIdNumbers: string[];
}

// One yuan: any nonzero amount changes the row, and this one keeps the amount valid.
const CORRECTION_FEN = 100;

/**
 * Adds one yuan to the amount of every `interval`-th payment row (1 of 100 for 1%) and rewrites
 * payments.csv in place. Every other field and row stays byte for byte the same.
 */
export async function changePaymentAmounts(dataDir: string, interval: number): Promise<PaymentChange> {
  const file = path.join(dataDir, 'payments.csv');
  const [header, ...rows] = parse(readFileSync(file), { columns: false }) as string[][];
  if (header === undefined) throw new Error(`${file} is empty`);

  const amountColumn = header.indexOf('amount');
  const idColumn = header.indexOf('id_number');
  if (amountColumn < 0 || idColumn < 0) throw new Error(`${file} has no amount or id_number column`);

  const writer = new CsvFileWriter(file, header);
  const changedIdNumbers = new Set<string>();
  let changedRows = 0;
  for (const [index, row] of rows.entries()) {
    if (index % interval === interval - 1) {
      const amount = parseYuanToFen(row[amountColumn]!);
      if (!amount.ok) throw new Error(`invalid amount ${row[amountColumn]} on data row ${index + 1} of ${file}`);
      row[amountColumn] = fenToYuanText(amount.fen + CORRECTION_FEN);
      changedIdNumbers.add(row[idColumn]!);
      changedRows += 1;
    }
    await writer.write(row);
  }
  await writer.finish();

  return { changedRows, totalRows: rows.length, changedIdNumbers: [...changedIdNumbers] };
}
