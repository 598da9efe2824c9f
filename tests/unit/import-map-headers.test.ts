import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadHeaderMapping, MappingFileError, parseHeaderMapping } from '../../src-main/publisher/import/header-mapping-file.js';
import type { MappingProblem } from '../../src-main/publisher/import/header-mapping-file.js';
import { describeHeaderMap } from '../../src-main/publisher/import/header-notices.js';
import { isHeaderWord } from '../../src-main/publisher/import/header-words.js';
import { FIELD_NAMES, IMPORT_FIELDS } from '../../src-main/publisher/import/import-fields.js';
import { columnLetter, fieldOfHeader, mapHeaders } from '../../src-main/publisher/import/map-headers.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-mapping-');
afterAll(() => temp.remove());

const PAYMENT_HEADERS = ['序号', '姓名', '身份证号', '补贴项目', '发放金额', '发放日期', '所属乡镇', '村组', '银行账号', '联系电话', '备注'];

function mappingProblems(text: string): MappingProblem[] {
  try {
    parseHeaderMapping(text, 'mapping.json');
  } catch (error) {
    expect(error).toBeInstanceOf(MappingFileError);
    return (error as MappingFileError).problems;
  }
  throw new Error('the mapping file was accepted');
}

describe('fieldOfHeader', () => {
  const synonyms = FIELD_NAMES.flatMap((field) => IMPORT_FIELDS[field].headers.map((header) => [header, field] as const));

  it.each(synonyms)('maps %s to %s', (header, field) => {
    expect(fieldOfHeader(header, null).target).toBe(field);
  });

  it.each(synonyms)('finds the header row by %s', (header) => {
    expect(isHeaderWord(header)).toBe(true);
  });

  it.each([
    ['发放金额（元）', 'amount'],
    ['发放金额(元)', 'amount'],
    ['金额 （元）', 'amount'],
    ['补贴金额(人民币元)', 'amount'],
    ['实发金额（单位：元）', 'amount'],
  ])('drops the yuan unit of %s', (header, field) => {
    expect(fieldOfHeader(header, null).target).toBe(field);
  });

  it('leaves an amount in ten-thousands of yuan unmapped', () => {
    expect(fieldOfHeader('发放金额（万元）', null).target).toBeUndefined();
  });

  it.each([
    ['姓\u3000名', 'name'],
    [' 姓  名 \n', 'name'],
    ['身份证\n号码', 'id_number'],
    ['身份证号码（１８位）', 'id_number'],
    ['＊姓名', 'name'],
    ['*发放日期', 'paid_on'],
    ['乡（镇）', 'township'],
    ['村（社区）', 'village'],
  ])('tolerates white space and full width in %j', (header, field) => {
    expect(fieldOfHeader(header, null).target).toBe(field);
  });

  it.each([
    ['补贴发放情况/发放金额（元）', 'amount'],
    ['补贴发放情况/补贴项目', 'item_name'],
    ['户主/姓名', 'household_head'],
    ['户主/身份证号', 'household_head_id'],
    ['家庭成员/姓名', 'name'],
    ['家庭成员/公民身份号码', 'id_number'],
  ])('maps the two-row header %s to %s', (header, field) => {
    expect(fieldOfHeader(header, null).target).toBe(field);
  });

  it('leaves unknown headers unmapped', () => {
    expect(fieldOfHeader('耕地面积（亩）', null).target).toBeUndefined();
    expect(fieldOfHeader('开户银行', null).target).toBeUndefined();
  });
});

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('names column %i %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('mapHeaders', () => {
  it('sorts a payment header into kept, dropped, ignored and unmapped', () => {
    const map = mapHeaders([...PAYMENT_HEADERS, '耕地面积（亩）', ''], 'payments');

    expect(map.problems).toEqual([]);
    expect(map.kept.map((column) => [column.letter, column.field])).toEqual([
      ['B', 'name'],
      ['C', 'id_number'],
      ['D', 'item_name'],
      ['E', 'amount'],
      ['F', 'paid_on'],
      ['G', 'township'],
      ['H', 'group'],
      ['K', 'remarks'],
    ]);
    expect(map.dropped.map((column) => [column.letter, column.field, column.header])).toEqual([
      ['I', 'bank_account', '银行账号'],
      ['J', 'phone', '联系电话'],
    ]);
    expect(map.ignored.map((column) => column.field)).toEqual(['serial']);
    expect(map.unmapped).toEqual([{ index: 11, letter: 'L', header: '耕地面积（亩）', ignoredByMapping: false }]);
  });

  it('reports each missing payment field', () => {
    const map = mapHeaders(['姓名', '金额', '备注'], 'payments');
    expect(map.problems).toEqual([
      { code: 'missingField', field: 'id_number' },
      { code: 'missingField', field: 'item_name' },
      { code: 'missingField', field: 'paid_on' },
    ]);
  });

  it('requires household and village in a person roster', () => {
    const map = mapHeaders(['姓名', '身份证号', '与户主关系'], 'persons');
    expect(map.problems).toEqual([
      { code: 'missingField', field: 'household_head_id' },
      { code: 'missingField', field: 'village' },
    ]);
    expect(mapHeaders(['姓名', '身份证号', '户主身份证号', '与户主关系', '所属村'], 'persons').problems).toEqual([]);
  });

  it('reports a field claimed by two columns', () => {
    const map = mapHeaders(['姓名', '身份证号', '补贴项目', '应发金额', '实发金额', '发放日期'], 'payments');
    expect(map.problems).toEqual([
      {
        code: 'ambiguousField',
        field: 'amount',
        columns: [
          { letter: 'D', header: '应发金额' },
          { letter: 'E', header: '实发金额' },
        ],
      },
    ]);
    expect(map.kept.map((column) => column.field)).not.toContain('amount');
  });

  it('resolves the ambiguity with the mapping file', () => {
    const mapping = parseHeaderMapping('{"headers": {"应发金额": "ignore"}}', 'mapping.json');
    const map = mapHeaders(['姓名', '身份证号', '补贴项目', '应发金额', '实发金额', '发放日期'], 'payments', mapping);

    expect(map.problems).toEqual([]);
    expect(map.kept.find((column) => column.field === 'amount')?.letter).toBe('E');
    expect(map.unmapped).toEqual([{ index: 3, letter: 'D', header: '应发金额', ignoredByMapping: true }]);
  });

  it('drops two bank account columns without an ambiguity', () => {
    const map = mapHeaders(['姓名', '身份证号', '补贴项目', '金额', '发放日期', '银行账号', '卡号'], 'payments');
    expect(map.problems).toEqual([]);
    expect(map.dropped.map((column) => column.letter)).toEqual(['F', 'G']);
  });

  it('takes a department header from the mapping file', () => {
    const mapping = parseHeaderMapping(
      JSON.stringify({ description: '民政低保导出', headers: { '受 益 人': 'name', '保障金额（元）': 'amount', 代发卡号: 'bank_account', 姓名: 'ignore' } }),
      'mapping.json',
    );
    const map = mapHeaders(['受益人', '姓名', '身份证号', '低保类别', '保障金额', '发放日期', '代发卡号'], 'payments', mapping);

    expect(map.kept.map((column) => [column.letter, column.field, column.source])).toEqual([
      ['A', 'name', 'mapping'],
      ['C', 'id_number', 'builtin'],
      ['E', 'amount', 'mapping'],
      ['F', 'paid_on', 'builtin'],
    ]);
    expect(map.dropped.map((column) => [column.letter, column.source])).toEqual([['G', 'mapping']]);
    expect(map.problems).toEqual([{ code: 'missingField', field: 'item_name' }]);
  });
});

