// Finds what the browser host printed: the PDF a print result names, in the kiosk's data folder.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/**
 * Finds the printed PDF for a print result's `output` (a file name or a path) under the kiosk's
 * data folder. Throws, listing the PDFs there, unless exactly one matches.
 */
export function findPrintedPdf(dataDir: string, output: string): string {
  const pdfs = filesUnder(dataDir).filter((file) => file.endsWith('.pdf'));
  const matches = pdfs.filter((file) => file === output || path.basename(file) === path.basename(output));
  if (matches.length !== 1) {
    throw new Error(`expected one PDF named ${output} under ${dataDir}, found ${matches.length}; PDFs there: ${pdfs.join(', ') || 'none'}`);
  }
  return matches[0]!;
}

/** Removes all whitespace, so a value matches whether pdftotext split it across columns or not. */
export function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}
