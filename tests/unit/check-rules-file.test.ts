import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src-main/publisher/check/check-types.js';
import { DEFAULT_RULES, loadRulesFile, parseRulesFile, RulesFileError } from '../../src-main/publisher/check/rules-file.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-rules-file-');
afterAll(() => temp.remove());

const FILE = '/county/check-rules.json';

function problemsOf(text: string, itemCodes?: ReadonlySet<string>): Message[] {
  try {
    parseRulesFile(text, FILE, itemCodes === undefined ? {} : { itemCodes });
  } catch (error) {
    expect(error).toBeInstanceOf(RulesFileError);
    return (error as RulesFileError).problems;
  }
  throw new Error('the rules file was accepted');
}

async function loadProblems(filePath: string, required = false): Promise<Message[]> {
  try {
    await loadRulesFile(filePath, { required });
  } catch (error) {
    expect(error).toBeInstanceOf(RulesFileError);
    return (error as RulesFileError).problems;
  }
  throw new Error('the rules file was accepted');
}

describe('parseRulesFile', () => {
  it('reads every setting', () => {
    const config = parseRulesFile(
      JSON.stringify({
        description: '某县规则',
        duplicatePayment: { enabled: true },
        aboveStandard: { standards: { GD: '125.80', DB: '1,000' } },
        afterDeathOrMove: { list: '名单/死亡迁出名单.xlsx' },
        sharedIdNumber: { enabled: false },
        officialRecipient: { list: ' ../干部.csv ' },
        stoppedRecurring: { minPeriods: 6 },
      }),
      FILE,
      { itemCodes: new Set(['GD', 'DB']) },
    );

    expect(config.file).toBe(FILE);
    expect(config.enabled).toEqual({ duplicatePayment: true, aboveStandard: true, afterDeathOrMove: true, sharedIdNumber: false, officialRecipient: true, stoppedRecurring: true });
    expect([...config.standards]).toEqual([['GD', 12_580], ['DB', 100_000]]);
    expect(config.lists).toEqual({ afterDeathOrMove: '/county/名单/死亡迁出名单.xlsx', officialRecipient: '/干部.csv' });
    expect(config.minPeriods).toBe(6);
  });

  it('gives the defaults for an empty object', () => {
    expect(parseRulesFile('{}', FILE)).toEqual({ ...DEFAULT_RULES, file: FILE });
  });

  it.each<[string, string, Message]>([
    ['invalid JSON', '{"duplicatePayment": {', { key: 'check:rulesFile.notJson', params: { file: FILE, reason: expect.any(String) as string } }],
    ['an unknown rule', '{"duplicatePayments": {}}', { key: 'check:rulesFile.unknownKey', params: { file: FILE, key: 'duplicatePayments', allowed: expect.stringContaining('duplicatePayment') as string } }],
    ['an unknown setting', '{"stoppedRecurring": {"periods": 3}}', { key: 'check:rulesFile.unknownKey', params: { file: FILE, key: 'stoppedRecurring.periods', allowed: 'enabled, minPeriods' } }],
    ['enabled as text', '{"sharedIdNumber": {"enabled": "false"}}', { key: 'check:rulesFile.wrongTypeBoolean', params: { file: FILE, key: 'sharedIdNumber.enabled', value: '"false"' } }],
    ['a standard as a number', '{"aboveStandard": {"standards": {"GD": 125.8}}}', { key: 'check:rulesFile.wrongTypeAmount', params: { file: FILE, key: 'aboveStandard.standards.GD', value: '125.8' } }],
    ['a list as a number', '{"officialRecipient": {"list": 5}}', { key: 'check:rulesFile.wrongTypeText', params: { file: FILE, key: 'officialRecipient.list', value: '5' } }],
    ['a rule as true', '{"duplicatePayment": true}', { key: 'check:rulesFile.wrongTypeObject', params: { file: FILE, key: 'duplicatePayment', value: 'true' } }],
    ['standards as a list', '{"aboveStandard": {"standards": []}}', { key: 'check:rulesFile.wrongTypeObject', params: { file: FILE, key: 'aboveStandard.standards', value: '[]' } }],
    ['a list of rules', '[]', { key: 'check:rulesFile.wrongTypeObject', params: { file: FILE, key: '(root)', value: '[]' } }],
    ['minPeriods 1', '{"stoppedRecurring": {"minPeriods": 1}}', { key: 'check:rulesFile.minPeriodsOutOfRange', params: { file: FILE, key: 'stoppedRecurring.minPeriods', value: '1', lowest: 2, highest: 30 } }],
    ['minPeriods 31', '{"stoppedRecurring": {"minPeriods": 31}}', { key: 'check:rulesFile.minPeriodsOutOfRange', params: { file: FILE, key: 'stoppedRecurring.minPeriods', value: '31', lowest: 2, highest: 30 } }],
    ['minPeriods 2.5', '{"stoppedRecurring": {"minPeriods": 2.5}}', { key: 'check:rulesFile.minPeriodsOutOfRange', params: { file: FILE, key: 'stoppedRecurring.minPeriods', value: '2.5', lowest: 2, highest: 30 } }],
    ['minPeriods as text', '{"stoppedRecurring": {"minPeriods": "3"}}', { key: 'check:rulesFile.minPeriodsOutOfRange', params: { file: FILE, key: 'stoppedRecurring.minPeriods', value: '"3"', lowest: 2, highest: 30 } }],
    ['three decimals', '{"aboveStandard": {"standards": {"GD": "12.345"}}}', { key: 'check:rulesFile.invalidStandard', params: { file: FILE, key: 'aboveStandard.standards.GD', value: '"12.345"' } }],
    ['a unit after the amount', '{"aboveStandard": {"standards": {"GD": "100元"}}}', { key: 'check:rulesFile.invalidStandard', params: { file: FILE, key: 'aboveStandard.standards.GD', value: '"100元"' } }],
    ['a negative standard', '{"aboveStandard": {"standards": {"GD": "-5"}}}', { key: 'check:rulesFile.invalidStandard', params: { file: FILE, key: 'aboveStandard.standards.GD', value: '"-5"' } }],
    ['an empty list path', '{"afterDeathOrMove": {"list": " "}}', { key: 'check:rulesFile.emptyListPath', params: { file: FILE, key: 'afterDeathOrMove.list' } }],
  ])('rejects %s', (_case, text, expected) => {
    expect(problemsOf(text)).toEqual([expected]);
  });

  it('rejects a standard for an unknown item', () => {
    expect(problemsOf('{"aboveStandard": {"standards": {"XX": "10"}}}', new Set(['GD', 'DB']))).toEqual([
      { key: 'check:rulesFile.unknownItem', params: { file: FILE, key: 'aboveStandard.standards.XX', value: 'XX', items: 'GD, DB' } },
    ]);
  });

  it('names every problem at once', () => {
    const problems = problemsOf('{"x": 1, "sharedIdNumber": {"enabled": 1}, "stoppedRecurring": {"minPeriods": 0}}');
    expect(problems.map((problem) => problem.params.key).sort()).toEqual(['sharedIdNumber.enabled', 'stoppedRecurring.minPeriods', 'x']);
  });

  it('writes each problem in both languages', () => {
    const problems = [
      ...problemsOf('{"a": 1, "sharedIdNumber": {"enabled": 1}, "aboveStandard": {"standards": {"GD": 1}}, "officialRecipient": {"list": 1}, "duplicatePayment": 1, "stoppedRecurring": {"minPeriods": 0}}'),
      ...problemsOf('{"aboveStandard": {"standards": {"GD": "x", "XX": "1"}}, "afterDeathOrMove": {"list": ""}}', new Set(['GD'])),
      ...problemsOf('{'),
    ];
    expect(new Set(problems.map((problem) => problem.key)).size).toBe(10);
    for (const language of ['zh-CN', 'en'] as const) {
      for (const problem of problems) {
        const text = translatorFor(language)(problem.key, problem.params);
        expect(text, problem.key).toContain(FILE);
        expect(text, problem.key).not.toMatch(/\{\{|^rulesFile\./);
      }
    }
  });
});

describe('loadRulesFile', () => {
  it('gives the defaults for a missing file', async () => {
    await expect(loadRulesFile(path.join(temp.dir, 'none.json'))).resolves.toBe(DEFAULT_RULES);
  });

  it('rejects a missing file the worker named', async () => {
    const filePath = path.join(temp.dir, 'none.json');
    expect(await loadProblems(filePath, true)).toEqual([{ key: 'check:rulesFile.notFound', params: { file: filePath } }]);
  });

  it('reads a file with a BOM and its lists', async () => {
    const dir = path.join(temp.dir, 'bom');
    mkdirSync(path.join(dir, 'lists'), { recursive: true });
    writeFileSync(path.join(dir, 'lists', 'departed.csv'), '姓名,身份证号,死亡日期\n');
    writeFileSync(path.join(dir, 'rules.json'), '\uFEFF{"afterDeathOrMove": {"list": "lists/departed.csv"}}');

    const config = await loadRulesFile(path.join(dir, 'rules.json'));
    expect(config.lists.afterDeathOrMove).toBe(path.join(dir, 'lists', 'departed.csv'));
  });

  it('rejects a list that is missing or a folder', async () => {
    const dir = path.join(temp.dir, 'lists');
    mkdirSync(path.join(dir, 'officials'), { recursive: true });
    const filePath = path.join(dir, 'rules.json');
    writeFileSync(filePath, JSON.stringify({ afterDeathOrMove: { list: 'gone.xlsx' }, officialRecipient: { list: 'officials' } }));

    expect(await loadProblems(filePath)).toEqual([
      { key: 'check:rulesFile.listNotFound', params: { file: filePath, key: 'afterDeathOrMove.list', value: path.join(dir, 'gone.xlsx') } },
      { key: 'check:rulesFile.listNotAFile', params: { file: filePath, key: 'officialRecipient.list', value: path.join(dir, 'officials') } },
    ]);
  });

  it('does not look for the list of a disabled rule', async () => {
    const filePath = path.join(temp.dir, 'disabled.json');
    writeFileSync(filePath, JSON.stringify({ afterDeathOrMove: { enabled: false, list: 'gone.xlsx' } }));
    const config = await loadRulesFile(filePath);
    expect(config.enabled.afterDeathOrMove).toBe(false);
  });
});
