// @vitest-environment happy-dom
// The admin screen against an in-memory AdminApi: the diagnostics, each action's busy state and
// result line, the confirmation before exiting to the desktop, the return to the PIN pad when
// the host drops the token, and the lock after 5 minutes without a tap.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTIONS, ADMIN_TOKEN_IDLE_SECONDS, ADMIN_TOUCH_INTERVAL_SECONDS } from '../../src-shared/admin-api.js';
import type { AdminAction, AdminActionResult, Diagnostics } from '../../src-shared/admin-api.js';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { ADMIN_IDLE_SECONDS, ADMIN_WARNING_SECONDS, AdminScreen } from '../../src-renderer/admin/AdminScreen.js';
import { DiagnosticsView } from '../../src-renderer/admin/DiagnosticsView.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { ADMIN_PIN, DIAGNOSTICS, memoryAdminApi } from '../helpers/memory-admin-api.js';
import type { MemoryAdminApi, MemoryAdminApiOptions } from '../helpers/memory-admin-api.js';
import { memoryKioskApi, SETTINGS } from '../helpers/memory-kiosk-api.js';

// Generous, because other suites may load the machine; findBy* returns as soon as the text shows.
const FIND_TIMEOUT_MS = 5000;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Lets the in-memory host's promises settle. */
async function settle() {
  await act(async () => {
    for (let round = 0; round < 5; round += 1) await Promise.resolve();
  });
}

async function unlockedApi(options: MemoryAdminApiOptions = {}) {
  const api = memoryAdminApi(options);
  const result = await api.adminUnlock({ pin: ADMIN_PIN });
  if (result.status !== 'unlocked') throw new Error(`the in-memory host did not unlock: ${result.status}`);
  return { api, token: result.token };
}

/** Renders the screen on an unlocked in-memory host; settles without timers, so fake timers work too. */
async function renderScreen(options: MemoryAdminApiOptions = {}) {
  const { api, token } = await unlockedApi(options);
  const events = { expired: 0, locked: 0 };
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <AdminScreen api={api} token={token} onExpired={() => (events.expired += 1)} onLock={() => (events.locked += 1)} />
    </I18nextProvider>,
  );
  await settle();
  expect(screen.getByText('示例镇便民服务中心 1 号机')).toBeTruthy();
  return { api, events };
}

function actionButton(action: AdminAction): HTMLButtonElement {
  return document.querySelector(`[data-action="${action}"]`)!;
}

/** Taps as a finger does: pointerdown, which the lock timer watches, then click. */
function tap(element: Element) {
  fireEvent.pointerDown(element);
  fireEvent.click(element);
}

function resultText(action: AdminAction): string {
  return screen.getByTestId(`admin-result-${action}`).textContent ?? '';
}

/** Renders the diagnostics with a last pass at 2025-07-02 01:00 UTC that ended with `outcome`. */
function renderSyncOutcome(outcome: NonNullable<NonNullable<Diagnostics['lastSync']>['outcome']>, succeededAt: string) {
  const diagnostics = { ...DIAGNOSTICS, lastSync: { at: '2025-07-02T01:00:00Z', succeededAt, problems: [], outcome } };
  render(
    <I18nextProvider i18n={createRendererI18n()}>
      <DiagnosticsView diagnostics={diagnostics} />
    </I18nextProvider>,
  );
}

