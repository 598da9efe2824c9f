// report_progress.csv: case numbers checked like the kiosk's 查进度 keypad checks them, stages,
// dates, the reply that replied and closed cases need, and free text without personal numbers.
// Each rule gets one failing row, and its issue names file, line, column and value in both
// languages.
import { describe, expect, it } from 'vitest';
import { findIssue, validateChanged } from './validate-v2-check.js';
import type { Expected } from './validate-v2-check.js';
import { maskIdNumber } from '../../src-shared/id-number.js';
import { makeIdNumber } from '../helpers/publisher-data.js';
import { validRows } from './validate-v2-delivery.js';
import type { Row, Rows } from './validate-v2-delivery.js';

const FILE = 'report_progress.csv';
const REPORTER_ID_NUMBER = makeIdNumber('431226', '19650312', 42);

interface ProgressCase {
  name: string;
  /** Changes row `index` (line index + 2) of report_progress.csv. */
  index: number;
  change: Partial<Row>;
  expected: Omit<Expected, 'file' | 'line'>;
  params?: Record<string, string | number>;
}

const CASES: ProgressCase[] = [
  {
    name: 'letters in the case number',
    index: 0,
    change: { case_number: '2502101234567A' },
    expected: { column: 'case_number', value: '2502101234567A', code: 'validation-v2:caseNumber.invalidCharacters' },
  },
  {
    name: 'case number one digit short',
    index: 0,
    change: { case_number: '2502101234567' },
    expected: { column: 'case_number', value: '2502101234567', code: 'validation-v2:caseNumber.invalidLength' },
  },
  {
    name: 'case number with a wrong check digit',
    index: 0,
    change: { case_number: '25021012345672' },
    expected: { column: 'case_number', value: '25021012345672', code: 'validation-v2:caseNumber.invalidChecksum' },
  },
  {
    name: 'case number with two digits swapped',
    index: 0,
    change: { case_number: '25021021345671' },
    expected: { column: 'case_number', value: '25021021345671', code: 'validation-v2:caseNumber.invalidChecksum' },
  },
  {
    name: 'case number dated month 13',
    index: 0,
    change: { case_number: '25131012345678' },
    expected: { column: 'case_number', value: '25131012345678', code: 'validation-v2:caseNumber.invalidDate' },
  },
  {
    name: 'missing case number',
    index: 0,
    change: { case_number: '' },
    expected: { column: 'case_number', value: '', code: 'row.required' },
  },
  {
    name: 'stage in Chinese',
    index: 1,
    change: { stage: '已受理' },
    expected: { column: 'stage', value: '已受理', code: 'validation-v2:cell.invalidEnum' },
    params: { allowed: 'received, investigating, replied, closed' },
  },
  {
    name: 'updated_on that is no date',
    index: 1,
    change: { updated_on: '2025-02-30' },
    expected: { column: 'updated_on', value: '2025-02-30', code: 'validation-v2:cell.invalidDate' },
  },
  {
    name: 'updated_on in the future',
    index: 1,
    change: { updated_on: '2025-06-02' },
    expected: { column: 'updated_on', value: '2025-06-02', code: 'validation-v2:cell.dateInFuture' },
  },
  {
    name: 'published before the update',
    index: 1,
    change: { updated_on: '2025-05-02' },
    expected: { column: 'published_on', value: '2025-05-01', code: 'validation-v2:rule.orderReversed' },
    params: { otherColumn: 'updated_on', other: '2025-05-02' },
  },
  {
    name: 'replied case without a reply',
    index: 2,
    change: { reply: '' },
    expected: { column: 'reply', value: '', code: 'validation-v2:rule.requiredWhen' },
    params: { otherColumn: 'stage', other: 'replied' },
  },
  {
    name: 'closed case without a reply',
    index: 3,
    change: { reply: '' },
    expected: { column: 'reply', value: '', code: 'validation-v2:rule.requiredWhen' },
    params: { otherColumn: 'stage', other: 'closed' },
  },
  {
    name: 'reply with a mobile number',
    index: 2,
    change: { reply: '请拨打13912345678联系经办人。' },
    expected: { column: 'reply', value: '139****5678', code: 'validation-v2:personal.mobile' },
  },
  {
    name: 'reply with an ID number',
    index: 2,
    change: { reply: `举报人${REPORTER_ID_NUMBER}已收到答复。` },
    expected: { column: 'reply', value: maskIdNumber(REPORTER_ID_NUMBER), code: 'validation-v2:personal.idNumber' },
  },
  {
    name: 'reply with a bank card number',
    index: 3,
    change: { reply: '已退回至账户6217000012345678901。' },
    expected: { column: 'reply', value: '6217***********8901', code: 'validation-v2:personal.bankCard' },
  },
  {
    name: 'reply with a control character',
    index: 3,
    change: { reply: '已答复\u001b[2J' },
    // Issues print control characters escaped, so a terminal showing the list is not driven by them.
    expected: { column: 'reply', value: '已答复\\u001b[2J', code: 'row.controlCharacter' },
  },
  {
    name: 'reply over 1000 characters',
    index: 3,
    change: { reply: '答'.repeat(1001) },
    expected: { column: 'reply', value: `${'答'.repeat(60)}…(1001)`, code: 'row.tooLong' },
    params: { max: 1000 },
  },
  {
    name: 'missing department',
    index: 0,
    change: { department: '' },
    expected: { column: 'department', value: '', code: 'row.required' },
  },
];

