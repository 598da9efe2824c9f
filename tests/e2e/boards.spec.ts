// Every disclosure board in Debian's Chromium with touch, against `minsheng serve` over the demo
// data of the real demo-data, publish and sync commands. Each list, filter count, detail and
// village finance total is compared with the CSV files that demo-data wrote, read independently
// of the publisher.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { compareText } from '../../src-shared/compare-text.js';
import { maskName } from '../../src-shared/mask.js';
import { formatFenAsYuan, parseYuanToFen } from '../../src-shared/money.js';
import { COUNTY_CODE } from './kiosk-server.js';
import { boardCountPattern, shownLayer, useKioskServer } from './kiosk-session.js';

type Row = Record<string, string>;

const server = useKioskServer();
let dataAsOf = '';

// Default of finance.flagAboveYuan; the test terminal config leaves it unset.
const FLAG_THRESHOLD_FEN = 1_000_000;

test.beforeAll(async ({ request }) => {
  const snapshot = (await (await request.get(`${server.url}api/snapshot`)).json()) as { dataAsOf: string };
  dataAsOf = snapshot.dataAsOf;
});

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${server.regionNames.get(COUNTY_CODE)}`);
});

function fen(yuan: string): number {
  const parsed = parseYuanToFen(yuan);
  if (!parsed.ok) throw new Error(`demo CSV amount "${yuan}" is not a yuan amount`);
  return parsed.fen;
}

/** Formats a YYYY-MM-DD, YYYY-MM or YYYY date as the zh-CN screens do: 2024年3月5日. */
function zhDate(text: string): string {
  const [year, month, day] = text.split('-');
  if (month === undefined) return `${year}年`;
  if (day === undefined) return `${year}年${Number(month)}月`;
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** One tab of a board and how its list line and detail derive from the demo CSV. */
interface TabCase {
  board: string;
  tab: string;
  file: string;
  rows?: (rows: Row[]) => Row[];
  id: string;
  // List order, newest first; numeric columns compare as numbers, like SQLite's INTEGER.
  order: { column: string; numeric?: boolean }[];
  title(row: Row): string;
  amount(row: Row): string | null;
  date(row: Row): string;
  year(row: Row): string;
  category(row: Row): string;
  source(row: Row): { department: string; publishedOn: string };
  detailFields(row: Row): [string, string][];
}

const department = (row: Row) => ({ department: row.department!, publishedOn: row.published_on! });
const amount = (yuan: string) => `${formatFenAsYuan(fen(yuan))} 元`;

function noticeCase(board: string, tab: string, noticeBoard: string): TabCase {
  return {
    board,
    tab,
    file: 'notices.csv',
    rows: (rows) => rows.filter((row) => row.board === noticeBoard),
    id: 'notice_id',
    order: [{ column: 'issued_on' }],
    title: (row) => row.title!,
    amount: () => null,
    date: (row) => row.issued_on!,
    year: (row) => row.issued_on!.slice(0, 4),
    category: (row) => row.category!,
    source: (row) => ({ department: row.issuer!, publishedOn: row.issued_on! }),
    detailFields: (row) => [
      ['公开栏目', noticeBoard],
      ['发布单位', row.issuer!],
      ['发布日期', zhDate(row.issued_on!)],
    ],
  };
}

function tabCases(): TabCase[] {
  const itemNames = new Map(server.readDemoCsv('subsidy_items.csv').map((row) => [row.item_code!, row.name!]));
  return [
    {
      board: 'projects',
      tab: 'tab-project',
      file: 'projects.csv',
      id: 'project_id',
      order: [{ column: 'year', numeric: true }, { column: 'planned_start_date' }],
      title: (row) => row.name!,
      amount: (row) => amount(row.planning_budget_amount!),
      date: (row) => row.planned_start_date!,
      year: (row) => row.year!,
      category: (row) => row.category!,
      source: department,
      detailFields: (row) => [
        ['项目名称', row.name!],
        ['资金金额', amount(row.funding_amount!)],
        ['预算金额', amount(row.planning_budget_amount!)],
        ['计划开工日期', zhDate(row.planned_start_date!)],
        ['责任单位', row.responsible_unit!],
      ],
    },
    {
      board: 'projects',
      tab: 'tab-fund-allocation',
      file: 'fund_allocations.csv',
      id: 'allocation_id',
      order: [{ column: 'year', numeric: true }, { column: 'allocated_on' }],
      title: (row) => itemNames.get(row.item_code!)!,
      amount: (row) => amount(row.total_amount!),
      date: (row) => row.allocated_on!,
      year: (row) => row.year!,
      category: (row) => itemNames.get(row.item_code!)!,
      source: department,
      detailFields: (row) => [
        ['资金项目', itemNames.get(row.item_code!)!],
        ['批次', row.batch!],
        ['受益对象', `${row.recipient_count} ${row.recipient_unit}`],
        ['总金额', amount(row.total_amount!)],
        ['分配日期', zhDate(row.allocated_on!)],
      ],
    },
    {
      board: 'poverty',
      tab: 'tab-poverty-household',
      file: 'poverty_households.csv',
      id: 'household_id',
      order: [{ column: 'registered_year', numeric: true }],
      title: (row) => maskName(row.head_name!),
      amount: () => null,
      date: (row) => row.registered_year!,
      year: (row) => row.registered_year!,
      category: (row) => row.poverty_cause!,
      source: department,
      detailFields: (row) => [
        ['户主', maskName(row.head_name!)],
        ['家庭人口', `${row.household_size} 人`],
        ['识别年度', zhDate(row.registered_year!)],
        ['监测状态', row.monitoring_status!],
      ],
    },
    {
      board: 'finance',
      tab: 'tab-finance-entry',
      file: 'finance_entries.csv',
      id: 'entry_id',
      order: [{ column: 'period' }, { column: 'entry_date' }],
      title: (row) => row.summary!,
      amount: (row) => `${row.direction} ${row.direction === '收入' ? '+' : '−'}${amount(row.amount!)}`,
      date: (row) => row.entry_date!,
      year: (row) => row.period!.slice(0, 4),
      category: (row) => row.category!,
      source: department,
      detailFields: (row) => [
        ['摘要', row.summary!],
        ['收支', row.direction!],
        ['会计期间', zhDate(row.period!)],
        ['凭证号', row.voucher_number!],
        ['大额', fen(row.amount!) > FLAG_THRESHOLD_FEN ? '⚠ 是，超过本机设定的大额标准' : '否'],
      ],
    },
    noticeCase('village-affairs', 'tab-notice-村务公开', '村务公开'),
    noticeCase('township-affairs', 'tab-notice-党务公开', '党务公开'),
    noticeCase('township-affairs', 'tab-notice-政务公开', '政务公开'),
    {
      board: 'complaints',
      tab: 'tab-complaint-outcome',
      file: 'complaint_outcomes.csv',
      id: 'case_number',
      order: [{ column: 'replied_on' }],
      title: (row) => row.outcome_summary!,
      amount: () => null,
      date: (row) => row.replied_on!,
      year: (row) => row.replied_on!.slice(0, 4),
      category: (row) => row.outcome!,
      source: department,
      detailFields: (row) => [
        ['案件编号', row.case_number!],
        ['类别', row.category!],
        ['受理日期', zhDate(row.received_on!)],
        ['办理结果', row.outcome!],
      ],
    },
    {
      board: 'complaints',
      tab: 'tab-accountability-notice',
      file: 'accountability_notices.csv',
      id: 'notice_number',
      order: [{ column: 'published_on' }],
      title: (row) => row.title!,
      amount: () => null,
      date: (row) => row.published_on!,
      year: (row) => row.published_on!.slice(0, 4),
      category: (row) => row.category!,
      source: (row) => ({ department: row.issuer!, publishedOn: row.published_on! }),
      detailFields: (row) => [
        ['发布单位', row.issuer!],
        ['类别', row.category!],
        ['处理结果', row.sanction!],
      ],
    },
  ];
}

/** Returns the rows in list order: the order columns newest first, then the id, descending. */
function sortedLikeList(rows: Row[], tab: TabCase): Row[] {
  const compare = (a: Row, b: Row): number => {
    for (const { column, numeric } of tab.order) {
      const [left, right] = [a[column]!, b[column]!];
      let difference: number;
      if (numeric) difference = Number(right) - Number(left);
      else difference = compareText(right, left);
      if (difference !== 0) return difference;
    }
    return compareText(b[tab.id]!, a[tab.id]!);
  };
  return [...rows].sort(compare);
}

async function expectFirstRow(page: Page, tab: TabCase, rows: Row[]): Promise<void> {
  const layer = shownLayer(page);
  await expect(layer.getByTestId('board-count')).toHaveText(boardCountPattern(rows.length));

  const expected = sortedLikeList(rows, tab)[0]!;
  const first = layer.getByTestId('board-row').first();
  await expect(first).toHaveAttribute('data-id', expected[tab.id]!);
  await expect(first.locator('.board-row-title')).toHaveText(tab.title(expected));
  await expect(first.locator('.board-row-meta')).toContainText(zhDate(tab.date(expected)));
  const shownAmount = tab.amount(expected);
  if (shownAmount === null) await expect(first.getByTestId('board-row-amount')).toHaveCount(0);
  else await expect(first.getByTestId('board-row-amount')).toHaveText(shownAmount);
}

/** Taps a filter chip by its group and its label, as it reads without the tick of a chosen chip. */
function chip(page: Page, group: string, label: string): Locator {
  return shownLayer(page).getByRole('group', { name: group }).getByRole('button', { name: label, exact: true });
}

for (const tabName of ['tab-project', 'tab-fund-allocation', 'tab-poverty-household', 'tab-finance-entry', 'tab-notice-村务公开', 'tab-notice-党务公开', 'tab-notice-政务公开', 'tab-complaint-outcome', 'tab-accountability-notice']) {
  test(`lists, filters and opens ${tabName.replace('tab-', '')}`, async ({ page }) => {
    const tab = tabCases().find((candidate) => candidate.tab === tabName)!;
    const all = tab.rows ? tab.rows(server.readDemoCsv(tab.file)) : server.readDemoCsv(tab.file);
    expect(all.length).toBeGreaterThan(0);

    await page.locator(`[data-tile="${tab.board}"]`).tap();
    const layer = shownLayer(page);
    await expect(layer.getByTestId('board-screen')).toHaveAttribute('data-board', tab.board);
    const tabButton = layer.getByTestId(tab.tab);
    if ((await tabButton.count()) > 0) await tabButton.tap();
    await expectFirstRow(page, tab, all);
    await expect(layer.getByTestId('source-line')).toContainText(`数据截至 ${zhDate(dataAsOf)}`);

    // A year with fewer rows than the whole list, so the count must change.
    const years = [...new Set(all.map(tab.year))].sort();
    const year = years.find((candidate) => all.filter((row) => tab.year(row) === candidate).length < all.length) ?? years[0]!;
    const ofYear = all.filter((row) => tab.year(row) === year);
    await chip(page, '年份', `${year}年`).tap();
    await expect(chip(page, '年份', `${year}年`)).toHaveAttribute('aria-pressed', 'true');
    await expectFirstRow(page, tab, ofYear);

    // A category of that year, whose chip states its count in the whole list.
    const category = tab.category(sortedLikeList(ofYear, tab)[0]!);
    const ofCategory = ofYear.filter((row) => tab.category(row) === category);
    const categoryTotal = all.filter((row) => tab.category(row) === category).length;
    await chip(page, '类别', `${category}（${categoryTotal}）`).tap();
    await expectFirstRow(page, tab, ofCategory);

    // Back to all years keeps the category.
    await chip(page, '年份', '全部').tap();
    await expectFirstRow(page, tab, all.filter((row) => tab.category(row) === category));

    // The detail of the first line: its fields, the department and date it came from, and the data-as-of date.
    const expected = sortedLikeList(all.filter((row) => tab.category(row) === category), tab)[0]!;
    await layer.getByTestId('board-row').first().tap();
    const detail = shownLayer(page).getByTestId('record-detail');
    await expect(detail).toBeVisible();
    for (const [label, value] of tab.detailFields(expected)) {
      await expect(detail.locator('.detail-field').filter({ has: page.locator('dt').getByText(label, { exact: true }) }).locator('dd')).toHaveText(value);
    }
    const source = tab.source(expected);
    await expect(detail.getByTestId('source-line')).toHaveText(
      `来源：${source.department} · 发布于 ${zhDate(source.publishedOn)}数据截至 ${zhDate(dataAsOf)}`,
    );

    // Back returns to the list as it was left; done returns home.
    await shownLayer(page).getByRole('button', { name: /返回/ }).tap();
    await expect(shownLayer(page).getByTestId('board-row').first()).toHaveAttribute('data-id', expected[tab.id]!);
    await expect(chip(page, '类别', `${category}（${categoryTotal}）`)).toHaveAttribute('aria-pressed', 'true');
    await shownLayer(page).getByRole('button', { name: /完成/ }).tap();
    await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  });
}

/** Sums of a year's finance entries over the whole county. */
function financeYear(year: string) {
  const entries = server.readDemoCsv('finance_entries.csv').filter((row) => row.period!.startsWith(`${year}-`));
  const sum = (rows: Row[]) => rows.reduce((total, row) => total + fen(row.amount!), 0);
  const income = entries.filter((row) => row.direction === '收入');
  const expenditure = entries.filter((row) => row.direction === '支出');
  const byCategory = (rows: Row[]) => {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(row.category!, (totals.get(row.category!) ?? 0) + fen(row.amount!));
    return totals;
  };
  return {
    entries,
    incomeFen: sum(income),
    expenditureFen: sum(expenditure),
    incomeCategories: byCategory(income),
    expenditureCategories: byCategory(expenditure),
    flagged: entries.filter((row) => fen(row.amount!) > FLAG_THRESHOLD_FEN),
  };
}

test('village finance totals match the ledger', async ({ page }) => {
  const years = [...new Set(server.readDemoCsv('finance_entries.csv').map((row) => row.period!.slice(0, 4)))].sort().reverse();
  await page.locator('[data-tile="finance"]').tap();
  const layer = shownLayer(page);
  await expect(layer.getByTestId('finance-screen')).toBeVisible();

  // Opens on the newest year; then the oldest, so both ends of the facet are checked.
  for (const year of [years[0]!, years[years.length - 1]!]) {
    await layer.getByRole('group', { name: '年份' }).getByRole('button', { name: `${year}年`, exact: true }).tap();
    const expected = financeYear(year);
    const totals = layer.getByTestId('finance-totals');
    await expect(totals).toContainText(`收入 +${formatFenAsYuan(expected.incomeFen)} 元`);
    await expect(totals).toContainText(`支出 −${formatFenAsYuan(expected.expenditureFen)} 元`);
    await expect(totals).toContainText(`结余 ${formatFenAsYuan(expected.incomeFen - expected.expenditureFen)} 元`);

    await expect(layer.getByTestId('finance-chart').locator('svg')).toBeVisible();
    await expect(layer.getByTestId('chart-month')).toHaveCount(12);

    for (const [testId, categories] of [
      ['income-categories', expected.incomeCategories],
      ['expenditure-categories', expected.expenditureCategories],
    ] as const) {
      const table = layer.getByTestId(testId);
      await expect(table.locator('tbody tr')).toHaveCount(categories.size);
      for (const [category, categoryFen] of categories) {
        const row = table.locator('tbody tr').filter({ has: page.locator('td').getByText(category, { exact: true }) });
        await expect(row.locator('td').nth(1)).toHaveText(`${formatFenAsYuan(categoryFen)} 元`);
      }
    }
    await expect(layer.getByTestId('flag-summary')).toContainText(
      `超过 ${formatFenAsYuan(FLAG_THRESHOLD_FEN)} 元的大额收支：${expected.flagged.length} 笔`,
    );
  }

  // The flagged entries of the shown year, each marked with the word and the icon.
  const year = years[years.length - 1]!;
  const flagged = financeYear(year).flagged;
  expect(flagged.length).toBeGreaterThan(0);
  await layer.getByTestId('show-flagged').tap();
  await expect(layer.getByTestId('board-count')).toHaveText(boardCountPattern(flagged.length));
  const rows = layer.getByTestId('board-row');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row.getByTestId('flag-badge')).toHaveText('⚠ 大额');
    const id = await row.getAttribute('data-id');
    expect(flagged.map((entry) => entry.entry_id)).toContain(id);
  }
});

test('large-only filter lists entries above the threshold', async ({ page }) => {
  const entries = server.readDemoCsv('finance_entries.csv');
  const large = entries.filter((row) => fen(row.amount!) > FLAG_THRESHOLD_FEN);
  const atThreshold = entries.filter((row) => fen(row.amount!) === FLAG_THRESHOLD_FEN);

  await page.locator('[data-tile="finance"]').tap();
  const layer = shownLayer(page);
  await layer.getByTestId('tab-finance-entry').tap();
  await expect(layer.getByTestId('board-count')).toHaveText(`共 ${entries.length.toLocaleString('en-US')} 条，向上滑动查看更多`);

  // An ordinary entry carries no flag.
  const newest = layer.getByTestId('board-row').first();
  const newestId = await newest.getAttribute('data-id');
  const newestRow = entries.find((row) => row.entry_id === newestId)!;
  await expect(newest.getByTestId('flag-badge')).toHaveCount(fen(newestRow.amount!) > FLAG_THRESHOLD_FEN ? 1 : 0);

  await layer.getByTestId('flagged-only').tap();
  await expect(layer.getByTestId('flagged-only')).toHaveText(`✓ ⚠ 只看大额（超过 ${formatFenAsYuan(FLAG_THRESHOLD_FEN)} 元）`);
  await expect(layer.getByTestId('board-count')).toHaveText(boardCountPattern(large.length));
  await expect(layer.getByTestId('board-row').first()).toBeVisible();
  for (const row of await layer.getByTestId('board-row').all()) await expect(row.getByTestId('flag-badge')).toBeVisible();
  // An entry of exactly the threshold is not above it.
  for (const row of atThreshold) await expect(layer.locator(`[data-id="${row.entry_id}"]`)).toHaveCount(0);
});

test('scrolls a township ledger to deep rows', async ({ page }) => {
  // The township with the most ledger entries.
  const entries = server.readDemoCsv('finance_entries.csv');
  const perTownship = new Map<string, Row[]>();
  for (const row of entries) {
    const township = row.village_code!.slice(0, 9);
    perTownship.set(township, [...(perTownship.get(township) ?? []), row]);
  }
  const [township, rows] = [...perTownship].sort((a, b) => b[1].length - a[1].length)[0]!;
  const ordered = sortedLikeList(rows, tabCases().find((candidate) => candidate.tab === 'tab-finance-entry')!);
  expect(ordered.length).toBeGreaterThan(500);

  // Pick the township as a whole from the region picker.
  await page.getByTestId('change-region').tap();
  await shownLayer(page).locator(`.region-button[data-region="${township}"]`).tap();
  await shownLayer(page).getByTestId('pick-whole').tap();
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${server.regionNames.get(township)}`);

  await page.locator('[data-tile="finance"]').tap();
  const layer = shownLayer(page);
  await layer.getByTestId('tab-finance-entry').tap();
  await expect(layer.getByTestId('board-count')).toHaveText(`共 ${ordered.length.toLocaleString('en-US')} 条，向上滑动查看更多`);

  // Deep in the list, then near its end: the rows there are the ledger's rows at those positions.
  const scroller = layer.getByTestId('board-list');
  const rowHeight = await layer.locator('.board-row-slot').first().evaluate((slot) => slot.getBoundingClientRect().height);
  for (const index of [Math.floor(ordered.length / 2), ordered.length - 3]) {
    await scroller.evaluate((element, top) => element.scrollTo({ top }), index * rowHeight);
    await expect(layer.locator(`[data-testid="board-row"][data-id="${ordered[index]!.entry_id}"]`)).toBeVisible();
    await expect(layer.getByTestId('board-row-placeholder')).toHaveCount(0);

    // No blank band: the rendered rows cover the scroller's viewport from top to bottom.
    const coverage = await scroller.evaluate((element) => {
      const view = element.getBoundingClientRect();
      const slots = [...element.querySelectorAll('.board-row-slot')].map((slot) => slot.getBoundingClientRect());
      const top = Math.min(...slots.map((slot) => slot.top));
      const bottom = Math.max(...slots.map((slot) => slot.bottom));
      return { coversTop: top <= view.top + 1, coversBottom: bottom >= view.bottom - 1, slots: slots.length };
    });
    expect(coverage.coversTop).toBe(true);
    expect(coverage.coversBottom).toBe(true);
    expect(coverage.slots).toBeLessThan(60);
  }

  // At the end of the list nothing remains below, so the "swipe for more" hint goes.
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(layer.getByTestId('board-count')).toHaveText(`共 ${ordered.length.toLocaleString('en-US')} 条`);

  await layer.locator(`[data-testid="board-row"][data-id="${ordered[ordered.length - 3]!.entry_id}"]`).tap();
  await expect(shownLayer(page).getByTestId('record-detail')).toContainText(ordered[ordered.length - 3]!.voucher_number!);
});
