import { describe, expect, it } from 'vitest';
import { dataAsOfDate } from '../../src-main/publisher/data-as-of.js';

describe('dataAsOfDate', () => {
  it('takes the newest of the payment date and the board publication dates', () => {
    const tables = new Map([
      ['projects', [{ project_id: 'P1', published_on: '2024-12-31' }]],
      ['notices', [{ notice_id: 'N1', issued_on: '2025-01-05' }, { notice_id: 'N2', issued_on: '2024-03-01' }]],
    ]);
    expect(dataAsOfDate('2024-12-20', tables)).toBe('2025-01-05');
  });

  it('keeps the payment date when every board row is older', () => {
    const tables = new Map([['projects', [{ project_id: 'P1', published_on: '2023-06-30' }]]]);
    expect(dataAsOfDate('2024-12-20', tables)).toBe('2024-12-20');
  });

  it('uses the boards without payments', () => {
    expect(dataAsOfDate(null, new Map([['notices', [{ issued_on: '2024-05-06' }]]]))).toBe('2024-05-06');
  });

  it('counts report progress publications', () => {
    const tables = new Map([['report_progress', [{ case_number: '25021012345671', updated_on: '2025-02-12', published_on: '2025-02-14' }]]]);
    expect(dataAsOfDate('2024-12-20', tables)).toBe('2025-02-14');
  });

  it('returns null without any dates', () => {
    expect(dataAsOfDate(null, new Map())).toBeNull();
  });

  it('ignores empty publication cells and other date columns', () => {
    const tables = new Map([['finance_entries', [{ entry_date: '2030-01-01', published_on: null }]]]);
    expect(dataAsOfDate('2024-12-20', tables)).toBe('2024-12-20');
  });
});
