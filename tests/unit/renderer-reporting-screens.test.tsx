// @vitest-environment happy-dom
// The reporting screens inside the App against an in-memory KioskApi: the home tiles, a
// payment's QR panel, the 一键举报 flow from a record and from home, a failed submit, and 查进度.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { formatCaseNumber, luhnCheckDigit } from '../../src-shared/case-number.js';
import type { KioskSettings, LookupResult } from '../../src-shared/kiosk-api.js';
import { buildReportUrl } from '../../src-shared/report-url.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import { RequestRejectedError, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { RecordDetailScreen } from '../../src-renderer/boards/RecordDetailScreen.js';
import { PaymentScreen } from '../../src-renderer/reporting/PaymentScreen.js';
import { qrDataUrl } from '../../src-renderer/reporting/QrCode.js';
import { ReportFlowScreen } from '../../src-renderer/reporting/ReportFlowScreen.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { FILED_CASE_NUMBER, memoryKioskApi, SETTINGS, SNAPSHOT, VALID_ID } from '../helpers/memory-kiosk-api.js';
import type { MemoryKioskApi } from '../helpers/memory-kiosk-api.js';
import { renderHome, shownLayer } from '../helpers/render-app.js';

const REPORTING: KioskSettings['reporting'] = { reportUrl: 'https://jubao.example.cn/report?county=430124', trackUrl: null, canFile: true };

afterEach(() => {
  cleanup();
});

/** Creates a memory API whose terminal takes reports and whose household has one payment. */
function reportingApi(reporting: KioskSettings['reporting'] = REPORTING): MemoryKioskApi {
  const api = memoryKioskApi();
  const lookup = api.lookupHousehold;
  api.getSettings = async () => ({ ...SETTINGS, reporting });
  api.lookupHousehold = async (idNumber): Promise<LookupResult> => {
    const result = await lookup(idNumber);
    if (result.status !== 'found') return result;
    const payment = {
      paymentId: 'P2025000123',
      itemCode: 'GDDL',
      itemName: '耕地地力保护补贴',
      department: '宁乡市农业农村局',
      policyBasis: '湘财农〔2025〕1号',
      recipientMaskedName: '王*丰',
      amountFen: 12_340,
      paidOn: '2025-05-20',
      period: '2025',
    };
    return { status: 'found', household: { ...result.household, payments: [payment], totalFen: payment.amountFen } };
  };
  return api;
}

function tapButton(name: RegExp | string) {
  fireEvent.click(within(shownLayer()).getByRole('button', { name }));
}

function tapKeys(digits: string) {
  for (const digit of digits) fireEvent.click(shownLayer().querySelector(`[data-key="${digit}"]`)!);
}

function renderWithI18n(element: ReactElement) {
  return render(<I18nextProvider i18n={createRendererI18n()}>{element}</I18nextProvider>);
}

const noop = () => undefined;

/**
 * Renders a payment's screen, whose 一键举报 opens the flow in its place as the App does. The
 * App's result list is virtualised and draws no rows in happy-dom, so the row tap is left to
 * the end-to-end tests.
 */
async function openPayment(api: MemoryKioskApi) {
  const settings = await api.getSettings();
  const result = await api.lookupHousehold(VALID_ID);
  if (result.status !== 'found') throw new Error('the memory API found no household');
  const household = result.household;

  function Harness() {
    const [record, setRecord] = useState<ReportedRecord | null>(null);
    if (record === null) {
      return <PaymentScreen household={household} payment={household.payments[0]!} settings={settings} onReport={setRecord} onBack={noop} onDone={noop} />;
    }
    return <ReportFlowScreen api={api} settings={settings} record={record} regionCode="430124" onExit={noop} onDone={noop} />;
  }

  renderWithI18n(
    <div className="view-layer">
      <Harness />
    </div>,
  );
  await screen.findByTestId('payment-screen');
}

