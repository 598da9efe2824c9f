// Row-level outcomes of the folder import on small hand-written department files. Covered: village
// and item names as departments write them, rejected rows with the message that names the fix,
// households without a head, ID numbers in two households, and the folder's kind.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { RegionNames } from '../../src-main/publisher/check/region-names.js';
import { findSharedIdNumbers } from '../../src-main/publisher/check/rules/shared-id-number.js';
import { runImport } from '../../src-main/publisher/check/run-import.js';
import { writeStandardFolder } from '../../src-main/publisher/check/write-standard-folder.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import { IssueCollector } from '../../src-main/publisher/issues.js';
import { readRegions } from '../../src-main/publisher/validate-regions.js';
import { makeIdNumber } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const t = translatorFor('zh-CN');
const temp = makeTempDir('minsheng-check-rows-');
afterAll(() => temp.remove());

const REGIONS = [
  'code,name,parent_code,level',
  '43,湖南省,,province',
  '4312,怀化市,43,city',
  '431226,麻阳苗族自治县,4312,county',
  '431226101,锦和镇,431226,township',
  '431226102,岩门镇,431226,township',
  '431226101201,大塘村,431226101,village',
  '431226102201,大塘村,431226102,village',
  '431226101202,兰村村,431226101,village',
  '431226101001,城北社区,431226101,village',
].join('\n');
const ITEMS = [
  'item_code,name,department,policy_basis,cadence',
  'GDDL,耕地地力保护补贴,县农业农村局,依据,yearly',
  'NCDB,农村最低生活保障金,县民政局,依据,monthly',
].join('\n');

const HEAD = makeIdNumber('431226', '19650312', 11);
const SPOUSE = makeIdNumber('431226', '19680704', 22);
const OTHER_HEAD = makeIdNumber('431226', '19700101', 33);
const ORPHAN = makeIdNumber('431226', '19900505', 44);
const NO_HEAD = makeIdNumber('431226', '19580808', 55);

