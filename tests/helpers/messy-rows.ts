// A payment export with damaged cells, written in each encoding a department uses and as a
// workbook, with the records, repairs and rejections that read → map → clean must give. The
// damage is what Excel and payment systems do to cells. Examples are full-width digits, padded
// names, lower-case x and legacy 15-digit ID numbers. Others are ID numbers in scientific
// notation or rounded to 15 digits, amounts with 元 and commas or three decimals, Chinese dates,
// date serials and dates that do not exist. Bank account and phone columns are filled so tests can check they never come out.
// ID numbers, accounts and phone numbers are generated, not real.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { RejectReason, RepairKind } from '../../src-main/publisher/import/clean-result.js';
import type { ImportRecord } from '../../src-main/publisher/import/clean-rows.js';
import type { KeptField } from '../../src-main/publisher/import/import-fields.js';
import { makeIdNumber } from './publisher-data.js';

/** Returns the first generated ID number whose check character is X. */
function idEndingInX(): string {
  for (let sequence = 1; ; sequence++) {
    const id = makeIdNumber('430123', '19750808', sequence);
    if (id.endsWith('X')) return id;
  }
}

const ID_1 = makeIdNumber('430123', '19900101', 1);
const ID_2 = makeIdNumber('430123', '19850615', 2);
const ID_X = idEndingInX();
const LEGACY_15 = '430123620315123';
const UPGRADED = `43012319620315123${computeCheckCharacter('43012319620315123')}`;

