import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departureOf } from '../../src-main/publisher/check/rule-lists.js';
import { listFilesIn, loadRulesFile } from '../../src-main/publisher/check/rules-file.js';
import { checkItemsOf, runRules } from '../../src-main/publisher/check/run-rules.js';
import { IssueCollector } from '../../src-main/publisher/issues.js';
import { readSubsidyItems } from '../../src-main/publisher/validate-subsidy-items.js';
import type { RulesOutcome } from '../../src-main/publisher/check/run-rules.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { ID_A, ID_B, ID_C, item, payment, person } from '../helpers/check-rows.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-rule-lists-');
afterAll(() => temp.remove());

const NOW = new Date('2024-12-01T00:00:00Z');
const DEPARTED_FILE = 'lists/死亡迁出名单.csv';
const OFFICIALS_FILE = 'lists/村干部及亲属.xlsx';
const FULL_WIDTH_ID_A = ID_A.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
const BAD_ID_C = ID_C.slice(0, 17) + (ID_C.endsWith('0') ? '1' : '0');

/** Writes a GBK CSV as Excel on Chinese Windows saves it: title row, CRLF, full-width digits, Chinese dates. */
function writeDepartedList(dir: string): void {
  const lines = [
    '2024年城关镇死亡及迁出人员名单,,,,',
    '序号,姓  名,身份证号码,注销日期,类型',
    `1,张三丰,${FULL_WIDTH_ID_A},2024年3月5日,死亡`,
    `2,李四,${ID_B},2024/04/01,迁出`,
    `3,王五,${BAD_ID_C},2024-01-01,死亡`,
    '制表人：赵六,,,,',
  ];
  writeFileSync(path.join(dir, DEPARTED_FILE), iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
}

async function writeOfficialsList(dir: string, withPost = true): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('干部亲属');
  sheet.addRow(['新村村干部及近亲属名单']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['序号', '姓名', '身份证号', ...(withPost ? ['职务'] : []), '与干部关系', '干部姓名']);
  sheet.addRow([1, '李四', ID_B, ...(withPost ? ['村支部书记'] : []), '本人', null]);
  sheet.addRow([2, '王五', ID_C, ...(withPost ? ['村委会委员'] : []), '配偶', '赵六']);
  await book.xlsx.writeFile(path.join(dir, OFFICIALS_FILE));
}

const PERSONS = [person(ID_A, '张三丰', 'H1'), person(ID_B, '李四', 'H2', '户主', 3), person(ID_C, '王五', 'H3', '户主', 4)];
const PAYMENTS = [
  payment(ID_A, 'YL', '2024-03', { paid_on: '2024-03-05' }),
  payment(ID_A, 'YL', '2024-04', { paid_on: '2024-04-10' }),
  payment(ID_B, 'YL', '2024-04', { paid_on: '2024-04-01' }),
  payment(ID_C, 'YL', '2024-04', { paid_on: '2024-04-10' }),
];
const ITEMS = [item('YL', '城乡居民基本养老保险', { cadence: 'monthly' })];

async function check(dir: string): Promise<RulesOutcome> {
  const config = await loadRulesFile(path.join(dir, 'check-rules.json'));
  return runRules({ persons: PERSONS, payments: PAYMENTS, conflicts: [], items: ITEMS, config, dataDir: dir, now: NOW });
}

function makeFolder(name: string): string {
  const dir = path.join(temp.dir, name);
  mkdirSync(path.join(dir, 'lists'), { recursive: true });
  writeFileSync(path.join(dir, 'check-rules.json'), JSON.stringify({ afterDeathOrMove: { list: DEPARTED_FILE }, officialRecipient: { list: OFFICIALS_FILE } }));
  return dir;
}

