// Village ledgers (村级财务收支明细): income and expenditure entries per village and month, with
// voucher numbers in date order and the approver's role. Entries follow a yearly pattern (busy
// in January and December, quiet at Spring Festival). Ordinary entries stay below 10,000 yuan,
// the kiosk's default flag threshold, and two to five entries per village and year are
// unusually large (project payments, transfers from the county), so the kiosk flags those.
import { fenToYuanText } from '../../../../src-shared/money.js';
import type { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';
import { streamFor } from './context.js';
import type { BoardContext, Township } from './context.js';
import { drawOfficeDay, monthsReached } from './dates.js';
import { drawCompanyName, drawCount, drawPersonName } from './parties.js';
import type { BoardFileWriter } from './rows.js';

const MONTH_WEIGHTS = [1.3, 0.6, 1, 1.1, 1, 0.9, 0.8, 0.9, 1, 1, 1.1, 1.4];
const INCOME_SHARE = 0.3;
const LARGE_ENTRIES_PER_YEAR: readonly [number, number] = [2, 5];
const ORDINARY_MAX_YUAN = 9_800;
/** Every unusually large entry is at least this amount, and every ordinary one is below 10,000 yuan. */
export const LARGE_ENTRY_MIN_FEN = 5_000_000;

type Counterparty = 'person' | 'company' | 'township' | 'bank' | 'power' | 'none';

interface EntryKind {
  direction: '收入' | '支出';
  category: string;
  summaries: readonly string[];
  /** Amount range in yuan, drawn log-uniformly. */
  amountYuan: readonly [number, number];
  counterparties: readonly Counterparty[];
  weight: number;
}

const ENTRY_KINDS: readonly EntryKind[] = [
  { direction: '收入', category: '经营收入', summaries: ['村集体茶园鲜叶销售收入', '村集体门面房经营收入', '村办砂石场销售收入', '村集体果园销售收入'], amountYuan: [300, ORDINARY_MAX_YUAN], counterparties: ['person', 'company'], weight: 20 },
  { direction: '收入', category: '经营收入', summaries: ['村光伏电站上网电费收入'], amountYuan: [800, 6_000], counterparties: ['power'], weight: 5 },
  { direction: '收入', category: '发包及上交收入', summaries: ['收山塘承包费', '收集体林地承包费', '收机动地承包费', '收门面房租金'], amountYuan: [500, ORDINARY_MAX_YUAN], counterparties: ['person', 'person', 'company'], weight: 20 },
  { direction: '收入', category: '投资收益', summaries: ['村集体入股企业分红', '村集体入股合作社分红'], amountYuan: [3_000, ORDINARY_MAX_YUAN], counterparties: ['company'], weight: 8 },
  { direction: '收入', category: '补助收入', summaries: ['乡镇拨付村级组织运转经费', '乡镇拨付村干部基本报酬', '拨付人居环境整治专项经费', '拨付一事一议财政奖补资金', '拨付党组织服务群众专项经费'], amountYuan: [3_000, ORDINARY_MAX_YUAN], counterparties: ['township'], weight: 37 },
  { direction: '收入', category: '其他收入', summaries: ['银行存款利息收入', '收到爱心企业捐赠款', '收回村民借款'], amountYuan: [10, 5_000], counterparties: ['bank', 'company', 'person'], weight: 10 },
  { direction: '支出', category: '经营支出', summaries: ['购买茶苗和肥料', '支付光伏电站运维费', '支付基地务工人员工资', '支付农机作业费'], amountYuan: [200, ORDINARY_MAX_YUAN], counterparties: ['person', 'company'], weight: 20 },
  { direction: '支出', category: '管理费用', summaries: ['支付村干部误工补贴', '购买办公用品', '支付村部电费', '支付网络和电话费', '支付会议误餐费', '报销村干部差旅费', '支付报刊订阅费'], amountYuan: [50, 5_000], counterparties: ['none', 'company', 'person'], weight: 45 },
  { direction: '支出', category: '公益支出', summaries: ['支付村道维修材料费', '支付保洁员工资', '支付路灯维修费', '慰问困难群众和老党员', '支付河道清理费', '支付村卫生室水电费'], amountYuan: [200, ORDINARY_MAX_YUAN], counterparties: ['person', 'company'], weight: 30 },
  { direction: '支出', category: '其他支出', summaries: ['支付银行手续费', '缴纳税费', '支付村民小组会议补助'], amountYuan: [10, 2_000], counterparties: ['bank', 'none', 'person'], weight: 5 },
];

const LARGE_KINDS: readonly EntryKind[] = [
  { direction: '收入', category: '补助收入', summaries: ['县乡村振兴局拨付衔接资金项目款', '县财政拨付村集体经济发展扶持资金'], amountYuan: [100_000, 500_000], counterparties: ['township'], weight: 1 },
  { direction: '支出', category: '公益支出', summaries: ['支付村道硬化工程进度款', '支付村部提质改造工程款', '支付山塘整治工程款'], amountYuan: [60_000, 400_000], counterparties: ['company'], weight: 1 },
  { direction: '支出', category: '经营支出', summaries: ['支付产业基地建设工程款', '购买茶叶加工设备'], amountYuan: [60_000, 300_000], counterparties: ['company'], weight: 1 },
];

const INCOME_KINDS = ENTRY_KINDS.filter((kind) => kind.direction === '收入');
const EXPENDITURE_KINDS = ENTRY_KINDS.filter((kind) => kind.direction === '支出');

/** Totals in fen of one village and quarter, for the finance notices and their charts. */
export interface QuarterTotals {
  incomeFen: number;
  expenditureFen: number;
  byCategory: Map<string, number>;
}

/** Ledger totals by village code, then by `YYYY-Qn`. */
export type LedgerTotals = Map<string, Map<string, QuarterTotals>>;

function drawAmountFen(random: Random, range: readonly [number, number]): number {
  const yuan = Math.exp(Math.log(range[0]) + random.next() * (Math.log(range[1]) - Math.log(range[0])));
  // Small amounts are kept to the fen, larger ones rounded to the yuan or ten yuan, as receipts are.
  if (yuan < 100) return Math.round(yuan * 100);
  if (yuan < 5_000) return Math.round(yuan) * 100;
  return Math.round(yuan / 10) * 1000;
}

/** Chooses the approver by amount: larger expenditure needs the supervision committee's signature. */
function approverRole(direction: string, amountFen: number): string {
  if (direction === '收入') return '村会计';
  if (amountFen < 200_000) return '村主任';
  if (amountFen < 5_000_000) return '村主任、村务监督委员会主任';
  return '村务监督委员会主任（经村民代表会议通过）';
}

interface DraftEntry {
  date: string;
  kind: EntryKind;
  amountFen: number;
}

export class LedgerWriter {
  readonly totals: LedgerTotals = new Map();

  constructor(
    private readonly context: BoardContext,
    private readonly writer: BoardFileWriter,
  ) {}

  get rowCount(): number {
    return this.writer.rowCount;
  }

  async writeAll(): Promise<void> {
    const { yearTo } = this.context.calendar;
    const firstYear = Math.max(this.context.calendar.yearFrom, yearTo - this.context.volumes.ledgerYears + 1);
    for (const township of this.context.townships) {
      for (const village of township.villages) {
        for (let year = firstYear; year <= yearTo; year += 1) await this.writeVillageYear(township, village, year);
      }
    }
  }

  private counterpartyName(random: Random, township: Township, counterparty: Counterparty): [string | undefined, string | undefined] {
    switch (counterparty) {
      case 'person':
        return [drawPersonName(random), 'person'];
      case 'company':
        return [drawCompanyName(random, random.pick(['construction', 'farming', 'trade'] as const), ['怀化', this.context.countyShort]), 'organization'];
      case 'township':
        return [`${township.region.name}财政所`, 'organization'];
      case 'bank':
        return [`${this.context.countyShort}农村商业银行`, 'organization'];
      case 'power':
        return [`国网湖南省电力有限公司${this.context.countyShort}县供电分公司`, 'organization'];
      case 'none':
        return [undefined, undefined];
    }
  }

  private async writeVillageYear(township: Township, village: RegionRow, year: number): Promise<void> {
    const random = streamFor(this.context, 'ledger', `${village.code}-${year}`);
    const months = monthsReached(this.context.calendar, year);
    if (months.length === 0) return;

    const yearly = drawCount(random, this.context.volumes.ledgerEntriesPerVillageYear);
    const weightSum = months.reduce((sum, month) => sum + MONTH_WEIGHTS[month - 1]!, 0);
    const largeByMonth = new Map<number, number>();
    const largeCount = random.int(LARGE_ENTRIES_PER_YEAR[0], LARGE_ENTRIES_PER_YEAR[1]);
    for (let index = 0; index < largeCount; index += 1) {
      const month = random.pick(months);
      largeByMonth.set(month, (largeByMonth.get(month) ?? 0) + 1);
    }

    for (const month of months) {
      const count = drawCount(random, (yearly * MONTH_WEIGHTS[month - 1]!) / weightSum);
      const drafts: DraftEntry[] = [];
      for (let index = 0; index < count; index += 1) {
        const kinds = random.chance(INCOME_SHARE) ? INCOME_KINDS : EXPENDITURE_KINDS;
        const kind = random.weighted(kinds.map((value) => ({ value, weight: value.weight })));
        drafts.push({ date: drawOfficeDay(random, year, month), kind, amountFen: drawAmountFen(random, kind.amountYuan) });
      }
      for (let index = 0; index < (largeByMonth.get(month) ?? 0); index += 1) {
        const kind = random.pick(LARGE_KINDS);
        drafts.push({ date: drawOfficeDay(random, year, month), kind, amountFen: drawAmountFen(random, kind.amountYuan) });
      }
      // Vouchers are numbered in date order within the month, and the stable sort keeps equal dates in draw order.
      drafts.sort((a, b) => a.date.localeCompare(b.date));
      await this.writeMonth(random, township, village, year, month, drafts);
    }
  }

  private async writeMonth(random: Random, township: Township, village: RegionRow, year: number, month: number, drafts: DraftEntry[]): Promise<void> {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const quarterKey = `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    const byQuarter = this.totals.get(village.code) ?? new Map<string, QuarterTotals>();
    this.totals.set(village.code, byQuarter);
    const quarter = byQuarter.get(quarterKey) ?? { incomeFen: 0, expenditureFen: 0, byCategory: new Map<string, number>() };
    byQuarter.set(quarterKey, quarter);

    // Ledgers are published after the month closes, in the first days of the next month.
    const nextMonth = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
    const publishedOn = `${nextMonth}-05` <= this.context.calendar.lastDay ? `${nextMonth}-05` : this.context.calendar.lastDay;

    for (const [index, draft] of drafts.entries()) {
      const serial = String(index + 1).padStart(4, '0');
      const [counterpartyName, counterpartyKind] = this.counterpartyName(random, township, random.pick(draft.kind.counterparties));
      const entryDate = draft.date <= this.context.calendar.lastDay ? draft.date : this.context.calendar.lastDay;

      if (draft.kind.direction === '收入') quarter.incomeFen += draft.amountFen;
      else quarter.expenditureFen += draft.amountFen;
      quarter.byCategory.set(draft.kind.category, (quarter.byCategory.get(draft.kind.category) ?? 0) + draft.amountFen);

      await this.writer.write({
        entry_id: `CW-${village.code}-${year}${String(month).padStart(2, '0')}-${serial}`,
        village_code: village.code,
        period,
        entry_date: entryDate,
        direction: draft.kind.direction,
        category: draft.kind.category,
        summary: random.pick(draft.kind.summaries),
        amount: fenToYuanText(draft.amountFen),
        voucher_number: `记-${period}-${serial}`,
        approver_role: approverRole(draft.kind.direction, draft.amountFen),
        counterparty_name: counterpartyName,
        counterparty_kind: counterpartyKind,
        department: `${township.region.name}农村经营管理站`,
        published_on: publishedOn < entryDate ? entryDate : publishedOn,
      });
    }
  }
}
