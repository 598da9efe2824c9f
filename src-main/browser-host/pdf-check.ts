// Decides whether a Chromium print-to-PDF run printed. Chromium 156 exits with code 0 even when
// it could not write the file ("Failed to write file …: No space left on device (28)") and leaves
// a prefix that starts with %PDF-, so both the run and the file's structure are checked.
import type { ChromiumRun } from './pdf-printer.js';

const WRITE_FAILURE = /Failed to write file[^\n]*/;

/** Returns why the run failed, naming a full disk or a signal, or null for a clean exit. */
export function chromiumFailure(run: Pick<ChromiumRun, 'exitCode' | 'signal' | 'stderr'>): string | null {
  const writeFailure = WRITE_FAILURE.exec(run.stderr)?.[0].trim() ?? null;
  if (writeFailure !== null) {
    const cause = /No space left on device/.test(writeFailure)
      ? 'the disk is full'
      : /Read-only file system/.test(writeFailure)
        ? 'the output folder is read-only'
        : 'the PDF could not be written';
    return `Chromium failed to write the PDF because ${cause} (${writeFailure})`;
  }

  if (run.signal !== null) return `Chromium was killed by ${run.signal}`;
  if (run.exitCode !== 0) return `Chromium exited with code ${run.exitCode}: ${lastLines(run.stderr, 3)}`;
  return null;
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

/**
 * Returns why the bytes are not a complete PDF, or null. A complete file starts with %PDF-,
 * ends with %%EOF (trailing whitespace allowed), has a startxref and a trailer or a
 * cross-reference stream, and has at least one page object.
 */
export function checkPdfComplete(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  if (!text.startsWith('%PDF-')) return `the PDF is incomplete: it does not start with %PDF- (${bytes.length} bytes)`;
  if (!/%%EOF\s*$/.test(text)) return `the PDF is incomplete: it does not end with %%EOF (${bytes.length} bytes; a full disk cuts files short)`;
  if (!text.includes('startxref')) return 'the PDF is incomplete: it has no startxref';
  if (!text.includes('trailer') && !/\/Type\s*\/XRef\b/.test(text)) return 'the PDF is incomplete: it has no trailer';
  if (!/\/Type\s*\/Page(?![a-zA-Z])/.test(text)) return 'the PDF has no page';
  return null;
}