describe('admin diagnostics', () => {
  it('shows versions, data and sync', async () => {
    await renderScreen();
    const versions = screen.getByTestId('admin-versions').textContent;
    expect(versions).toContain('0.1.0');
    expect(versions).toContain('20.20.0');
    expect(versions).toContain('无（浏览器模式）');

    const data = screen.getByTestId('admin-data').textContent;
    expect(data).toContain('7');
    expect(data).toContain('2025年6月30日');
    expect(data).toContain('⚠ 已过期');

    const sync = screen.getByTestId('admin-sync').textContent;
    expect(sync).toContain('同步持续失败');
    expect(sync).toContain('ECONNREFUSED');
  });

  it.each([
    ['a network failure', { status: 'failed', reason: 'network', detail: 'GET http://127.0.0.1:9101/manifest.json: ECONNREFUSED' }, '✗ 连不上同步来源'],
    ['a rejected bundle', { status: 'rejected', reason: 'unknown-key', detail: 'unknown-key: key=abc' }, '✗ 数据包被拒绝'],
  ] as const)('shows the last pass failed with %s', (_case, outcome, line) => {
    renderSyncOutcome(outcome, '2025-07-01T01:00:00Z');
    const sync = screen.getByTestId('admin-sync').textContent ?? '';

    expect(screen.getByTestId('admin-sync-outcome').textContent).toContain(line);
    expect(sync).toContain(outcome.detail);
    expect(sync).not.toContain('✓');
  });

  it('shows the last pass installed', () => {
    const outcome = { status: 'installed', reason: null, detail: null } as const;
    renderSyncOutcome(outcome, '2025-07-02T01:00:00Z');

    expect(screen.getByTestId('admin-sync-outcome').textContent).toBe('✓ 已安装新数据');
    expect(screen.getByTestId('admin-sync').textContent).toContain('✓ 没有故障');
  });

  it('shows disk, memory, printer and outbox', async () => {
    await renderScreen();
    expect(screen.getByTestId('admin-disk').textContent).toContain('可用 12.0 GB，共 64.0 GB（19% 可用）');
    expect(screen.getByTestId('admin-memory').textContent).toContain('本程序占用 180 MB');
    expect(screen.getByTestId('admin-printer').textContent).toContain('⚠ 找不到设置的打印机');
    expect(screen.getByTestId('admin-printer').textContent).toContain('80 毫米热敏小票');
    expect(screen.getByTestId('admin-outbox').textContent).toContain('等待上传 2 份');
    expect(screen.getByTestId('admin-outbox').textContent).toContain('HTTP 503');
  });

  it('shows the heartbeat queue', () => {
    const fleet = { waiting: 3, retrying: 2, dropped: 4, lastError: 'HTTP 404 malformed', problem: null };
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <DiagnosticsView diagnostics={{ ...DIAGNOSTICS, fleet }} />
      </I18nextProvider>,
    );
    const card = screen.getByTestId('admin-fleet').textContent ?? '';

    expect(card).toContain('发往县里的运行心跳');
    expect(card).toContain('等待发送 3 条，其中 2 条发送失败过');
    expect(card).toContain('⚠ 未发出即丢弃 4 条');
    expect(card).toContain('⚠ 阻塞队列的错误：HTTP 404 malformed');
  });

  it('shows an unreadable heartbeat queue', () => {
    const fleet = { waiting: 0, retrying: 0, dropped: 0, lastError: null, problem: 'file is not a database' };
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <DiagnosticsView diagnostics={{ ...DIAGNOSTICS, fleet }} />
      </I18nextProvider>,
    );
    const card = screen.getByTestId('admin-fleet').textContent ?? '';

    expect(card).toContain('⚠ 心跳队列无法读取：file is not a database');
    expect(card).not.toContain('✓');
  });

  it('leaves out heartbeats when none are configured', () => {
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <DiagnosticsView diagnostics={DIAGNOSTICS} />
      </I18nextProvider>,
    );

    expect(screen.queryByTestId('admin-fleet')).toBeNull();
  });

  it('lists incidents newest first', async () => {
    await renderScreen();
    const kinds = [...screen.getByTestId('admin-incidents').querySelectorAll('.admin-incident-kind')].map((kind) => kind.textContent);
    expect(kinds).toEqual(['renderer-gone', 'crash']);
  });

  it('shows the log lines', async () => {
    await renderScreen();
    const lines = [...screen.getByTestId('admin-logs').querySelectorAll('.admin-log-line')].map((line) => line.textContent);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('sync pass failed');
  });
});

