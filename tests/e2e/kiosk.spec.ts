// The kiosk screens in Debian's Chromium at 1920x1080 with touch, against `minsheng serve` over a
// snapshot made by the real publish and sync commands. Also writes the README screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { IDLE_TIMEOUT_SECONDS, startKioskServer } from './kiosk-server.js';
import type { DemoHousehold, KioskServer } from './kiosk-server.js';

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

let server: KioskServer;
let problems: string[] = [];

test.use({ hasTouch: true });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startKioskServer();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

test.afterAll(async () => {
  await server?.stop();
});

test.beforeEach(async ({ page }) => {
  problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(server.url);
  await expect(page.getByTestId('data-info')).toContainText('2024');
});

test.afterEach(() => {
  // Covers Content-Security-Policy violations too: Chromium reports them as console errors.
  expect(problems).toEqual([]);
});

/** Returns the household with the most payments, so the list has to scroll. */
function largestHousehold(): DemoHousehold {
  return [...server.households].sort((a, b) => b.paymentCount - a.paymentCount || a.householdId.localeCompare(b.householdId))[0]!;
}

async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.locator(`[data-key="${key}"]`).tap();
}

async function waitForFonts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

test('finds a household by tapping the keypad', async ({ page }) => {
  const household = largestHousehold();
  const idNumber = household.idNumbers[0]!;

  await tapKeys(page, idNumber);
  await expect(page.getByTestId('id-display')).toHaveText(idNumber);
  await expect(page.getByTestId('id-feedback')).toContainText('号码格式正确');
  await page.locator('[data-key="search"]').tap();

  const total = page.getByTestId('grand-total');
  await expect(total).toHaveText(`${formatFenAsYuan(household.totalFen)} 元`);
  await expect(total).toHaveAttribute('data-fen', String(household.totalFen));
  await expect(page.getByTestId('household-address')).toContainText(server.regionNames.get(household.villageCode)!);
  await expect(page.getByTestId('members').locator('li')).toHaveCount(household.idNumbers.length);
  await expect(page.getByTestId('members')).toContainText('本人');

  // Virtualised: only the visible part of the list is in the DOM.
  await expect(page.getByTestId('payment-row').first()).toBeVisible();
  const renderedRows = await page.getByTestId('payment-row').count();
  expect(renderedRows).toBeGreaterThan(0);
  expect(renderedRows).toBeLessThan(household.paymentCount);

  // The session lives in memory only.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  await expect(page.locator('body')).not.toContainText(idNumber);

  await waitForFonts(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'result.png') });
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByText('Total paid')).toBeVisible();
  await waitForFonts(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'result-en.png') });

  await page.getByRole('button', { name: /Done/ }).tap();
  await expect(page.getByTestId('id-display')).toHaveText('');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生资金查询');
});

test('keeps search disabled for a bad checksum', async ({ page }) => {
  const first17 = largestHousehold().idNumbers[0]!.slice(0, 17);
  const wrong = computeCheckCharacter(first17) === '0' ? '1' : '0';

  await tapKeys(page, first17 + wrong);
  await expect(page.getByTestId('id-feedback')).toHaveText('✗校验位不正确，请核对最后一位');
  await expect(page.locator('[data-key="search"]')).toBeDisabled();

  await page.locator('[data-key="backspace"]').tap();
  await tapKeys(page, computeCheckCharacter(first17));
  await expect(page.locator('[data-key="search"]')).toBeEnabled();
});

test('shows what to do for an unknown number', async ({ page }) => {
  const first17 = '43122619500101999';
  await tapKeys(page, first17 + computeCheckCharacter(first17));
  await page.locator('[data-key="search"]').tap();

  await expect(page.getByTestId('message-not-found')).toContainText('村委会');
  await page.getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByTestId('id-display')).toHaveText(first17 + computeCheckCharacter(first17));
});

test('warns before the idle timeout and extends on request', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 4 * 1000);
  await tapKeys(page, '431226');

  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.getByTestId('idle-countdown')).toContainText('秒后将回到首页');
  await dialog.getByRole('button', { name: '继续使用' }).tap();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('id-display')).toHaveText('431226');

  // Untouched, the warning comes back and the session is wiped.
  await expect(dialog).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.getByTestId('id-display')).toHaveText('', { timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('id-feedback')).toHaveText('请输入 18 位号码');
});

test('wipes a shown result after the idle timeout', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 4 * 1000);
  await tapKeys(page, largestHousehold().idNumbers[0]!);
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('grand-total')).toBeVisible();

  await expect(page.getByTestId('id-display')).toHaveText('', { timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  await expect(page.getByTestId('grand-total')).toHaveCount(0);
});

test('switches the screens to English', async ({ page }) => {
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Livelihood Fund Lookup');
  await expect(page.locator('[data-key="search"]')).toHaveText('Search');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  await tapKeys(page, '431226');
  await expect(page.getByTestId('id-feedback')).toHaveText('✎6 of 18 typed');
  await waitForFonts(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-en.png') });

  await page.getByRole('button', { name: '中文' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生资金查询');
  await waitForFonts(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home.png') });
});

/** Sizes of every button, the smallest font of visible text, and heading sizes. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const buttons = [...document.querySelectorAll('button')].map((button) => {
      const box = button.getBoundingClientRect();
      return { text: button.textContent ?? '', width: box.width, height: box.height };
    });

    const textSizes = [...document.querySelectorAll('body *')]
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .filter((element) => element.getBoundingClientRect().width > 0)
      .map((element) => ({ text: element.textContent!.trim().slice(0, 20), size: parseFloat(getComputedStyle(element).fontSize) }));

    const headings = [...document.querySelectorAll('h1, h2')].map((heading) => ({
      text: heading.textContent ?? '',
      size: parseFloat(getComputedStyle(heading).fontSize),
    }));

    // Smallest edge-to-edge distance between two keypad keys.
    const keys = [...document.querySelectorAll('.keypad button')].map((key) => key.getBoundingClientRect());
    let minimumGap = Infinity;
    keys.forEach((a, i) =>
      keys.slice(i + 1).forEach((b) => {
        const dx = Math.max(b.left - a.right, a.left - b.right);
        const dy = Math.max(b.top - a.bottom, a.top - b.bottom);
        minimumGap = Math.min(minimumGap, Math.max(dx, dy));
      }),
    );

    return { buttons, textSizes, headings, minimumGap, keyCount: keys.length };
  });
}

function expectElderlyFriendly(measured: Awaited<ReturnType<typeof measure>>) {
  expect(measured.buttons.filter((button) => button.width < 60 || button.height < 60)).toEqual([]);
  expect(measured.textSizes.filter((entry) => entry.size < 24)).toEqual([]);
  expect(measured.headings.length).toBeGreaterThan(0);
  expect(measured.headings.filter((heading) => heading.size < 40)).toEqual([]);
}

test('meets the elderly-friendly sizes', async ({ page }) => {
  const home = await measure(page);
  expect(home.keyCount).toBe(14);
  expect(home.buttons.filter((button) => /^[0-9X]$/.test(button.text)).every((key) => key.width >= 96 && key.height >= 96)).toBe(true);
  expect(home.minimumGap).toBeGreaterThanOrEqual(12);
  expectElderlyFriendly(home);

  await tapKeys(page, largestHousehold().idNumbers[0]!);
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('payment-row').first()).toBeVisible();
  expectElderlyFriendly(await measure(page));
});
