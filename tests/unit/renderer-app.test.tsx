// @vitest-environment happy-dom
// The App against an in-memory KioskApi: keypad taps, feedback, search, result and wipe.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { KioskApi, LookupResult } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { checkedKioskApi, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';

const FIRST17 = '43012419580312010';
const VALID = FIRST17 + computeCheckCharacter(FIRST17);
const OTHER_FIRST17 = '43012419620725011';
const OTHER = OTHER_FIRST17 + computeCheckCharacter(OTHER_FIRST17);

function memoryApi(): KioskApi & { lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    getSettings: async () => ({ terminalName: 'test', defaultLanguage: 'zh-CN', idleTimeoutSeconds: 60, idleWarningSeconds: 10 }),
    getSnapshotInfo: async () => ({
      version: 1,
      regionCode: '430124',
      regionName: '宁乡市',
      createdAt: '2025-07-01T00:00:00Z',
      dataAsOf: '2025-06-30',
      householdCount: 1,
    }),
    lookupHousehold: async (idNumber: string): Promise<LookupResult> => {
      lookups.push(idNumber);
      if (idNumber !== VALID) return { status: 'not-found' };
      return {
        status: 'found',
        household: {
          villageCode: '430124101201',
          villageName: '示例村',
          townshipName: '示例镇',
          countyName: '宁乡市',
          members: [
            { maskedName: '王*丰', relation: '户主', isQueried: true },
            { maskedName: '李*', relation: '配偶', isQueried: false },
          ],
          payments: [],
          totalFen: 0,
        },
      };
    },
  };
}

async function renderApp(api: KioskApi = memoryApi()) {
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <App api={api} />
    </I18nextProvider>,
  );
  await screen.findByText('查询范围：宁乡市');
}

function tap(keys: string) {
  for (const key of keys) {
    fireEvent.click(document.querySelector(`[data-key="${key}"]`)!);
  }
}

function searchButton(): HTMLButtonElement {
  return document.querySelector('[data-key="search"]')!;
}

afterEach(cleanup);

describe('kiosk App', () => {
  it('shows typed digits grouped 6-8-4', async () => {
    await renderApp();
    tap('4301241958');
    expect(screen.getByTestId('id-display').textContent).toBe('4301241958');
    expect(document.querySelectorAll('.id-group')).toHaveLength(2);
  });

  it('keeps search disabled for a wrong check character', async () => {
    await renderApp();
    tap(FIRST17 + (VALID.endsWith('1') ? '2' : '1'));
    expect(screen.getByTestId('id-feedback').textContent).toContain('校验位不正确，请核对最后一位');
    expect(searchButton().disabled).toBe(true);
  });

  it('enables search for a valid number', async () => {
    await renderApp();
    tap(VALID);
    expect(screen.getByTestId('id-feedback').textContent).toContain('号码格式正确');
    expect(searchButton().disabled).toBe(false);
  });

  it('shows the household and marks the queried person', async () => {
    const api = memoryApi();
    await renderApp(api);
    tap(VALID);
    fireEvent.click(searchButton());

    await screen.findByTestId('grand-total');
    expect(api.lookups).toEqual([VALID]);
    expect(screen.getByTestId('household-address').textContent).toBe('宁乡市 示例镇 示例村');
    expect(screen.getByTestId('members').textContent).toContain('王*丰户主★ 本人');
    expect(screen.getByTestId('grand-total').textContent).toBe('0.00 元');
  });

  it('wipes the number on done', async () => {
    await renderApp();
    tap(VALID);
    fireEvent.click(searchButton());
    fireEvent.click(await screen.findByText('完成'));

    await screen.findByTestId('id-display');
    expect(screen.getByTestId('id-display').textContent).toBe('');
  });

  it('keeps the number on back from not found', async () => {
    await renderApp();
    tap(OTHER);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');
    fireEvent.click(screen.getByText('返回'));

    expect((await screen.findByTestId('id-display')).textContent).toBe(OTHER);
  });

  it('switches to English', async () => {
    await renderApp();
    fireEvent.click(screen.getByText('English'));
    expect(await screen.findByText('Livelihood Fund Lookup')).toBeTruthy();
    expect(searchButton().textContent).toBe('Search');
  });

  it('shows the no-data state and keeps search disabled', async () => {
    const api = memoryApi();
    api.getSnapshotInfo = async () => null;
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <App api={api} />
      </I18nextProvider>,
    );
    expect(await screen.findByText('本机还没有安装数据，暂时不能查询。请联系工作人员。')).toBeTruthy();
    tap(VALID);
    expect(searchButton().disabled).toBe(true);
  });

  it('shows service unavailable when the host fails', async () => {
    const api = memoryApi();
    api.getSettings = async () => {
      throw new Error('connection refused');
    };
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <App api={checkedKioskApi(api)} />
      </I18nextProvider>,
    );
    expect(await screen.findByText('服务暂时不可用')).toBeTruthy();
  });
});

describe('checked KioskApi', () => {
  it('rejects a lookup result of the wrong shape', async () => {
    const api = memoryApi();
    api.lookupHousehold = async () => ({ status: 'found' }) as unknown as LookupResult;
    await expect(checkedKioskApi(api).lookupHousehold(VALID)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('passes a null snapshot through', async () => {
    const api = memoryApi();
    api.getSnapshotInfo = async () => null;
    expect(await checkedKioskApi(api).getSnapshotInfo()).toBeNull();
  });
});
