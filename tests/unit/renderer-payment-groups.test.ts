import { describe, expect, it } from 'vitest';
import type { Payment } from '../../src-shared/kiosk-api.js';
import { flattenForList, groupPayments } from '../../src-renderer/result/payment-groups.js';

function payment(paymentId: string, itemCode: string, paidOn: string, amountFen: number): Payment {
  return {
    paymentId,
    itemCode,
    itemName: `item ${itemCode}`,
    department: 'county finance bureau',
    policyBasis: `policy of ${itemCode}`,
    recipientMaskedName: '王*',
    amountFen,
    paidOn,
    period: paidOn.slice(0, 7),
  };
}

const PAYMENTS = [
  payment('p1', 'B', '2024-03-01', 10_001),
  payment('p2', 'A', '2025-01-15', 20_000),
  payment('p3', 'B', '2025-06-30', 5),
  payment('p4', 'A', '2025-05-15', 99),
  payment('p5', 'A', '2023-12-31', 123_456),
];

describe('payment grouping', () => {
  const groups = groupPayments(PAYMENTS);

  it('orders years newest first', () => {
    expect(groups.years.map((year) => year.year)).toEqual(['2025', '2024', '2023']);
  });

  it('groups each year by item code', () => {
    expect(groups.years[0]!.items.map((item) => item.itemCode)).toEqual(['A', 'B']);
    expect(groups.years[0]!.items[0]!.payments.map((entry) => entry.paymentId)).toEqual(['p4', 'p2']);
  });

  it('sums subtotals per item and year in fen', () => {
    expect(groups.years[0]!.items.map((item) => item.subtotalFen)).toEqual([20_099, 5]);
    expect(groups.years.map((year) => year.subtotalFen)).toEqual([20_104, 10_001, 123_456]);
  });

  it('sums the grand total of all payments', () => {
    expect(groups.totalFen).toBe(PAYMENTS.reduce((sum, entry) => sum + entry.amountFen, 0));
    expect(groups.totalFen).toBe(153_561);
  });

  it('returns no years for no payments', () => {
    expect(groupPayments([])).toEqual({ years: [], totalFen: 0 });
  });

  it('flattens rows with one item header per item', () => {
    const list = flattenForList(groups);
    expect(list.groupCounts).toEqual([5, 2, 2]);
    expect(list.rows.map((row) => (row.kind === 'item' ? `item ${row.item.itemCode}` : row.payment.paymentId))).toEqual([
      'item A',
      'p4',
      'p2',
      'item B',
      'p3',
      'item B',
      'p1',
      'item A',
      'p5',
    ]);
  });

  it('keeps totals exact for 1,000 payments', () => {
    const many = Array.from({ length: 1000 }, (_, index) =>
      payment(`m${index}`, `I${index % 7}`, `${2015 + (index % 10)}-01-01`, 1_234_567 + index),
    );
    const manyGroups = groupPayments(many);
    expect(manyGroups.totalFen).toBe(many.reduce((sum, entry) => sum + entry.amountFen, 0));
    expect(flattenForList(manyGroups).rows).toHaveLength(1000 + 70);
  });
});
