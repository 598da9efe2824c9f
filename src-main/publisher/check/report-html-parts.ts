// Small HTML pieces of report.html. Each function escapes the texts it is given, because file
// names, sheet names and cells are untrusted. Only definitionsHtml takes HTML, for values marked html.
import { escapeHtml } from '../../core/printing/html.js';
import { chinaTimeIso } from '../../../src-shared/emergency-notices.js';
import type { Language } from '../../../src-shared/kiosk-api.js';
import type { Translate } from '../../../src-shared/messages/translator.js';

export { escapeHtml };

/** A table cell's content: text to escape, or a number written with digit grouping. */
export type CellContent = string | number;

const GROUPED = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return GROUPED.format(value);
}

/** Returns an ISO time in China time to the minute: "2026年12月5日 19:12" in Chinese, "2026-12-05 19:12" in English. */
export function chinaTimeText(iso: string, language: Language): string {
  const china = chinaTimeIso(iso);
  const clock = china.slice(11, 16);
  if (language === 'en') return `${china.slice(0, 10)} ${clock}`;
  const [year, month, day] = china.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${year}年${month}月${day}日 ${clock}`;
}

function cellHtml(content: CellContent): string {
  return typeof content === 'number' ? `<td class="number">${formatCount(content)}</td>` : `<td>${escapeHtml(content)}</td>`;
}

/** Renders a table with a header row; `rows` are plain texts and numbers, escaped here. */
export function tableHtml(headers: readonly string[], rows: Iterable<readonly CellContent[]>, className = ''): string {
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body: string[] = [];
  for (const row of rows) body.push(`<tr>${row.map(cellHtml).join('')}</tr>`);
  const classAttribute = className === '' ? '' : ` class="${className}"`;
  return `<table${classAttribute}><thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table>`;
}

/** Renders label and value pairs as a definition list; values are texts to escape or raw HTML. */
export function definitionsHtml(entries: readonly { label: string; value: string; html?: boolean }[]): string {
  const items = entries.map(({ label, value, html }) => `<dt>${escapeHtml(label)}</dt><dd>${html === true ? value : escapeHtml(value)}</dd>`);
  return `<dl>${items.join('')}</dl>`;
}

/** Renders the line that states how many entries a capped list left out, and where they all are. */
export function moreHtml(left: number, file: string, t: Translate): string {
  if (left <= 0) return '';
  return `<p class="more">${escapeHtml(t('check:report.more', { count: left, file }))}</p>`;
}

export function paragraphHtml(text: string, className = ''): string {
  const classAttribute = className === '' ? '' : ` class="${className}"`;
  return `<p${classAttribute}>${escapeHtml(text)}</p>`;
}