describe('home tiles', () => {
  it('adds report and progress tiles', async () => {
    await renderHome(reportingApi());
    const tiles = [...document.querySelectorAll<HTMLButtonElement>('[data-tile]')].map((tile) => tile.dataset.tile);
    expect(tiles).toContain('report');
    expect(tiles).toContain('case-status');
    expect(screen.getByText('我要举报')).toBeTruthy();
  });

  it('hides report without a commission key', async () => {
    await renderHome(reportingApi({ ...REPORTING!, canFile: false }));
    expect(document.querySelector('[data-tile="report"]')).toBeNull();
    expect(document.querySelector('[data-tile="case-status"]')).not.toBeNull();
  });

  it('hides both without reporting', async () => {
    await renderHome(reportingApi(null));
    expect(document.querySelector('[data-tile="report"]')).toBeNull();
    expect(document.querySelector('[data-tile="case-status"]')).toBeNull();
  });
});

describe('payment screen', () => {
  it('shows the QR code of the payment', async () => {
    await openPayment(reportingApi());
    const image = await within(shownLayer()).findByRole('img');
    const expected = buildReportUrl(REPORTING!.reportUrl, { kind: 'payment', id: 'P2025000123', regionCode: '430124101201' }, SETTINGS.terminalId);
    expect(image.getAttribute('src')).toBe(await qrDataUrl(expected));
    expect(screen.getByText('有疑问？扫码举报')).toBeTruthy();
  });

  it('shows no QR code without reporting', async () => {
    await openPayment(reportingApi(null));
    expect(screen.queryByTestId('report-qr-panel')).toBeNull();
  });

  it('files a report about the payment', async () => {
    const api = reportingApi();
    await openPayment(api);
    fireEvent.click(screen.getByTestId('report-button'));

    expect(within(shownLayer()).getByTestId('report-progress').textContent).toBe('第 1 步，共 5 步');
    fireEvent.click(shownLayer().querySelector('[data-category="payment-wrong"]')!);
    expect(within(shownLayer()).getByText('耕地地力保护补贴 2025 123.40 元')).toBeTruthy();
    fireEvent.click(shownLayer().querySelector('[data-about-record="true"]')!);

    fireEvent.click(shownLayer().querySelector('[data-phrase="amountWrong"]')!);
    fireEvent.click(shownLayer().querySelector('[data-phrase="notReceived"]')!);
    fireEvent.click(screen.getByTestId('report-next'));

    tapKeys('1');
    expect(screen.getByTestId('phone-feedback').textContent).not.toContain('⚠');
    tapKeys('380013800');
    expect(screen.getByTestId('phone-feedback').textContent).not.toContain('⚠');
    fireEvent.click(screen.getByTestId('report-next'));
    expect(screen.getByTestId('report-flow').dataset.step).toBe('phone');
    expect(screen.getByTestId('phone-feedback').textContent).toContain('手机号应为 11 位，您输入了 10 位');
    tapKeys('0');
    fireEvent.click(screen.getByTestId('report-next'));

    expect(screen.getByText('138****8000')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('report-submit').disabled).toBe(true);
    expect(screen.getByTestId('report-submit-hint').textContent).toBe('要提交，请先在上面的方框里打勾。');
    fireEvent.click(screen.getByTestId('report-consent'));
    expect(screen.queryByTestId('report-submit-hint')).toBeNull();
    fireEvent.click(screen.getByTestId('report-submit'));

    expect((await screen.findByTestId('case-number')).textContent).toBe(formatCaseNumber(FILED_CASE_NUMBER));
    expect(within(shownLayer()).queryByRole('button', { name: /返回/ })).toBeNull();
    expect(within(shownLayer()).getByRole('button', { name: /完成/ })).toBeTruthy();
    expect(api.drafts).toEqual([
      {
        category: 'payment-wrong',
        record: { kind: 'payment', id: 'P2025000123', regionCode: '430124101201', label: '耕地地力保护补贴 2025 123.40 元' },
        regionCode: '430124101201',
        text: '金额不对，没有收到',
        phone: '13800138000',
        consent: true,
        language: 'zh-CN',
      },
    ]);
  });
});

