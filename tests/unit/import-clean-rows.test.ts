// read → map → clean over generated department files: the records, repairs and rejections of
// each row are data in tests/helpers/messy-rows.ts, and the same in every encoding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanContextAt } from '../../src-main/publisher/import/clean-result.js';
import { cleanTableRows, createRowCleaner } from '../../src-main/publisher/import/clean-rows.js';
import type { CleanedTable } from '../../src-main/publisher/import/clean-rows.js';
import { mapHeaders } from '../../src-main/publisher/import/map-headers.js';
import { readDepartmentFile } from '../../src-main/publisher/import/read-department-file.js';
import type { SourceTable } from '../../src-main/publisher/import/source-table.js';
import { READABLE_FILES } from '../helpers/messy-files.js';
import { describeCells, EXPECTED_ROWS, FULL_ID_NUMBERS, MESSY_ROWS_FILES, PRIVATE_VALUES, TYPED_WORKBOOK } from '../helpers/messy-rows.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-clean-rows-');
const context = cleanContextAt(new Date('2025-06-01T00:00:00+08:00'));

beforeAll(async () => {
  for (const corpusFile of [...MESSY_ROWS_FILES, TYPED_WORKBOOK, ...READABLE_FILES]) await corpusFile.write(temp.dir);
});

afterAll(() => temp.remove());

async function importFile(file: string): Promise<{ table: SourceTable; cleaned: CleanedTable }> {
  const { tables } = await readDepartmentFile(temp.dir, file);
  expect(tables).toHaveLength(1);
  const table = tables[0]!;
  const map = mapHeaders(table.headers, 'payments');
  expect(map.problems).toEqual([]);
  return { table, cleaned: cleanTableRows(table, map, { context }) };
}

type Expected = (typeof EXPECTED_ROWS)[number];

function checkRows(cleaned: CleanedTable, expected: Expected[], file: string, sheet: string | null): void {
  const accepted = expected.filter((row) => row.record !== undefined);
  expect(cleaned.records).toEqual(accepted.map((row) => ({ row: row.row, ...row.record })));

  for (const row of accepted) {
    const repairs = cleaned.repairs.filter((repair) => repair.row === row.row);
    expect(describeCells(repairs), `repairs of row ${row.row}`).toEqual(row.repairs ?? []);
  }

  const rejected = expected.filter((row) => row.rejections !== undefined);
  expect(cleaned.rejectedRows.map((row) => row.row)).toEqual(rejected.map((row) => row.row));
  for (const row of rejected) {
    const found = cleaned.rejectedRows.find((rejectedRow) => rejectedRow.row === row.row)!;
    expect(describeCells(found.rejections), `rejections of row ${row.row}`).toEqual(row.rejections);
    for (const rejection of found.rejections) expect(rejection).toMatchObject({ file, sheet, row: row.row });
  }
}

