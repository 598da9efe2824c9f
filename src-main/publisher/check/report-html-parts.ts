// Small HTML pieces of report.html. Each function escapes the texts it is given, because file
// names, sheet names and cells are untrusted. Only definitionsHtml takes HTML, for values marked html.
import { escapeHtml } from '../../core/printing/html.js';
import type { Translate } from '../../../src-shared/messages/translator.js';

export { escapeHtml };

/** A table cell's content: text to escape, or a number written with digit grouping. */
export type CellContent = string | number;

const GROUPED = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return GROUPED.format(value);
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
