// report_progress.csv of the export. Case handlers edit this file (stage, reply, published_on),
// so an export into a folder that already has one keeps every existing row byte for byte and
// only appends rows for case numbers the file does not have yet.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { REPORT_PROGRESS_FILE } from '../standard-v2/report-progress.js';
import { createDurableStream } from './durable-stream.js';
import { csvLine } from './export-rows.js';

/** Columns of report_progress.csv in data standard v2, the file the publisher reads for 查进度. */
export const PROGRESS_COLUMNS = REPORT_PROGRESS_FILE.columns.map((column) => column.name);

/** The existing progress file has other columns than the standard's, so rows cannot be appended to it. */
export class ProgressFileMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly header: string[],
  ) {
    super(`${file} has the columns ${header.join(', ')}; expected ${PROGRESS_COLUMNS.join(', ')}`);
    this.name = 'ProgressFileMismatchError';
  }
}

export interface ProgressOutcome {
  /** The folder had a progress file, whose rows were kept unchanged. */
  existed: boolean;
  /** Rows already in the file. */
  kept: number;
  /** Rows appended for new case numbers. */
  added: number;
}

/** A case number and the date (YYYY-MM-DD, local time) it was first received. */
export interface ProgressEntry {
  caseNumber: string;
  receivedOn: string;
}

/**
 * Writes `file` as the existing file (when there is one) plus a row at stage received for each
 * entry whose case number it lacks. The new file replaces the old one atomically.
 */
export async function writeProgressFile(file: string, entries: Iterable<ProgressEntry>, department: string): Promise<ProgressOutcome> {
  const existing = await readExistingCaseNumbers(file);
  const output = createDurableStream(file);
  let added = 0;
  try {
    if (existing === null) await output.write(`\uFEFF${csvLine(PROGRESS_COLUMNS)}`);
    else await copyKeepingBytes(file, output.write);

    for (const entry of entries) {
      if (existing?.caseNumbers.has(entry.caseNumber)) continue;
      const cells: Record<string, string> = { case_number: entry.caseNumber, stage: 'received', updated_on: entry.receivedOn, department };
      await output.write(csvLine(PROGRESS_COLUMNS.map((column) => cells[column] ?? '')));
      added += 1;
    }
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
  return { existed: existing !== null, kept: existing?.rows ?? 0, added };
}

async function readExistingCaseNumbers(file: string): Promise<{ caseNumbers: Set<string>; rows: number } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  await handle.close();

  const caseNumbers = new Set<string>();
  let header: string[] | null = null;
  let rows = 0;
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    if (header === null) {
      header = record.map((cell) => cell.trim());
      if (header.join(',') !== PROGRESS_COLUMNS.join(',')) throw new ProgressFileMismatchError(file, header);
      continue;
    }
    rows += 1;
    caseNumbers.add((record[0] ?? '').trim());
  }
  if (header === null) throw new ProgressFileMismatchError(file, []);
  return { caseNumbers, rows };
}

/** Streams the existing file into the new one and ends it with a line break when it lacks one. */
async function copyKeepingBytes(file: string, write: (chunk: Uint8Array | string) => Promise<void>): Promise<void> {
  let lastByte = -1;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    if (chunk.length === 0) continue;
    await write(chunk);
    lastByte = chunk[chunk.length - 1]!;
  }
  if (lastByte !== 0x0a) await write('\r\n');
}
