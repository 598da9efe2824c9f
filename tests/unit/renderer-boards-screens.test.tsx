// @vitest-environment happy-dom
// Board, record and finance screens against an in-test KioskApi with fixed rows.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Facets,
  FacetsRequest,
  FinanceSummary,
  ListItem,
  ListPage,
  ListRequest,
  RecordDetail,
  RecordRequest,
} from '../../src-shared/boards-api.js';
import type { KioskApi, KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { BOARDS } from '../../src-renderer/boards/boards.js';
import { BoardScreen } from '../../src-renderer/boards/BoardScreen.js';
import { chartScale } from '../../src-renderer/boards/chart-scale.js';
import { FinanceScreen } from '../../src-renderer/boards/FinanceScreen.js';
import { formatDate } from '../../src-renderer/boards/format.js';
import { RecordDetailScreen } from '../../src-renderer/boards/RecordDetailScreen.js';
import { SourceLine } from '../../src-renderer/boards/SourceLine.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';

const VILLAGE = '431226101201';

const SNAPSHOT: SnapshotInfo = {
  version: 3,
  regionCode: '431226',
  regionName: '麻阳苗族自治县',
  createdAt: '2024-07-01T00:00:00Z',
  dataAsOf: '2024-06-30',
  householdCount: 10,
  expiresAt: '2024-08-01T00:00:00Z',
  expired: false,
  ageDays: 0,
};

const SETTINGS: KioskSettings = { ...TEST_SETTINGS, homeRegionCode: VILLAGE, financeFlagThresholdFen: 5_000_000 };

const SOURCE = { department: '县财政局', publishedOn: '2024-05-06' };

// Entry i of the village ledger: alternating income and expenditure, every 1,000th flagged.
function entry(index: number): ListItem {
  return {
    id: `FE${index}`,
    title: `摘要 ${index}`,
    subtitle: index % 2 === 0 ? '集体经营收入' : '办公费',
    date: '2024-03-05',
    regionName: '张家坪村',
    amountFen: 12_345 + index,
    direction: index % 2 === 0 ? '收入' : '支出',
    status: null,
    flagged: index % 1_000 === 0,
  };
}

interface TestApi extends KioskApi {
  listRequests: ListRequest[];
  facetRequests: FacetsRequest[];
  documentRequests: string[];
}

// Returns list pages of a generated ledger of `total` rows. flaggedOnly keeps 1 row in 1,000.
function testApi(options: { total?: number; failLists?: boolean; records?: Record<string, RecordDetail> } = {}): TestApi {
  const total = options.total ?? 100_000;
  const listRequests: ListRequest[] = [];
  const facetRequests: FacetsRequest[] = [];
  const documentRequests: string[] = [];

  const listRecords = async (request: ListRequest): Promise<ListPage> => {
    listRequests.push(request);
    if (options.failLists) throw new Error('host unreachable');

    const flaggedOnly = request.filters?.flaggedOnly === true;
    const size = flaggedOnly ? Math.ceil(total / 1_000) : total;
    const count = Math.max(0, Math.min(request.limit, size - request.offset));
    const items = Array.from({ length: count }, (_, index) => entry((request.offset + index) * (flaggedOnly ? 1_000 : 1)));
    return { total: size, offset: request.offset, items, sources: [SOURCE] };
  };

  const getFacets = async (request: FacetsRequest): Promise<Facets> => {
    facetRequests.push(request);
    return {
      years: [2024, 2023],
      periods: request.kind === 'finance-entry' ? ['2024-03', '2024-02', '2023-12'] : [],
      categories: [
        { value: '办公费', count: 40 },
        { value: '集体经营收入', count: 60 },
      ],
    };
  };

  const summary: FinanceSummary = {
    regionCode: VILLAGE,
    year: 2024,
    incomeFen: 250_000_000,
    expenditureFen: 180_000_000,
    months: [
      { period: '2024-01', incomeFen: 150_000_000, expenditureFen: 80_000_000 },
      { period: '2024-03', incomeFen: 100_000_000, expenditureFen: 100_000_000 },
    ],
    categories: [
      { direction: '收入', category: '集体经营收入', amountFen: 200_000_000 },
      { direction: '收入', category: '补助收入', amountFen: 50_000_000 },
      { direction: '支出', category: '办公费', amountFen: 180_000_000 },
    ],
    flagThresholdFen: 5_000_000,
    flaggedCount: 7,
    sources: [SOURCE],
  };

  return {
    listRequests,
    facetRequests,
    documentRequests,
    getSettings: async () => SETTINGS,
    getSnapshotInfo: async () => SNAPSHOT,
    lookupHousehold: async () => ({ status: 'not-found' }),
    getRegions: async () => [],
    listRecords,
    getFacets,
    getRecord: async (request: RecordRequest) => options.records?.[`${request.kind}:${request.id}`] ?? null,
    getFinanceSummary: async (request) => ({ ...summary, year: request.year }),
    search: async () => ({ query: '', hits: [], more: false }),
    suggestTerms: async () => ({ terms: [] }),
    getDocument: async (name: string) => {
      documentRequests.push(name);
      return null;
    },
    fileReport: async () => ({ status: 'not-configured' }),
    getCaseStatus: async () => ({ status: 'invalid', problem: 'empty' }),
    print: async () => ({ status: 'not-configured' }),
    getEmergencyNotices: async () => ({ notices: [], timeFloor: null }),
  };
}

function renderWithI18n(node: ReactNode, language: 'zh-CN' | 'en' = 'zh-CN') {
  return render(<I18nextProvider i18n={createRendererI18n(language)}>{node}</I18nextProvider>);
}

function noop() {}

afterEach(() => {
  cleanup();
});

describe('BOARDS', () => {
  it('covers every record kind', () => {
    const kinds = new Set(BOARDS.flatMap((board) => board.tabs.map((tab) => tab.kind)));
    expect(kinds.size).toBe(9);
  });

  it('gives each notice tab its board', () => {
    const noticeTabs = BOARDS.flatMap((board) => board.tabs.filter((tab) => tab.kind === 'notice').map((tab) => tab.noticeBoard));
    expect(noticeTabs.sort()).toEqual(['党务公开', '政务公开', '村务公开'].sort());
  });
});

describe('BoardScreen', () => {
  it('lists rows from the first page with total and sign', async () => {
    const api = testApi();
    renderWithI18n(
      <BoardScreen api={api} board="finance" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    fireEvent.click(await screen.findByTestId('tab-finance-entry'));

    expect(await screen.findByText('共 100,000 条，向上滑动查看更多')).toBeTruthy();
    const rows = await screen.findAllByTestId('board-row');
    expect(rows.length).toBeGreaterThan(0);
    expect(within(rows[0]!).getByTestId('board-row-amount').textContent).toBe('收入 +123.45 元');
    expect(within(rows[1]!).getByTestId('board-row-amount').textContent).toBe('支出 −123.46 元');
    expect(within(rows[0]!).getByTestId('flag-badge').textContent).toBe('⚠ 大额');
    expect(within(rows[1]!).queryByTestId('flag-badge')).toBeNull();
    expect(rows[0]!.textContent).toContain('张家坪村 · 2024年3月5日');
    expect(api.listRequests[0]).toMatchObject({ kind: 'finance-entry', regionCode: VILLAGE, offset: 0, limit: 100 });
  });

  it('shows the source line with the data date', async () => {
    renderWithI18n(
      <BoardScreen api={testApi()} board="projects" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    await screen.findAllByTestId('board-row');

    const line = screen.getByTestId('source-line').textContent;
    expect(line).toContain('来源：县财政局 · 发布于 2024年5月6日');
    expect(line).toContain('数据截至 2024年6月30日');
  });

  it('opens a record with its kind on tap', async () => {
    const opened: string[] = [];
    renderWithI18n(
      <BoardScreen
        api={testApi()}
        board="projects"
        regionCode={VILLAGE}
        snapshot={SNAPSHOT}
        settings={SETTINGS}
        onOpenRecord={(kind, id) => opened.push(`${kind}:${id}`)}
        onBack={noop}
        onDone={noop}
      />,
    );

    const rows = await screen.findAllByTestId('board-row');
    fireEvent.click(rows[2]!);

    expect(opened).toEqual(['project:FE2']);
  });

  it('filters by year and month chips', async () => {
    const api = testApi();
    renderWithI18n(
      <BoardScreen api={api} board="finance" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    fireEvent.click(await screen.findByTestId('tab-finance-entry'));
    await screen.findAllByTestId('board-row');

    expect(screen.queryByRole('group', { name: '月份' })).toBeNull();
    fireEvent.click(within(screen.getByRole('group', { name: '年份' })).getByText('2024年'));
    await screen.findAllByTestId('board-row');

    const months = within(screen.getByRole('group', { name: '月份' }));
    expect(months.queryByText('2023年12月')).toBeNull();
    fireEvent.click(months.getByText('2024年3月'));
    await screen.findAllByTestId('board-row');

    expect(api.listRequests.at(-1)?.filters).toEqual({ year: 2024, period: '2024-03' });
    expect(screen.getByText('2024年3月').closest('button')?.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(screen.getByRole('group', { name: '年份' })).getByText('全部'));
    await screen.findAllByTestId('board-row');
    expect(api.listRequests.at(-1)?.filters).toEqual({});
  });

  it('lists only large entries on request', async () => {
    const api = testApi();
    renderWithI18n(
      <BoardScreen api={api} board="finance" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    fireEvent.click(await screen.findByTestId('tab-finance-entry'));
    const chip = await screen.findByTestId('flagged-only');
    expect(chip.textContent).toBe('⚠ 只看大额（超过 50,000.00 元）');

    fireEvent.click(chip);

    expect(await screen.findByText('共 100 条，向上滑动查看更多')).toBeTruthy();
    expect(api.listRequests.at(-1)?.filters).toEqual({ flaggedOnly: true });
  });

  it('passes the notice board of a tab', async () => {
    const api = testApi();
    renderWithI18n(
      <BoardScreen api={api} board="township-affairs" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    await screen.findAllByTestId('board-row');
    fireEvent.click(screen.getByTestId('tab-notice-政务公开'));
    await screen.findAllByTestId('board-row');

    expect(api.listRequests.map((request) => request.filters?.noticeBoard)).toEqual(['党务公开', '政务公开']);
    expect(api.facetRequests.map((request) => request.noticeBoard)).toEqual(['党务公开', '政务公开']);
    expect(screen.getByTestId('tab-notice-政务公开').getAttribute('aria-selected')).toBe('true');
  });

  it('says so in words when the list is empty', async () => {
    renderWithI18n(
      <BoardScreen api={testApi({ total: 0 })} board="poverty" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );

    expect((await screen.findByTestId('board-empty')).textContent).toContain('这里暂时没有公开的内容');
  });

  it('leaves out the source of an empty list', async () => {
    renderWithI18n(
      <BoardScreen api={testApi({ total: 0 })} board="poverty" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );
    await screen.findByTestId('board-empty');

    const line = screen.getByTestId('source-line').textContent;
    expect(line).not.toContain('来源');
    expect(line).toBe('数据截至 2024年6月30日');
  });

  it('offers a retry when loading fails', async () => {
    const api = testApi({ failLists: true });
    renderWithI18n(
      <BoardScreen api={api} board="complaints" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );

    const error = await screen.findByTestId('board-error');
    expect(error.textContent).toContain('读取失败了');

    fireEvent.click(within(error).getByText('重新读取'));
    await screen.findByTestId('board-error');
    expect(api.listRequests).toHaveLength(2);
  });

  it('shows large entries from the finance overview', async () => {
    const api = testApi();
    renderWithI18n(
      <BoardScreen api={api} board="finance" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
    );

    fireEvent.click(await screen.findByTestId('show-flagged'));
    await screen.findAllByTestId('board-row');

    expect(api.listRequests.at(-1)).toMatchObject({ kind: 'finance-entry', filters: { year: 2024, flaggedOnly: true } });
    expect(screen.getByTestId('tab-finance-entry').getAttribute('aria-selected')).toBe('true');
  });

  it('uses the English catalog', async () => {
    renderWithI18n(
      <BoardScreen api={testApi()} board="finance" regionCode={VILLAGE} snapshot={SNAPSHOT} settings={SETTINGS} onOpenRecord={noop} onBack={noop} onDone={noop} />,
      'en',
    );
    fireEvent.click(await screen.findByTestId('tab-finance-entry'));
    const rows = await screen.findAllByTestId('board-row');

    expect(within(rows[1]!).getByTestId('board-row-amount').textContent).toBe('Expenditure −123.46 yuan');
    expect(rows[0]!.textContent).toContain('5 March 2024');
  });
});

describe('FinanceScreen', () => {
  it('draws twelve months and writes the totals', async () => {
    renderWithI18n(<FinanceScreen api={testApi()} regionCode={VILLAGE} snapshot={SNAPSHOT} onShowFlagged={noop} />);

    const chart = await screen.findByTestId('finance-chart');
    expect(within(chart).getAllByTestId('chart-month')).toHaveLength(12);
    expect(chart.textContent).toContain('单位：万元');

    const totals = screen.getByTestId('finance-totals').textContent;
    expect(totals).toContain('收入 +2,500,000.00 元');
    expect(totals).toContain('支出 −1,800,000.00 元');
    expect(totals).toContain('结余 700,000.00 元');
  });

  it('tables each direction by category', async () => {
    renderWithI18n(<FinanceScreen api={testApi()} regionCode={VILLAGE} snapshot={SNAPSHOT} onShowFlagged={noop} />);

    const income = await screen.findByTestId('income-categories');
    expect(within(income).getAllByRole('row')).toHaveLength(3);
    expect(income.textContent).toContain('集体经营收入2,000,000.00 元80.0%');

    const expenditure = screen.getByTestId('expenditure-categories');
    expect(expenditure.textContent).toContain('办公费1,800,000.00 元100.0%');
  });

  it('counts large entries', async () => {
    const years: number[] = [];
    renderWithI18n(<FinanceScreen api={testApi()} regionCode={VILLAGE} snapshot={SNAPSHOT} onShowFlagged={(year) => years.push(year)} />);

    expect((await screen.findByTestId('flag-summary')).textContent).toContain('超过 50,000.00 元的大额收支：7 笔');
    fireEvent.click(screen.getByTestId('show-flagged'));
    expect(years).toEqual([2024]);
  });
});

describe('RecordDetailScreen', () => {
  const project: RecordDetail = {
    kind: 'project',
    id: 'P1',
    name: '张家坪村通组公路硬化',
    regionCode: VILLAGE,
    regionName: '张家坪村',
    category: '基础设施',
    year: 2024,
    fundingSource: '衔接推进乡村振兴补助资金',
    fundingAmountFen: 120_000_000,
    budgetAmountFen: 118_000_000,
    procurementMethod: '公开招标',
    tenderStartDate: '2024-02-01',
    numberOfTenderers: 4,
    awardDate: '2024-03-05',
    supplierName: '湘西路桥有限公司',
    awardValueFen: 110_000_000,
    contractDateSigned: null,
    contractValueFen: null,
    contractStartDate: null,
    contractEndDate: null,
    qualityStandard: null,
    plannedStartDate: '2024-04-01',
    plannedEndDate: '2024-10-31',
    acceptanceResult: null,
    acceptanceDate: null,
    responsibleUnit: '县交通运输局',
    contactName: null,
    progress: [
      { reportDate: '2024-05-01', stage: '路基施工', progressPercent: 40, amountPaidFen: 30_000_000, description: '完成路基 2 公里', photoFile: null },
    ],
    source: SOURCE,
  };

  const notice: RecordDetail = {
    kind: 'notice',
    id: 'N1',
    regionCode: VILLAGE,
    regionName: '张家坪村',
    board: '村务公开',
    category: '财务公开',
    title: '2024 年第一季度财务公开',
    issuer: '张家坪村村民委员会',
    issuedOn: '2024-04-10',
    bodyFormat: 'markdown',
    body: '## 收入\n\n- **集体经营收入** 2 万元\n\n<script>alert(1)</script>',
    attachments: [{ fileName: 'notice-1.pdf', title: '第一季度收支明细表', bytes: 1_258_291 }],
    source: { department: '张家坪村村民委员会', publishedOn: '2024-04-10' },
  };

  it('labels every project field and its progress', async () => {
    renderWithI18n(
      <RecordDetailScreen api={testApi({ records: { 'project:P1': project } })} kind="project" id="P1" snapshot={SNAPSHOT} onBack={noop} onDone={noop} />,
    );

    const fields = await screen.findByTestId('detail-fields');
    expect(fields.querySelectorAll('dt')).toHaveLength(24);
    expect(fields.textContent).toContain('中标日期2024年3月5日');
    expect(fields.textContent).toContain('中标金额1,100,000.00 元');
    expect(fields.textContent).toContain('联系人无');

    const progress = screen.getByTestId('progress-list');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('40');
    expect(progress.textContent).toContain('已完成 40%');
    expect(screen.getByTestId('source-line').textContent).toContain('来源：县财政局 · 发布于 2024年5月6日');
  });

  it('renders a notice body and attachments', async () => {
    const api = testApi({ records: { 'notice:N1': notice } });
    const { container } = renderWithI18n(
      <RecordDetailScreen api={api} kind="notice" id="N1" snapshot={SNAPSHOT} onBack={noop} onDone={noop} />,
    );

    const body = await screen.findByTestId('record-body');
    expect(body.querySelector('h4')?.textContent).toBe('收入');
    expect(body.querySelector('strong')?.textContent).toBe('集体经营收入');
    expect(container.querySelector('script')).toBeNull();

    const attachments = screen.getByTestId('attachments');
    expect(attachments.textContent).toContain('第一季度收支明细表');
    expect(within(attachments).getByText('1.2 MB')).toBeTruthy();
    expect(api.documentRequests).not.toContain('notice-1.pdf');
  });

  it('says so when the record is gone', async () => {
    renderWithI18n(<RecordDetailScreen api={testApi()} kind="notice" id="missing" snapshot={SNAPSHOT} onBack={noop} onDone={noop} />);

    expect((await screen.findByTestId('record-missing')).textContent).toContain('没有找到这条记录');
  });

  it('calls back and done', async () => {
    const calls: string[] = [];
    renderWithI18n(
      <RecordDetailScreen
        api={testApi()}
        kind="notice"
        id="missing"
        snapshot={SNAPSHOT}
        onBack={() => calls.push('back')}
        onDone={() => calls.push('done')}
      />,
    );
    await screen.findByTestId('record-missing');

    await act(async () => {
      fireEvent.click(screen.getByText('返回'));
      fireEvent.click(screen.getByText('完成'));
    });
    expect(calls).toEqual(['back', 'done']);
  });
});

describe('SourceLine', () => {
  it('names an unknown publisher in words', () => {
    renderWithI18n(<SourceLine sources={[]} snapshot={SNAPSHOT} />);

    expect(screen.getByTestId('source-line').textContent).toBe('来源：暂无发布单位数据截至 2024年6月30日');
  });
});

describe('formatDate', () => {
  it('formats data dates', () => {
    expect(formatDate('2024-03-05', 'zh-CN')).toBe('2024年3月5日');
    expect(formatDate('2024-03', 'zh-CN')).toBe('2024年3月');
    expect(formatDate('2024', 'zh-CN')).toBe('2024年');
    expect(formatDate('2024-03-05', 'en')).toBe('5 March 2024');
    expect(formatDate('2024-13-01', 'zh-CN')).toBe('2024-13-01');
    expect(formatDate('不详', 'zh-CN')).toBe('不详');
  });
});

describe('chartScale', () => {
  it('uses yuan below 10,000 yuan', () => {
    expect(chartScale(345_600)).toEqual({ unit: 'yuan', unitFen: 100, maxFen: 400_000, ticks: [0, 1_000, 2_000, 3_000, 4_000] });
  });

  it('uses 万元 from 10,000 yuan', () => {
    const scale = chartScale(150_000_000);
    expect(scale.unit).toBe('wanYuan');
    expect(scale.ticks).toEqual([0, 50, 100, 150]);
    expect(scale.maxFen).toBe(150_000_000);
  });

  it('draws an empty year', () => {
    expect(chartScale(0).ticks.at(-1)).toBeGreaterThan(0);
  });
});
