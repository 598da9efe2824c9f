import { describe, expect, it } from 'vitest';
import type { CheckWarning, RuleId } from '../../src-main/publisher/check/check-types.js';
import { applyRules } from '../../src-main/publisher/check/run-rules.js';
import type { RulesInput } from '../../src-main/publisher/check/run-rules.js';
import { previousPeriod } from '../../src-main/publisher/check/rules/stopped-recurring.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { config, departed, ID_A, ID_B, ID_C, item, lists, official, payment, person } from '../helpers/check-rows.js';

const ITEMS = [item('YL', '城乡居民基本养老保险', { cadence: 'monthly' }), item('GD', '耕地地力保护补贴', { cadence: 'yearly' }), item('DB', '农村低保')];
const PERSONS = [person(ID_A, '张三丰', 'H1'), person(ID_B, '李四', 'H1', '配偶', 3), person(ID_C, '王五', 'H2', '户主', 4)];

function run(input: Partial<RulesInput>, loaded = lists()): ReturnType<typeof applyRules> {
  return applyRules({ persons: PERSONS, payments: [], conflicts: [], items: ITEMS, config: config(), ...input }, loaded);
}

function warningsOf(rule: RuleId, input: Partial<RulesInput>, loaded = lists()): CheckWarning[] {
  return run(input, loaded).warnings.filter((warning) => warning.rule === rule);
}

describe('duplicatePayment', () => {
  it('warns once per group with every row', () => {
    const payments = [payment(ID_A, 'DB', '2024-03'), payment(ID_B, 'DB', '2024-03'), payment(ID_A, 'DB', '2024-03'), payment(ID_A, 'DB', '2024-03', { amount_fen: 5_050 })];
    const warnings = warningsOf('duplicatePayment', { payments });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.rows).toEqual([payments[0]!.source, payments[2]!.source, payments[3]!.source]);
    expect(warnings[0]!.message).toEqual({
      key: 'check:rules.duplicatePayment.found',
      params: { id: '431*************' + ID_A.slice(-2), name: '张三丰', item: '农村低保', period: '2024-03', payments: 3, amounts: '100.00, 100.00, 50.50', dates: '2024-03-10, 2024-03-10, 2024-03-10' },
    });
  });

  it('ignores another period, item or person', () => {
    const payments = [payment(ID_A, 'DB', '2024-03'), payment(ID_A, 'DB', '2024-04'), payment(ID_A, 'YL', '2024-03'), payment(ID_B, 'DB', '2024-03')];
    expect(warningsOf('duplicatePayment', { payments })).toEqual([]);
  });
});

describe('aboveStandard', () => {
  const standards = new Map([['DB', 10_000]]);

  it('warns one fen above the rules file standard', () => {
    const payments = [payment(ID_A, 'DB', '2024-03', { amount_fen: 10_001 })];
    const warnings = warningsOf('aboveStandard', { payments, config: config({ standards }) });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message.key).toBe('check:rules.aboveStandard.rulesFile');
    expect(warnings[0]!.message.params).toMatchObject({ amount: '100.01', standard: '100.00', excess: '0.01', period: '2024-03', paidOn: '2024-03-10' });
    expect(warnings[0]!.rows).toEqual([payments[0]!.source]);
  });

  it('accepts an amount exactly at the standard', () => {
    const payments = [payment(ID_A, 'DB', '2024-03', { amount_fen: 10_000 }), payment(ID_B, 'DB', '2024-03', { amount_fen: 9_999 })];
    expect(warningsOf('aboveStandard', { payments, config: config({ standards }) })).toEqual([]);
  });

  it('reads the catalogue standard_amount', () => {
    const items = [item('DB', '农村低保', { standard_amount: '1,234.50' })];
    const payments = [payment(ID_A, 'DB', '2024-03', { amount_fen: 123_451 }), payment(ID_B, 'DB', '2024-03', { amount_fen: 123_450 })];
    const warnings = warningsOf('aboveStandard', { payments, items });

    expect(warnings.map((warning) => warning.message.key)).toEqual(['check:rules.aboveStandard.catalogue']);
    expect(warnings[0]!.rows).toEqual([payments[0]!.source]);
  });

  it('lets the rules file override the catalogue', () => {
    const items = [item('DB', '农村低保', { standard_amount: '50' })];
    const payments = [payment(ID_A, 'DB', '2024-03', { amount_fen: 8_000 })];
    expect(warningsOf('aboveStandard', { payments, items, config: config({ standards }) })).toEqual([]);
  });

  it('reports an invalid catalogue standard', () => {
    const items = [item('DB', '农村低保', { standard_amount: '12.345' })];
    const result = run({ payments: [payment(ID_A, 'DB', '2024-03', { amount_fen: 99_999_999 })], items });

    expect(result.itemProblems).toEqual([
      { ref: items[0]!.source, message: { key: 'check:rules.aboveStandard.invalidCatalogueStandard', params: { file: 'subsidy_items.csv', row: 2, item: 'DB', value: '12.345' } } },
    ]);
    expect(result.rules.find((entry) => entry.rule === 'aboveStandard')).toEqual({ rule: 'aboveStandard', ran: false, skipped: { key: 'check:rules.skipped.noStandards', params: {} } });
  });
});