// One success and one failure per action, with the line each must show.
type AnsweredResult = Exclude<AdminActionResult, { status: 'expired' }>;

const RESULT_CASES: { action: AdminAction; result: AnsweredResult; line: string }[] = [
  { action: 'sync-now', result: { status: 'done', code: 'installed', detail: 'version 8' }, line: '✓ 已安装新数据' },
  { action: 'sync-now', result: { status: 'failed', code: 'network', detail: 'ECONNREFUSED' }, line: '✗ 连不上同步来源，请做网络检查' },
  { action: 'network-check', result: { status: 'done', code: 'reachable', detail: 'https://a.example 200' }, line: '✓ 所有地址都能连通' },
  { action: 'network-check', result: { status: 'failed', code: 'unreachable', detail: 'https://a.example timed out' }, line: '✗ 有地址连不通，见下方说明' },
  { action: 'test-print', result: { status: 'done', code: 'printed', detail: '/tmp/test.pdf' }, line: '✓ 测试页已打印，请查看出纸口' },
  { action: 'test-print', result: { status: 'failed', code: 'not-configured', detail: 'printer.enabled is false' }, line: '✗ 本机没有设置打印机' },
  { action: 'import-usb', result: { status: 'done', code: 'up-to-date', detail: 'version 7' }, line: '✓ U盘上的数据不比本机新' },
  { action: 'import-usb', result: { status: 'failed', code: 'no-usb', detail: '/media' }, line: '✗ 没有找到带数据包的U盘（应有 minsheng-bundles/地区代码 文件夹），请插好后再试' },
  { action: 'export-logs', result: { status: 'done', code: 'exported', detail: '/media/usb/minsheng-logs/t-1' }, line: '✓ 日志已导出到U盘' },
  { action: 'export-logs', result: { status: 'failed', code: 'write-failed', detail: 'EROFS' }, line: '✗ 无法写入U盘：U盘可能只读、已满或被拔出' },
];

