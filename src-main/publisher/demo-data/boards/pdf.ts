// Minimal PDF files for notice attachments. Chinese text uses STSong-Light, one of the CJK
// fonts every PDF reader must provide without embedding (PDF 1.7, ISO 32000-1, 9.7.5.2), with
// the predefined CMap UniGB-UCS2-H, so each character is written as its UTF-16 code unit.
// Poppler 22.12 with poppler-data extracts the text with pdftotext and renders it with pdftoppm
// (through a fontconfig substitute such as Noto Sans CJK).

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 64;
const TITLE_SIZE = 18;
const BODY_SIZE = 12;
const LINE_GAP = 1.6;

// CIDs 1-95 of Adobe-GB1 are proportional Latin glyphs, and half an em is close to their width.
const LATIN_WIDTH_EM = 0.5;

function isLatin(character: string): boolean {
  return character.charCodeAt(0) < 0x80;
}

function textWidth(text: string, size: number): number {
  let width = 0;
  for (const character of text) width += (isLatin(character) ? LATIN_WIDTH_EM : 1) * size;
  return width;
}

/** Breaks a paragraph into lines that fit the width. CJK text may break between any two characters. */
function wrap(paragraph: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const character of paragraph) {
    if (line !== '' && textWidth(line + character, size) > width) {
      lines.push(line);
      line = '';
    }
    line += character;
  }
  lines.push(line);
  return lines;
}

/** Writes text as a hex string of UTF-16 code units. Characters outside the BMP become 〓. */
function hexText(text: string): string {
  let hex = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    hex += (code > 0xffff ? 0x3013 : code).toString(16).padStart(4, '0').toUpperCase();
  }
  return `<${hex}>`;
}

/** Lays out the title and paragraphs on as many A4 pages as they need. */
function pageContents(title: string, paragraphs: readonly string[]): string[] {
  const textWidthPoints = PAGE_WIDTH - 2 * MARGIN;
  const lines: { text: string; size: number; centred: boolean }[] = [];
  for (const line of wrap(title, TITLE_SIZE, textWidthPoints)) lines.push({ text: line, size: TITLE_SIZE, centred: true });
  lines.push({ text: '', size: BODY_SIZE, centred: false });
  for (const paragraph of paragraphs) {
    // Chinese paragraphs start with an indent of two full-width spaces.
    for (const line of wrap(`\u3000\u3000${paragraph}`, BODY_SIZE, textWidthPoints)) {
      lines.push({ text: line, size: BODY_SIZE, centred: false });
    }
  }

  const pages: string[] = [];
  let operations: string[] = [];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const height = line.size * LINE_GAP;
    if (y - height < MARGIN) {
      pages.push(operations.join('\n'));
      operations = [];
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= height;
    if (line.text === '') continue;
    const x = line.centred ? (PAGE_WIDTH - textWidth(line.text, line.size)) / 2 : MARGIN;
    operations.push(`BT /F1 ${line.size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td ${hexText(line.text)} Tj ET`);
  }
  pages.push(operations.join('\n'));
  return pages;
}

/** Builds a PDF 1.4 file with a centred title and indented paragraphs, deterministic byte for byte. */
export function buildTextPdf(title: string, paragraphs: readonly string[]): Buffer {
  const contents = pageContents(title, paragraphs);

  // Objects 1-5 are fixed, and each page adds a page object and its content stream. The page tree
  // (object 2) is filled in once the page numbers are known.
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> ' +
      '/FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  ];
  objects.push(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const firstPage = objects.length + 1;
  const kids: string[] = [];
  for (const [index, content] of contents.entries()) {
    const pageId = firstPage + index * 2;
    kids.push(`${pageId} 0 R`);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;

  // The binary comment line marks the file as binary for transfer programs (PDF 1.7, 7.5.2).
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  for (const [index, object] of objects.entries()) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
