// A workbook saved with Excel's 1904 date system (the default of old Excel for Mac): a payment
// date typed as a bare serial number, without a date format, must count from 1904 like the
// formatted date cells of the same workbook, not four years and a day earlier.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanContextAt } from '../../src-main/publisher/import/clean-result.js';
import { cleanTableRows } from '../../src-main/publisher/import/clean-rows.js';
import { mapHeaders } from '../../src-main/publisher/import/map-headers.js';
import { readDepartmentFile } from '../../src-main/publisher/import/read-department-file.js';
import { makeIdNumber } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-date-system-');
afterAll(() => temp.remove());

// 2024-03-05 is serial 43894 in the 1904 system and 45356 in the 1900 system.
const SERIAL_1904 = 43_894;

async function writeWorkbook(file: string, date1904: boolean, serial: number): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.properties.date1904 = date1904;
  const sheet = book.addWorksheet('发放明细');
  sheet.addRow(['姓名', '身份证号码', '补贴项目', '发放金额', '发放日期', '乡镇', '村']);
  sheet.addRow(['张三', makeIdNumber('431226', '19650312', 11), '耕地地力保护补贴', '105.00', serial, '锦和镇', '楠木村']);
  await book.xlsx.writeFile(path.join(temp.dir, file));
}

async function paidOnOf(file: string): Promise<{ dateSystem: number; paidOn: unknown }> {
  const { tables } = await readDepartmentFile(temp.dir, file);
  const table = tables[0]!;
  const cleaned = cleanTableRows(table, mapHeaders(table.headers, 'payments'), { context: cleanContextAt(new Date('2025-06-01T00:00:00Z')) });
  expect(cleaned.rejectedRows).toEqual([]);
  return { dateSystem: table.dateSystem, paidOn: cleaned.records[0]!.paid_on };
}

describe('Excel date systems', () => {
  it('reads a 1904 workbook serial from 1904', async () => {
    await writeWorkbook('mac.xlsx', true, SERIAL_1904);

    expect(await paidOnOf('mac.xlsx')).toEqual({ dateSystem: 1904, paidOn: '2024-03-05' });
  });

  it('reads a 1900 workbook serial from 1900', async () => {
    await writeWorkbook('windows.xlsx', false, SERIAL_1904 + 1462);

    expect(await paidOnOf('windows.xlsx')).toEqual({ dateSystem: 1900, paidOn: '2024-03-05' });
  });
});
