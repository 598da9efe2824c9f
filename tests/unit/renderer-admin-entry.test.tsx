// @vitest-environment happy-dom
// The hidden admin entry against an in-memory AdminApi: five taps in the configured corner open
// the PIN pad, anything less or elsewhere does not, and the pad checks the PIN with the host.
// happy-dom's viewport is 1024x768, so the top-right corner region is x >= 904, y < 120.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../src-shared/admin-api.js';
import type { KioskApi, KioskSettings } from '../../src-shared/kiosk-api.js';
import { App } from '../../src-renderer/App.js';
import { PIN_PAD_TIMEOUT_SECONDS } from '../../src-renderer/admin/AdminPinPad.js';
import { CORNER_TAP_WINDOW_MS, createCornerTapCounter, isInCorner } from '../../src-renderer/admin/corner-taps.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { ADMIN_PIN, memoryAdminApi } from '../helpers/memory-admin-api.js';
import { memoryKioskApi, SETTINGS } from '../helpers/memory-kiosk-api.js';

const VIEWPORT = { width: 1024, height: 768 };
const TOP_RIGHT = { clientX: 1010, clientY: 10 };
const TOP_LEFT = { clientX: 10, clientY: 10 };

function kioskWithAdmin(admin: KioskSettings['admin']): KioskApi {
  const settings: KioskSettings = { ...SETTINGS, admin };
  return { ...memoryKioskApi(), getSettings: async () => settings };
}

async function renderKiosk(adminApi: AdminApi | undefined, admin: KioskSettings['admin'] = { corner: 'top-right' }) {
  const i18n = createRendererI18n();
  render(
    <I18nextProvider i18n={i18n}>
      <App api={kioskWithAdmin(admin)} adminApi={adminApi} />
    </I18nextProvider>,
  );
  await screen.findByText('当前地区：宁乡市', undefined, { timeout: FIND_TIMEOUT_MS });
  // React runs the effect that starts counting taps after the paint that showed the text.
  await settle();
  return i18n;
}

function tapAt(point: { clientX: number; clientY: number }, times: number, target: Element = document.body) {
  for (let index = 0; index < times; index += 1) fireEvent.pointerDown(target, point);
}

function pad(): HTMLElement | null {
  return screen.queryByTestId('admin-pin-pad');
}

/** Taps keys as a finger does: pointerdown, which the timers watch, then click. */
function typePin(digits: string) {
  for (const digit of digits) {
    const key = document.querySelector(`[data-testid="admin-pin-pad"] [data-key="${digit}"]`)!;
    fireEvent.pointerDown(key);
    fireEvent.click(key);
  }
}

function unlockButton(): HTMLButtonElement {
  return document.querySelector('[data-testid="admin-pin-pad"] [data-key="action"]')!;
}

/** Lets the in-memory host's promises settle. */
async function settle() {
  await act(async () => {
    await Promise.resolve();
  });
}

// Generous, because other suites may load the machine; findBy* returns as soon as the text shows.
const FIND_TIMEOUT_MS = 5000;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('corner tap counter', () => {
  it('places each corner region', () => {
    expect(isInCorner('top-left', 0, 0, VIEWPORT)).toBe(true);
    expect(isInCorner('top-right', 1023, 0, VIEWPORT)).toBe(true);
    expect(isInCorner('bottom-left', 0, 767, VIEWPORT)).toBe(true);
    expect(isInCorner('bottom-right', 1023, 767, VIEWPORT)).toBe(true);
    expect(isInCorner('top-right', 0, 0, VIEWPORT)).toBe(false);
    expect(isInCorner('top-right', 1023, 200, VIEWPORT)).toBe(false);
  });

  it('fires on the fifth tap within the window', () => {
    const counter = createCornerTapCounter('bottom-left');
    const fired = [0, 500, 1000, 1500, 2000].map((time) => counter.tap({ x: 5, y: 760, time, onControl: false }, VIEWPORT));
    expect(fired).toEqual([false, false, false, false, true]);
  });

  it('ignores taps older than the window', () => {
    const counter = createCornerTapCounter('bottom-left');
    const times = [0, 1100, 2200, 3300, 4400];
    const fired = times.map((time) => counter.tap({ x: 5, y: 760, time, onControl: false }, VIEWPORT));
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(CORNER_TAP_WINDOW_MS);
    expect(fired).toEqual([false, false, false, false, false]);
  });

  it('starts again after a tap elsewhere', () => {
    const counter = createCornerTapCounter('top-left');
    const taps = [true, true, true, false, true, true, true, true];
    const fired = taps.map((inCorner, time) => counter.tap({ x: inCorner ? 5 : 500, y: 5, time, onControl: false }, VIEWPORT));
    expect(fired.indexOf(true)).toBe(-1);
  });

  it('does not count taps on controls', () => {
    const counter = createCornerTapCounter('top-left');
    const fired = [0, 1, 2, 3, 4].map((time) => counter.tap({ x: 5, y: 5, time, onControl: time === 2 }, VIEWPORT));
    expect(fired).toEqual([false, false, false, false, false]);
  });
});

