// Creditor and debtor balances (债权债务), collective assets and resources (集体资产资源) and
// the contracts that let them (承包, 租赁). Counterparties are people (masked on the kiosk) or
// companies. Each contract belongs to an asset whose status is 出租 or 发包.
import { fenToYuanText } from '../../../../src-shared/money.js';
import type { Random } from '../prng.js';
import { streamFor } from './context.js';
import type { BoardContext, Township } from './context.js';
import { addDays, clampToPast, drawDateInYear, isPast } from './dates.js';
import { drawCompanyName, drawPersonName } from './parties.js';
import type { BoardFileWriter } from './rows.js';

interface AssetKind {
  name: string;
  assetClass: '经营性资产' | '非经营性资产' | '资源性资产';
  category: string;
  unit: string;
  quantity: readonly [number, number];
  /** Book value in yuan per unit of quantity, or 0 for resources carried without a value. */
  yuanPerUnit: number;
  statuses: readonly ('自营' | '出租' | '发包' | '闲置' | '其他')[];
  /** Yearly rent in yuan per unit of quantity, for let assets. */
  rentPerUnit: number;
}

const ASSET_KINDS: readonly AssetKind[] = [
  { name: '村部综合楼', assetClass: '非经营性资产', category: '房屋', unit: '平方米', quantity: [200, 800], yuanPerUnit: 1500, statuses: ['其他'], rentPerUnit: 0 },
  { name: '村卫生室', assetClass: '非经营性资产', category: '房屋', unit: '平方米', quantity: [60, 150], yuanPerUnit: 1400, statuses: ['其他'], rentPerUnit: 0 },
  { name: '村文化广场', assetClass: '非经营性资产', category: '场地', unit: '平方米', quantity: [400, 2000], yuanPerUnit: 180, statuses: ['其他'], rentPerUnit: 0 },
  { name: '集体林地', assetClass: '资源性资产', category: '林地', unit: '亩', quantity: [200, 3000], yuanPerUnit: 0, statuses: ['发包', '发包', '自营'], rentPerUnit: 15 },
  { name: '集体山塘', assetClass: '资源性资产', category: '水面', unit: '亩', quantity: [5, 40], yuanPerUnit: 0, statuses: ['发包', '闲置'], rentPerUnit: 200 },
  { name: '集体机动地', assetClass: '资源性资产', category: '耕地', unit: '亩', quantity: [10, 80], yuanPerUnit: 0, statuses: ['发包', '出租'], rentPerUnit: 300 },
  { name: '集体门面房', assetClass: '经营性资产', category: '房屋', unit: '平方米', quantity: [60, 300], yuanPerUnit: 1800, statuses: ['出租'], rentPerUnit: 60 },
  { name: '村级光伏电站', assetClass: '经营性资产', category: '设备', unit: '千瓦', quantity: [50, 300], yuanPerUnit: 4000, statuses: ['自营'], rentPerUnit: 0 },
  { name: '茶叶加工厂房', assetClass: '经营性资产', category: '房屋', unit: '平方米', quantity: [200, 600], yuanPerUnit: 1200, statuses: ['出租', '闲置'], rentPerUnit: 25 },
  { name: '原村小学校舍', assetClass: '经营性资产', category: '房屋', unit: '平方米', quantity: [300, 900], yuanPerUnit: 600, statuses: ['闲置', '出租'], rentPerUnit: 10 },
];

const PAYMENT_TERMS = [
  '每年12月31日前一次性缴清当年租金',
  '按半年支付，每年1月和7月各支付一半',
  '签订合同时一次性付清全部款项',
  '每年3月31日前缴清当年承包费，逾期按日加收万分之五违约金',
];

const RECEIVABLE_REASONS = ['应收山塘承包费', '应收门面房租金', '应收集体林地承包费', '借给村民的临时周转款'];
const PAYABLE_REASONS = ['应付村道硬化工程尾款', '应付村部维修工程款', '欠付保洁员工资', '应付村级光伏电站运维费'];

function drawQuantity(random: Random, range: readonly [number, number]): number {
  return Math.round((range[0] + random.next() * (range[1] - range[0])) * 10) / 10;
}

function quantityText(quantity: number): string {
  return Number.isInteger(quantity) ? String(quantity) : quantity.toFixed(1);
}

export interface FinanceAssetWriters {
  balances: BoardFileWriter;
  assets: BoardFileWriter;
  contracts: BoardFileWriter;
}

export async function writeFinanceAssets(context: BoardContext, writers: FinanceAssetWriters): Promise<void> {
  for (const township of context.townships) {
    for (const village of township.villages) {
      const random = streamFor(context, 'assets', village.code);
      await writeBalances(context, random, township, village.code, writers.balances);
      await writeAssets(context, random, village.code, writers);
    }
  }
}

