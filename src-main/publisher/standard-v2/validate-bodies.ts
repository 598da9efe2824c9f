// Text checks of body files (notice bodies, published replies, accountability notices): UTF-8,
// no control characters, no personal numbers, and in Markdown no HTML, no script links and images
// only from the documents/ folder. Markdown is read with the kiosk's own parser, so every image
// the kiosk would show is checked and text the kiosk shows as code may hold anything. Pure: the
// caller reads the bytes and checks the images' files.
import { parseInline, parseMarkdown } from '../../../src-shared/markdown.js';
import type { Block, Inline } from '../../../src-shared/markdown.js';
import { findPersonalNumber } from './personal-numbers.js';

export type BodyFormat = 'markdown' | 'text';

/** A problem at a line of the body; `code` is a key of the validation-v2 namespace. */
export interface BodyProblem {
  line: number;
  code: string;
  value: string | null;
  params: Record<string, string | number>;
}

/** An image a Markdown body shows, by the file name written in it. */
export interface BodyImage {
  line: number;
  target: string;
}

export type BodyCheck =
  | { ok: true; text: string; images: BodyImage[] }
  | { ok: false; problems: BodyProblem[]; images: BodyImage[] };

// Line breaks and tabs are text. Other C0 and C1 controls and invisible format characters (bidi
// overrides, zero-width spaces) are rejected, because the kiosk would show other text than the file.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Cf}/u;

// The opening of an HTML tag, comment, declaration or processing instruction, also when the tag
// name ends the line, which CommonMark reads as the start of an HTML block. `<https://...>` and
// `<http://...>` autolinks are allowed, because the kiosk shows them as the address they are.
const HTML_OPENING = /<(?!https?:\/\/[^\s<>]*>)(\/|!|\?|[A-Za-z][A-Za-z0-9-]*)/;
const SCRIPT_SCHEME = /^\s*(javascript|vbscript|data):/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const REFERENCE_IMAGE = /!\[[^\]]*\]\[[^\]]*\]/;
// An image opening that the parser left as text, e.g. a name with a space and no <...>.
const UNREAD_IMAGE = /!\[[^\]]*\]\(/;

/** Decodes the bytes of a body file and checks its text; `bytes` is not empty. */
export function checkBody(bytes: Uint8Array, format: BodyFormat): BodyCheck {
  let text: string;
  try {
    // The decoder drops a leading BOM.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ line: firstBadUtf8Line(bytes), code: 'validation-v2:body.notUtf8', value: null, params: {} }], images: [] };
  }
  text = text.replace(/\r\n?/g, '\n');

  if (text.trim() === '') return { ok: false, problems: [{ line: 1, code: 'validation-v2:body.noText', value: null, params: {} }], images: [] };

  const problems: BodyProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (CONTROL_IN_TEXT.test(lineText)) {
      problems.push({ line, code: 'validation-v2:body.controlCharacter', value: lineText, params: {} });
    }
    // Also inside code: the kiosk shows code as text.
    const personal = findPersonalNumber(lineText);
    if (personal !== null) problems.push({ line, code: `validation-v2:personal.${personal.kind}`, value: personal.masked, params: {} });
  });

  const images = format === 'markdown' ? checkMarkdown(text, lines, problems) : [];
  return problems.length > 0 ? { ok: false, problems, images } : { ok: true, text, images };
}

// Images come from the parsed document, exactly as the kiosk shows them. HTML and links are
// checked line by line on the parser's inline reading of each line outside fenced code, so code
// spans and code blocks may show tags as text, as the kiosk does.
function checkMarkdown(text: string, lines: string[], problems: BodyProblem[]): BodyImage[] {
  const images: BodyImage[] = [];
  const collect = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'image') images.push({ line: node.line, target: node.name });
      else if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'link') collect(node.children);
    }
  };
  for (const block of parseMarkdown(text).blocks) collect(inlinesOf(block));

  let fence: RegExp | null = null;
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (fence !== null) {
      if (fence.test(lineText)) fence = null;
      return;
    }
    const opening = FENCE.exec(lineText);
    if (opening !== null) {
      fence = new RegExp(`^ {0,3}${opening[1]![0] === '`' ? '`' : '~'}{${opening[1]!.length},}[ \\t]*$`);
      return;
    }
    checkInlineLine(parseInline(lineText, 0, line), line, problems);
  });
  return images;
}

function checkInlineLine(nodes: Inline[], line: number, problems: BodyProblem[]): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      const tag = HTML_OPENING.exec(node.text);
      if (tag !== null) {
        const value = /^<[^>]*>?/.exec(node.text.slice(tag.index))![0];
        const name = tag[1] === '/' ? (/^<\/([A-Za-z][A-Za-z0-9-]*)/.exec(value)?.[1] ?? '/') : tag[1]!;
        problems.push({ line, code: 'validation-v2:body.html', value, params: { tag: name === '!' && value.startsWith('<!--') ? '!--' : name } });
      }
      const reference = REFERENCE_IMAGE.exec(node.text);
      if (reference !== null) problems.push({ line, code: 'validation-v2:body.imageReferenceStyle', value: reference[0], params: {} });
      else if (UNREAD_IMAGE.test(node.text)) problems.push({ line, code: 'validation-v2:body.imageUnread', value: node.text, params: {} });
    } else if (node.type === 'link') {
      if (SCRIPT_SCHEME.test(node.url)) problems.push({ line, code: 'validation-v2:body.scriptLink', value: node.url, params: {} });
      checkInlineLine(node.children, line, problems);
    } else if (node.type === 'strong' || node.type === 'emphasis') {
      checkInlineLine(node.children, line, problems);
    }
  }
}

function inlinesOf(block: Block): Inline[] {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
    case 'quote':
      return block.children;
    case 'list':
      return block.items.flat();
    case 'table':
      return [...block.header.flat(), ...block.rows.flat(2)];
    case 'code':
    case 'rule':
      return [];
  }
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\uFFFD');
  let line = 1;
  for (let index = lenient.indexOf('\n'); index !== -1 && index < bad; index = lenient.indexOf('\n', index + 1)) line += 1;
  return line;
}
