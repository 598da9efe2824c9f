// Finds the table inside the rows of a sheet or CSV file: title rows above the header, the header
// (one row, or two rows with merged group cells joined as "parent/child"), the data rows, and
// footers (sums and signatures) kept out of the data. Works on cell values only, so CSV files
// and spreadsheets go through the same rules. Merged cells hold their value in the top-left cell
// and leave the others empty, which is what the two-row header join relies on.
import { isHeaderWord } from './header-words.js';
import { cellText } from './source-table.js';
import type { CellValue, SourceRow, SourceTable } from './source-table.js';

export type FoundTable = Pick<SourceTable, 'titleRows' | 'headerRow' | 'headers' | 'rows' | 'footerRows'>;

/** Rows searched for the header; departments put at most a few title lines above it. */
const HEADER_SEARCH_ROWS = 50;

const SUM_WORDS = ['合计', '小计', '总计', '总合计'];
const NOTE_WORDS = ['制表人', '制表', '审核人', '审核', '填报单位', '填报人', '填表人', '填报日期', '制表日期', '负责人', '经办人', '备注:', '说明:', '注:'];

/** The one empty cell that readers share, so a million empty cells cost no allocations. */
export const EMPTY_CELL: CellValue = Object.freeze({ kind: 'empty' });

function isEmpty(cell: CellValue | undefined): boolean {
  return cell === undefined || cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

function isBlankRow(row: SourceRow): boolean {
  return row.cells.every(isEmpty);
}

function nonEmptyTexts(row: SourceRow): string[] {
  return row.cells.filter((cell) => !isEmpty(cell)).map((cell) => cellText(cell).trim());
}

/** Compact form for keyword checks: no white space, ASCII colons. */
function compact(text: string): string {
  return text.replace(/[\s\u3000]+/g, '').replace(/：/g, ':');
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;
const ID_LIKE = /^\d{15}(\d{2}[\dXx])?$/;

/** Numeric value of a number cell or of a text cell such as "1,234.50元"; null otherwise. */
function numericValue(cell: CellValue | undefined): number | null {
  if (cell?.kind === 'number') return cell.value;
  if (cell?.kind !== 'text') return null;
  const text = cell.text.replace(/[,，\s]/g, '').replace(/元$/, '');
  return NUMBER_TEXT.test(text) ? Number(text) : null;
}

function headerScore(row: SourceRow): number {
  let score = 0;
  for (const cell of row.cells) if (cell.kind === 'text' && isHeaderWord(cell.text)) score++;
  return score;
}

/** A row that can be part of a header: text cells only, none of them a number or ID number. */
function isHeaderLike(row: SourceRow): boolean {
  return row.cells.every((cell) => {
    if (isEmpty(cell)) return true;
    if (cell.kind !== 'text') return false;
    const text = cell.text.trim();
    return !NUMBER_TEXT.test(text) && !ID_LIKE.test(text);
  });
}

/** Header text with white space collapsed, and removed between Chinese characters ("姓  名"). */
export function normaliseHeaderText(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '');
}

function findHeaderIndex(rows: SourceRow[]): number {
  let best = -1;
  let bestScore = 1;
  let fallback = -1;
  let searched = 0;

  for (let index = 0; index < rows.length && searched < HEADER_SEARCH_ROWS; index++) {
    const row = rows[index]!;
    if (isBlankRow(row)) continue;
    searched++;
    const score = headerScore(row);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
    if (fallback === -1 && isHeaderLike(row) && nonEmptyTexts(row).length >= 2) fallback = index;
  }
  return best !== -1 ? best : fallback;
}

function hasVerticalMerge(upper: SourceRow, lower: SourceRow): boolean {
  return upper.cells.some((cell, column) => !isEmpty(cell) && isEmpty(lower.cells[column]));
}

function hasChildUnderGroup(upper: SourceRow, lower: SourceRow): boolean {
  return lower.cells.some((cell, column) => !isEmpty(cell) && isEmpty(upper.cells[column]));
}

/**
 * Joins a two-row header. A child whose parent cell is empty belongs to the nearest group cell
 * on its left, if that group cell has a child of its own (a horizontal merge); a parent cell with
 * no child below was merged vertically and is a column of its own.
 */
function joinHeaderRows(parent: SourceRow, child: SourceRow): string[] {
  const width = Math.max(parent.cells.length, child.cells.length);
  const headers: string[] = [];
  let group = '';

  for (let column = 0; column < width; column++) {
    const parentText = normaliseHeaderText(cellText(parent.cells[column]));
    const childText = normaliseHeaderText(cellText(child.cells[column]));
    if (parentText !== '') group = childText !== '' ? parentText : '';

    if (parentText !== '' && childText !== '') headers.push(`${parentText}/${childText}`);
    else if (parentText !== '') headers.push(parentText);
    else if (childText !== '' && group !== '') headers.push(`${group}/${childText}`);
    else headers.push(childText);
  }
  return headers;
}

function startsWithAny(row: SourceRow, words: readonly string[]): boolean {
  const first = row.cells.find((cell) => !isEmpty(cell));
  if (first?.kind !== 'text') return false;
  const text = compact(first.text);
  return words.some((word) => text.startsWith(word));
}

/**
 * A row whose numbers are all sums of their columns over the data rows above it, with at most two
 * text cells (a label such as "共计" and a unit), none an ID number.
 */
function isSumRow(row: SourceRow, dataAbove: SourceRow[]): boolean {
  const numericColumns: [number, number][] = [];
  let texts = 0;
  for (let column = 0; column < row.cells.length; column++) {
    const cell = row.cells[column];
    if (isEmpty(cell)) continue;
    const value = numericValue(cell);
    if (value !== null && !ID_LIKE.test(cellText(cell).trim())) numericColumns.push([column, value]);
    else texts++;
  }
  if (numericColumns.length === 0 || texts > 2) return false;

  return numericColumns.every(([column, value]) => {
    let sum = 0;
    let count = 0;
    for (const data of dataAbove) {
      const above = numericValue(data.cells[column]);
      if (above === null) continue;
      sum += above;
      count++;
    }
    return count >= 2 && Math.abs(sum - value) < 0.005;
  });
}

function fitCells(cells: CellValue[], width: number): CellValue[] {
  let end = cells.length;
  while (end > width && isEmpty(cells[end - 1])) end--;
  const fitted = cells.length === end ? cells : cells.slice(0, end);
  while (fitted.length < width) fitted.push(EMPTY_CELL);
  return fitted;
}

/** Finds the table in the rows of one sheet or file; null when no header row is found. */
export function findTable(rows: SourceRow[]): FoundTable | null {
  const headerIndex = findHeaderIndex(rows);
  if (headerIndex === -1) return null;

  // 1. The header: one row, or a parent row and a child row.
  let firstHeaderIndex = headerIndex;
  let lastHeaderIndex = headerIndex;
  const found = rows[headerIndex]!;
  const below = rows[headerIndex + 1];
  const above = rows[headerIndex - 1];
  let headers: string[];
  if (below && below.row === found.row + 1 && isHeaderLike(below) && headerScore(below) >= 1 && hasChildUnderGroup(found, below)) {
    headers = joinHeaderRows(found, below);
    lastHeaderIndex = headerIndex + 1;
  } else if (above && above.row === found.row - 1 && isHeaderLike(above) && headerScore(above) >= 1 && hasVerticalMerge(above, found)) {
    headers = joinHeaderRows(above, found);
    firstHeaderIndex = headerIndex - 1;
  } else {
    headers = found.cells.map((cell) => normaliseHeaderText(cellText(cell)));
  }
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();

  // 2. Title rows above the header.
  const titleRows = rows
    .slice(0, firstHeaderIndex)
    .filter((row) => !isBlankRow(row))
    .map((row) => nonEmptyTexts(row).join(' '));

  // 3. Data rows, with sum rows inside the table (subtotals) taken out.
  const footerRows: FoundTable['footerRows'] = [];
  const data: SourceRow[] = [];
  for (let index = lastHeaderIndex + 1; index < rows.length; index++) {
    const row = rows[index]!;
    if (isBlankRow(row)) continue;
    if (startsWithAny(row, SUM_WORDS)) footerRows.push({ row: row.row, kind: 'sum', text: nonEmptyTexts(row).join(' ') });
    else data.push(row);
  }

  // 4. Footers below the data, found from the bottom up.
  let end = data.length;
  while (end > 0) {
    const row = data[end - 1]!;
    let kind: 'sum' | 'note' | null = null;
    if (startsWithAny(row, NOTE_WORDS)) kind = 'note';
    else if (isSumRow(row, data.slice(0, end - 1))) kind = 'sum';
    if (kind === null) break;
    footerRows.push({ row: row.row, kind, text: nonEmptyTexts(row).join(' ') });
    end--;
  }
  footerRows.sort((first, second) => first.row - second.row);

  const width = headers.length;
  const tableRows = data.slice(0, end).map((row) => ({ row: row.row, cells: fitCells(row.cells, width) }));
  return { titleRows, headerRow: rows[lastHeaderIndex]!.row, headers, rows: tableRows, footerRows };
}
