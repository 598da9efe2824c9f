// Reads one department file into SourceTables, choosing the reader by the file's content rather
// than its name: departments rename files freely, and payment systems save CSV text or HTML
// under ".xls". Anything that is not a table the import can read is rejected with an ImportError
// whose message names the file's real type and how to save it instead.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ImportError } from './import-error.js';
import { readCsv } from './read-csv.js';
import { readXlsx } from './read-xlsx.js';
import type { WorkbookTables } from './read-xlsx.js';

const EXTENSIONS = new Set(['.csv', '.txt', '.tsv', '.xlsx', '.xlsm', '.xls']);
/** Bytes read to recognise a file's type; the directory of a small encrypted workbook fits. */
const SNIFF_BYTES = 1024 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PDF = Buffer.from('%PDF-');
/** Stream name that Office gives the encrypted content of a password-protected workbook. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

async function readStart(filePath: string, length: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function looksLikeHtml(start: Buffer): boolean {
  const text = start.subarray(0, 1024).toString('latin1').trimStart().toLowerCase();
  return text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<table') || text.startsWith('<?xml');
}

/**
 * Reads `file` (relative to `dataDir`): every sheet with a table for a workbook, the one table
 * of a CSV file. Throws an ImportError for a file that cannot be read.
 */
export async function readDepartmentFile(dataDir: string, file: string): Promise<WorkbookTables> {
  const filePath = path.join(dataDir, file);
  const extension = path.extname(file).toLowerCase();
  if (!EXTENSIONS.has(extension)) throw new ImportError('unsupportedType', { file, extension: extension || file });

  let size: number;
  try {
    const stats = await stat(filePath);
    if (!stats.isFile()) throw new ImportError('readFailed', { file, reason: 'not a regular file' });
    size = stats.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImportError('notFound', { file, dir: dataDir });
    throw new ImportError('readFailed', { file, reason: String(code ?? error) });
  }
  if (size === 0) throw new ImportError('empty', { file });

  const start = await readStart(filePath, Math.min(size, SNIFF_BYTES));
  if (start.subarray(0, PDF.length).equals(PDF)) throw new ImportError('pdf', { file });
  if (start.subarray(0, ZIP.length).equals(ZIP)) return readXlsx(filePath, file);
  if (start.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) {
    // Office wraps both a password-protected .xlsx and an old .xls in a compound file.
    if (start.includes(ENCRYPTED_PACKAGE)) throw new ImportError('encrypted', { file });
    // NOTE: .xls (BIFF8) is rejected because no maintained npm package reads it: SheetJS stopped
    // publishing to npm at 0.18.5, which has two high-severity advisories for reading crafted
    // files (CVE-2023-30533, CVE-2024-22363), and its fixed releases reach npm only through
    // third-party republishers. Excel and WPS save any .xls as .xlsx in one step.
    throw new ImportError('xls', { file });
  }
  if (looksLikeHtml(start)) throw new ImportError('html', { file });

  return { tables: [await readCsv(filePath, file)], skippedSheets: [] };
}