function drawCounterparty(random: Random, context: BoardContext, personShare: number): { name: string; kind: string } {
  if (random.chance(personShare)) return { name: drawPersonName(random), kind: 'person' };
  const trade = random.pick(['construction', 'farming', 'trade'] as const);
  return { name: drawCompanyName(random, trade, ['怀化', context.countyShort]), kind: 'organization' };
}

async function writeBalances(context: BoardContext, random: Random, township: Township, villageCode: string, writer: BoardFileWriter): Promise<void> {
  const asOf = context.calendar.lastDay;
  const count = random.int(3, 10);
  for (let index = 1; index <= count; index += 1) {
    const receivable = random.chance(0.5);
    const counterparty = drawCounterparty(random, context, receivable ? 0.6 : 0.3);
    const amountFen = Math.round(Math.exp(Math.log(500) + random.next() * Math.log(300))) * 100;
    const arose = clampToPast(context.calendar, drawDateInYear(random, context.calendar.yearTo - random.int(0, 5)));
    await writer.write({
      balance_id: `ZQ-${villageCode}-${String(index).padStart(3, '0')}`,
      village_code: villageCode,
      as_of: asOf,
      balance_type: receivable ? '债权' : '债务',
      counterparty_name: counterparty.name,
      counterparty_kind: counterparty.kind,
      amount: fenToYuanText(amountFen),
      arose_on: arose,
      reason: random.pick(receivable ? RECEIVABLE_REASONS : PAYABLE_REASONS),
      department: `${township.region.name}农村经营管理站`,
      published_on: asOf,
    });
  }
}

async function writeAssets(context: BoardContext, random: Random, villageCode: string, writers: FinanceAssetWriters): Promise<void> {
  const kinds = ASSET_KINDS.filter((kind, index) => index === 0 || random.chance(0.55));
  const department = '县农业农村局';

  for (const [index, kind] of kinds.entries()) {
    const assetId = `ZC-${villageCode}-${String(index + 1).padStart(2, '0')}`;
    const quantity = drawQuantity(random, kind.quantity);
    const status = random.pick(kind.statuses);
    const acquired = clampToPast(context.calendar, drawDateInYear(random, random.int(1995, context.calendar.yearTo - 1)));
    await writers.assets.write({
      asset_id: assetId,
      village_code: villageCode,
      name: kind.name,
      asset_class: kind.assetClass,
      category: kind.category,
      quantity: quantityText(quantity),
      quantity_unit: kind.unit,
      book_value: kind.yuanPerUnit > 0 ? fenToYuanText(Math.round(quantity * kind.yuanPerUnit) * 100) : undefined,
      acquired_on: kind.assetClass === '资源性资产' ? undefined : acquired,
      status,
      department,
      published_on: context.calendar.lastDay,
    });

    if (status === '出租' || status === '发包') await writeContracts(context, random, assetId, kind, quantity, status, writers.contracts);
  }
}

/** Writes one contract, or an expired one followed by its renewal, ending after the last day. */
async function writeContracts(
  context: BoardContext,
  random: Random,
  assetId: string,
  kind: AssetKind,
  quantity: number,
  status: '出租' | '发包',
  writer: BoardFileWriter,
): Promise<void> {
  const renewals = random.chance(0.4) ? 2 : 1;
  const years = random.int(3, 10);
  let start = addDays(context.calendar.lastDay, -random.int(60, 365 * (renewals === 2 ? years + 2 : years - 1)));

  for (let index = 1; index <= renewals; index += 1) {
    const termYears = index === 1 ? years : random.int(3, 15);
    const signed = addDays(start, -random.int(5, 30));
    if (!isPast(context.calendar, signed)) return;

    const end = addDays(start, termYears * 365 - 1);
    const annualFen = Math.max(100_00, Math.round((quantity * kind.rentPerUnit * (0.8 + random.next() * 0.4)) / 10) * 1000);
    const counterparty = drawCounterparty(random, context, status === '发包' ? 0.7 : 0.5);
    const meeting = addDays(signed, -random.int(5, 40));
    const attending = random.int(25, 45);

    await writer.write({
      contract_id: `HT-${assetId.slice(3)}-${index}`,
      asset_id: assetId,
      contract_type: status === '发包' ? '承包' : '租赁',
      counterparty_name: counterparty.name,
      counterparty_kind: counterparty.kind,
      signed_on: signed,
      start_date: start,
      end_date: end,
      annual_amount: fenToYuanText(annualFen),
      total_amount: fenToYuanText(annualFen * termYears),
      payment_terms: random.pick(PAYMENT_TERMS),
      approval: `${meeting} 村民代表会议表决通过（到会${attending}人，同意${attending - random.int(0, 4)}人）`,
      department: '县农业农村局',
      published_on: clampToPast(context.calendar, addDays(signed, random.int(1, 10))),
    });
    start = addDays(end, 1);
  }
}