describe('parseHeaderMapping', () => {
  it('rejects text that is not JSON', () => {
    const [problem] = mappingProblems('{"headers": {"受益人": "name",}}');
    expect(problem?.code).toBe('mappingNotJson');
    expect(problem?.params['file']).toBe('mapping.json');
  });

  it('names the key of an unknown field', () => {
    expect(mappingProblems('{"headers": {"受益人": "nam"}}')).toEqual([
      { code: 'mappingUnknownField', params: { file: 'mapping.json', key: 'headers.受益人', value: '"nam"', fields: [...FIELD_NAMES, 'ignore'].join(', ') } },
    ]);
  });

  it('names an unknown top-level key', () => {
    expect(mappingProblems('{"header": {}, "headers": {}}')).toEqual([{ code: 'mappingUnknownKey', params: { file: 'mapping.json', key: 'header' } }]);
  });

  it('names headers of the wrong type', () => {
    expect(mappingProblems('{"headers": ["受益人"]}')).toEqual([{ code: 'mappingWrongType', params: { file: 'mapping.json', key: 'headers', expected: 'record' } }]);
    expect(mappingProblems('{}')).toEqual([{ code: 'mappingWrongType', params: { file: 'mapping.json', key: 'headers', expected: 'record' } }]);
  });

  it('rejects an empty header key', () => {
    expect(mappingProblems('{"headers": {"  ": "name"}}')).toEqual([{ code: 'mappingEmptyHeader', params: { file: 'mapping.json', key: 'headers.  ' } }]);
  });

  it('rejects one header mapped to two fields', () => {
    expect(mappingProblems('{"headers": {"受益人": "name", "受 益 人（元）": "amount"}}')).toEqual([
      { code: 'mappingDuplicateHeader', params: { file: 'mapping.json', key: 'headers.受 益 人（元）', other: 'headers.受益人' } },
    ]);
  });

  it('reads a file with a byte-order mark', async () => {
    const file = path.join(temp.dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"headers": {"受益人": "name"}}');
    expect((await loadHeaderMapping(file)).headers.get('受益人')).toBe('name');
  });

  it('reports a missing file', async () => {
    const file = path.join(temp.dir, 'absent.json');
    await expect(loadHeaderMapping(file)).rejects.toMatchObject({ problems: [{ code: 'mappingNotFound', params: { file } }] });
  });

  it.each(['zh-CN', 'en'] as const)('fills every placeholder of the mapping messages in %s', (language) => {
    const t = translatorFor(language);
    const cases = [
      '{"headers": {"受益人": "name",}}',
      '{"headers": {"受益人": "nam"}}',
      '{"header": {}, "headers": {}}',
      '{"headers": []}',
      '{"headers": {" ": "name"}}',
      '{"headers": {"受益人": "name", "受益人(元)": "amount"}}',
    ];
    for (const text of cases) {
      for (const problem of mappingProblems(text)) {
        const message = t(`import:${problem.code}`, problem.params);
        expect(message, problem.code).not.toMatch(/\{\{|import:/);
        expect(message, problem.code).toContain('mapping.json');
      }
    }
  });
});

describe('describeHeaderMap', () => {
  it.each(['zh-CN', 'en'] as const)('describes problems and unread columns in %s', (language) => {
    const t = translatorFor(language);
    const mapping = parseHeaderMapping('{"headers": {"统计口径": "ignore"}}', 'mapping.json');
    const map = mapHeaders(['姓名', '应发金额', '实发金额', '银行账号', '手机号', '统计口径', '耕地面积'], 'payments', mapping);
    const notices = describeHeaderMap({ file: 'a.xlsx', sheet: '发放明细' }, map, t);

    expect(notices.map((notice) => notice.severity)).toEqual(['problem', 'problem', 'problem', 'problem', 'info', 'info', 'info', 'info']);
    for (const notice of notices) {
      expect(notice.text).not.toMatch(/\{\{|import:/);
      expect(notice.text).toContain('a.xlsx');
      expect(notice.text).toContain('发放明细');
    }
    expect(notices[0]!.text).toContain('C "实发金额"');
    expect(notices[4]!.text).toContain('银行账号');
    expect(notices[7]!.text).toContain('G');
  });
});
