// A small Markdown parser for notice and complaint texts, shared by the kiosk, which renders its
// tree, and the publisher, which checks bodies with it, so both read every image the same way.
// It returns plain data, so no input ever becomes raw HTML: tags stay text, links never become
// links, and images name delivered documents only.
// Supported: ATX headings, paragraphs with line breaks, bullet and numbered lists, block
// quotes, horizontal rules, pipe tables, fenced code, **strong**, *emphasis*, `code`, links and
// images. A link or image target is `<any name>` or a name without spaces, and a title in "", ''
// or () may follow, as in CommonMark. Any other bracket text stays text.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; children: Inline[]; url: string }
  // `line` is the image's line in the source, from 1, for the publisher's messages.
  | { type: 'image'; alt: string; name: string; line: number }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'quote'; children: Inline[] }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

export interface MarkdownDocument {
  blocks: Block[];
  // True when the text was longer than MAX_MARKDOWN_CHARS and only its start was parsed.
  truncated: boolean;
}

// The cap lies far above the length of a real notice, so it only stops a broken or hostile
// delivery from freezing the screen.
export const MAX_MARKDOWN_CHARS = 100_000;

// Closing brackets and markers are searched for within this many characters, so a text full of
// unclosed "[" or "**" costs linear time, not quadratic.
const SEARCH_WINDOW = 2_000;

const MAX_INLINE_DEPTH = 4;

const HEADING = /^(#{1,6})[ \t]+(.*)$/;
const BULLET_ITEM = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const ORDERED_ITEM = /^[ \t]{0,3}(\d{1,9})[.)、][ \t]+(.*)$/;
const RULE = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^[ \t]{0,3}>[ \t]?(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ESCAPABLE = '\\`*_[]()!#+-.|>';

/** Parses Markdown text into blocks, treating every HTML tag as text. */
export function parseMarkdown(source: string): MarkdownDocument {
  const truncated = source.length > MAX_MARKDOWN_CHARS;
  const text = truncated ? source.slice(0, MAX_MARKDOWN_CHARS) : source;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');

  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let paragraphStart = 0;
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseLines(paragraph, paragraphStart) });
    paragraph = [];
  };

  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;

    if (line.trim() === '') {
      flushParagraph();
      index += 1;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      flushParagraph();
      index = readCodeBlock(lines, index, fence[1]!, blocks);
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      blocks.push({ type: 'heading', level: heading[1]!.length, children: parseInline(trimClosingHashes(heading[2]!), 0, index + 1) });
      index += 1;
      continue;
    }

    if (RULE.test(line)) {
      flushParagraph();
      blocks.push({ type: 'rule' });
      index += 1;
      continue;
    }

    if (BULLET_ITEM.test(line) || ORDERED_ITEM.test(line)) {
      flushParagraph();
      index = readList(lines, index, blocks);
      continue;
    }

    if (QUOTE.test(line)) {
      flushParagraph();
      const quoted: string[] = [];
      const quoteStart = index;
      while (index < lines.length && QUOTE.test(lines[index]!)) {
        quoted.push(QUOTE.exec(lines[index]!)![1]!);
        index += 1;
      }
      blocks.push({ type: 'quote', children: parseLines(quoted, quoteStart) });
      continue;
    }

    if (line.includes('|') && index + 1 < lines.length && isTableSeparator(lines[index + 1]!)) {
      flushParagraph();
      index = readTable(lines, index, blocks);
      continue;
    }

    if (paragraph.length === 0) paragraphStart = index;
    paragraph.push(line);
    index += 1;
  }
  flushParagraph();

  return { blocks, truncated };
}

// A fence closes at a line of at least as many of the same characters. As in CommonMark, an
// unclosed fence runs to the end of the text.
function readCodeBlock(lines: string[], start: number, opening: string, blocks: Block[]): number {
  const closing = new RegExp(`^ {0,3}${opening[0] === '`' ? '`' : '~'}{${opening.length},}[ \\t]*$`);
  const code: string[] = [];

  let index = start + 1;
  while (index < lines.length && !closing.test(lines[index]!)) {
    code.push(lines[index]!);
    index += 1;
  }

  blocks.push({ type: 'code', text: code.join('\n') });
  return Math.min(index + 1, lines.length);
}

