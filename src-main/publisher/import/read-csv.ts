// Reads a CSV file exported by Excel, WPS or a payment system into a SourceTable: the encoding
// and the delimiter are detected and reported, Excel's quirks are undone (="0123" cells that keep
// leading zeros, trailing empty columns, blank lines), and CRLF, LF and mixed line ends all work.
// Two passes over the file: one over the bytes to settle the encoding, one decoding and splitting.
import { createReadStream } from 'node:fs';
import { MAX_RECORD_BYTES } from '../standard.js';
import { CsvSplitter, CsvSyntaxError } from './csv-splitter.js';
import { decodeAll, decoderFor, EncodingScanner } from './detect-encoding.js';
import type { TextEncoding } from './detect-encoding.js';
import { EMPTY_CELL, findTable } from './find-table.js';
import { ImportError } from './import-error.js';
import type { CellValue, CsvDelimiter, SourceRow, SourceTable } from './source-table.js';

const CHUNK_BYTES = 1024 * 1024;
const DELIMITERS: CsvDelimiter[] = [',', '\t', ';'];
/** Lines of the file's start that delimiter detection looks at. */
const DELIMITER_SAMPLE_LINES = 50;

/** Number of delimiter characters outside double quotes in one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const character of line) {
    if (character === '"') quoted = !quoted;
    else if (character === delimiter && !quoted) count++;
  }
  return count;
}

/**
 * Picks the delimiter that splits the most sample lines into the same number of fields. Excel
 * writes commas, semicolons in locales with a decimal comma, and tabs for "Unicode text".
 */
export function detectDelimiter(sampleText: string, complete: boolean): CsvDelimiter {
  const lines = sampleText.split(/\r\n|\n|\r/);
  if (!complete) lines.pop();
  const sample = lines.filter((line) => line.trim() !== '').slice(0, DELIMITER_SAMPLE_LINES);

  let best: CsvDelimiter = ',';
  let bestLines = 0;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const frequency = new Map<number, number>();
    for (const line of sample) {
      const count = countOutsideQuotes(line, delimiter);
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    for (const [count, lineCount] of frequency) {
      if (lineCount > bestLines || (lineCount === bestLines && count > bestCount)) {
        best = delimiter;
        bestLines = lineCount;
        bestCount = count;
      }
    }
  }
  return best;
}

const FORMULA_QUOTED = /^="(.*)"$/s;

function toCell(field: string): CellValue {
  if (field === '') return EMPTY_CELL;
  if (field.charCodeAt(0) === 0x3d) {
    // Excel keeps leading zeros in CSV by writing the cell as the formula ="0123".
    const match = FORMULA_QUOTED.exec(field);
    if (match) return match[1] === '' ? EMPTY_CELL : { kind: 'text', text: match[1]!.replace(/""/g, '"') };
  }
  return { kind: 'text', text: field };
}

/** Distinct cell texts that SharedCells keeps before it starts over. */
const SHARED_CELLS_MAX = 50_000;

/**
 * Returns one frozen cell per distinct text. Most columns of an export repeat a few values (items,
 * townships, villages, dates, amounts), and sharing them cut the heap of the 1,000,000-row CSV of
 * bench/check-pipeline.ts from 1.3 GB to 0.55 GB. The map starts over when full, so that columns
 * of unique values (ID numbers, serial numbers) cannot grow it without bound.
 */
class SharedCells {
  private readonly cells = new Map<string, CellValue>();

  get(field: string): CellValue {
    let cell = this.cells.get(field);
    if (cell === undefined) {
      if (this.cells.size >= SHARED_CELLS_MAX) this.cells.clear();
      cell = Object.freeze(toCell(field));
      this.cells.set(field, cell);
    }
    return cell;
  }
}

async function scanEncoding(filePath: string, file: string): Promise<{ encoding: TextEncoding; sample: Buffer; size: number }> {
  const scanner = new EncodingScanner();
  let size = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    scanner.scan(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { encoding: scanner.decide(file), sample: scanner.sample(), size };
}

/** Reads one CSV file; throws an ImportError when the file has no readable table. */
export async function readCsv(filePath: string, file: string): Promise<SourceTable> {
  const { encoding, sample, size } = await scanEncoding(filePath, file);
  const sampleText = decodeAll(sample, encoding);
  const delimiter = detectDelimiter(sampleText, sample.length === size);

  const splitter = new CsvSplitter(delimiter, MAX_RECORD_BYTES);
  const decoder = decoderFor(encoding);
  const rows: SourceRow[] = [];
  const shared = new SharedCells();
  const addRecords = (records: string[][]): void => {
    for (const record of records) {
      const cells = new Array<CellValue>(record.length);
      for (let index = 0; index < record.length; index++) cells[index] = shared.get(record[index]!);
      rows.push({ row: rows.length + 1, cells });
    }
  };

  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
      addRecords(splitter.push(decoder.write(chunk as Buffer)));
    }
    addRecords(splitter.push(decoder.end()));
    addRecords(splitter.end());
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw new ImportError('readFailed', { file, reason: (error as Error).message });
    throw new ImportError('csvMalformed', { file, line: error.row, reason: error.message });
  }

  const table = findTable(rows);
  if (table === null) throw new ImportError('noTable', { file });
  return { file, sheet: null, encoding, delimiter, dateSystem: 1900, ...table };
}