describe('admin entry', () => {
  it('opens the PIN pad on five corner taps', async () => {
    await renderKiosk(memoryAdminApi());
    tapAt(TOP_RIGHT, 5);
    expect(pad()).not.toBeNull();
    expect(screen.getByText('维护登录')).toBeTruthy();
  });

  it('stays closed after four taps', async () => {
    await renderKiosk(memoryAdminApi());
    tapAt(TOP_RIGHT, 4);
    expect(pad()).toBeNull();
  });

  it('stays closed for the wrong corner', async () => {
    await renderKiosk(memoryAdminApi());
    tapAt(TOP_LEFT, 5);
    expect(pad()).toBeNull();
  });

  it('stays closed for slow taps', async () => {
    await renderKiosk(memoryAdminApi());
    vi.useFakeTimers();
    for (let index = 0; index < 5; index += 1) {
      tapAt(TOP_RIGHT, 1);
      vi.advanceTimersByTime(1100);
    }
    expect(pad()).toBeNull();
  });

  it('stays closed without an admin PIN', async () => {
    await renderKiosk(memoryAdminApi(), null);
    tapAt(TOP_RIGHT, 5);
    expect(pad()).toBeNull();
  });

  it('stays closed when the host has no AdminApi', async () => {
    await renderKiosk(undefined);
    tapAt(TOP_RIGHT, 5);
    expect(pad()).toBeNull();
  });

  it('leaves taps on a corner control to the control', async () => {
    const i18n = await renderKiosk(memoryAdminApi());
    const english = screen.getByRole('button', { name: 'English' });
    const reached: string[] = [];
    english.addEventListener('pointerdown', () => reached.push('pointerdown'));

    tapAt(TOP_RIGHT, 5, english);
    fireEvent.click(english);
    expect(reached).toHaveLength(5);
    expect(i18n.language).toBe('en');
    expect(pad()).toBeNull();
  });
});

describe('admin PIN pad', () => {
  async function openPad(adminApi: AdminApi = memoryAdminApi()) {
    const i18n = await renderKiosk(adminApi);
    tapAt(TOP_RIGHT, 5);
    return i18n;
  }

  it('masks the digits', async () => {
    await openPad();
    typePin('2468');
    const dots = screen.getByTestId('admin-pin-dots');
    expect(dots.textContent).toBe('●●●●');
    expect(document.body.textContent).not.toContain('2468');
  });

  it('unlocks only from six digits on', async () => {
    await openPad();
    typePin('24681');
    expect(unlockButton().disabled).toBe(true);
    typePin('0');
    expect(unlockButton().disabled).toBe(false);
  });

  it('opens the admin screen on the right PIN', async () => {
    await openPad();
    typePin(ADMIN_PIN);
    fireEvent.click(unlockButton());
    expect(await screen.findByTestId('admin-screen', undefined, { timeout: FIND_TIMEOUT_MS })).toBeTruthy();
    expect(pad()).toBeNull();
    expect(await screen.findByText('示例镇便民服务中心 1 号机', undefined, { timeout: FIND_TIMEOUT_MS })).toBeTruthy();
  });

  it('shows the attempts left after a wrong PIN', async () => {
    await openPad(memoryAdminApi({ maxAttempts: 5 }));
    typePin('111111');
    fireEvent.click(unlockButton());
    await settle();
    expect(screen.getByTestId('admin-pin-message').textContent).toBe('密码不正确。再错 4 次将暂时锁定。');
    expect(screen.getByTestId('admin-pin-dots').textContent).toBe('');
    expect(screen.queryByTestId('admin-screen')).toBeNull();
  });

  it('shows until when it is locked, in local time', async () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    await openPad(memoryAdminApi({ maxAttempts: 2 }));
    for (const attempt of ['111111', '222222']) {
      typePin(attempt);
      fireEvent.click(unlockButton());
      await settle();
    }
    expect(screen.getByTestId('admin-pin-message').textContent).toBe('密码错误次数过多，已锁定到 2026-03-05 14:30。请到时再试。');
    expect(document.querySelector<HTMLButtonElement>('[data-testid="admin-pin-pad"] [data-key="1"]')!.disabled).toBe(true);
    expect(screen.getByTestId('admin-pin-cancel')).toBeTruthy();
  });

  it('shows the lock at once when reopened', async () => {
    vi.stubEnv('TZ', 'Asia/Shanghai');
    const api = memoryAdminApi({ maxAttempts: 1 });
    await api.adminUnlock({ pin: '111111' });
    await openPad(api);
    await settle();

    expect(screen.getByTestId('admin-pin-message').textContent).toBe('密码错误次数过多，已锁定到 2026-03-05 14:30。请到时再试。');
    expect(document.querySelector<HTMLButtonElement>('[data-testid="admin-pin-pad"] [data-key="1"]')!.disabled).toBe(true);
  });

  it('closes when the terminal has no admin PIN', async () => {
    await openPad(memoryAdminApi({ configured: false }));
    typePin('123456');
    fireEvent.click(unlockButton());
    await settle();
    expect(pad()).toBeNull();
  });

  it('says so when the host does not answer', async () => {
    const failing: AdminApi = { ...memoryAdminApi(), adminUnlock: () => Promise.reject(new Error('HTTP 500')) };
    await openPad(failing);
    typePin(ADMIN_PIN);
    fireEvent.click(unlockButton());
    await settle();
    expect(screen.getByTestId('admin-pin-message').textContent).toBe('无法连接本机的维护服务，请稍后再试。');
  });

  it('closes on cancel', async () => {
    await openPad();
    fireEvent.click(screen.getByTestId('admin-pin-cancel'));
    expect(pad()).toBeNull();
  });

  it('closes itself after 30 seconds without a tap', async () => {
    await renderKiosk(memoryAdminApi());
    vi.useFakeTimers();
    tapAt(TOP_RIGHT, 5);
    expect(pad()).not.toBeNull();

    act(() => vi.advanceTimersByTime(PIN_PAD_TIMEOUT_SECONDS * 1000 - 1000));
    expect(pad()).not.toBeNull();
    typePin('2');
    act(() => vi.advanceTimersByTime(PIN_PAD_TIMEOUT_SECONDS * 1000 - 1000));
    expect(pad()).not.toBeNull();
    act(() => vi.advanceTimersByTime(1000));
    expect(pad()).toBeNull();
  });
});