describe('afterDeathOrMove', () => {
  it('links the list row and each payment after the date', () => {
    const payments = [payment(ID_A, 'YL', '2024-02', { paid_on: '2024-02-10' }), payment(ID_A, 'YL', '2024-03', { paid_on: '2024-03-06' }), payment(ID_A, 'YL', '2024-04', { paid_on: '2024-04-10', amount_fen: 20_000 })];
    const entry = departed(ID_A, '2024-03-05');
    const warnings = warningsOf('afterDeathOrMove', { payments }, lists([entry]));

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.rows).toEqual([entry.source, payments[1]!.source, payments[2]!.source]);
    expect(warnings[0]!.message.key).toBe('check:rules.afterDeathOrMove.death');
    expect(warnings[0]!.message.params).toMatchObject({ leftOn: '2024-03-05', payments: 2, total: '300.00', firstPaidOn: '2024-03-06', lastPaidOn: '2024-04-10' });
  });

  it('accepts a payment on the date itself', () => {
    const payments = [payment(ID_A, 'YL', '2024-03', { paid_on: '2024-03-05' }), payment(ID_B, 'YL', '2024-04', { paid_on: '2024-04-10' })];
    expect(warningsOf('afterDeathOrMove', { payments }, lists([departed(ID_A, '2024-03-05')]))).toEqual([]);
  });

  it('warns once per item', () => {
    const payments = [payment(ID_A, 'YL', '2024-04'), payment(ID_A, 'DB', '2024-04')];
    const warnings = warningsOf('afterDeathOrMove', { payments }, lists([departed(ID_A, '2024-03-05', { departure: 'moveAway', departureText: '迁出' })]));
    expect(warnings.map((warning) => [warning.message.key, warning.message.params.item])).toEqual([
      ['check:rules.afterDeathOrMove.moveAway', '城乡居民基本养老保险'],
      ['check:rules.afterDeathOrMove.moveAway', '农村低保'],
    ]);
  });

  it('is skipped without a list', () => {
    const result = run({ payments: [payment(ID_A, 'YL', '2024-04')] });
    expect(result.rules.find((entry) => entry.rule === 'afterDeathOrMove')).toEqual({
      rule: 'afterDeathOrMove',
      ran: false,
      skipped: { key: 'check:rules.skipped.noList', params: { key: 'afterDeathOrMove.list' } },
    });
  });
});

describe('sharedIdNumber', () => {
  const ref = (row: number) => ({ file: 'roster.xlsx', sheet: '名册', row });

  it('warns when two households name one head', () => {
    const conflicts = [{ id_number: ID_A, rows: [{ ref: ref(2), name: '张三丰', household_id: 'H1', relation: '户主' }, { ref: ref(9), name: '张三峰', household_id: 'H7', relation: '户主' }] }];
    const warnings = warningsOf('sharedIdNumber', { conflicts });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message.key).toBe('check:rules.sharedIdNumber.severalHeads');
    expect(warnings[0]!.message.params).toMatchObject({ names: '张三丰、张三峰', households: 2, heads: 2 });
    expect(warnings[0]!.rows).toEqual([ref(2), ref(9)]);
  });

  it('warns when a member is in two households', () => {
    const conflicts = [{ id_number: ID_B, rows: [{ ref: ref(3), name: '李四', household_id: 'H1', relation: '配偶' }, { ref: ref(12), name: '李四', household_id: 'H3', relation: '子女' }] }];
    expect(warningsOf('sharedIdNumber', { conflicts }).map((warning) => warning.message.key)).toEqual(['check:rules.sharedIdNumber.severalHouseholds']);
  });

  it('finds repeated persons of a standard folder', () => {
    const persons = [...PERSONS, person(ID_C, '王五', 'H9', '户主', 8)];
    const warnings = warningsOf('sharedIdNumber', { persons });
    expect(warnings.map((warning) => warning.rows.map((row) => row.row))).toEqual([[4, 8]]);
  });

  it('ignores rows of one household', () => {
    const conflicts = [{ id_number: ID_A, rows: [{ ref: ref(2), name: '张三丰', household_id: 'H1', relation: '户主' }, { ref: ref(5), name: '张三丰', household_id: 'H1', relation: '户主' }] }];
    expect(warningsOf('sharedIdNumber', { conflicts })).toEqual([]);
  });
});

