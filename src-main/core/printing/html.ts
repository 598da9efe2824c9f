// Building blocks of the printed pages: HTML escaping, QR codes as inline SVG and the page
// shell with its fonts and paper size. Every value from a request, the snapshot or the config
// passes through escapeHtml before it reaches the page.
import QRCode from 'qrcode';
import type { PrintLayout } from '../../../src-shared/reports-api.js';
import { pageStyle } from './page-style.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 and C1 control characters print as empty boxes, and bidi embeddings, overrides, isolates and
// marks (U+202A-202E, U+2066-2069, U+200E, U+200F) in one value reverse the text around it.
// \p{Cc} is exactly C0, DEL and C1.
const UNPRINTABLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** Removes control characters and bidi formatting characters; a line break or tab becomes a space. */
export function stripUnprintable(text: string): string {
  return text.replace(/[\t\n\r]+/g, ' ').replace(UNPRINTABLE, '');
}

/**
 * Escapes text for use in HTML element content and in quoted attribute values, after removing
 * the characters stripUnprintable removes, so every printed value is plain left-to-right text.
 */
export function escapeHtml(text: string): string {
  return stripUnprintable(text).replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/**
 * Renders `text` as a QR code in an inline SVG element, black on white with the standard
 * four-module quiet zone. Error correction level M survives a smudged thermal print.
 */
export function qrCodeSvg(text: string): string {
  let svg: string | null = null;

  // With a callback, qrcode 1.5 renders SVG synchronously and calls back before returning, so
  // the page can be built without awaiting. The check below catches a version that stops doing so.
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }, (error, output) => {
    if (error) throw error;
    svg = output;
  });
  if (svg === null) throw new Error('qrcode did not render the SVG synchronously');
  return svg;
}

/**
 * Wraps the body of a printed page in a complete HTML document for the layout's paper.
 * `pageNumber` is the CSS content of the A4 page number (see pageNumberContent).
 */
export function htmlPage(options: { title: string; language: string; layout: PrintLayout; pageNumber: string; body: string }): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(options.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    // The page runs no script and loads nothing. This policy keeps it so even if a value got
    // past escapeHtml.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${pageStyle(options.layout, options.pageNumber)}</style>`,
    '</head>',
    `<body class="${options.layout}">`,
    options.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
