// The report of `minsheng check`: report.html parsed with parse5 (a WHATWG-conformant parser) and
// the CSV files parsed with csv-parse, from CheckResult objects built by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseHtml } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translatorFor } from '../../src-shared/messages/translator.js';
import type { CheckResult } from '../../src-main/publisher/check/check-types.js';
import { REPAIR_EXAMPLES_PER_KIND, REJECTED_ROWS_PER_TABLE } from '../../src-main/publisher/check/report-html-tables.js';
import { ROWS_PER_WARNING, WARNINGS_PER_RULE } from '../../src-main/publisher/check/report-html.js';
import { REJECTION_COLUMNS, REPAIR_COLUMNS, SUMMARY_COLUMNS, WARNING_COLUMNS } from '../../src-main/publisher/check/report-csv.js';
import { rowAnchorId } from '../../src-main/publisher/check/report-text.js';
import { writeCheckReport } from '../../src-main/publisher/check/write-check-report.js';
import { checkResult, largeCheckResult, MASKED_ID, rejectionAt, repairAt, tableSummary, warning } from '../helpers/check-results.js';
import { makeTempDir } from '../helpers/temp.js';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const zh = { t: translatorFor('zh-CN'), language: 'zh-CN' as const };
const en = { t: translatorFor('en'), language: 'en' as const };

const HOSTILE_FILE = `<script>alert("x")</script> & '名单'.csv`;
const HOSTILE_SHEET = `Sheet"1'<b>`;

/** Parses report.html, collecting every parse error, and returns its elements in document order. */
function parseReport(html: string): { errors: string[]; elements: Element[] } {
  const errors: string[] = [];
  const document = parseHtml(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) });
  const elements: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node) elements.push(node);
    const children = 'childNodes' in node ? node.childNodes : [];
    for (const child of children) visit(child);
    if ('content' in node) visit(node.content);
  };
  visit(document);
  return { errors, elements };
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function readCsv(file: string): string[][] {
  return parseCsv(readFileSync(file, 'utf8'), { bom: true }) as string[][];
}

/** Builds a small check: a sheet with hostile names, a CSV file, a list, failures and warnings. */
function sampleResult(): CheckResult {
  const sheetTable = tableSummary({
    file: HOSTILE_FILE,
    sheet: HOSTILE_SHEET,
    titleRows: ['2024年耕地地力保护补贴发放明细表 联系电话 13812345678'],
    headerRow: 3,
    headerNotices: [
      { severity: 'problem', text: '列 F "<银行卡号>" 未读取' },
      { severity: 'info', text: '列 A "序号" 未读取' },
    ],
    footerRows: [{ row: 9, kind: 'sum', text: '合计 2,322.50' }],
    rowsRead: 5,
    accepted: 4,
    repairedRows: 1,
    rejected: 1,
    repairCounts: { idLowerCaseX: 1 },
    repairs: [repairAt(HOSTILE_FILE, HOSTILE_SHEET, 5, 'idLowerCaseX', '430*************1x', MASKED_ID)],
    cellRejections: [{ row: 6, rejections: [rejectionAt(HOSTILE_FILE, HOSTILE_SHEET, 6, `=HYPERLINK("http://x")`)] }],
  });
  const csvTable = tableSummary({
    file: 'persons.csv',
    sheet: null,
    encoding: 'gb18030',
    delimiter: '\t',
    kind: 'persons',
    rowsRead: 2,
    accepted: 1,
    rejected: 1,
    rowProblems: [{ ref: { file: 'persons.csv', sheet: null, row: 3 }, message: { key: 'check:standardise.unknownVillage', params: { village: '<新村>' } } }],
  });
  return checkResult({
    tables: [sheetTable, csvTable],
    failures: [{ file: 'old.xls', sheet: null, message: { key: 'import:xls', params: { file: 'old.xls' } } }],
    listTables: [
      tableSummary({
        file: 'deceased.csv',
        sheet: null,
        encoding: 'utf-8',
        delimiter: ',',
        kind: 'departedList',
        rowsRead: 3,
        accepted: 2,
        rejected: 1,
        cellRejections: [{ row: 4, rejections: [rejectionAt('deceased.csv', null, 4, '430***********')] }],
      }),
    ],
    listFailures: [{ file: 'officials.xlsx', sheet: null, message: { key: 'import:encrypted', params: { file: 'officials.xlsx' } } }],
    warnings: [
      warning('duplicatePayment', [
        { file: HOSTILE_FILE, sheet: HOSTILE_SHEET, row: 4 },
        { file: HOSTILE_FILE, sheet: HOSTILE_SHEET, row: 5 },
      ]),
      warning('afterDeathOrMove', [
        { file: HOSTILE_FILE, sheet: HOSTILE_SHEET, row: 5 },
        { file: 'deceased.csv', sheet: null, row: 2 },
      ], { name: '李四', id: '430102199001011234', item: '高龄津贴', leftOn: '2024-01-12' }, 'death'),
    ],
    rules: [
      { rule: 'duplicatePayment', ran: true },
      { rule: 'afterDeathOrMove', ran: true },
      { rule: 'officialRecipient', ran: false, skipped: { key: 'check:rules.skipped.noList', params: { key: 'officialRecipient.list' } } },
    ],
    rejectedRows: 2,
  });
}