describe('admin actions', () => {
  for (const { action, result, line } of RESULT_CASES) {
    it(`shows ${action} ${result.status} ${result.code}`, async () => {
      const { api } = await renderScreen({ results: { [action]: result } });
      tap(actionButton(action));
      await settle();
      expect(api.actions).toEqual([action]);
      expect(resultText(action)).toBe(`${line}${result.detail}`);
      expect(screen.getByTestId(`admin-result-${action}`).dataset.status).toBe(result.status);
    });
  }

  it('shows a busy state and locks the other actions', async () => {
    const { api } = await renderScreen({ holdActions: true, results: { 'sync-now': { status: 'done', code: 'installed', detail: 'version 8' } } });
    tap(actionButton('sync-now'));
    await settle();
    expect(resultText('sync-now')).toBe('⏳ 正在同步，最多等待 120 秒……');
    expect(ADMIN_ACTIONS.map((action) => actionButton(action).disabled)).toEqual(ADMIN_ACTIONS.map(() => true));

    api.release();
    await settle();
    expect(resultText('sync-now')).toBe('✓ 已安装新数据version 8');
    expect(actionButton('network-check').disabled).toBe(false);
  });

  it('names an unknown code', async () => {
    await renderScreen({ results: { 'sync-now': { status: 'failed', code: 'brand-new', detail: '' } } });
    tap(actionButton('sync-now'));
    await settle();
    expect(resultText('sync-now')).toBe('✗ 未成功（代码：brand-new）');
  });

  it('says so when the host does not answer', async () => {
    const { api, token } = await unlockedApi();
    const failing = { ...api, adminAction: () => Promise.reject(new Error('HTTP 500')) };
    render(
      <I18nextProvider i18n={createRendererI18n()}>
        <AdminScreen api={failing} token={token} onExpired={() => undefined} onLock={() => undefined} />
      </I18nextProvider>,
    );
    await screen.findByText('示例镇便民服务中心 1 号机', undefined, { timeout: FIND_TIMEOUT_MS });
    tap(actionButton('test-print'));
    await settle();
    expect(resultText('test-print')).toBe('✗ 无法连接本机的维护服务，请稍后再试。');
  });

  it('asks before exiting to the desktop', async () => {
    const { api } = await renderScreen({ results: { 'exit-to-desktop': { status: 'failed', code: 'not-supported', detail: 'browser host' } } });
    tap(actionButton('exit-to-desktop'));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('确定退出到桌面吗？')).toBeTruthy();
    expect(api.actions).toEqual([]);

    tap(within(dialog).getByRole('button', { name: '不退出' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.actions).toEqual([]);

    tap(actionButton('exit-to-desktop'));
    tap(within(screen.getByRole('alertdialog')).getByRole('button', { name: '确认退出' }));
    await settle();
    expect(api.actions).toEqual(['exit-to-desktop']);
    expect(resultText('exit-to-desktop')).toBe('✗ 浏览器模式下不能退出到桌面，请关闭浏览器窗口browser host');
  });
});

describe('admin session', () => {
  it('reports an expired token from an action', async () => {
    const { api, events } = await renderScreen();
    api.expire();
    tap(actionButton('network-check'));
    await settle();
    expect(events.expired).toBe(1);
  });

  it('reports an expired token from a refresh', async () => {
    const { api, events } = await renderScreen();
    api.expire();
    tap(screen.getByTestId('admin-refresh'));
    await settle();
    expect(events.expired).toBe(1);
  });

  it('warns, then locks after 5 minutes without a tap', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    const { events } = await renderScreen();

    act(() => vi.advanceTimersByTime((ADMIN_IDLE_SECONDS - ADMIN_WARNING_SECONDS) * 1000));
    expect(screen.getByTestId('admin-modal-text').textContent).toBe(`${ADMIN_WARNING_SECONDS} 秒内没有操作，维护界面将锁定并回到首页。`);
    expect(events.locked).toBe(0);

    act(() => vi.advanceTimersByTime(ADMIN_WARNING_SECONDS * 1000));
    expect(events.locked).toBe(1);
  });

  it('gives more time from the warning', async () => {
    vi.useFakeTimers();
    const { events } = await renderScreen();

    act(() => vi.advanceTimersByTime((ADMIN_IDLE_SECONDS - 5) * 1000));
    tap(screen.getByRole('button', { name: '继续维护' }));
    expect(screen.queryByTestId('admin-modal-text')).toBeNull();
    act(() => vi.advanceTimersByTime((ADMIN_IDLE_SECONDS - 1) * 1000));
    expect(events.locked).toBe(0);
  });

  it('keeps the host token alive on taps', async () => {
    vi.useFakeTimers();
    const { api } = await renderScreen();

    tap(screen.getByTestId('admin-logs'));
    await settle();
    expect(api.touches).toHaveLength(0);
    act(() => vi.advanceTimersByTime(ADMIN_TOUCH_INTERVAL_SECONDS * 1000));
    tap(screen.getByTestId('admin-logs'));
    await settle();
    expect(api.touches).toHaveLength(1);
  });

  it('keeps the host token alive from the warning', async () => {
    vi.useFakeTimers();
    const { api, events } = await renderScreen();

    act(() => vi.advanceTimersByTime((ADMIN_IDLE_SECONDS - 5) * 1000));
    tap(screen.getByRole('button', { name: '继续维护' }));
    await settle();
    expect(api.touches).toHaveLength(1);
    expect(events.expired).toBe(0);
  });

  it('returns to the PIN pad when a touch finds the token gone', async () => {
    vi.useFakeTimers();
    const { api, events } = await renderScreen();
    api.expire();

    act(() => vi.advanceTimersByTime(ADMIN_TOUCH_INTERVAL_SECONDS * 1000));
    tap(screen.getByTestId('admin-logs'));
    await settle();
    expect(events.expired).toBe(1);
  });

  it('locks before the host drops the token', () => {
    expect(ADMIN_IDLE_SECONDS + ADMIN_TOUCH_INTERVAL_SECONDS).toBeLessThan(ADMIN_TOKEN_IDLE_SECONDS);
  });

  it('does not lock while an action runs', async () => {
    vi.useFakeTimers();
    const { api, events } = await renderScreen({ holdActions: true });
    tap(actionButton('sync-now'));
    await settle();

    act(() => vi.advanceTimersByTime(2 * ADMIN_IDLE_SECONDS * 1000));
    expect(events.locked).toBe(0);

    api.release();
    await settle();
    act(() => vi.advanceTimersByTime(ADMIN_IDLE_SECONDS * 1000));
    expect(events.locked).toBe(1);
  });
});

