// Personal numbers in free text of a version 2 delivery. ID numbers with a valid check character,
// mobile numbers and card-like digit runs in text cells and bodies are rejected with the masked
// number. Masked forms and ordinary numbers pass.
import { describe, expect, it } from 'vitest';
import { findPersonalNumber } from '../../src-main/publisher/standard-v2/personal-numbers.js';
import { findIssue, validateChanged } from './validate-v2-check.js';

const ID_NUMBER = '431226195803238134';

describe('findPersonalNumber', () => {
  const cases: { text: string; expected: ReturnType<typeof findPersonalNumber> }[] = [
    { text: `户主姚庆 ${ID_NUMBER}`, expected: { kind: 'idNumber', masked: '431*************34' } },
    { text: '身份证号43122619580323813x。', expected: { kind: 'bankCard', masked: '4312*********3813' } },
    { text: '联系电话13912345678', expected: { kind: 'mobile', masked: '139****5678' } },
    { text: '卡号 6217001234567890123', expected: { kind: 'bankCard', masked: '6217***********0123' } },
    { text: '合同号 2024031500000001', expected: { kind: 'bankCard', masked: '2024********0001' } },
    { text: '电话 139****5678，卡号 6217********0123', expected: null },
    { text: '金额 213912345678 元', expected: null },
    { text: '编号 12912345678', expected: null },
    { text: '拨付 498000.00 元', expected: null },
  ];

  for (const { text, expected } of cases) {
    it(`reads ${text}`, () => {
      expect(findPersonalNumber(text)).toEqual(expected);
    });
  }

  it('accepts a lower-case x check character', () => {
    expect(findPersonalNumber('11010519491231002x')).toEqual({ kind: 'idNumber', masked: '110*************2X' });
  });
});

describe('personal numbers in a delivery', () => {
  it('rejects an ID number in a title', async () => {
    const dataset = await validateChanged((rows) => {
      rows['notices.csv']![0]!.title = `户主姚庆 ${ID_NUMBER}`;
    });

    findIssue(dataset.errors, { file: 'notices.csv', line: 2, column: 'title', value: '431*************34', code: 'validation-v2:personal.idNumber' });
    expect(JSON.stringify(dataset.v2.tables.get('notices'))).not.toContain(ID_NUMBER);
  });

  it('rejects a mobile number in a body', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-002.txt'] = '各村：\n联系人王水庆，电话 13912345678。\n';
    });

    findIssue(dataset.errors, { file: 'documents/gg-002.txt', line: 2, column: null, value: '139****5678', code: 'validation-v2:personal.mobile' });
  });

  it('rejects an ID number in Markdown code', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['ts-001.md'] = `经调查：\n\n\`\`\`\n${ID_NUMBER}\n\`\`\`\n`;
    });

    findIssue(dataset.errors, { file: 'documents/ts-001.md', line: 4, column: null, value: '431*************34', code: 'validation-v2:personal.idNumber' });
  });

  it('accepts masked numbers', async () => {
    const dataset = await validateChanged((rows, documents) => {
      rows['notices.csv']![0]!.title = '联系电话 139****5678';
      documents['gg-002.txt'] = '身份证号 431226********8134，卡号 6217********0123。\n';
    });

    expect(dataset.errors).toEqual([]);
  });
});