describe('writeCheckReport', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('minsheng-check-report-');
  });
  afterEach(() => temp.remove());

  it('writes the HTML page and four CSV files', async () => {
    const reportDir = path.join(temp.dir, 'report', 'nested');
    const files = await writeCheckReport(sampleResult(), reportDir, zh);

    expect(readdirSync(reportDir).sort()).toEqual(['rejections.csv', 'repairs.csv', 'report.html', 'summary.csv', 'warnings.csv']);
    expect(files.html).toBe(path.join(reportDir, 'report.html'));
  });

  it('report.html parses without errors and is self-contained', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, zh);
    const { errors, elements } = parseReport(readFileSync(html, 'utf8'));

    expect(errors).toEqual([]);
    expect(attribute(elements.find((element) => element.tagName === 'html')!, 'lang')).toBe('zh-CN');
    expect(elements.filter((element) => ['script', 'link', 'img', 'iframe', 'object'].includes(element.tagName))).toEqual([]);
    const external = elements.flatMap((element) => element.attrs.filter((attr) => ['src', 'href'].includes(attr.name) && !attr.value.startsWith('#')));
    expect(external).toEqual([]);
  });

  it('every link resolves to one anchor', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, zh);
    const { elements } = parseReport(readFileSync(html, 'utf8'));

    const ids = elements.map((element) => attribute(element, 'id')).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = elements.map((element) => attribute(element, 'href')).filter((href) => href !== undefined);
    expect(targets.length).toBeGreaterThan(0);
    for (const href of targets) expect(ids).toContain(href.slice(1));
  });

  it('each warning row links to its entry', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, zh);
    const { elements } = parseReport(readFileSync(html, 'utf8'));
    const byId = new Map(elements.map((element) => [attribute(element, 'id'), element]));

    const ref = { file: HOSTILE_FILE, sheet: HOSTILE_SHEET, row: 5 };
    const links = elements.filter((element) => attribute(element, 'href') === `#${rowAnchorId(ref)}`);
    expect(links).toHaveLength(2);
    const entry = byId.get(rowAnchorId(ref))!;
    expect(entry.tagName).toBe('li');
    expect(textOf(entry)).toContain(`${HOSTILE_FILE} 工作表“${HOSTILE_SHEET}” 第 5 行`);
    // The row cited by both warnings links back to both.
    const backLinks = entry.childNodes.flatMap((node) => ('childNodes' in node ? node.childNodes : [])).filter((node) => node.nodeName === 'a');
    expect(backLinks.map((link) => attribute(link as Element, 'href'))).toEqual(['#warning:duplicatePayment:1', '#warning:afterDeathOrMove:1']);
    expect(byId.get(rowAnchorId({ file: 'deceased.csv', sheet: null, row: 2 }))).toBeDefined();
  });

  it('row anchors differ for a CSV file and a sheet', () => {
    const ids = [
      rowAnchorId({ file: 'a.csv', sheet: null, row: 1 }),
      rowAnchorId({ file: 'a.csv', sheet: '1', row: 1 }),
      rowAnchorId({ file: 'a.csv:1', sheet: null, row: 1 }),
      rowAnchorId({ file: 'a b.csv', sheet: null, row: 1 }),
      rowAnchorId({ file: 'a%20b.csv', sheet: null, row: 1 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[\w.%:-]+$/);
  });

  it('escapes file names, sheets and cells', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, zh);
    const page = readFileSync(html, 'utf8');
    const { elements } = parseReport(page);

    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<银行卡号>');
    expect(elements.filter((element) => element.tagName === 'b')).toEqual([]);
    const headings = elements.filter((element) => element.tagName === 'h3').map(textOf);
    expect(headings).toContain(`${HOSTILE_FILE} 的工作表"${HOSTILE_SHEET}"`);
    const cells = elements.filter((element) => element.tagName === 'td').map(textOf);
    expect(cells).toContain(`=HYPERLINK("http://x")`);
    expect(cells.some((cell) => cell.includes('<新村>') || cell.includes('check:standardise.unknownVillage'))).toBe(true);
  });

  it('shows the summary, readings and rules in Chinese', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, zh);
    const text = textOf(parseHtml(readFileSync(html, 'utf8')));

    expect(text).toContain('数据检查与信息比对报告');
    expect(text).toContain('有 2 行被拒收');
    expect(text).toContain('GB18030');
    expect(text).toContain('制表符');
    expect(text).toContain('第 9 行（合计）：合计 2,322.50');
    expect(text).toContain('身份证号末位的小写 x 改为大写 X：1 处');
    expect(text).toContain('已被 Excel 变成科学计数法');
    expect(text).toContain('旧版 Excel 97-2003 工作簿');
    expect(text).toContain('同一人同一项目同一期间重复发放（1 条）');
    expect(text).toMatch(/问题\s*列 F/);
    const skipped = '未运行：比对规则文件中没有提供名单（officialRecipient.list）';
    expect(text.split(skipped)).toHaveLength(3);
    expect(text).toContain('领取人是村干部或其亲属（0 条）');
    expect(text).toContain('李四（身份证号 [18 digits redacted]）');
    expect(text).toContain('比对规则使用的名单');
    expect(text).toContain('死亡迁出名单');
    expect(text).toContain('officials.xlsx 设有打开密码');
  });

  it('shows the check time in China time', async () => {
    const result = { ...sampleResult(), checkedAt: '2026-12-05T11:12:45.481Z' };
    const zhText = textOf(parseHtml(readFileSync((await writeCheckReport(result, temp.dir, zh)).html, 'utf8')));
    expect(zhText).toContain('检查时间：2026年12月5日 19:12（北京时间）');
    expect(zhText).not.toContain('2026-12-05T11:12');

    const enText = textOf(parseHtml(readFileSync((await writeCheckReport(result, temp.dir, en)).html, 'utf8')));
    expect(enText).toContain('Checked at: 2026-12-05 19:12 China time (UTC+8)');
  });

  it('writes English when asked', async () => {
    const { html } = await writeCheckReport(sampleResult(), temp.dir, en);
    const page = readFileSync(html, 'utf8');

    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Data check and comparison report');
    expect(page).toContain('2 rows were rejected');
    expect(page).not.toMatch(/[拒收预警]/);
  });

  it('CSV files have a BOM, the columns and quoted cells', async () => {
    const files = await writeCheckReport(sampleResult(), temp.dir, zh);

    for (const file of [files.rejections, files.repairs, files.warnings, files.summary]) {
      expect(readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(readFileSync(file, 'utf8')).toMatch(/\r\n$/);
    }
    const rejections = readCsv(files.rejections);
    expect(rejections[0]).toEqual([...REJECTION_COLUMNS]);
    expect(rejections[1]).toEqual([
      HOSTILE_FILE,
      HOSTILE_SHEET,
      '6',
      'B',
      '身份证号',
      'id_number',
      'import:reject.idScientificNotation',
      expect.stringContaining('科学计数法'),
      `'=HYPERLINK("http://x")`,
    ]);
    expect(rejections[2]!.slice(0, 3)).toEqual(['persons.csv', '', '3']);
    expect(rejections[2]![6]).toBe('check:standardise.unknownVillage');
    expect(rejections[3]!.slice(0, 3)).toEqual(['deceased.csv', '', '4']);

    const repairs = readCsv(files.repairs);
    expect(repairs[0]).toEqual([...REPAIR_COLUMNS]);
    expect(repairs[1]!.slice(6)).toEqual(['idLowerCaseX', '身份证号末位的小写 x 改为大写 X', '430*************1x', MASKED_ID]);

    const warnings = readCsv(files.warnings);
    expect(warnings[0]).toEqual([...WARNING_COLUMNS]);
    expect(warnings[1]![0]).toBe('duplicatePayment');
    expect(warnings[1]![3]).toBe(`${HOSTILE_FILE}#${HOSTILE_SHEET}!4; ${HOSTILE_FILE}#${HOSTILE_SHEET}!5`);
    expect(warnings[2]![3]).toBe(`${HOSTILE_FILE}#${HOSTILE_SHEET}!5; deceased.csv!2`);

    const summary = readCsv(files.summary);
    expect(summary[0]).toEqual([...SUMMARY_COLUMNS]);
    expect(summary.map((line) => line[0])).toEqual(['file', HOSTILE_FILE, 'persons.csv', 'deceased.csv', 'old.xls', 'officials.xlsx']);
    expect(summary[2]!.slice(0, 5)).toEqual(['persons.csv', '', 'persons', 'gb18030', 'tab']);
    expect(summary[3]!.slice(2, 5)).toEqual(['departedList', 'utf-8', 'comma']);
    expect(summary[4]![13]).toContain('.xlsx');
    expect(summary[5]![13]).toContain('密码');
  });

  it('no file holds a full ID number or phone', async () => {
    const result = sampleResult();
    result.failures.push({ file: 'x.csv', sheet: null, message: { key: 'check:import.bad', params: { id: '43010219900101123X' } } });
    const files = await writeCheckReport(result, temp.dir, zh);

    for (const file of Object.values(files)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
      expect(text, file).not.toContain('13812345678');
    }
  });

  it('replaces an earlier report', async () => {
    await writeCheckReport(largeCheckResult({ rows: 100, rejected: 30, repairs: 10, warnings: 5 }), temp.dir, zh);
    const files = await writeCheckReport(checkResult(), temp.dir, zh);

    expect(readdirSync(temp.dir).sort()).toEqual(['rejections.csv', 'repairs.csv', 'report.html', 'summary.csv', 'warnings.csv']);
    expect(readCsv(files.rejections)).toHaveLength(1);
    expect(readFileSync(files.html, 'utf8')).toContain('没有被拒收的行');
  });

  it('caps the HTML lists and keeps all in CSV', async () => {
    const result = largeCheckResult({ rows: 10_000, rejected: 300, repairs: 50, warnings: 250 });
    result.warnings[0]!.rows = Array.from({ length: 30 }, (_, index) => ({ file: 'x.csv', sheet: null, row: index + 2 }));
    const files = await writeCheckReport(result, temp.dir, zh);
    const page = readFileSync(files.html, 'utf8');
    const { elements } = parseReport(page);

    const rejectionRows = elements.filter((element) => element.tagName === 'table' && attribute(element, 'class') === 'rejections');
    expect(rejectionRows.flatMap((table) => elementsIn(table, 'tr'))).toHaveLength(REJECTED_ROWS_PER_TABLE + 1);
    const repairTables = elements.filter((element) => element.tagName === 'table' && attribute(element, 'class') === 'repairs');
    expect(elementsIn(repairTables[0]!, 'tr')).toHaveLength(REPAIR_EXAMPLES_PER_KIND + 1);
    const warningItems = elements.filter((element) => element.tagName === 'li' && attribute(element, 'id')?.startsWith('warning:'));
    expect(warningItems).toHaveLength(WARNINGS_PER_RULE);
    const firstLinks = elementsIn(warningItems[0]!, 'a');
    expect(firstLinks).toHaveLength(ROWS_PER_WARNING);

    expect(page).toContain(`另有 ${300 - REJECTED_ROWS_PER_TABLE} 条未列出，全部内容见 rejections.csv。`);
    expect(page).toContain(`另有 ${50 - REPAIR_EXAMPLES_PER_KIND} 条未列出，全部内容见 repairs.csv。`);
    expect(page).toContain(`另有 ${250 - WARNINGS_PER_RULE} 条未列出，全部内容见 warnings.csv。`);
    expect(page).toContain(`另有 ${30 - ROWS_PER_WARNING} 条未列出，全部内容见 warnings.csv。`);
    expect(readCsv(files.rejections)).toHaveLength(301);
    expect(readCsv(files.repairs)).toHaveLength(51);
    expect(readCsv(files.warnings)).toHaveLength(251);
  });

  it('a million-row check stays under 10 MB', async () => {
    const result = largeCheckResult({ rows: 1_000_000, rejected: 50_000, repairs: 200_000, warnings: 20_000 });
    const files = await writeCheckReport(result, temp.dir, zh);

    const htmlBytes = statSync(files.html).size;
    console.log(`report.html ${htmlBytes} bytes; rejections.csv ${statSync(files.rejections).size}; repairs.csv ${statSync(files.repairs).size}`);
    expect(htmlBytes).toBeLessThan(10 * 1024 * 1024);
    expect(parseReport(readFileSync(files.html, 'utf8')).errors).toEqual([]);
    expect(readFileSync(files.rejections, 'utf8').split('\r\n')).toHaveLength(50_000 + 2);
  }, 60_000);
});

function elementsIn(root: Element, tagName: string): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if ('tagName' in node && node.tagName === tagName) found.push(node);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}