describe('admin screen in the kiosk', () => {
  const TOP_RIGHT = { clientX: 1010, clientY: 10 };
  const ADMIN_SETTINGS: KioskSettings = { ...SETTINGS, admin: { corner: 'top-right' } };

  async function enterAdmin(adminApi: MemoryAdminApi) {
    const i18n = createRendererI18n();
    render(
      <I18nextProvider i18n={i18n}>
        <App api={{ ...memoryKioskApi(), getSettings: async () => ADMIN_SETTINGS }} adminApi={adminApi} />
      </I18nextProvider>,
    );
    await screen.findByText('当前地区：宁乡市', undefined, { timeout: FIND_TIMEOUT_MS });
    // React runs the effect that starts counting taps after the paint that showed the text.
    await settle();
    for (let index = 0; index < 5; index += 1) fireEvent.pointerDown(document.body, TOP_RIGHT);
    for (const digit of ADMIN_PIN) tap(document.querySelector(`[data-testid="admin-pin-pad"] [data-key="${digit}"]`)!);
    tap(document.querySelector('[data-testid="admin-pin-pad"] [data-key="action"]')!);
    await screen.findByText('示例镇便民服务中心 1 号机', undefined, { timeout: FIND_TIMEOUT_MS });
    return i18n;
  }

  it('locks the token and returns home', async () => {
    const adminApi = memoryAdminApi();
    await enterAdmin(adminApi);
    tap(screen.getByTestId('admin-lock'));
    await settle();
    expect(screen.queryByTestId('admin-screen')).toBeNull();
    expect(adminApi.locks).toHaveLength(1);
    expect(document.querySelector('[data-view="home"]')).not.toBeNull();
  });

  it('returns to the PIN pad when the token expired', async () => {
    const adminApi = memoryAdminApi();
    await enterAdmin(adminApi);
    adminApi.expire();
    tap(screen.getByTestId('admin-refresh'));
    await settle();
    expect(screen.queryByTestId('admin-screen')).toBeNull();
    expect(screen.getByTestId('admin-pin-message').textContent).toBe('维护会话已超时或已结束，请重新输入密码。');
  });

  it('is not wiped by the villager idle timeout', async () => {
    const adminApi = memoryAdminApi();
    const i18n = await enterAdmin(adminApi);
    vi.useFakeTimers();
    // English counts as a villager session, so the villager idle timer would run.
    tap(within(screen.getByTestId('admin-screen')).getByRole('button', { name: 'English' }));
    expect(i18n.language).toBe('en');

    act(() => vi.advanceTimersByTime((SETTINGS.idleTimeoutSeconds + 10) * 1000));
    expect(screen.getByTestId('admin-screen')).toBeTruthy();
    expect(i18n.language).toBe('en');
    expect(screen.queryByTestId('idle-countdown')).toBeNull();
  });

  it('shows English, then locks back to Chinese', async () => {
    const adminApi = memoryAdminApi();
    const i18n = await enterAdmin(adminApi);
    tap(within(screen.getByTestId('admin-screen')).getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { name: 'Maintenance and diagnostics' })).toBeTruthy();
    expect(actionButton('export-logs').textContent).toBe('Export logs to USB');
    tap(screen.getByTestId('admin-lock'));
    await settle();
    expect(i18n.language).toBe('zh-CN');
  });
});
