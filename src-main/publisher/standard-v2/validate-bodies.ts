// Text checks of body files (notice bodies, published replies, accountability notices): UTF-8,
// no control characters, no HTML in Markdown, and images only from the documents/ folder. Pure:
// the caller reads the bytes and checks the images' files.
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
  | { ok: false; problems: BodyProblem[] };

// Line breaks and tabs are text. Other C0 and C1 controls and invisible format characters (bidi
// overrides, zero-width spaces) are rejected, because the kiosk would show other text than the file.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|\p{Cf}/u;

// An HTML start tag, end tag or comment. `<https://...>` (a Markdown autolink) has no space, `/`
// or `>` straight after its name, so it does not match.
const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^>]*>|<!--/;
const INLINE_CODE = /(`+)[^`]*?\1/g;
const FENCE = /^\s{0,3}(```|~~~)/;
const INLINE_IMAGE = /!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE_IMAGE = /!\[[^\]]*\]\[[^\]]*\]/;

/** Decodes the bytes of a body file and checks its text; `bytes` is not empty. */
export function checkBody(bytes: Uint8Array, format: BodyFormat): BodyCheck {
  let text: string;
  try {
    // The decoder drops a leading BOM.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ line: firstBadUtf8Line(bytes), code: 'validation-v2:body.notUtf8', value: null, params: {} }] };
  }
  text = text.replace(/\r\n?/g, '\n');

  if (text.trim() === '') return { ok: false, problems: [{ line: 1, code: 'validation-v2:body.noText', value: null, params: {} }] };

  const problems: BodyProblem[] = [];
  const images: BodyImage[] = [];
  let inFence = false;
  text.split('\n').forEach((lineText, index) => {
    const line = index + 1;
    if (CONTROL_IN_TEXT.test(lineText)) {
      problems.push({ line, code: 'validation-v2:body.controlCharacter', value: lineText, params: {} });
    }
    // Also inside code: the kiosk shows code as text.
    const personal = findPersonalNumber(lineText);
    if (personal !== null) problems.push({ line, code: `validation-v2:personal.${personal.kind}`, value: personal.masked, params: {} });
    if (format !== 'markdown') return;

    if (FENCE.test(lineText)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;

    const prose = lineText.replace(INLINE_CODE, '');
    const tag = HTML_TAG.exec(prose);
    if (tag !== null) {
      problems.push({ line, code: 'validation-v2:body.html', value: tag[0], params: { tag: tag[1] ?? '!--' } });
    }
    if (REFERENCE_IMAGE.test(prose)) {
      problems.push({ line, code: 'validation-v2:body.imageReferenceStyle', value: REFERENCE_IMAGE.exec(prose)![0], params: {} });
    }
    for (const match of prose.matchAll(INLINE_IMAGE)) {
      const target = match[1]!.replace(/^<|>$/g, '');
      images.push({ line, target });
    }
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, text, images };
}

function firstBadUtf8Line(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\uFFFD');
  let line = 1;
  for (let index = lenient.indexOf('\n'); index !== -1 && index < bad; index = lenient.indexOf('\n', index + 1)) line += 1;
  return line;
}