describe('report from home', () => {
  async function reachReview(api: MemoryKioskApi) {
    await renderHome(api);
    fireEvent.click(document.querySelector('[data-tile="report"]')!);
    expect(screen.getByTestId('report-progress').textContent).toBe('第 1 步，共 4 步');
    fireEvent.click(shownLayer().querySelector('[data-category="conduct"]')!);
    expect(screen.getByTestId('report-flow').dataset.step).toBe('text');
    expect(screen.getByTestId('report-progress').textContent).toBe('第 2 步，共 4 步');
    fireEvent.click(shownLayer().querySelector('[data-phrase="askedForMoney"]')!);
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-consent'));
  }

  it('keeps the draft when storage fails', async () => {
    const api = reportingApi();
    const file = api.fileReport;
    let failures = 1;
    api.fileReport = async (draft) => {
      if (failures-- > 0) return { status: 'storage-failed' };
      return file(draft);
    };
    await reachReview(api);

    fireEvent.click(screen.getByTestId('report-submit'));
    expect((await screen.findByTestId('report-problem')).textContent).toContain('举报没有保存成功');
    expect(within(screen.getByTestId('report-fields')).getByText('有人索要好处')).toBeTruthy();

    fireEvent.click(screen.getByTestId('report-submit'));
    await screen.findByTestId('report-receipt');
    expect(api.drafts[0]?.record).toBeNull();
    expect(api.drafts[0]?.regionCode).toBe('430124');
  });

  it('names a draft the host rejects', async () => {
    const api = reportingApi();
    const file = api.fileReport;
    let rejections = 1;
    api.fileReport = async (draft) => {
      if (rejections-- > 0) throw new RequestRejectedError('fileReport', new Error('HTTP 400 from /api/reports/file'));
      return file(draft);
    };
    await reachReview(api);

    fireEvent.click(screen.getByTestId('report-submit'));
    const problem = await screen.findByTestId('report-problem');
    expect(problem.dataset.problem).toBe('rejected');
    expect(problem.textContent).toContain('举报没有提交成功');
    expect(problem.textContent).toContain('检查反映的情况和联系电话');
    expect(within(screen.getByTestId('report-fields')).getByText('有人索要好处')).toBeTruthy();

    // Back from the review step leads to what the villager typed, unchanged.
    tapButton(/返回/);
    expect(screen.getByTestId('report-flow').dataset.step).toBe('phone');
    tapButton(/返回/);
    expect(screen.getByTestId('report-flow').dataset.step).toBe('text');
    expect(screen.getByTestId('keyboard-text').textContent).toContain('有人索要好处');

    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-submit'));
    await screen.findByTestId('report-receipt');
    expect(api.drafts).toHaveLength(1);
  });

  it('names an unavailable service apart from a rejection', async () => {
    const api = reportingApi();
    api.fileReport = async () => {
      throw new ServiceUnavailableError('fileReport', new Error('HTTP 503 from /api/reports/file'));
    };
    await reachReview(api);

    fireEvent.click(screen.getByTestId('report-submit'));
    expect((await screen.findByTestId('report-problem')).dataset.problem).toBe('unavailable');
  });

  it('files once on three quick clicks', async () => {
    const api = reportingApi();
    await reachReview(api);

    // Three clicks in one task: React renders only after all three, so the button is still enabled.
    const submit = screen.getByTestId('report-submit');
    act(() => {
      submit.click();
      submit.click();
      submit.click();
    });

    await screen.findByTestId('report-receipt');
    expect(api.drafts).toHaveLength(1);
  });

  it('keeps consent in view of a long text', async () => {
    await renderHome(reportingApi());
    fireEvent.click(document.querySelector('[data-tile="report"]')!);
    fireEvent.click(shownLayer().querySelector('[data-category="conduct"]')!);
    for (let i = 0; i < 40; i += 1) fireEvent.click(shownLayer().querySelector('[data-phrase="askedForMoney"]')!);
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-next'));

    // The text sits in its own box, which the stylesheet bounds and scrolls.
    expect(screen.getByTestId('review-text').classList).toContain('report-review-text');
    expect(screen.getByTestId('report-consent')).toBeTruthy();
  });

  it('shows when the terminal takes no reports', async () => {
    const api = reportingApi();
    api.fileReport = async () => ({ status: 'not-configured' });
    await reachReview(api);

    fireEvent.click(screen.getByTestId('report-submit'));
    expect((await screen.findByTestId('report-problem')).dataset.problem).toBe('not-configured');
    expect(screen.getByTestId<HTMLButtonElement>('report-submit').disabled).toBe(false);
  });

  it('leaves the flow from the first step', async () => {
    await renderHome(reportingApi());
    fireEvent.click(document.querySelector('[data-tile="report"]')!);
    tapButton(/返回/);
    await waitFor(() => expect(shownLayer().dataset.view).toBe('home'));
  });
});

