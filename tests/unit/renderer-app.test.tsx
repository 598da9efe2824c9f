// @vitest-environment happy-dom
// The App against an in-memory KioskApi: keypad taps, feedback, search, result and wipe. Home
// is the menu; these tests open the lookup from its first tile.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { KioskApi, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { App, SNAPSHOT_REFRESH_INTERVAL_MS, UNAVAILABLE_RETRY_MS } from '../../src-renderer/App.js';
import { checkedKioskApi, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { memoryKioskApi, SNAPSHOT, VALID_ID as VALID } from '../helpers/memory-kiosk-api.js';
import { renderHome } from '../helpers/render-app.js';

const FIRST17 = VALID.slice(0, 17);
const OTHER_FIRST17 = '43012419620725011';
const OTHER = OTHER_FIRST17 + computeCheckCharacter(OTHER_FIRST17);
// A valid number from Beijing, outside the snapshot's region 430124.
const BEIJING_FIRST17 = '11010519491231002';
const BEIJING = BEIJING_FIRST17 + computeCheckCharacter(BEIJING_FIRST17);

const memoryApi = memoryKioskApi;

function openLookup() {
  fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
}

/** Renders the App, waits for the home menu, and opens the lookup. */
async function renderApp(api: KioskApi = memoryApi()) {
  await renderHome(api);
  openLookup();
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

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderWithoutWaiting(api: KioskApi) {
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <App api={api} />
    </I18nextProvider>,
  );
}

function enabledKeys(): string[] {
  return [...document.querySelectorAll<HTMLButtonElement>('.keypad button')].filter((key) => !key.disabled).map((key) => key.dataset.key!);
}

/** A promise with its resolve function, to hold a lookup in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

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
    expect(screen.getByText('家庭成员（共 3 人）')).toBeTruthy();
    expect(screen.getByTestId('grand-total').textContent).toBe('0.00 元');
  });

  it('wipes the number on done', async () => {
    await renderApp();
    tap(VALID);
    fireEvent.click(searchButton());
    fireEvent.click(await screen.findByText('完成'));

    await screen.findByText('当前地区：宁乡市');
    expect(document.querySelector('[data-testid="id-display"]')).toBeNull();
    openLookup();
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
    expect(await screen.findByText('Livelihood Supervision Kiosk')).toBeTruthy();
    expect(searchButton().textContent).toBe('Search');
  });

  it('shows the no-data state and keeps search disabled', async () => {
    const api = memoryApi();
    api.getSnapshotInfo = async () => null;
    renderWithoutWaiting(api);
    expect(await screen.findByText('本机还没有安装数据，暂时不能查询。请联系工作人员。')).toBeTruthy();
    openLookup();
    expect(screen.getByTestId('id-feedback').textContent).toContain('本机还没有安装数据');
    tap(VALID);
    expect(searchButton().disabled).toBe(true);
  });

  it('locks every key without data', async () => {
    const api = memoryApi();
    api.getSnapshotInfo = async () => null;
    renderWithoutWaiting(api);
    await screen.findByTestId('terminal-name');
    openLookup();

    expect(enabledKeys()).toEqual([]);
    const feedback = screen.getByTestId('id-feedback').textContent!;
    expect(feedback).toContain('暂时不能查询');
    expect(feedback).not.toContain('可以查询');
  });

  it('locks the keypad while a lookup runs', async () => {
    const api = memoryApi();
    const pending = deferred<LookupResult>();
    api.lookupHousehold = (idNumber) => {
      api.lookups.push(idNumber);
      return pending.promise;
    };
    await renderApp(api);
    tap(VALID);
    fireEvent.click(searchButton());

    expect(enabledKeys()).toEqual([]);
    expect(searchButton().textContent).toBe('⏳查询中');
    expect(screen.getByTestId('searching').textContent).toContain('按键暂停使用');

    // Neither the keypad nor a physical keyboard changes the number now.
    fireEvent.click(document.querySelector('[data-key="backspace"]')!);
    fireEvent.click(document.querySelector('[data-key="clear"]')!);
    fireEvent.keyDown(window, { key: 'Backspace' });
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(screen.getByTestId('id-display').textContent).toBe(VALID);
    expect(api.lookups).toEqual([VALID]);

    await act(async () => pending.resolve({ status: 'not-found' }));
    expect(await screen.findByText('没有找到这个号码的记录')).toBeTruthy();
  });

  it('refreshes the snapshot while on home', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const api = memoryApi();
    let installed: SnapshotInfo | null = null;
    api.getSnapshotInfo = async () => installed;
    renderWithoutWaiting(api);
    await screen.findByText('本机还没有安装数据，暂时不能查询。请联系工作人员。');

    // A sync installs a snapshot; the screen follows at the next refresh without a reload.
    installed = SNAPSHOT;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SNAPSHOT_REFRESH_INTERVAL_MS);
    });
    expect(screen.getByTestId('data-info').textContent).toContain('数据截至 2025-06-30');
    openLookup();
    tap(VALID);
    expect(searchButton().disabled).toBe(false);
  });

  it('refreshes the snapshot on back', async () => {
    const api = memoryApi();
    await renderApp(api);
    tap(OTHER);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');

    api.getSnapshotInfo = async () => ({ ...SNAPSHOT, version: 2, dataAsOf: '2025-07-31' });
    fireEvent.click(screen.getByText('返回'));
    expect(await screen.findByText(/数据截至 2025-07-31/)).toBeTruthy();
  });

  it('shows the terminal name on home', async () => {
    renderWithoutWaiting(memoryApi());
    await screen.findByText('当前地区：宁乡市');
    expect(screen.getByTestId('terminal-name').textContent).toBe('本机：test');
  });

  it('searches on Enter only without a focused button', async () => {
    const api = memoryApi();
    await renderApp(api);
    tap(VALID);

    const clear = document.querySelector<HTMLButtonElement>('[data-key="clear"]')!;
    clear.focus();
    fireEvent.keyDown(clear, { key: 'Enter' });
    expect(api.lookups).toEqual([]);

    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(api.lookups).toEqual([VALID]);
  });

  it('shows data as of on the result', async () => {
    await renderApp();
    tap(VALID);
    fireEvent.click(searchButton());
    expect((await screen.findByTestId('result-data-as-of')).textContent).toBe('数据截至 2025-06-30，此后的发放还没有收录。');
  });

  it('translates known relations in English', async () => {
    await renderApp();
    fireEvent.click(screen.getByText('English'));
    tap(VALID);
    fireEvent.click(searchButton());

    const members = await screen.findByTestId('members');
    expect(members.textContent).toContain('Head of household');
    expect(members.textContent).toContain('Spouse');
    expect(members.textContent).not.toContain('户主');
    // An unknown relation is data and is shown as it came.
    expect(members.textContent).toContain('曾孙子女');
  });

  it('names the region for another county', async () => {
    await renderApp();
    tap(BEIJING);
    fireEvent.click(searchButton());

    const hint = await screen.findByTestId('other-region-hint');
    expect(hint.textContent).toContain('本机只有宁乡市的数据');
  });

  it('omits the region hint in the county', async () => {
    await renderApp();
    tap(OTHER);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');
    expect(screen.queryByTestId('other-region-hint')).toBeNull();
  });

  it('keeps the last snapshot when the refresh during a wipe fails', async () => {
    const api = memoryApi();
    await renderApp(api);
    tap(OTHER);
    fireEvent.click(searchButton());
    await screen.findByText('没有找到这个号码的记录');

    // The host restarts just as the session ends: the kiosk stays in service.
    api.getSnapshotInfo = async () => {
      throw new Error('connection refused');
    };
    fireEvent.click(screen.getByText('完成'));
    await act(async () => {});
    expect(screen.queryByText('服务暂时不可用')).toBeNull();
    expect(document.querySelector('[data-tile="lookup"]')).not.toBeNull();
    expect(screen.getByTestId('data-info').textContent).toContain('数据截至 2025-06-30');
  });

  it('loads again by itself while the service is unavailable', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const api = memoryApi();
    const getSettings = api.getSettings;
    api.getSettings = async () => {
      throw new Error('connection refused');
    };
    renderWithoutWaiting(checkedKioskApi(api));
    await act(async () => {});
    expect(screen.getByText('服务暂时不可用')).toBeTruthy();

    // The host comes back, and no villager taps "retry".
    api.getSettings = getSettings;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(UNAVAILABLE_RETRY_MS);
    });
    expect(screen.queryByText('服务暂时不可用')).toBeNull();
    expect(document.querySelector('[data-tile="lookup"]')).not.toBeNull();
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

  it('rejects snapshot info without expiry', async () => {
    const api = memoryApi();
    const { expiresAt: _expiresAt, expired: _expired, ageDays: _ageDays, ...withoutExpiry } = SNAPSHOT;
    api.getSnapshotInfo = async () => withoutExpiry as SnapshotInfo;
    await expect(checkedKioskApi(api).getSnapshotInfo()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('passes a null snapshot through', async () => {
    const api = memoryApi();
    api.getSnapshotInfo = async () => null;
    expect(await checkedKioskApi(api).getSnapshotInfo()).toBeNull();
  });
});