describe('officialRecipient', () => {
  it('links the list row and the payments', () => {
    const entry = official(ID_B);
    const payments = [payment(ID_B, 'DB', '2024-03'), payment(ID_A, 'DB', '2024-03'), payment(ID_B, 'DB', '2024-04')];
    const warnings = warningsOf('officialRecipient', { payments }, lists([], [entry]));

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message.key).toBe('check:rules.officialRecipient.relativeOfNamed');
    expect(warnings[0]!.message.params).toMatchObject({ name: '李四', post: '村委会主任', relation: '配偶', official: '王五', payments: 2, total: '200.00' });
    expect(warnings[0]!.rows).toEqual([entry.source, payments[0]!.source, payments[2]!.source]);
  });

  it('names the official himself', () => {
    const warnings = warningsOf('officialRecipient', { payments: [payment(ID_C, 'DB', '2024-03')] }, lists([], [official(ID_C, { relation: '本人', official_name: null })]));
    expect(warnings.map((warning) => warning.message.key)).toEqual(['check:rules.officialRecipient.self']);
  });

  it('ignores listed people who are not paid', () => {
    expect(warningsOf('officialRecipient', { payments: [payment(ID_A, 'DB', '2024-03')] }, lists([], [official(ID_B)]))).toEqual([]);
  });
});

describe('stoppedRecurring', () => {
  const monthly = (idNumber: string, periods: string[]) => periods.map((period) => payment(idNumber, 'YL', period));
  const newest = monthly(ID_C, ['2024-06']);

  it('warns after three paid months', () => {
    const payments = [...monthly(ID_A, ['2024-02', '2024-03', '2024-04', '2024-05']), ...newest];
    const warnings = warningsOf('stoppedRecurring', { payments });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toEqual({
      key: 'check:rules.stoppedRecurring.found',
      params: { id: expect.stringMatching(/^431\*+/), name: '张三丰', item: '城乡居民基本养老保险', periods: 3, from: '2024-03', to: '2024-05', newest: '2024-06' },
    });
    expect(warnings[0]!.rows).toEqual([payments[1]!.source, payments[2]!.source, payments[3]!.source]);
  });

  it('needs every one of the last periods', () => {
    const payments = [...monthly(ID_A, ['2024-04', '2024-05']), ...monthly(ID_B, ['2024-02', '2024-03', '2024-05']), ...newest];
    expect(warningsOf('stoppedRecurring', { payments })).toEqual([]);
  });

  it('ignores a person paid in the newest period', () => {
    const payments = [...monthly(ID_A, ['2024-03', '2024-04', '2024-05', '2024-06'])];
    expect(warningsOf('stoppedRecurring', { payments })).toEqual([]);
  });

  it('counts months across a year end', () => {
    const payments = [...monthly(ID_A, ['2023-11', '2023-12']), ...monthly(ID_B, ['2024-01', '2024-02']), ...monthly(ID_A, ['2024-01'])];
    const warnings = warningsOf('stoppedRecurring', { payments });
    expect(warnings.map((warning) => [warning.message.params.from, warning.message.params.to])).toEqual([['2023-11', '2024-01']]);
  });

  it('counts years for a yearly item', () => {
    const payments = [...['2021', '2022', '2023'].map((year) => payment(ID_A, 'GD', year)), payment(ID_B, 'GD', '2024')];
    const warnings = warningsOf('stoppedRecurring', { payments });
    expect(warnings.map((warning) => warning.message.params)).toMatchObject([{ from: '2021', to: '2023', newest: '2024' }]);
  });

  it('honours minPeriods', () => {
    const payments = [...monthly(ID_A, ['2024-03', '2024-04', '2024-05']), ...newest];
    expect(warningsOf('stoppedRecurring', { payments, config: config({ minPeriods: 4 }) })).toEqual([]);
    expect(warningsOf('stoppedRecurring', { payments, config: config({ minPeriods: 2 }) })).toHaveLength(1);
  });

  it('skips an item paid once', () => {
    const items = [item('YL', '一次性补助', { cadence: 'once' })];
    const payments = [...monthly(ID_A, ['2024-03', '2024-04', '2024-05']), ...newest];
    expect(warningsOf('stoppedRecurring', { payments, items })).toEqual([]);
  });

  it('mentions the departed list', () => {
    const entry = departed(ID_A, '2024-05-20');
    const payments = [...monthly(ID_A, ['2024-03', '2024-04', '2024-05']), ...newest];
    const warnings = warningsOf('stoppedRecurring', { payments }, lists([entry]));

    expect(warnings[0]!.message.key).toBe('check:rules.stoppedRecurring.listed');
    expect(warnings[0]!.message.params).toMatchObject({ leftOn: '2024-05-20', type: '死亡' });
    expect(warnings[0]!.rows.at(-1)).toEqual(entry.source);
  });

  it.each([
    ['2024-01', '2023-12'],
    ['2024-10', '2024-09'],
    ['2024', '2023'],
  ])('previousPeriod of %s is %s', (period, expected) => {
    expect(previousPeriod(period)).toBe(expected);
  });
});