describe('case progress', () => {
  async function openProgress() {
    await renderHome(reportingApi());
    fireEvent.click(document.querySelector('[data-tile="case-status"]')!);
    await screen.findByTestId('case-status');
  }

  it('names a short number', async () => {
    await openProgress();
    tapKeys('250701333333');
    expect(screen.getByTestId('case-input').textContent).toBe('2507 0133 3333');
    fireEvent.click(shownLayer().querySelector('[data-key="action"]')!);
    expect(screen.getByTestId('case-problem').textContent).toContain('编号应为 14 位数字，您输入了 12 位');
  });

  it('shows the stage of a known case', async () => {
    await openProgress();
    tapKeys(FILED_CASE_NUMBER);
    fireEvent.click(shownLayer().querySelector('[data-key="action"]')!);
    const found = await screen.findByTestId('case-found');
    expect(found.dataset.stage).toBe('investigating');
    expect(within(found).getByText('调查核实中')).toBeTruthy();
    expect(within(found).getByText('宁乡市纪委监委')).toBeTruthy();
  });

  it('shows a new case is not in the data yet', async () => {
    await openProgress();
    const other = FILED_CASE_NUMBER.slice(0, 6) + '4444444';
    tapKeys(other + String(luhnCheckDigit(other)));
    fireEvent.click(shownLayer().querySelector('[data-key="action"]')!);
    const notYet = (await screen.findByTestId('case-not-yet')).textContent;
    expect(notYet).toContain('2025-06-30');
    expect(notYet).toContain('本机数据里没有编号');
    expect(notYet).toContain('核对编号');
    expect(notYet).not.toContain('登记');
  });
});

describe('record detail', () => {
  it('encodes the record in the QR code', async () => {
    const api = reportingApi();
    const reported: ReportedRecord[] = [];
    renderWithI18n(
      <RecordDetailScreen api={api} kind="notice" id="notice-3" snapshot={SNAPSHOT} settings={{ ...SETTINGS, reporting: REPORTING }} onReport={(record) => reported.push(record)} onBack={noop} onDone={noop} />,
    );

    const image = await within(await screen.findByTestId('report-qr-panel')).findByRole('img');
    const detail = await api.getRecord({ kind: 'notice', id: 'notice-3' });
    const expected = buildReportUrl(REPORTING!.reportUrl, { kind: 'notice', id: 'notice-3', regionCode: detail!.regionCode }, SETTINGS.terminalId);
    expect(image.getAttribute('src')).toBe(await qrDataUrl(expected));

    fireEvent.click(screen.getByTestId('report-button'));
    expect(reported).toEqual([{ kind: 'notice', id: 'notice-3', regionCode: detail!.regionCode, label: detail!.kind === 'notice' ? detail!.title : '' }]);
  });

  it('offers only the QR code without a commission key', async () => {
    renderWithI18n(
      <RecordDetailScreen api={reportingApi()} kind="notice" id="notice-3" snapshot={SNAPSHOT} settings={{ ...SETTINGS, reporting: { ...REPORTING!, canFile: false } }} onReport={noop} onBack={noop} onDone={noop} />,
    );
    await screen.findByTestId('report-qr-panel');
    expect(screen.queryByTestId('report-button')).toBeNull();
  });
});
