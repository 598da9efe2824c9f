// A corpus of messy department files, written into a temporary folder by the tests, each with the
// SourceTable the import must read out of it. The files reproduce what county staff receive:
// GBK and GB18030 CSV from Excel on Chinese Windows, UTF-8 with and without BOM, CRLF and LF,
// title rows, merged two-row headers, sum and signature footers, ="0123" cells, tab- and
// semicolon-delimited exports, and .xlsx workbooks with numeric ID cells, dates, formulas,
// merged cells and several sheets. ID numbers are generated, not real.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { CellValue, SourceTable } from '../../src-main/publisher/import/source-table.js';
import { makeIdNumber } from './publisher-data.js';

export interface CorpusFile {
  file: string;
  /** Writes the file into `dir`. */
  write(dir: string): Promise<void>;
  expected: SourceTable[];
  /** Sheets the reader must report as skipped. */
  skippedSheets?: { sheet: string; reason: 'hidden' | 'noTable' }[];
}

const ID_1 = makeIdNumber('430123', '19900101', 1);
const ID_2 = makeIdNumber('430123', '19850615', 2);
const ID_3 = makeIdNumber('430123', '19621120', 3);

const HEADERS = ['序号', '姓名', '身份证号', '补贴项目', '发放金额', '发放日期', '所属乡镇', '村组'];

/** Builds one payment row as a department writes it in CSV. */
function payment(serial: number, name: string, id: string, amount: string, village: string): string[] {
  return [String(serial), name, id, '耕地地力保护补贴', amount, '2024-03-05', '城关镇', village];
}

const PAYMENTS = [
  payment(1, '张三', ID_1, '1234.50', '新村一组'),
  payment(2, '李四', ID_2, '88', '新村二组'),
  payment(3, '王五', ID_3, '1,000.00', '新村一组'),
];

const text = (value: string): CellValue => (value === '' ? { kind: 'empty' } : { kind: 'text', text: value });

function textRows(rows: string[][], firstRow: number, step = 1): SourceTable['rows'] {
  return rows.map((cells, index) => ({ row: firstRow + index * step, cells: cells.map(text) }));
}

