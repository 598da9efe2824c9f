// @vitest-environment happy-dom
// The back button ignores the second tap of a double tap, and the idle warning names what the
// reset clears: a report draft, a looked-up household, a typed number or nothing typed.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Household, KioskSettings, Payment } from '../../src-shared/kiosk-api.js';
import { BackButton } from '../../src-renderer/components/BackDoneButtons.js';
import { idleLoss, IdleWarning } from '../../src-renderer/components/IdleWarning.js';
import type { IdleLoss } from '../../src-renderer/components/IdleWarning.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import type { KioskView } from '../../src-renderer/navigation/views.js';
import { memoryKioskApi, SETTINGS, VALID_ID } from '../helpers/memory-kiosk-api.js';
import { renderHome } from '../helpers/render-app.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderInChinese(node: ReactNode) {
  return render(<I18nextProvider i18n={createRendererI18n('zh-CN')}>{node}</I18nextProvider>);
}

describe('BackButton', () => {
  it('goes back once for a double tap', () => {
    let backs = 0;
    renderInChinese(<BackButton onBack={() => (backs += 1)} />);
    const button = screen.getByRole('button');

    fireEvent.click(button, { detail: 1 });
    fireEvent.click(button, { detail: 2 });
    expect(backs).toBe(1);
  });

  it('goes back on each of two separate taps', () => {
    let backs = 0;
    renderInChinese(<BackButton onBack={() => (backs += 1)} />);
    const button = screen.getByRole('button');

    fireEvent.click(button, { detail: 1 });
    fireEvent.click(button, { detail: 1 });
    expect(backs).toBe(2);
  });
});

describe('IdleWarning', () => {
  const cases: { clears: IdleLoss; zh: string; en: string }[] = [
    { clears: 'report', zh: '举报', en: 'report' },
    { clears: 'household', zh: '您家信息', en: 'household' },
    { clears: 'number', zh: '号码', en: 'number' },
    { clears: 'browsing', zh: '查看的内容', en: 'looked at' },
  ];

  for (const { clears, zh, en } of cases) {
    it(`names the ${clears} it clears`, () => {
      const { unmount } = renderInChinese(<IdleWarning secondsLeft={6} clears={clears} onMoreTime={() => undefined} />);
      const chinese = screen.getByTestId('idle-countdown').textContent;
      expect(chinese).toContain('6 秒后将回到首页');
      expect(chinese).toContain(zh);
      unmount();

      render(
        <I18nextProvider i18n={createRendererI18n('en')}>
          <IdleWarning secondsLeft={6} clears={clears} onMoreTime={() => undefined} />
        </I18nextProvider>,
      );
      const english = screen.getByTestId('idle-countdown').textContent;
      expect(english).toContain('In 6 seconds');
      expect(english).toContain(en);
    });
  }

  it('speaks of the typed number on the lookup', () => {
    renderInChinese(<IdleWarning secondsLeft={6} clears="number" onMoreTime={() => undefined} />);
    expect(screen.getByTestId('idle-countdown').textContent).toContain('号码');
  });

  it('speaks of what was looked at on boards and search', () => {
    renderInChinese(<IdleWarning secondsLeft={6} clears="browsing" onMoreTime={() => undefined} />);
    const text = screen.getByTestId('idle-countdown').textContent;
    expect(text).toContain('查看的内容');
    expect(text).not.toContain('号码');
  });
});

describe('idleLoss', () => {
  const household = { villageCode: '430124101201' } as Household;
  const payment = { paymentId: 'P1' } as Payment;
  const home: KioskView = { kind: 'home' };

  it('puts a report draft first', () => {
    const views: KioskView[] = [home, { kind: 'result', household }, { kind: 'payment', household, payment }, { kind: 'report', record: null }];
    expect(idleLoss({ views, idInput: VALID_ID, reportDraftOpen: true })).toBe('report');
  });

  it('names a household under a payment', () => {
    const views: KioskView[] = [home, { kind: 'lookup' }, { kind: 'result', household }, { kind: 'payment', household, payment }];
    expect(idleLoss({ views, idInput: VALID_ID, reportDraftOpen: false })).toBe('household');
  });

  it('names a typed number on a message', () => {
    const views: KioskView[] = [home, { kind: 'lookup' }, { kind: 'message', message: 'not-found' }];
    expect(idleLoss({ views, idInput: '4301', reportDraftOpen: false })).toBe('number');
  });

  it('names nothing for an empty keypad', () => {
    expect(idleLoss({ views: [home, { kind: 'lookup' }], idInput: '', reportDraftOpen: false })).toBe('browsing');
  });
});

describe('App idle warning', () => {
  const REPORTING: KioskSettings['reporting'] = { reportUrl: 'https://jubao.example.cn/report', trackUrl: null, canFile: true };

  async function renderAppWithReporting() {
    const api = memoryKioskApi();
    api.getSettings = async () => ({ ...SETTINGS, reporting: REPORTING });
    await renderHome(api);
    // The idle timer starts with the first view opened, so the fake timers must be in place before.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  }

  /** Runs the fake timers up to the idle warning and returns what it clears. */
  async function warningClears(): Promise<string | undefined> {
    await act(async () => {
      await vi.advanceTimersByTimeAsync((SETTINGS.idleTimeoutSeconds - SETTINGS.idleWarningSeconds) * 1000);
    });
    return screen.getByTestId('idle-countdown').dataset.clears;
  }

  it('names nothing on an empty keypad', async () => {
    await renderAppWithReporting();
    fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
    expect(await warningClears()).toBe('browsing');
    expect(screen.getByTestId('idle-countdown').textContent).not.toContain('号码');
  });

  it('names the typed number', async () => {
    await renderAppWithReporting();
    fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
    fireEvent.click(document.querySelector('[data-key="4"]')!);
    expect(await warningClears()).toBe('number');
  });

  it('names the looked-up household', async () => {
    await renderAppWithReporting();
    fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
    for (const key of VALID_ID) fireEvent.click(document.querySelector(`[data-key="${key}"]`)!);
    fireEvent.click(document.querySelector('[data-key="search"]')!);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByTestId('grand-total')).toBeTruthy();
    expect(await warningClears()).toBe('household');
  });

  it('names the report draft', async () => {
    await renderAppWithReporting();
    fireEvent.click(document.querySelector('[data-tile="report"]')!);
    expect(screen.getByTestId('report-flow')).toBeTruthy();
    expect(await warningClears()).toBe('report');
    expect(screen.getByTestId('idle-countdown').textContent).toContain('举报');
  });

  it('names nothing once the report is filed', async () => {
    await renderAppWithReporting();
    fireEvent.click(document.querySelector('[data-tile="report"]')!);
    fireEvent.click(document.querySelector('[data-category="conduct"]')!);
    fireEvent.click(document.querySelector('[data-phrase="askedForMoney"]')!);
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-next'));
    fireEvent.click(screen.getByTestId('report-consent'));
    fireEvent.click(screen.getByTestId('report-submit'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByTestId('report-receipt')).toBeTruthy();

    expect(await warningClears()).toBe('browsing');
  });
});