describe('cleaning rows of a messy payment export', () => {
  it.each(MESSY_ROWS_FILES.map((corpusFile) => [corpusFile.file]))('gives the expected rows from %s', async (file) => {
    const { table, cleaned } = await importFile(file);
    checkRows(cleaned, EXPECTED_ROWS, file, table.sheet);
  });

  it('gives the same rows when consuming the table', async () => {
    const file = MESSY_ROWS_FILES[0]!.file;
    const { table, cleaned } = await importFile(file);
    const { tables } = await readDepartmentFile(temp.dir, file);
    const consumed = tables[0]!;
    const rowsRead = consumed.rows.length;

    const result = cleanTableRows(consumed, mapHeaders(consumed.headers, 'payments'), { context, consumeRows: true });
    expect(result).toEqual(cleaned);
    expect(result.rowsRead).toBe(rowsRead);
    expect(rowsRead).toBe(table.rows.length);
    expect(consumed.rows).toEqual([]);
  });

  it('gives the expected rows from a workbook of typed cells', async () => {
    const { cleaned } = await importFile(TYPED_WORKBOOK.file);
    checkRows(cleaned, TYPED_WORKBOOK.expected, TYPED_WORKBOOK.file, '发放明细');
  });

  it('names the header of each repaired column', async () => {
    const { cleaned } = await importFile('rows-gbk.csv');
    const repair = cleaned.repairs.find((found) => found.field === 'amount')!;
    expect(repair).toMatchObject({ file: 'rows-gbk.csv', sheet: null, row: 4, column: 'E', header: '发放金额（元）', kind: 'amountUnit', before: '1,234.50元', after: '1,234.50' });
  });

  it.each([...MESSY_ROWS_FILES, TYPED_WORKBOOK].map((corpusFile) => [corpusFile.file]))('keeps bank accounts and phones out of %s', async (file) => {
    const { cleaned } = await importFile(file);
    const output = JSON.stringify(cleaned);

    for (const value of PRIVATE_VALUES) expect(output).not.toContain(value);
    for (const record of cleaned.records) {
      expect(Object.keys(record)).not.toContain('bank_account');
      expect(Object.keys(record)).not.toContain('phone');
    }
  });

  it.each([...MESSY_ROWS_FILES, TYPED_WORKBOOK].map((corpusFile) => [corpusFile.file]))('masks ID numbers in the report of %s', async (file) => {
    const { cleaned } = await importFile(file);
    const report = JSON.stringify([cleaned.repairs, cleaned.rejectedRows]);

    for (const id of FULL_ID_NUMBERS) expect(report).not.toContain(id);
    expect(report).not.toMatch(/\d{15}/);
  });

  it('masks the ID number of a rejection but keeps its ends', async () => {
    const { cleaned } = await importFile('rows-gbk.csv');
    const rejection = cleaned.rejectedRows.find((row) => row.row === 8)!.rejections[0]!;
    expect(rejection.value).toBe('430*************00');
  });

  it('redacts an ID number typed into the amount column', async () => {
    const { table } = await importFile('rows-gbk.csv');
    const cleanRow = createRowCleaner(table, mapHeaders(table.headers, 'payments'), { context });
    const idNumber = FULL_ID_NUMBERS[0]!;
    const result = cleanRow({ ...table.rows[0]!, cells: table.rows[0]!.cells.map((cell, index) => (index === 4 ? { kind: 'text', text: idNumber } : cell)) });

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejections).toEqual([expect.objectContaining({ field: 'amount', reason: 'amountTooLarge', value: '[18 digits redacted]' })]);
  });

  it('redacts a phone number in a repaired remark', async () => {
    const { table } = await importFile('rows-gbk.csv');
    const cleanRow = createRowCleaner(table, mapHeaders(table.headers, 'payments'), { context });
    const result = cleanRow({ ...table.rows[0]!, cells: table.rows[0]!.cells.map((cell, index) => (index === 12 ? { kind: 'text', text: ' 电话 13800138000 ' } : cell)) });

    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.record.remarks).toBe('电话 13800138000');
      expect(result.repairs).toEqual([expect.objectContaining({ field: 'remarks', kind: 'trimmedSpaces', before: ' 电话 [11 digits redacted] ', after: '电话 [11 digits redacted]' })]);
    }
  });

  it('passes the bounds of a rejected date as parameters', async () => {
    const { table } = await importFile('rows-gbk.csv');
    const cleanRow = createRowCleaner(table, mapHeaders(table.headers, 'payments'), { context });
    const result = cleanRow({ ...table.rows[0]!, cells: table.rows[0]!.cells.map((cell, index) => (index === 5 ? { kind: 'text', text: '2042-03-05' } : cell)) });

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.rejections).toEqual([expect.objectContaining({ field: 'paid_on', reason: 'dateTooLate', value: '2042-03-05', params: { latest: '2026-12-31' } })]);
  });

  it('accepts negative amounts when the file allows them', async () => {
    const { table } = await importFile('rows-gbk.csv');
    const cleanRow = createRowCleaner(table, mapHeaders(table.headers, 'payments'), { context, allowNegativeAmounts: true });
    const result = cleanRow(table.rows.find((row) => row.row === 10)!);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeCells(result.rejections)).toEqual(['G period periodAmbiguous']);
  });
});

describe('cleaning the reader corpus', () => {
  const expectedRecords: Record<string, number> = {
    'plain-utf8.csv': 3,
    'bom-title-footers.csv': 3,
    'gbk-excel.csv': 3,
    'gb18030-rare.csv': 2,
    'tab-delimited.txt': 3,
    'two-row-header.csv': 3,
  };

  it.each(Object.entries(expectedRecords))('accepts every row of %s', async (file, count) => {
    const { cleaned } = await importFile(file);
    expect(cleaned.rejectedRows).toEqual([]);
    expect(cleaned.records).toHaveLength(count);
    expect(cleaned.records.map((record) => record.amount)).toEqual(file === 'gb18030-rare.csv' ? [50000, 60000] : [123450, 8800, 100000]);
  });

  it('rejects the decimal comma of a semicolon export', async () => {
    const { cleaned } = await importFile('semicolon.csv');
    expect(cleaned.rejectedRows.map((row) => [row.row, describeCells(row.rejections)])).toEqual([[2, ['E amount amountBadGrouping']]]);
  });
});