describe('runRules with lists', () => {
  let outcome: RulesOutcome;

  beforeAll(async () => {
    const dir = makeFolder('messy');
    writeDepartedList(dir);
    await writeOfficialsList(dir);
    outcome = await check(dir);
  });

  it('runs every rule with input', () => {
    expect(outcome.rules.filter((entry) => !entry.ran)).toEqual([{ rule: 'aboveStandard', ran: false, skipped: { key: 'check:rules.skipped.noStandards', params: {} } }]);
    expect(outcome.listFailures).toEqual([]);
  });

  it('reads the GBK departed list with repairs', () => {
    const summary = outcome.listSummaries.find((table) => table.file === DEPARTED_FILE)!;
    expect(summary).toMatchObject({ kind: 'departedList', encoding: 'gbk', sheet: null, headerRow: 2, titleRows: ['2024年城关镇死亡及迁出人员名单'], rowsRead: 3, accepted: 2, rejected: 1, repairedRows: 2 });
    expect(summary.repairCounts).toMatchObject({ fullWidth: 1, dateFormat: 2 });
    expect(summary.footerRows).toEqual([{ row: 6, kind: 'note', text: '制表人：赵六' }]);
  });

  it('reports the rejected list row masked', () => {
    const summary = outcome.listSummaries.find((table) => table.file === DEPARTED_FILE)!;
    expect(summary.cellRejections).toHaveLength(1);
    expect(summary.cellRejections[0]!.row).toBe(5);
    expect(summary.cellRejections[0]!.rejections.map((rejection) => rejection.reason)).toEqual(['idInvalidChecksum']);
    expect(JSON.stringify(outcome)).not.toContain(BAD_ID_C);
  });

  it('links payments after death to the list row', () => {
    const warnings = outcome.warnings.filter((warning) => warning.rule === 'afterDeathOrMove');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message.key).toBe('check:rules.afterDeathOrMove.death');
    expect(warnings[0]!.rows).toEqual([{ file: DEPARTED_FILE, sheet: null, row: 3 }, PAYMENTS[1]!.source]);
    expect(warnings[0]!.message.params).toMatchObject({ leftOn: '2024-03-05', type: '死亡', payments: 1 });
  });

  it('reads the officials workbook', () => {
    const warnings = outcome.warnings.filter((warning) => warning.rule === 'officialRecipient');
    expect(warnings.map((warning) => [warning.message.key, warning.rows[0]])).toEqual([
      ['check:rules.officialRecipient.self', { file: OFFICIALS_FILE, sheet: '干部亲属', row: 3 }],
      ['check:rules.officialRecipient.relativeOfNamed', { file: OFFICIALS_FILE, sheet: '干部亲属', row: 4 }],
    ]);
    expect(warnings[1]!.message.params).toMatchObject({ post: '村委会委员', relation: '配偶', official: '赵六' });
    expect(outcome.listSummaries.find((table) => table.file === OFFICIALS_FILE)).toMatchObject({ kind: 'officialsList', encoding: 'xlsx', accepted: 2, rejected: 0 });
  });
});

describe('unusable lists', () => {
  it('skips the rule of a list without a required column', async () => {
    const dir = makeFolder('no-post');
    writeDepartedList(dir);
    await writeOfficialsList(dir, false);
    const outcome = await check(dir);

    expect(outcome.rules.find((entry) => entry.rule === 'officialRecipient')).toEqual({
      rule: 'officialRecipient',
      ran: false,
      skipped: { key: 'check:rules.skipped.listUnusable', params: { file: OFFICIALS_FILE } },
    });
    expect(outcome.listFailures).toHaveLength(1);
    expect(outcome.listFailures[0]).toMatchObject({ file: OFFICIALS_FILE, sheet: '干部亲属', message: { key: 'check:lists.notMapped' } });
    expect(outcome.listFailures[0]!.message.params.problems).toContain('职务');
  });

  it('reports a list the reader rejects', async () => {
    const dir = makeFolder('xls');
    writeDepartedList(dir);
    writeFileSync(path.join(dir, OFFICIALS_FILE), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const outcome = await check(dir);

    expect(outcome.listFailures).toEqual([{ file: OFFICIALS_FILE, sheet: null, message: { key: 'import:xls', params: { file: OFFICIALS_FILE } } }]);
    expect(outcome.rules.find((entry) => entry.rule === 'officialRecipient')?.ran).toBe(false);
    expect(translatorFor('zh-CN')('check:rules.skipped.listUnusable', { file: OFFICIALS_FILE })).toContain(OFFICIALS_FILE);
  });
});

describe('folder helpers', () => {
  it('names the lists at the top level', async () => {
    const dir = path.join(temp.dir, 'top-level');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '死亡名单.csv'), '姓名,身份证号,死亡日期\n');
    writeFileSync(path.join(temp.dir, '干部.csv'), '姓名,身份证号,职务,关系\n');
    writeFileSync(path.join(dir, 'check-rules.json'), JSON.stringify({ afterDeathOrMove: { enabled: false, list: '死亡名单.csv' }, officialRecipient: { list: '../干部.csv' } }));
    const config = await loadRulesFile(path.join(dir, 'check-rules.json'));

    expect(listFilesIn(config, dir)).toEqual(new Set(['死亡名单.csv']));
  });

  it('reads standard_amount from subsidy_items.csv', async () => {
    const dir = path.join(temp.dir, 'items');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'subsidy_items.csv'), 'item_code,name,department,policy_basis,cadence,standard_amount\nYL,养老金,县人社局,湘政发〔2014〕1号,monthly,153.00\nDB,低保,县民政局,湘民发〔2020〕2号,,\n');
    const items = checkItemsOf(await readSubsidyItems(dir, new IssueCollector(100)));

    expect(items).toEqual([
      { item_code: 'YL', name: '养老金', standard_amount: '153.00', cadence: 'monthly', source: { file: 'subsidy_items.csv', sheet: null, row: 2 } },
      { item_code: 'DB', name: '低保', standard_amount: null, cadence: null, source: { file: 'subsidy_items.csv', sheet: null, row: 3 } },
    ]);
  });
});

describe('departureOf', () => {
  it.each([
    ['死亡', '注销日期', 'death'],
    ['病故', '注销日期', 'death'],
    ['户口迁出', '注销日期', 'moveAway'],
    ['注销户口', '日期', 'deregistered'],
    ['失踪', '注销日期', 'other'],
    [null, '死亡日期', 'death'],
    [null, '迁出日期', 'moveAway'],
    [null, '注销日期', 'deregistered'],
  ])('reads %s under %s as %s', (type, header, expected) => {
    expect(departureOf(type, header).departure).toBe(expected);
  });
});
