// Fund allocation (资金分配) rows derived from the generated payments, so each village's row
// states exactly the recipients and the total of payments.csv for that item and batch. Monthly
// items are allocated per quarter, yearly and one-off items per year.
import { fenToYuanText } from '../../../../src-shared/money.js';
import type { Household } from '../household.js';
import type { PaymentRow } from '../payments.js';
import type { SubsidyItem } from '../reference-data.js';
import { streamFor } from './context.js';
import type { BoardContext } from './context.js';
import { addDays, clampToPast, isoDate } from './dates.js';
import type { BoardFileWriter } from './rows.js';

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

interface Batch {
  itemCode: string;
  villageCode: string;
  year: number;
  /** 1-4 for a quarter, 0 for a whole year. */
  quarter: number;
  recipients: number;
  totalFen: number;
  firstPaidOn: string;
}

function batchOf(item: SubsidyItem, period: string): { year: number; quarter: number } {
  const year = Number(period.slice(0, 4));
  if (item.cadence !== 'monthly') return { year, quarter: 0 };
  return { year, quarter: Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1 };
}

function amountText(fen: number): string {
  return fenToYuanText(fen).replace(/\.00$/, '');
}

/** Describes how the item's money is divided: per person, household or mu, and how often. */
function allocationMethod(item: SubsidyItem): string {
  const amount = amountText(item.amountFen);
  if (item.unit === 'per_mu') return `按面积计算：每亩${amount}元，面积以确权登记为准`;
  const per = item.unit === 'per_person' ? '每人' : '每户';
  const basis = item.unit === 'per_person' ? '按人定额' : '按户定额';
  if (item.cadence === 'monthly') return `${basis}：${per}每月${amount}元，按季度下达、按月发放`;
  if (item.cadence === 'yearly') return `${basis}：${per}每年${amount}元`;
  return `${basis}：${per}一次性补助${amount}元`;
}

export class FundAllocationCollector {
  private readonly items: Map<string, SubsidyItem>;
  private readonly batches = new Map<string, Batch>();

  constructor(items: readonly SubsidyItem[]) {
    this.items = new Map(items.map((item) => [item.itemCode, item]));
  }

  /** Adds one household's payments. A person paid several times in a batch counts once. */
  addHousehold(household: Household, payments: readonly PaymentRow[]): void {
    const counted = new Set<string>();
    for (const payment of payments) {
      const item = this.items.get(payment.itemCode);
      if (!item) continue;

      const { year, quarter } = batchOf(item, payment.period);
      const key = `${household.villageCode}|${payment.itemCode}|${year}|${quarter}`;
      let batch = this.batches.get(key);
      if (!batch) {
        batch = { itemCode: item.itemCode, villageCode: household.villageCode, year, quarter, recipients: 0, totalFen: 0, firstPaidOn: payment.paidOn };
        this.batches.set(key, batch);
      }
      batch.totalFen += payment.amountFen;
      if (payment.paidOn < batch.firstPaidOn) batch.firstPaidOn = payment.paidOn;
      if (!counted.has(`${key}|${payment.idNumber}`)) {
        counted.add(`${key}|${payment.idNumber}`);
        batch.recipients += 1;
      }
    }
  }

  /** Writes one row per village, item and batch, ordered by village, item and batch. */
  async write(context: BoardContext, writer: BoardFileWriter): Promise<void> {
    const itemOrder = [...this.items.keys()];
    const batches = [...this.batches.values()].sort(
      (a, b) =>
        a.villageCode.localeCompare(b.villageCode) ||
        itemOrder.indexOf(a.itemCode) - itemOrder.indexOf(b.itemCode) ||
        a.year - b.year ||
        a.quarter - b.quarter,
    );

    for (const batch of batches) {
      const item = this.items.get(batch.itemCode)!;
      const batchCode = batch.quarter === 0 ? `${batch.year}` : `${batch.year}Q${batch.quarter}`;
      const random = streamFor(context, 'allocations', `${batch.villageCode}-${batch.itemCode}-${batchCode}`);

      // Money is allocated a week or two before the first payment, but not before New Year.
      const yearStart = isoDate(batch.year, 1, 1);
      const early = addDays(batch.firstPaidOn, -random.int(7, 20));
      const allocatedOn = clampToPast(context.calendar, early < yearStart ? yearStart : early);

      await writer.write({
        allocation_id: `FP-${batch.itemCode}-${batchCode}-${batch.villageCode}`,
        item_code: batch.itemCode,
        batch: batch.quarter === 0 ? `${batch.year}年度` : `${batch.year}年${QUARTER_NAMES[batch.quarter - 1]}`,
        year: String(batch.year),
        village_code: batch.villageCode,
        allocation_method: allocationMethod(item),
        policy_basis: item.policyBasis,
        recipient_count: String(batch.recipients),
        recipient_unit: item.unit === 'per_person' ? '人' : '户',
        total_amount: fenToYuanText(batch.totalFen),
        allocated_on: allocatedOn,
        department: item.department,
        published_on: clampToPast(context.calendar, addDays(allocatedOn, random.int(1, 5))),
      });
    }
  }
}