const toFullWidth = (text: string): string => text.replace(/[0-9A-Za-z]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

export const TITLE = '2024年耕地地力保护补贴发放明细表';
export const HEADERS = ['序号', '姓  名', '身份证号码（18位）', '补贴项目', '发放金额（元）', '发放日期', '发放期间', '乡镇', '村', '组', '银行卡号', '联系电话', '备注'];
const ITEM = '耕地地力保护补贴';

/** Bank accounts and phone numbers of the rows, which must appear in no output. */
export const PRIVATE_VALUES = Array.from({ length: 8 }, (_, index) => [`621700123456789${String(index).padStart(4, '0')}`, `1380013${String(index).padStart(4, '0')}`]).flat();

function row(serial: number, cells: string[]): string[] {
  const [account, phone] = [PRIVATE_VALUES[(serial - 1) * 2]!, PRIVATE_VALUES[(serial - 1) * 2 + 1]!];
  return [String(serial), ...cells.slice(0, 9), account, phone, cells[9] ?? ''];
}

// Name, ID number, item, amount, paid on, period, township, village, group, remarks.
export const DATA_ROWS: string[][] = [
  row(1, ['张三', ID_1, ITEM, '1234.50', '2024-03-05', '2024-03', '城关镇', '新村', '一组']),
  row(2, ['李  四', toFullWidth(ID_2), ITEM, '1,234.50元', '2024年3月5日', '2024年3月', '城关镇', '新村', '一组']),
  row(3, ['王五', ID_X.toLowerCase(), ITEM, '￥88', '2024/3/5', '202403', '城关镇', '新村', '二组']),
  row(4, ['赵六', LEGACY_15, `${ITEM}\u3000`, '88.000', '20240305', '2024.03', '城关镇', '新村', '二组', '  补发 ']),
  row(5, ['钱七', '4.30123E+17', ITEM, '12.345', '2024-03-05', '2024-03', '城关镇', '新村', '三组']),
  row(6, ['孙八', '430123199001010000', ITEM, '100', '2024-02-30', '2024-03', '城关镇', '新村', '三组']),
  row(7, ['', ID_1, ITEM, '100', '2024-03-05', '', '城关镇', '新村', '']),
  row(8, ['周九', ID_2, ITEM, '-50', '45356', '2024.1', '城关镇', '新村', '一组']),
];

interface ExpectedRow {
  row: number;
  record?: Omit<ImportRecord, 'row'>;
  /** "column field kind" for each repair, in order. */
  repairs?: string[];
  /** "column field reason" for each rejection, in order. */
  rejections?: string[];
}

const base = { item_name: ITEM, township: '城关镇', village: '新村', remarks: null } as const;

/** What cleaning must give for each data row, in every encoding. */
export const EXPECTED_ROWS: ExpectedRow[] = [
  { row: 3, record: { ...base, name: '张三', id_number: ID_1, amount: 123450, paid_on: '2024-03-05', period: '2024-03', group: '一组' } },
  {
    row: 4,
    record: { ...base, name: '李四', id_number: ID_2, amount: 123450, paid_on: '2024-03-05', period: '2024-03', group: '一组' },
    repairs: ['B name spaceInChinese', 'C id_number fullWidth', 'E amount amountUnit', 'E amount amountGrouping', 'F paid_on dateFormat', 'G period periodFormat'],
  },
  {
    row: 5,
    record: { ...base, name: '王五', id_number: ID_X, amount: 8800, paid_on: '2024-03-05', period: '2024-03', group: '二组' },
    repairs: ['C id_number idLowerCaseX', 'E amount amountUnit', 'F paid_on dateFormat', 'G period periodFormat'],
  },
  {
    row: 6,
    record: { ...base, name: '赵六', id_number: UPGRADED, amount: 8800, paid_on: '2024-03-05', period: '2024-03', group: '二组', remarks: '补发' },
    repairs: ['C id_number idUpgradedTo18', 'D item_name unusualSpaces', 'D item_name trimmedSpaces', 'E amount amountTrailingZeros', 'F paid_on dateFormat', 'G period periodFormat', 'M remarks trimmedSpaces'],
  },
  { row: 7, rejections: ['C id_number idScientificNotation', 'E amount amountTooManyDecimals'] },
  { row: 8, rejections: ['C id_number idRoundedDigits', 'F paid_on dateNotExist'] },
  { row: 9, rejections: ['B name empty'] },
  { row: 10, rejections: ['E amount amountNegative', 'G period periodAmbiguous'] },
];

/** The ID numbers of the corpus, none of which may appear whole in a repair or rejection. */
export const FULL_ID_NUMBERS = [ID_1, ID_2, ID_X, UPGRADED, LEGACY_15];

function csvText(delimiter: string): string {
  const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [TITLE, HEADERS.map(quote).join(delimiter), ...DATA_ROWS.map((cells) => cells.map(quote).join(delimiter)), '合计', '制表人：吴十'];
  return lines.join('\r\n') + '\r\n';
}

export interface MessyRowsFile {
  file: string;
  write(dir: string): Promise<void>;
}

function csvFile(file: string, encoding: 'utf-8-bom' | 'gbk' | 'gb18030'): MessyRowsFile {
  return {
    file,
    async write(dir) {
      const text = csvText(',');
      const bytes = encoding === 'utf-8-bom' ? Buffer.from(`\uFEFF${text}`, 'utf-8') : iconv.encode(text, encoding);
      writeFileSync(path.join(dir, file), bytes);
    },
  };
}

/** The same rows in each encoding, and as a workbook of text cells. */
export const MESSY_ROWS_FILES: MessyRowsFile[] = [
  csvFile('rows-gbk.csv', 'gbk'),
  csvFile('rows-gb18030.csv', 'gb18030'),
  csvFile('rows-utf8-bom.csv', 'utf-8-bom'),
  {
    file: 'rows-text.xlsx',
    async write(dir) {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('发放明细');
      sheet.addRow([TITLE]);
      sheet.addRow(HEADERS);
      for (const cells of DATA_ROWS) sheet.addRow(cells);
      sheet.addRow(['合计']);
      await book.xlsx.writeFile(path.join(dir, this.file));
    },
  },
];

/**
 * A workbook whose cells carry Excel's types: an ID number stored as a number (shown 4.30123E+17),
 * one rounded to 15 digits and shown in full, number amounts, date cells and a date serial.
 */
export const TYPED_WORKBOOK: MessyRowsFile & { expected: ExpectedRow[] } = {
  file: 'rows-typed.xlsx',
  async write(dir) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('发放明细');
    sheet.addRow(['序号', '姓名', '身份证号', '补贴项目', '发放金额', '发放日期', '卡号']);
    sheet.addRow([1, '张三', ID_1, ITEM, 1234.5, new Date(Date.UTC(2024, 2, 5)), Number(PRIVATE_VALUES[0])]);
    sheet.addRow([2, '李四', Number(ID_1), ITEM, 0.1 + 0.2, 45356, PRIVATE_VALUES[2]]);
    sheet.addRow([3, '王五', Number(ID_1), ITEM, 88, 45356, PRIVATE_VALUES[4]]);
    sheet.getCell('C4').numFmt = '0';
    sheet.addRow([4, '赵六', ID_2, ITEM, 1234.567, new Date(Date.UTC(2024, 2, 5)), PRIVATE_VALUES[6]]);
    await book.xlsx.writeFile(path.join(dir, this.file));
  },
  expected: [
    { row: 2, record: { name: '张三', id_number: ID_1, item_name: ITEM, amount: 123450, paid_on: '2024-03-05' } },
    { row: 3, rejections: ['C id_number idScientificNotation'] },
    { row: 4, rejections: ['C id_number idRoundedDigits'] },
    { row: 5, rejections: ['E amount amountTooManyDecimals'] },
  ],
};

/** Lists a cleaned row's repairs or rejections as "column field kind" strings. */
export function describeCells(cells: readonly { column: string; field: KeptField; kind?: RepairKind; reason?: RejectReason }[]): string[] {
  return cells.map((cell) => `${cell.column} ${cell.field} ${cell.kind ?? cell.reason}`);
}
