// Streams the rows of one data file: UTF-8 (a BOM is stripped), CRLF or LF, RFC 4180 quoting,
// through csv-parse. File-level problems (missing, empty, not UTF-8, wrong delimiter, bad
// header, malformed quoting) become issues; rows come out with their physical line numbers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Info } from 'csv-parse';
import type { IssueCollector, IssueFileName } from './issues.js';
import { MAX_RECORD_BYTES } from './standard.js';
import type { FileSpec } from './standard.js';

/** The header rules of one file; version 2 files pass their own names and column lists. */
export type CsvFileSpec = Omit<FileSpec, 'name'> & {
  name: IssueFileName;
  /**
   * Called when the file has a valid header and no data rows, in place of reporting the error
   * file.noRows. Version 2 board files set it, because a region may have nothing to disclose.
   */
  onHeaderOnly?: () => void;
  /**
   * Columns read when the header has them and left out of `values` when it does not, such as the
   * cadence column of an item catalogue. Requires allowExtraColumns.
   */
  optionalHeaders?: readonly string[];
};

export interface CsvRow {
  /** Physical line of the row's first character; the header is line 1. */
  line: number;
  /** Trimmed values of the required columns and of the optional columns present, by header. */
  values: Record<string, string>;
}

class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 at line ${line}`);
  }
}

// Delimiters that spreadsheet exports use by mistake; the full-width ones come from Chinese input.
const WRONG_DELIMITERS: Record<string, string> = { ';': ';', '\t': 'TAB', '|': '|', '，': '，', '；': '；' };

/**
 * Decodes UTF-8 and turns CRLF into LF, so csv-parse counts lines the same for both endings.
 * Bytes that are not UTF-8 (a GBK export, say) fail with the line they are on.
 */
function utf8Lines(): Transform {
  // The default decoder strips a leading BOM and maps bad bytes to U+FFFD, which marks the spot.
  const decoder = new TextDecoder('utf-8');
  let carriageReturnPending = false;
  let linesSoFar = 0;

  const normalise = (decoded: string, final: boolean): string => {
    let text = (carriageReturnPending ? '\r' : '') + decoded;
    carriageReturnPending = !final && text.endsWith('\r');
    if (carriageReturnPending) text = text.slice(0, -1);

    const bad = text.indexOf('\uFFFD');
    if (bad !== -1) throw new NotUtf8Error(linesSoFar + countNewlines(text.slice(0, bad).replace(/\r\n/g, '\n')) + 1);

    const normalised = text.replace(/\r\n?/g, '\n');
    linesSoFar += countNewlines(normalised);
    return normalised;
  };

  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _encoding, callback) {
      try {
        callback(null, normalise(decoder.decode(chunk, { stream: true }), false));
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        callback(null, normalise(decoder.decode(), true));
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

type HeaderCheck = { ok: true; indexes: number[]; optional: [string, number][]; width: number } | { ok: false };

/** Checks the header row; reports at most one issue for it, naming the headers and the expected list. */
function checkHeader(record: string[], spec: CsvFileSpec, issues: IssueCollector): HeaderCheck {
  const file = spec.name;
  if (record.length === 1) {
    const delimiter = Object.keys(WRONG_DELIMITERS).find((candidate) => record[0]!.includes(candidate));
    if (delimiter !== undefined) {
      issues.error(file, 1, null, record[0]!, 'file.wrongDelimiter', { delimiter: WRONG_DELIMITERS[delimiter]! });
      return { ok: false };
    }
  }

  const headers = record.map((header) => header.trim().toLowerCase());
  const duplicate = headers.find((header, index) => header !== '' && headers.indexOf(header) !== index);
  if (duplicate !== undefined) {
    issues.error(file, 1, duplicate, duplicate, 'file.duplicateHeader', { expected: spec.headers.join(',') });
    return { ok: false };
  }

  const missing = spec.headers.filter((header) => !headers.includes(header));
  const unexpected = spec.allowExtraColumns
    ? []
    : headers.filter((header) => !spec.headers.includes(header)).map((header) => (header === '' ? '""' : header));
  if (missing.length > 0 || unexpected.length > 0) {
    // Only the halves that apply: "missing -" would send people looking for nothing.
    let code = 'file.headerMismatch';
    if (missing.length === 0) code = 'file.headerUnexpected';
    else if (unexpected.length === 0) code = 'file.headerMissing';
    issues.error(file, 1, null, record.join(','), code, {
      missing: missing.join(', '),
      unexpected: unexpected.join(', '),
      expected: spec.headers.join(','),
    });
    return { ok: false };
  }

  const optional = (spec.optionalHeaders ?? [])
    .map((name): [string, number] => [name, headers.indexOf(name)])
    .filter(([, index]) => index !== -1);
  return { ok: true, indexes: spec.headers.map((header) => headers.indexOf(header)), optional, width: record.length };
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'file.quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'file.strayQuote',
  // csv-parse 6.2 names this one without the CSV_ prefix.
  INVALID_OPENING_QUOTE: 'file.strayQuote',
  CSV_MAX_RECORD_SIZE: 'file.recordTooLong',
};

/**
 * Yields the data rows of `dir/spec.name`; every problem found on the way goes to `issues`, and
 * a file whose reading stops part-way is marked incomplete there.
 */
export async function* readCsvRows(dir: string, spec: CsvFileSpec, issues: IssueCollector): AsyncGenerator<CsvRow> {
  const file = spec.name;
  const filePath = path.join(dir, file);

  try {
    const stats = await stat(filePath);
    if (!stats.isFile()) {
      issues.error(file, null, null, null, 'file.notAFile', { path: filePath });
      return;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') issues.error(file, null, null, null, 'file.missing', { dir });
    else issues.error(file, null, null, null, 'file.unreadable', { path: filePath, reason: String(code) });
    return;
  }

  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const feeding = pipeline(createReadStream(filePath), utf8Lines(), parser);
  // Failures surface through the parser's iterator below; this only keeps them from going unhandled.
  feeding.catch(() => undefined);

  let header: HeaderCheck | null = null;
  let dataRows = 0;
  let lastRecordEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      const { record, info } = item;
      const line = info.lines - record.reduce((sum, field) => sum + countNewlines(field), 0);
      lastRecordEnd = info.lines;

      if (header === null) {
        header = checkHeader(record, spec, issues);
        if (!header.ok) {
          parser.destroy();
          return;
        }
        continue;
      }
      if (record.every((field) => field.trim() === '')) continue;
      dataRows += 1;

      if (record.length !== header.width) {
        issues.error(file, line, null, null, 'row.fieldCount', { count: record.length, expected: header.width });
        continue;
      }
      const values: Record<string, string> = {};
      spec.headers.forEach((name, index) => {
        values[name] = record[header !== null && header.ok ? header.indexes[index]! : index]!.trim();
      });
      if (header.ok) for (const [name, index] of header.optional) values[name] = record[index]!.trim();
      yield { line, values };
    }
  } catch (error) {
    issues.incompleteFiles.add(file);
    reportReadFailure(error, spec, filePath, lastRecordEnd + 1, issues);
    return;
  }

  if (header === null) issues.error(file, null, null, null, 'file.empty');
  else if (dataRows === 0 && spec.onHeaderOnly !== undefined) spec.onHeaderOnly();
  else if (dataRows === 0) issues.error(file, null, null, null, 'file.noRows');
}

/** Reports why reading stopped; `nextLine` is where the record that failed most likely starts. */
function reportReadFailure(
  error: unknown,
  spec: CsvFileSpec,
  filePath: string,
  nextLine: number,
  issues: IssueCollector,
): void {
  if (error instanceof NotUtf8Error) {
    issues.error(spec.name, error.line, null, null, 'file.notUtf8');
    return;
  }

  const csvError = error as { code?: string; lines?: number; message?: string };
  const code = csvError.code !== undefined ? CSV_PROBLEMS[csvError.code] : undefined;
  if (code !== undefined) {
    // csv-parse reports the line where it gave up; only a stray quote is found on its own line.
    const line = code === 'file.strayQuote' ? (csvError.lines ?? nextLine) : nextLine;
    issues.error(spec.name, line, null, null, code, { maxBytes: MAX_RECORD_BYTES });
    return;
  }
  issues.error(spec.name, null, null, null, 'file.unreadable', { path: filePath, reason: csvError.message ?? String(error) });
}
