// The notices the attract loop shows: the newest few of the terminal's home region, newest first
// as the board lists order them, each with the start of its text.
import type { NoticeBoard } from '../boards/boards.js';
import type { Inline } from '../../src-shared/markdown.js';
import { parseMarkdown } from '../../src-shared/markdown.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';

/** Notices in one round of the loop. */
export const ATTRACT_NOTICE_COUNT = 5;

/** Characters of a notice's text shown under its title; the rest is cut at a whole character. */
export const EXCERPT_MAX_CHARS = 120;

export interface AttractNotice {
  id: string;
  title: string;
  /** Null when the notice's detail could not be read. */
  board: NoticeBoard | null;
  regionName: string;
  issuer: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY, as the data has it. */
  date: string;
  /** Empty when the notice has no paragraph text or its detail could not be read. */
  excerpt: string;
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.text;
        case 'strong':
        case 'emphasis':
        case 'link':
          return inlineText(node.children);
        case 'break':
          return ' ';
        case 'image':
          return '';
      }
    })
    .join('');
}

function clip(text: string, maxChars: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  if (characters.length <= maxChars) return characters.join('');
  return `${characters.slice(0, maxChars - 1).join('')}…`;
}

// Chinese punctuation at the end of a part already separates it from the next.
const ENDS_WITH_FULL_WIDTH_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]$/;

function joinParts(parts: readonly string[]): string {
  let joined = '';
  for (const part of parts) {
    const separator = joined === '' || ENDS_WITH_FULL_WIDTH_PUNCTUATION.test(joined) ? '' : ' ';
    joined += separator + part;
  }
  return joined;
}

/**
 * Returns the start of a notice's text as one line of plain words: the paragraphs, quotes and
 * list items of a Markdown body, without its headings (which mostly repeat the title), tables,
 * code and images.
 */
export function noticeExcerpt(body: string, format: 'markdown' | 'text', maxChars = EXCERPT_MAX_CHARS): string {
  if (format === 'text') return clip(body.slice(0, maxChars * 4), maxChars);

  const parts: string[] = [];
  let length = 0;
  for (const block of parseMarkdown(body.slice(0, maxChars * 20)).blocks) {
    if (length > maxChars) break;

    let text = '';
    if (block.type === 'paragraph' || block.type === 'quote') text = inlineText(block.children);
    else if (block.type === 'list') text = joinParts(block.items.map((item) => inlineText(item).trim()));
    text = text.trim();
    if (text === '') continue;

    parts.push(text);
    length += text.length;
  }
  return clip(joinParts(parts), maxChars);
}

/**
 * Loads the newest notices of a region with their excerpts. A failed list rejects; a notice whose
 * detail fails still shows with its list fields.
 */
export async function loadAttractNotices(
  api: Pick<KioskApi, 'listRecords' | 'getRecord'>,
  regionCode: string,
  count = ATTRACT_NOTICE_COUNT,
): Promise<AttractNotice[]> {
  const page = await api.listRecords({ kind: 'notice', regionCode, filters: {}, offset: 0, limit: count });

  return Promise.all(
    page.items.map(async (item): Promise<AttractNotice> => {
      const listed: AttractNotice = {
        id: item.id,
        title: item.title,
        board: null,
        regionName: item.regionName,
        issuer: '',
        date: item.date,
        excerpt: '',
      };
      const detail = await api.getRecord({ kind: 'notice', id: item.id }).catch(() => null);
      if (detail === null || detail.kind !== 'notice') return listed;

      return {
        ...listed,
        board: detail.board,
        issuer: detail.issuer,
        excerpt: noticeExcerpt(detail.body, detail.bodyFormat),
      };
    }),
  );
}
