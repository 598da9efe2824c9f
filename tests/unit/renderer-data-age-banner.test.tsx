// @vitest-environment happy-dom
// The expired-data banner alone and inside the App: when it shows, its text in both
// languages, and that the screens under it keep working.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { KioskApi, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { DataAgeBanner } from '../../src-renderer/components/DataAgeBanner.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { memoryKioskApi, SETTINGS } from '../helpers/memory-kiosk-api.js';

const FIRST17 = '43012419580312010';
const VALID = FIRST17 + computeCheckCharacter(FIRST17);
const UNKNOWN_FIRST17 = '43012419620725011';
const UNKNOWN = UNKNOWN_FIRST17 + computeCheckCharacter(UNKNOWN_FIRST17);

const EXPIRED: SnapshotInfo = {
  version: 3,
  regionCode: '430124',
  regionName: '宁乡市',
  createdAt: '2025-05-01T00:00:00Z',
  dataAsOf: '2025-04-30',
  householdCount: 1,
  expiresAt: '2025-05-31T00:00:00Z',
  expired: true,
  ageDays: 40,
};

const FRESH: SnapshotInfo = { ...EXPIRED, expired: false, ageDays: 3 };

function renderBanner(snapshot: SnapshotInfo | null, language: 'zh-CN' | 'en' = 'zh-CN') {
  render(
    <I18nextProvider i18n={createRendererI18n(language)}>
      <DataAgeBanner snapshot={snapshot} />
    </I18nextProvider>,
  );
}

function bannerText(): string {
  return screen.getByTestId('data-age-banner').textContent ?? '';
}

function memoryApi(snapshots: SnapshotInfo[]): KioskApi {
  let calls = 0;
  return {
    ...memoryKioskApi(),
    getSettings: async () => SETTINGS,
    // Each call returns the next snapshot, and the last one from then on.
    getSnapshotInfo: async () => snapshots[Math.min(calls++, snapshots.length - 1)]!,
    lookupHousehold: async (idNumber: string): Promise<LookupResult> => {
      if (idNumber !== VALID) return { status: 'not-found' };
      return {
        status: 'found',
        household: {
          villageCode: '430124101201',
          villageName: '示例村',
          townshipName: '示例镇',
          countyName: '宁乡市',
          members: [{ maskedName: '王*丰', relation: '户主', isQueried: true }],
          payments: [],
          totalFen: 0,
        },
      };
    },
  };
}

async function renderApp(api: KioskApi) {
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <App api={api} />
    </I18nextProvider>,
  );
  await screen.findByText('当前地区：宁乡市');
  openLookup();
}

function openLookup() {
  fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
}

function tap(keys: string) {
  for (const key of keys) fireEvent.click(document.querySelector(`[data-key="${key}"]`)!);
}

function searchButton(): HTMLButtonElement {
  return document.querySelector('[data-key="search"]')!;
}

afterEach(() => {
  cleanup();
});

describe('DataAgeBanner', () => {
  it('stays hidden for fresh data', () => {
    renderBanner(FRESH);
    expect(screen.queryByTestId('data-age-banner')).toBeNull();
  });

  it('stays hidden without data', () => {
    renderBanner(null);
    expect(screen.queryByTestId('data-age-banner')).toBeNull();
  });

  it('gives age and date in Chinese', () => {
    renderBanner(EXPIRED);
    expect(bannerText()).toContain('数据已 40 天未更新，可能不是最新。');
    expect(bannerText()).toContain('数据截至 2025-04-30。');
  });

  it('gives age and date in English', () => {
    renderBanner(EXPIRED, 'en');
    expect(bannerText()).toContain('Data is 40 days old and may be out of date.');
    expect(bannerText()).toContain('Data as of 2025-04-30.');
  });

  it('uses the singular for one day', () => {
    renderBanner({ ...EXPIRED, ageDays: 1 }, 'en');
    expect(bannerText()).toContain('Data is 1 day old and may be out of date.');
  });

  it('gives no number for age zero', () => {
    renderBanner({ ...EXPIRED, ageDays: 0 });
    expect(bannerText()).toContain('数据已过有效期，可能不是最新。');
    expect(bannerText()).not.toMatch(/\d+ 天/);
  });

  it('marks the warning with a sign', () => {
    renderBanner(EXPIRED);
    const banner = screen.getByTestId('data-age-banner');
    const sign = banner.querySelector('.data-age-icon');
    expect(sign?.textContent).toBe('⚠');
    expect(sign?.getAttribute('aria-hidden')).toBe('true');
    expect(banner.getAttribute('role')).toBe('status');
  });

  it('has no buttons or links', () => {
    renderBanner(EXPIRED);
    expect(screen.getByTestId('data-age-banner').querySelectorAll('button, a, input')).toHaveLength(0);
  });
});

describe('DataAgeBanner in the App', () => {
  it('sits between top bar and screen', async () => {
    await renderApp(memoryApi([EXPIRED]));
    const banner = screen.getByTestId('data-age-banner');
    expect(banner.parentElement?.className).toBe('app');
    expect(banner.previousElementSibling?.tagName).toBe('HEADER');
    // The screen on top of the view stack sits in a layer of its own.
    expect(banner.nextElementSibling?.className).toBe('view-layer');
    expect(banner.nextElementSibling?.firstElementChild?.className).toBe('home lookup');
    expect(banner.contains(document.querySelector('.keypad'))).toBe(false);
  });

  it('leaves the keypad usable', async () => {
    await renderApp(memoryApi([EXPIRED]));
    tap(VALID);
    expect(screen.getByTestId('id-display').textContent).toBe(VALID);
    expect(searchButton().disabled).toBe(false);

    fireEvent.click(searchButton());
    expect(await screen.findByTestId('grand-total')).toBeTruthy();
  });

  it('shows on the result screen', async () => {
    await renderApp(memoryApi([EXPIRED]));
    tap(VALID);
    fireEvent.click(searchButton());
    await screen.findByTestId('grand-total');
    expect(bannerText()).toContain('数据已 40 天未更新');
  });

  it('shows on the message screen', async () => {
    await renderApp(memoryApi([EXPIRED]));
    tap(UNKNOWN);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');
    expect(bannerText()).toContain('数据已 40 天未更新');
  });

  it('follows the language switch', async () => {
    await renderApp(memoryApi([EXPIRED]));
    fireEvent.click(screen.getByText('English'));
    expect(bannerText()).toContain('Data is 40 days old and may be out of date.');
  });

  it('disappears once fresh data is installed', async () => {
    await renderApp(memoryApi([EXPIRED, FRESH]));
    expect(screen.getByTestId('data-age-banner')).toBeTruthy();

    // "Done" starts a new session and requests the snapshot again, as after a sync.
    tap(UNKNOWN);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');
    fireEvent.click(screen.getByText('完成'));
    await screen.findByText('当前地区：宁乡市');
    await waitFor(() => expect(screen.queryByTestId('data-age-banner')).toBeNull());
  });
});