describe('applyRules', () => {
  it('reports disabled rules as skipped', () => {
    const enabled = { ...config().enabled, duplicatePayment: false };
    const payments = [payment(ID_A, 'DB', '2024-03'), payment(ID_A, 'DB', '2024-03')];
    const result = run({ payments, config: config({ enabled, file: '/county/check-rules.json' }) });

    expect(result.warnings).toEqual([]);
    expect(result.rules[0]).toEqual({ rule: 'duplicatePayment', ran: false, skipped: { key: 'check:rules.skipped.disabled', params: { file: '/county/check-rules.json' } } });
  });

  it('writes every warning in both languages with the ID masked', () => {
    const payments = [
      ...[payment(ID_A, 'DB', '2024-03', { amount_fen: 20_000 }), payment(ID_A, 'DB', '2024-03')],
      ...['2024-02', '2024-03', '2024-04'].map((period) => payment(ID_B, 'YL', period)),
      payment(ID_C, 'YL', '2024-05'),
      payment(ID_C, 'GD', '2024'),
    ];
    const conflicts = [{ id_number: ID_C, rows: [{ ref: PERSONS[2]!.source, name: '王五', household_id: 'H2', relation: '户主' }, { ref: { file: 'b.csv', sheet: null, row: 3 }, name: '王五', household_id: 'H4', relation: '子女' }] }];
    const loaded = lists(
      [departed(ID_A, '2024-01-01'), departed(ID_B, '2024-01-01', { departure: 'other', departureText: '失踪' }), departed(ID_C, '2024-01-01', { departure: 'deregistered', departureText: '注销' })],
      [official(ID_A, { relation: '本人' }), official(ID_B, { official_name: null }), official(ID_C)],
    );
    const result = run({ payments, conflicts, config: config({ standards: new Map([['DB', 10_000]]) }) }, loaded);
    const keys = new Set(result.warnings.map((warning) => warning.message.key));
    expect([...keys].sort()).toEqual([
      'check:rules.aboveStandard.rulesFile',
      'check:rules.afterDeathOrMove.death',
      'check:rules.afterDeathOrMove.deregistered',
      'check:rules.afterDeathOrMove.other',
      'check:rules.duplicatePayment.found',
      'check:rules.officialRecipient.relative',
      'check:rules.officialRecipient.relativeOfNamed',
      'check:rules.officialRecipient.self',
      'check:rules.sharedIdNumber.severalHouseholds',
      'check:rules.stoppedRecurring.listed',
    ]);

    for (const language of ['zh-CN', 'en'] as const) {
      const t = translatorFor(language);
      for (const warning of result.warnings) {
        const text = t(warning.message.key, warning.message.params);
        expect(text, warning.message.key).not.toBe(warning.message.key.replace(/^check:/, ''));
        expect(text, warning.message.key).not.toMatch(/\{\{|undefined/);
        for (const idNumber of [ID_A, ID_B, ID_C]) expect(text).not.toContain(idNumber);
      }
    }
  });
});