function readList(lines: string[], start: number, blocks: Block[]): number {
  const ordered = !BULLET_ITEM.test(lines[start]!);
  const pattern = ordered ? ORDERED_ITEM : BULLET_ITEM;
  const first = ordered ? Number(ORDERED_ITEM.exec(lines[start]!)![1]) : 1;

  const items: Inline[][] = [];
  let index = start;
  while (index < lines.length) {
    const match = pattern.exec(lines[index]!);
    if (!match) break;
    items.push(parseInline(match[match.length - 1]!, 0, index + 1));
    index += 1;
  }

  blocks.push({ type: 'list', ordered, start: first, items });
  return index;
}

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);

  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i += 1) {
    const char = row[i]!;
    if (char === '\\' && row[i + 1] === '|') {
      cell += '|';
      i += 1;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function isTableSeparator(line: string): boolean {
  if (!line.includes('-')) return false;
  return splitRow(line).every((cell) => /^:?-+:?$/.test(cell));
}

function readTable(lines: string[], start: number, blocks: Block[]): number {
  const header = splitRow(lines[start]!);
  const rows: Inline[][][] = [];

  let index = start + 2;
  while (index < lines.length && lines[index]!.includes('|') && lines[index]!.trim() !== '') {
    const cells = splitRow(lines[index]!);
    // Rows keep the header's width: missing cells are empty, extra cells are dropped.
    const fitted = header.map((_, column) => cells[column] ?? '');
    const line = index + 1;
    rows.push(fitted.map((cell) => parseInline(cell, 0, line)));
    index += 1;
  }

  blocks.push({ type: 'table', header: header.map((cell) => parseInline(cell, 0, start + 1)), rows });
  return index;
}

// Lines of one paragraph keep their line breaks: notices often break lines on purpose.
function parseLines(lines: string[], start: number): Inline[] {
  const children: Inline[] = [];
  lines.forEach((line, position) => {
    if (position > 0) children.push({ type: 'break' });
    children.push(...parseInline(line.trim(), 0, start + position + 1));
  });
  return children;
}

/** Parses the inline marks of one line of text; `line` is its line in the source, from 1. */
export function parseInline(text: string, depth: number, line = 1): Inline[] {
  const nodes: Inline[] = [];
  let plain = '';
  const flushText = () => {
    if (plain) nodes.push({ type: 'text', text: plain });
    plain = '';
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i]!;

    if (char === '\\' && i + 1 < text.length && ESCAPABLE.includes(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }

    if (char === '`') {
      const end = findWithin(text, '`', i + 1);
      if (end > i + 1) {
        flushText();
        nodes.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }

    if (char === '!' && text[i + 1] === '[') {
      const target = readBracketTarget(text, i + 1);
      if (target) {
        flushText();
        nodes.push({ type: 'image', alt: target.label, name: target.url, line });
        i = target.end;
        continue;
      }
    }

    if (char === '[') {
      const target = readBracketTarget(text, i);
      if (target) {
        flushText();
        nodes.push({ type: 'link', children: parseNested(target.label, depth, line), url: target.url });
        i = target.end;
        continue;
      }
    }

    if (char === '*' && text[i + 1] === '*') {
      const end = findWithin(text, '**', i + 2);
      if (end > i + 2) {
        flushText();
        nodes.push({ type: 'strong', children: parseNested(text.slice(i + 2, end), depth, line) });
        i = end + 2;
        continue;
      }
    }

    if (char === '*' && text[i + 1] !== '*' && text[i + 1] !== ' ') {
      const end = findWithin(text, '*', i + 1);
      if (end > i + 1 && text[end + 1] !== '*') {
        flushText();
        nodes.push({ type: 'emphasis', children: parseNested(text.slice(i + 1, end), depth, line) });
        i = end + 1;
        continue;
      }
    }

    plain += char;
    i += 1;
  }
  flushText();

  return nodes;
}

function parseNested(text: string, depth: number, line: number): Inline[] {
  return depth + 1 >= MAX_INLINE_DEPTH ? [{ type: 'text', text }] : parseInline(text, depth + 1, line);
}

function findWithin(text: string, marker: string, from: number): number {
  const found = text.slice(from, from + SEARCH_WINDOW + marker.length).indexOf(marker);
  return found >= 0 ? from + found : -1;
}

// "## Title ##" is the heading "Title". Done by hand because a regular expression anchored at
// the end backtracks quadratically on long runs of spaces.
function trimClosingHashes(content: string): string {
  const trimmed = content.trimEnd();
  let cut = trimmed.length;
  while (cut > 0 && trimmed[cut - 1] === '#') cut -= 1;
  if (cut === trimmed.length) return trimmed;
  if (cut === 0) return '';
  return trimmed[cut - 1] === ' ' || trimmed[cut - 1] === '\t' ? trimmed.slice(0, cut).trimEnd() : trimmed;
}

const TITLE_CLOSERS: Record<string, string> = { '"': '"', "'": "'", '(': ')' };

// Reads `[label](target)` or `[label](target "title")` starting at the "[" at `open`; null when
// it is not one. The target is `<name>` (which may hold spaces) or a run without spaces. The
// title is dropped: the kiosk shows no tooltips.
function readBracketTarget(text: string, open: number): { label: string; url: string; end: number } | null {
  const close = findWithin(text, '](', open + 1);
  if (close < 0) return null;

  const label = text.slice(open + 1, close);
  if (label.includes('[') || label.includes(']')) return null;

  let i = skipSpaces(text, close + 2);
  let url: string;
  if (text[i] === '<') {
    const end = findWithin(text, '>', i + 1);
    if (end < 0) return null;
    url = text.slice(i + 1, end);
    if (url.includes('<')) return null;
    i = end + 1;
  } else {
    // Parentheses inside the name must balance, as in CommonMark, so "f(1).png" is one name.
    const start = i;
    let depth = 0;
    while (i < text.length && i - start <= SEARCH_WINDOW && !/\s/.test(text[i]!)) {
      if (text[i] === '(') depth += 1;
      else if (text[i] === ')') {
        if (depth === 0) break;
        depth -= 1;
      }
      i += 1;
    }
    url = text.slice(start, i);
  }

  const beforeTitle = i;
  i = skipSpaces(text, i);
  const closer = TITLE_CLOSERS[text[i] ?? ''];
  if (closer !== undefined && i > beforeTitle) {
    const end = findWithin(text, closer, i + 1);
    if (end < 0) return null;
    i = skipSpaces(text, end + 1);
  }

  if (text[i] !== ')') return null;
  return { label, url, end: i + 1 };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i += 1;
  return i;
}

/** True for a URL a villager may read and type elsewhere: http or https only. */
export function isReadableWebAddress(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}

/**
 * True for an image name that names a delivered document: a relative file name with no
 * scheme, no absolute path and no "..", so it can only be looked up with getDocument.
 */
export function isDocumentName(name: string): boolean {
  if (name === '' || name.length > 255) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(name)) return false;
  if (name.startsWith('/') || name.startsWith('\\')) return false;
  return !name.split(/[\\/]/).includes('..');
}