function csvLine(cells: string[], delimiter: string): string {
  return cells.map((cell) => (/[",\n]/.test(cell) && delimiter === ',' ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}

function writeText(dir: string, file: string, content: string, encoding: 'utf-8' | 'utf-8-bom' | 'gbk' | 'gb18030'): void {
  let bytes: Buffer;
  if (encoding === 'utf-8') bytes = Buffer.from(content, 'utf-8');
  else if (encoding === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(content, 'utf-8')]);
  else bytes = iconv.encode(content, encoding);
  writeFileSync(path.join(dir, file), bytes);
}

function csvTable(file: string, fields: Partial<SourceTable>): SourceTable {
  return {
    file,
    sheet: null,
    encoding: 'utf-8',
    delimiter: ',',
    dateSystem: 1900,
    titleRows: [],
    headerRow: 1,
    headers: HEADERS,
    rows: [],
    footerRows: [],
    ...fields,
  };
}

const plainUtf8: CorpusFile = {
  file: 'plain-utf8.csv',
  async write(dir) {
    writeText(dir, this.file, [HEADERS, ...PAYMENTS].map((cells) => csvLine(cells, ',')).join('\n') + '\n', 'utf-8');
  },
  expected: [csvTable('plain-utf8.csv', { rows: textRows(PAYMENTS, 2) })],
};

const TITLE = '2024年耕地地力保护补贴发放明细表';

// Excel's "CSV UTF-8": BOM, CRLF, the title row padded with commas, a sum row and a signature.
const bomWithTitleAndFooters: CorpusFile = {
  file: 'bom-title-footers.csv',
  async write(dir) {
    const lines = [
      TITLE + ',,,,,,,',
      '填报单位：城关镇财政所,,,,,,,单位：元',
      HEADERS.join(','),
      ...PAYMENTS.map((cells) => csvLine(cells, ',')),
      '合计,,,,"2,322.50",,,',
      ',,,,,,,',
      '制表人：赵六,,审核人：钱七,,,,,',
    ];
    writeText(dir, this.file, lines.join('\r\n') + '\r\n', 'utf-8-bom');
  },
  expected: [
    csvTable('bom-title-footers.csv', {
      encoding: 'utf-8-bom',
      titleRows: [TITLE, '填报单位：城关镇财政所 单位：元'],
      headerRow: 3,
      rows: textRows(PAYMENTS, 4),
      footerRows: [
        { row: 7, kind: 'sum', text: '合计 2,322.50' },
        { row: 9, kind: 'note', text: '制表人：赵六 审核人：钱七' },
      ],
    }),
  ],
};

// "CSV (逗号分隔)" from Excel on Chinese Windows: GBK, CRLF, ID numbers as ="…" formulas so Excel
// keeps them as text, trailing empty columns and blank lines between the rows.
const gbkExcelQuirks: CorpusFile = {
  file: 'gbk-excel.csv',
  async write(dir) {
    const lines = [
      HEADERS.join(',') + ',,',
      ...PAYMENTS.flatMap((cells) => [csvLine(cells, ',').replace(cells[2]!, `="${cells[2]!}"`) + ',,', ',,,,,,,,,']),
    ];
    writeText(dir, this.file, lines.join('\r\n') + '\r\n', 'gbk');
  },
  expected: [csvTable('gbk-excel.csv', { encoding: 'gbk', rows: textRows(PAYMENTS, 2, 2) })],
};

// Rare name characters: 𠀀 (U+20000) exists only as a four-byte GB18030 code; 䶮 is in GBK's
// two-byte range (FE 9F) but older GBK tables map it to the private use area.
const RARE_PAYMENTS = [payment(1, '𠀀明', ID_1, '500', '新村一组'), payment(2, '王䶮', ID_2, '600', '新村二组')];
const gb18030Rare: CorpusFile = {
  file: 'gb18030-rare.csv',
  async write(dir) {
    writeText(dir, this.file, [HEADERS, ...RARE_PAYMENTS].map((cells) => cells.join(',')).join('\n') + '\n', 'gb18030');
  },
  expected: [csvTable('gb18030-rare.csv', { encoding: 'gb18030', rows: textRows(RARE_PAYMENTS, 2) })],
};

const tabDelimited: CorpusFile = {
  file: 'tab-delimited.txt',
  async write(dir) {
    writeText(dir, this.file, [HEADERS, ...PAYMENTS].map((cells) => cells.join('\t')).join('\r\n'), 'gbk');
  },
  expected: [csvTable('tab-delimited.txt', { encoding: 'gbk', delimiter: '\t', rows: textRows(PAYMENTS, 2) })],
};

// Excel in a locale with a decimal comma writes semicolons between fields.
const SEMICOLON_PAYMENTS = PAYMENTS.map((cells) => cells.map((cell) => (cell === '1234.50' ? '1234,50' : cell)));
const semicolonDelimited: CorpusFile = {
  file: 'semicolon.csv',
  async write(dir) {
    writeText(dir, this.file, [HEADERS, ...SEMICOLON_PAYMENTS].map((cells) => cells.map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(';')).join('\n'), 'utf-8');
  },
  expected: [csvTable('semicolon.csv', { delimiter: ';', rows: textRows(SEMICOLON_PAYMENTS, 2) })],
};

// A two-row header with a group cell "补贴发放情况" merged over three columns; the other header
// cells are merged vertically, so the row below them is empty. Line ends are mixed CRLF and LF,
// and the sum row carries no word, only the sum.
const TWO_ROW_DATA = PAYMENTS.map((cells) => [cells[0]!, cells[1]!, cells[2]!, cells[3]!, cells[4]!, cells[5]!, cells[7]!]);
const twoRowHeader: CorpusFile = {
  file: 'two-row-header.csv',
  async write(dir) {
    const lines = [
      csvLine(['序号', '姓  名', '身份证号', '补贴发放情况', '', '', '村组'], ','),
      csvLine(['', '', '', '补贴项目', '发放金额（元）', '发放日期', ''], ','),
      ...TWO_ROW_DATA.map((cells) => csvLine(cells, ',')),
      csvLine(['', '', '', '', '2322.50', '', ''], ','),
    ];
    writeText(dir, this.file, `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\n${lines[4]}\r\n${lines[5]}\n`, 'utf-8');
  },
  expected: [
    csvTable('two-row-header.csv', {
      headerRow: 2,
      headers: ['序号', '姓名', '身份证号', '补贴发放情况/补贴项目', '补贴发放情况/发放金额（元）', '补贴发放情况/发放日期', '村组'],
      rows: textRows(TWO_ROW_DATA, 3),
      footerRows: [{ row: 6, kind: 'sum', text: '2322.50' }],
    }),
  ],
};

const number = (value: number, shown: string): CellValue => ({ kind: 'number', value, shown });
const date = (value: string): CellValue => ({ kind: 'date', date: value });

// A workbook as payment systems export it. The first sheet has a title merged across the table,
// an ID number that an earlier edit turned into a number (Excel then shows 4.30123E+17), amounts
// and serials as numbers, dates, a formula, a village cell merged over two rows and a SUM footer.
// The second sheet has a two-row merged header. An empty sheet and a hidden lookup sheet follow.
const workbook: CorpusFile = {
  file: 'payments.xlsx',
  async write(dir) {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('发放明细');
    sheet.addRow([TITLE]);
    sheet.mergeCells('A1:H1');
    sheet.addRow(HEADERS);
    sheet.addRow([1, '张三', Number(ID_1), '耕地地力保护补贴', 1234.5, new Date(Date.UTC(2024, 2, 5)), '城关镇', '新村一组']);
    sheet.addRow([2, '李四', ID_2, '耕地地力保护补贴', { formula: 'E3/2', result: 617.25 }, new Date(Date.UTC(2024, 2, 5)), '城关镇', null]);
    sheet.mergeCells('H3:H4');
    sheet.addRow([3, '王五', ID_3, '耕地地力保护补贴', 45356, 45356, '城关镇', '新村二组']);
    sheet.getCell('F5').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.addRow(['合计', null, null, null, { formula: 'SUM(E3:E5)', result: 47207.75 }]);
    sheet.addRow(['制表人：赵六']);

    const second = book.addWorksheet('分组表头');
    second.addRow(['序号', '姓名', '补贴发放情况', null, '备注']);
    second.addRow([null, null, '补贴项目', '发放金额', null]);
    second.mergeCells('A1:A2');
    second.mergeCells('B1:B2');
    second.mergeCells('C1:D1');
    second.mergeCells('E1:E2');
    second.addRow([1, '张三', '耕地地力保护补贴', 100, true]);

    book.addWorksheet('Sheet3');
    const hidden = book.addWorksheet('代码表', { state: 'hidden' });
    hidden.addRow(['乡镇', '代码']);
    hidden.addRow(['城关镇', '101']);

    await book.xlsx.writeFile(path.join(dir, this.file));
  },
  expected: [
    {
      file: 'payments.xlsx',
      sheet: '发放明细',
      encoding: 'xlsx',
      delimiter: null,
      dateSystem: 1900,
      titleRows: [TITLE],
      headerRow: 2,
      headers: HEADERS,
      rows: [
        {
          row: 3,
          cells: [number(1, '1'), text('张三'), number(Number(ID_1), '4.30123E+17'), text('耕地地力保护补贴'), number(1234.5, '1234.5'), date('2024-03-05'), text('城关镇'), text('新村一组')],
        },
        {
          row: 4,
          cells: [number(2, '2'), text('李四'), text(ID_2), text('耕地地力保护补贴'), number(617.25, '617.25'), date('2024-03-05'), text('城关镇'), { kind: 'empty' }],
        },
        {
          row: 5,
          cells: [number(3, '3'), text('王五'), text(ID_3), text('耕地地力保护补贴'), number(45356, '45356'), date('2024-03-05'), text('城关镇'), text('新村二组')],
        },
      ],
      footerRows: [
        { row: 6, kind: 'sum', text: '合计 47207.75' },
        { row: 7, kind: 'note', text: '制表人：赵六' },
      ],
    },
    {
      file: 'payments.xlsx',
      sheet: '分组表头',
      encoding: 'xlsx',
      delimiter: null,
      dateSystem: 1900,
      titleRows: [],
      headerRow: 2,
      headers: ['序号', '姓名', '补贴发放情况/补贴项目', '补贴发放情况/发放金额', '备注'],
      rows: [{ row: 3, cells: [number(1, '1'), text('张三'), text('耕地地力保护补贴'), number(100, '100'), { kind: 'boolean', value: true }] }],
      footerRows: [],
    },
  ],
  skippedSheets: [{ sheet: '代码表', reason: 'hidden' }],
};

/** Every readable corpus file with its expected tables. */
export const READABLE_FILES: CorpusFile[] = [
  plainUtf8,
  bomWithTitleAndFooters,
  gbkExcelQuirks,
  gb18030Rare,
  tabDelimited,
  semicolonDelimited,
  twoRowHeader,
  workbook,
];

export interface BrokenFile {
  file: string;
  write(dir: string): Promise<void>;
  code: string;
  params?: Record<string, string | number>;
}

/** Builds a minimal compound file, the container of .xls and of password-protected .xlsx, naming `streams`. */
function compoundFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  const directory = Buffer.alloc(128 * 4);
  ['Root Entry', ...streams].forEach((name, index) => {
    const encoded = Buffer.from(name, 'utf16le');
    encoded.copy(directory, index * 128);
    directory.writeUInt16LE(encoded.length + 2, index * 128 + 64);
  });
  return Buffer.concat([header, directory]);
}

/** Files the import must reject, each with the ImportError code and params it must give. */
export const BROKEN_FILES: BrokenFile[] = [
  {
    file: 'report.xlsx',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
    },
    code: 'pdf',
  },
  {
    file: 'empty.csv',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), '');
    },
    code: 'empty',
  },
  {
    file: 'photo.csv',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    },
    code: 'binary',
    params: { offset: 8 },
  },
  {
    file: 'locked.xlsx',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    },
    code: 'encrypted',
  },
  {
    file: 'old.xls',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), compoundFile(['Workbook', 'SummaryInformation']));
    },
    code: 'xls',
  },
  {
    file: 'page.xls',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), '<html><body><table><tr><td>姓名</td></tr></table></body></html>');
    },
    code: 'html',
  },
  {
    file: 'unicode.txt',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t身份证号\r\n', 'utf16le')]));
    },
    code: 'utf16',
  },
  {
    file: 'bad-bytes.csv',
    async write(dir) {
      const start = iconv.encode(`${HEADERS.join(',')}\r\n${PAYMENTS[0]!.join(',')}\r\n`, 'gbk');
      writeFileSync(path.join(dir, this.file), Buffer.concat([start, Buffer.from([0x31, 0x2c, 0xff, 0xfe, 0x0d, 0x0a])]));
    },
    code: 'invalidBytes',
    params: { line: 3, byte: '0xFF' },
  },
  {
    file: 'mixed.csv',
    async write(dir) {
      const utf8 = Buffer.from(`${HEADERS.join(',')}\n${PAYMENTS[0]!.join(',')}\n`, 'utf-8');
      const gbk = iconv.encode(`${PAYMENTS[1]!.join(',')}\n`, 'gbk');
      writeFileSync(path.join(dir, this.file), Buffer.concat([utf8, gbk]));
    },
    code: 'mixedEncoding',
    params: { utf8Line: 1, otherLine: 3 },
  },
  {
    file: 'open-quote.csv',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), `${HEADERS.join(',')}\n1,"张三,${ID_1}\n`);
    },
    code: 'csvMalformed',
  },
  {
    file: 'letter.csv',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), '关于做好2024年补贴发放工作的通知\n各乡镇：\n请于月底前报送。\n');
    },
    code: 'noTable',
  },
  {
    file: 'scan.pdf',
    async write(dir) {
      writeFileSync(path.join(dir, this.file), '%PDF-1.7\n');
    },
    code: 'unsupportedType',
    params: { extension: '.pdf' },
  },
];

/** Writes a workbook cut off half-way, as an interrupted download or copy leaves it. */
export async function writeTruncatedWorkbook(dir: string, file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('发放明细');
  sheet.addRow(HEADERS);
  for (let index = 0; index < 200; index++) sheet.addRow(payment(index + 1, '张三', ID_1, '100', '新村一组'));
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  writeFileSync(path.join(dir, file), bytes.subarray(0, Math.floor(bytes.length / 2)));
}