let folders = 0;
function folderWith(files: Record<string, string>): string {
  folders += 1;
  const dir = path.join(temp.dir, `f${folders}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'regions.csv'), REGIONS);
  writeFileSync(path.join(dir, 'subsidy_items.csv'), ITEMS);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const PAYMENT_HEADER = '姓名,身份证号,补贴项目,发放金额,发放日期,乡镇,村,户主身份证号,与户主关系';

describe('RegionNames', () => {
  it('resolves the ways departments write villages', async () => {
    const dir = folderWith({});
    const names = new RegionNames(await readRegions(dir, new IssueCollector(10)));
    expect(names.resolve(null, '兰村村委会')).toEqual({ ok: true, villageCode: '431226101202' });
    expect(names.resolve(null, '兰村村民委员会')).toEqual({ ok: true, villageCode: '431226101202' });
    expect(names.resolve(null, '兰村')).toEqual({ ok: true, villageCode: '431226101202' });
    expect(names.resolve('锦和镇人民政府', '城北社区居委会')).toEqual({ ok: true, villageCode: '431226101001' });
    expect(names.resolve('岩 门 镇', '大塘村委会')).toEqual({ ok: true, villageCode: '431226102201' });
  });

  it('rejects shared, unknown and misplaced names', async () => {
    const dir = folderWith({});
    const names = new RegionNames(await readRegions(dir, new IssueCollector(10)));
    const ambiguous = names.resolve(null, '大塘村');
    expect(ambiguous.ok ? null : ambiguous.message.key).toBe('check:standardise.ambiguousVillage');
    const unknown = names.resolve('锦和镇', '红岩村');
    expect(unknown.ok ? null : unknown.message).toEqual({ key: 'check:standardise.unknownVillage', params: { village: '红岩村' } });
    const township = names.resolve('高村镇', '兰村村');
    expect(township.ok ? null : township.message.key).toBe('check:standardise.unknownTownship');
    const misplaced = names.resolve('岩门镇', '兰村村');
    expect(misplaced.ok ? null : misplaced.message.key).toBe('check:standardise.villageNotInTownship');
  });
});

describe('runImport rows', () => {
  it('rejects rows that cannot be placed', async () => {
    const rows = [
      PAYMENT_HEADER,
      `张三,${HEAD},耕地地力保护补贴,105.00,2024-05-10,锦和镇,兰村村,,`,
      `李四,${SPOUSE},低保金,360,2024-05-10,锦和镇,兰村村,${HEAD},妻`,
      `王五,${OTHER_HEAD},GDDL,105,2024-05-10,,大塘村,,`,
      `赵六,${ORPHAN},NCDB,360,2024-05-15,锦和镇,兰村村,${NO_HEAD},子`,
    ];
    const result = await runImport({ dataDir: folderWith({ '发放.csv': rows.join('\n') }), now: NOW, t });
    const table = result.tables[0]!;

    expect(table.rowProblems.map((problem) => [problem.ref.row, problem.message.key])).toEqual([
      [3, 'check:standardise.unknownItem'],
      [4, 'check:standardise.ambiguousVillage'],
      [5, 'check:standardise.headNotFound'],
    ]);
    expect(table.rejected).toBe(3);
    expect(table.accepted).toBe(1);
    expect(result.persons.map((person) => [person.id_number, person.relation])).toEqual([[HEAD, '户主']]);
    expect(result.payments.map((payment) => [payment.item_code, payment.period, payment.department])).toEqual([['GDDL', '2024', '县农业农村局']]);
    expect(JSON.stringify(table.rowProblems)).not.toContain(NO_HEAD);
  });

  it('rejects the rows that publish would refuse, so the written folder validates', async () => {
    const longName = '张'.repeat(51);
    const rows = [
      PAYMENT_HEADER,
      `张三,${HEAD},GDDL,105,2024-05-10,锦和镇,兰村村,,`,
      `${longName},${OTHER_HEAD},GDDL,105,2024-05-10,锦和镇,兰村村,,`,
      `张三,${HEAD},NCDB,360,2025-12-01,锦和镇,兰村村,,`,
    ];
    const dir = folderWith({ '发放.csv': rows.join('\n') });
    const result = await runImport({ dataDir: dir, now: NOW, t });
    const table = result.tables[0]!;

    expect(table.rowProblems.map((problem) => [problem.ref.row, problem.message.key])).toEqual([
      [3, 'check:standardise.notStandard'],
      [4, 'check:standardise.notStandard'],
    ]);
    const [nameText, dateText] = table.rowProblems.map((problem) => t(problem.message.key, problem.message.params));
    expect(nameText).toContain('姓名');
    expect(nameText).toContain('最多 50 个字符');
    expect(nameText).not.toContain(longName);
    expect(dateText).toContain('发放日期“2025-12-01”');
    expect(dateText).toContain('晚于今天');

    const outDir = path.join(temp.dir, 'limits-out');
    await writeStandardFolder(result, dir, outDir);
    const dataset = await validateDataset(outDir, { now: NOW });
    expect(dataset.errors).toEqual([]);
  });

  it('places members through the head and derives monthly periods', async () => {
    const rows = [
      PAYMENT_HEADER,
      `李四,${SPOUSE},农村最低生活保障金,360,2024-05-10,锦和镇,兰村村,${HEAD},妻`,
      `李四,${SPOUSE},农村最低生活保障金,360,2024-05-10,锦和镇,兰村村,${HEAD},妻`,
      `张三,${HEAD},耕地地力保护补贴,105.00,2024-05-10,锦和镇,兰村村委会,,本人`,
    ];
    const result = await runImport({ dataDir: folderWith({ '民政.csv': rows.join('\n') }), now: NOW, t });

    expect(result.rejectedRows).toBe(0);
    const household = result.persons.find((person) => person.id_number === HEAD)!.household_id;
    expect(result.persons.find((person) => person.id_number === SPOUSE)).toMatchObject({ relation: '配偶', household_id: household, village_code: '431226101202' });
    expect(result.payments.map((payment) => payment.period)).toEqual(['2024-05', '2024-05', '2024']);
    expect(new Set(result.payments.map((payment) => payment.payment_id)).size).toBe(3);
  });

  it('records an ID number in two households', async () => {
    const roster = ['姓名,身份证号,户主身份证号,与户主关系,乡镇,村', `张三,${HEAD},${HEAD},户主,锦和镇,兰村村`, `王五,${OTHER_HEAD},${OTHER_HEAD},户主,岩门镇,大塘村`, `李四,${SPOUSE},${HEAD},配偶,锦和镇,兰村村`].join('\n');
    const payments = [PAYMENT_HEADER, `李四,${SPOUSE},GDDL,105,2024-05-10,岩门镇,大塘村,${OTHER_HEAD},配偶`].join('\n');
    const result = await runImport({ dataDir: folderWith({ 'a.csv': payments, 'b.csv': roster }), now: NOW, t });

    expect(result.rejectedRows).toBe(0);
    expect(result.conflicts).toHaveLength(1);
    const [conflict] = result.conflicts;
    expect(conflict!.id_number).toBe(SPOUSE);
    expect(conflict!.rows.map((row) => [row.ref.file, row.ref.row])).toEqual([['b.csv', 4], ['a.csv', 2]]);
    expect(new Set(conflict!.rows.map((row) => row.household_id)).size).toBe(2);
    expect(result.persons.find((person) => person.id_number === SPOUSE)!.source.file).toBe('b.csv');
  });

  it('warns when rows of one person disagree on the name or village, keeping the first', async () => {
    const roster = ['姓名,身份证号,户主身份证号,与户主关系,乡镇,村', `张三,${HEAD},${HEAD},户主,锦和镇,兰村村`].join('\n');
    const payments = [
      PAYMENT_HEADER,
      `别人,${HEAD},GDDL,105,2024-05-10,锦和镇,兰村村委会,,`,
      `张三,${HEAD},NCDB,360,2024-05-15,锦和镇,城北社区,,`,
      `张三,${HEAD},NCDB,360,2024-06-15,,兰村村,,`,
    ].join('\n');
    const result = await runImport({ dataDir: folderWith({ 'a.csv': payments, 'b.csv': roster }), now: NOW, t });

    expect(result.rejectedRows).toBe(0);
    expect(result.persons.map((person) => [person.name, person.village_code])).toEqual([['张三', '431226101202']]);
    const warnings = findSharedIdNumbers(result.persons, result.conflicts);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message.key).toBe('check:rules.sharedIdNumber.differentRows');
    expect(warnings[0]!.rows.map((ref) => [ref.file, ref.row])).toEqual([['b.csv', 2], ['a.csv', 2], ['a.csv', 3]]);
    const text = t(warnings[0]!.message.key, warnings[0]!.message.params);
    expect(text).toContain('姓名：张三、别人；村：兰村村、城北社区）');
    expect(text).toContain('已按第一行的“张三”接收');
  });

  it('does not call a rejected person accepted in the name or village warning', async () => {
    const roster = ['姓名,身份证号,户主身份证号,与户主关系,乡镇,村', `张三,${HEAD},${HEAD},户主,锦和镇,不存在村`].join('\n');
    const payments = [PAYMENT_HEADER, `别人,${HEAD},GDDL,105,2024-05-10,岩门镇,大塘村,,`].join('\n');
    const result = await runImport({ dataDir: folderWith({ 'a.csv': payments, 'b.csv': roster }), now: NOW, t });

    expect(result.persons).toEqual([]);
    const warnings = findSharedIdNumbers(result.persons, result.conflicts);
    expect(warnings.map((warning) => warning.message.key)).toEqual(['check:rules.sharedIdNumber.differentRowsRejected']);
    const text = t(warnings[0]!.message.key, warnings[0]!.message.params);
    expect(text).toContain('村：不存在村、岩门镇大塘村）');
    expect(text).toContain('此人没有被接收');
    expect(text).not.toContain('已按');
  });

  it('fails a table that maps as neither kind', async () => {
    const result = await runImport({ dataDir: folderWith({ '统计.csv': '姓名,身份证号,备注\n张三,1,x' }), now: NOW, t });
    expect(result.tables).toEqual([]);
    expect(result.failures.map((failure) => [failure.file, failure.message.key])).toEqual([['统计.csv', 'check:table.notMapped']]);
    expect(String(result.failures[0]!.message.params.problems)).toContain('补贴项目');
  });
});

describe('runImport folders', () => {
  it('skips non-tables and fails unreadable files', async () => {
    const dir = folderWith({ 'README.txt': '说明', 'check-rules.json': '{}' });
    // The signature of a compound file, which an Excel 97-2003 workbook is.
    writeFileSync(path.join(dir, 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    mkdirSync(path.join(dir, '备份'));
    const result = await runImport({ dataDir: dir, now: NOW, t });
    expect(result.notices.map((notice) => [notice.key, notice.params.file])).toEqual([
      ['check:folder.skippedFile', 'README.txt'],
      ['check:folder.skippedFile', 'check-rules.json'],
      ['check:folder.skippedFolder', '备份'],
    ]);
    expect(result.failures.map((failure) => failure.message.key)).toEqual(['import:xls']);
  });

  it('fails a linked spreadsheet, naming its target', async () => {
    const outside = path.join(temp.dir, 'outside.csv');
    writeFileSync(outside, `${PAYMENT_HEADER}\n张三,${HEAD},GDDL,105,2024-05-10,锦和镇,兰村村,,`);
    const dir = folderWith({ '发放.csv': `${PAYMENT_HEADER}\n张三,${HEAD},GDDL,105,2024-05-10,锦和镇,兰村村,,` });
    symlinkSync(outside, path.join(dir, '外部链接.csv'));
    symlinkSync(outside, path.join(dir, 'notes.md'));

    const result = await runImport({ dataDir: dir, now: NOW, t });

    const params = { file: '外部链接.csv', target: outside };
    expect(result.failures).toEqual([{ file: '外部链接.csv', sheet: null, message: { key: 'check:folder.linkedTable', params } }]);
    expect(t('check:folder.linkedTable', params)).toContain(`请把 ${outside} 本身复制到数据文件夹`);
    expect(result.notices).toEqual([{ key: 'check:folder.skippedLink', params: { file: 'notes.md', target: outside } }]);
    expect(result.tables.map((table) => table.file)).toEqual(['发放.csv']);
  });

  it('tells standard and mixed folders apart', async () => {
    const standard = await runImport({ dataDir: folderWith({ 'persons.csv': 'x', 'payments.csv': 'y' }), now: NOW, t });
    expect(standard.folderKind).toBe('standard');
    expect(standard.failures).toEqual([]);

    const mixed = await runImport({ dataDir: folderWith({ 'persons.csv': 'x', '发放.xlsx': 'y' }), now: NOW, t });
    expect(mixed.folderKind).toBe('mixed');
    expect(mixed.failures.map((failure) => failure.message.key)).toEqual(['check:folder.mixed']);
    expect(mixed.failures[0]!.message.params.departmentFiles).toBe('发放.xlsx');
  });

  it('fails without the reference files', async () => {
    const dir = path.join(temp.dir, 'bare');
    mkdirSync(dir);
    writeFileSync(path.join(dir, '发放.csv'), `${PAYMENT_HEADER}\n张三,${HEAD},GDDL,105,2024-05-10,锦和镇,兰村村,,`);
    const result = await runImport({ dataDir: dir, now: NOW, t });
    expect(result.failures.map((failure) => [failure.file, failure.message.key])).toEqual([
      ['regions.csv', 'check:folder.missingReference'],
      ['subsidy_items.csv', 'check:folder.missingReference'],
    ]);
    expect(result.tables[0]!.rejected).toBe(1);
    expect(result.persons).toEqual([]);
  });
});