function changeRow(index: number, change: Partial<Row>): (rows: Rows) => void {
  return (rows) => {
    const row = rows[FILE]![index]!;
    for (const [column, value] of Object.entries(change)) row[column] = value!;
  };
}

describe('report_progress.csv', () => {
  it.each(CASES.map((entry) => [entry.name, entry] as const))('rejects %s', async (_name, entry) => {
    const dataset = await validateChanged(changeRow(entry.index, entry.change));

    const issue = findIssue(dataset.errors, { file: FILE, line: entry.index + 2, ...entry.expected });
    if (entry.params) expect(issue.params).toMatchObject(entry.params);
    expect(dataset.v2.tables.get('report_progress')).toHaveLength(validRows()[FILE]!.length - 1);
  });

  it('rejects a case number given twice', async () => {
    // The second row writes the first row's number in groups of four, which reads as the same case.
    const dataset = await validateChanged(changeRow(1, { case_number: '2502 1012 3456 71' }));

    const issue = findIssue(dataset.errors, {
      file: FILE,
      line: 3,
      column: 'case_number',
      value: '2502 1012 3456 71',
      code: 'validation-v2:cell.duplicate',
    });
    expect(issue.params).toMatchObject({ firstLine: 2 });
  });

  it('stores case numbers as 14 digits', async () => {
    const dataset = await validateChanged(changeRow(0, { case_number: '２５０２１０１２３４５６７１' }));

    expect(dataset.errors).toEqual([]);
    const numbers = dataset.v2.tables.get('report_progress')!.map((row) => row.case_number);
    expect(numbers).toEqual(['25021012345671', '25030276543210', '25041500000018', '25050580808083']);
  });

  it('keeps an empty reply as null', async () => {
    const dataset = await validateChanged(() => undefined);

    const rows = dataset.v2.tables.get('report_progress')!;
    expect(rows[0]).toEqual({
      case_number: '25021012345671',
      stage: 'received',
      updated_on: '2025-02-10',
      reply: null,
      department: '县纪委监委',
      published_on: '2025-05-01',
    });
    expect(rows[2]!.reply).toBe('经核查，该户2024年耕地地力保护补贴少发120元，已于4月25日补发到位。');
  });

  it('accepts a reply for received cases', async () => {
    // A commission may publish an interim note before the investigation ends.
    const dataset = await validateChanged(changeRow(0, { reply: '已受理，正在调阅有关账目。' }));

    expect(dataset.errors).toEqual([]);
  });
});
