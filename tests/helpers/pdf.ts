// Reading printed PDFs back with Debian's poppler-utils: the text (pdftotext), page sizes
// (pdfinfo), fonts (pdffonts) and every QR code on every page (pdftoppm, then jsQR).
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { QRCode as DecodedQrCode, Options as JsQrOptions } from 'jsqr';
import { makeTempDir } from './temp.js';

// jsqr is a CommonJS bundle whose module.exports is the decoder itself; ESM interop differs
// between Node and Vite, and require gives the same function under both.
const jsQR = createRequire(import.meta.url)('jsqr') as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: JsQrOptions,
) => DecodedQrCode | null;

/**
 * Extracts the PDF's text with pdftotext. 'layout' keeps a label and its value on one line but can split a line of much
 * larger type across two; 'raw' keeps the content stream's order and drops the spaces between
 * separately placed words.
 */
export function pdfText(file: string, mode: 'layout' | 'raw' = 'layout'): string {
  return execFileSync('pdftotext', [`-${mode}`, file, '-'], { encoding: 'utf8' });
}

const POINTS_PER_MM = 72 / 25.4;

/** Reads each page's width and height in millimetres from pdfinfo. */
export function pdfPageSizesMm(file: string): Array<{ width: number; height: number }> {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((match) => ({
    width: Number(match[1]) / POINTS_PER_MM,
    height: Number(match[2]) / POINTS_PER_MM,
  }));
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  toUnicode: boolean;
}

/** Lists the PDF's fonts as pdffonts reports them, one entry per font object. */
export function pdfFonts(file: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
  return lines
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      // Columns: name, type (may contain spaces), encoding, emb, sub, uni, object ID.
      const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!match) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: match[1]!, type: match[2]!, embedded: match[4] === 'yes', toUnicode: match[6] === 'yes' };
    });
}

interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

// pdftoppm -gray writes binary PGM (P5): a text header, then one byte per pixel.
function readPgm(file: string): GrayImage {
  const data = readFileSync(file);
  const header: string[] = [];
  let offset = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(data[offset]!))) offset += 1;
    if (data[offset] === 0x23) {
      while (data[offset] !== 0x0a) offset += 1;
      continue;
    }
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[offset]!))) token += String.fromCharCode(data[offset++]!);
    header.push(token);
  }
  offset += 1;

  const [magic, width, height, maxValue] = header;
  if (magic !== 'P5' || maxValue !== '255') throw new Error(`${file} is not an 8-bit binary PGM (${header.join(' ')})`);
  return { width: Number(width), height: Number(height), pixels: data.subarray(offset, offset + Number(width) * Number(height)) };
}

function toRgba(image: GrayImage): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let index = 0; index < image.pixels.length; index += 1) {
    const value = image.pixels[index]!;
    rgba[index * 4] = value;
    rgba[index * 4 + 1] = value;
    rgba[index * 4 + 2] = value;
    rgba[index * 4 + 3] = 255;
  }
  return rgba;
}

// Paints the found code's bounding box white (with a margin), so the next pass finds the next code.
function maskCode(image: GrayImage, corners: Array<{ x: number; y: number }>): void {
  const xs = corners.map((corner) => corner.x);
  const ys = corners.map((corner) => corner.y);
  const margin = 0.1 * (Math.max(...xs) - Math.min(...xs));
  const left = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const right = Math.min(image.width - 1, Math.ceil(Math.max(...xs) + margin));
  const top = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const bottom = Math.min(image.height - 1, Math.ceil(Math.max(...ys) + margin));

  for (let y = top; y <= bottom; y += 1) image.pixels.fill(255, y * image.width + left, y * image.width + right + 1);
}

/** Decodes every QR code on every page at 200 dpi, in page order. */
export function decodePdfQrCodes(file: string): string[] {
  const temp = makeTempDir('minsheng-pdf-qr-');
  try {
    execFileSync('pdftoppm', ['-r', '200', '-gray', file, path.join(temp.dir, 'page')]);
    const pages = readdirSync(temp.dir)
      .filter((name) => name.endsWith('.pgm'))
      .sort();

    const found: string[] = [];
    for (const page of pages) {
      const image = readPgm(path.join(temp.dir, page));
      // A page carries at most a few codes; the bound stops a loop if masking ever failed.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const code = jsQR(toRgba(image), image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (!code) break;
        found.push(code.data);
        const { topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner } = code.location;
        maskCode(image, [topLeftCorner, topRightCorner, bottomLeftCorner, bottomRightCorner]);
      }
    }
    return found;
  } finally {
    temp.remove();
  }
}
