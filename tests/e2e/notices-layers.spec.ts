// The emergency notice dialog among the kiosk's other layers, in Debian's Chromium. The idle
// warning and the dialog cover the result list's sticky year headers and the notice strip. The
// strip keeps its count of further notices in view beside a long title, and a long URL wraps
// inside the dialog. An open dialog holds off the attract loop and follows the idle rules. A
// swipe that starts on the strip over the loop leaves the loop. A tap opens the dialog, and
// closing it shows the home menu.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { runCli } from '../helpers/cli.js';
import { COUNTY_CODE, IDLE_TIMEOUT_SECONDS } from './kiosk-server.js';
import { lookUp, useKioskServer } from './kiosk-session.js';
import { waitForFonts } from './screen-checks.js';

// The smallest wait the terminal config accepts.
const ATTRACT_AFTER_SECONDS = 10;
const HOUR_MS = 60 * 60 * 1000;

const LONG_TITLE = '关于锦和镇二〇二四年汛期山洪地质灾害危险区群众紧急转移避险安置的通知';
const LONG_URL = `https://www.example.gov.cn/${'emergencynotice'.repeat(14)}/index.html`;

const server = useKioskServer({ config: { kiosk: { attractAfterSeconds: ATTRACT_AFTER_SECONDS } } });

test.beforeAll(async () => {
  const folder = (name: string) => path.join(path.dirname(server.dataDir), name);
  const now = Date.now();
  const notices = [
    // The earlier start comes first on the strip.
    { id: 'flood', title: LONG_TITLE, body: `${LONG_URL} 请沿河群众立即转移。`, start: now - 2 * HOUR_MS },
    { id: 'water', title: '城区停水通知', body: '城区今日停水，请储备生活用水。', start: now - HOUR_MS },
  ];
  for (const notice of notices) {
    const result = await runCli([
      'notice', 'publish',
      '--id', notice.id,
      '--region', COUNTY_CODE,
      '--title', notice.title,
      '--body', notice.body,
      '--start', new Date(notice.start).toISOString(),
      '--end', new Date(now + 3 * HOUR_MS).toISOString(),
      '--key', path.join(folder('keys'), 'publisher.key'),
      '--out', folder('bundle'),
    ]);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }
  const synced = await runCli(['sync', '--notices-only', '--source', folder('bundle'), '--trust', path.join(folder('keys'), 'publisher.pub'), '--data-dir', server.dataDir]);
  expect(synced.code, `${synced.stdout}\n${synced.stderr}`).toBe(0);
});

/** Returns the points of a grid over the element's box, inside its rounded corners, where something else is on top. */
function coveredPoints(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const covered: string[] = [];
    for (let row = 0; row <= 8; row += 1) {
      for (let column = 0; column <= 8; column += 1) {
        const x = Math.min(box.left + 12 + ((box.width - 24) * column) / 8, window.innerWidth - 1);
        const y = Math.min(box.top + 12 + ((box.height - 24) * row) / 8, window.innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        if (top !== null && !element.contains(top)) covered.push(`${Math.round(x)},${Math.round(y)}: ${top.className || top.tagName}`);
      }
    }
    return covered;
  });
}

async function openHome(page: Page): Promise<void> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  await expect(page.getByTestId('emergency-notice-banner')).toContainText(LONG_TITLE.slice(0, 6));
  await waitForFonts(page);
}

/** Swipes with one finger through the DevTools protocol, as Playwright's touchscreen only taps. */
async function swipe(page: Page, from: { x: number; y: number }, by: { x: number; y: number }): Promise<void> {
  const session = await page.context().newCDPSession(page);
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 10; step += 1) {
    await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + (by.x * step) / 10, y: from.y + (by.y * step) / 10 }] });
  }
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await session.detach();
}

test('strip keeps the notice count in view', async ({ page }) => {
  const banner = page.getByTestId('emergency-notice-banner');
  const more = page.getByTestId('emergency-notice-more');
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await openHome(page);
    for (const [language, text] of [
      ['zh-CN', '另有 1 条通知'],
      ['en', '1 more notice'],
    ] as const) {
      if (language === 'en') await page.locator('.language-button[lang="en"]').tap();
      await expect(more).toHaveText(text);
      const label = `${language} at ${size.width}x${size.height}`;
      const stripBox = (await banner.boundingBox())!;
      const moreBox = (await more.boundingBox())!;
      expect(moreBox.x + moreBox.width, label).toBeLessThanOrEqual(stripBox.x + stripBox.width);
      expect(await more.evaluate((element) => element.scrollWidth <= element.clientWidth), label).toBe(true);
      expect(await coveredPoints(more), label).toEqual([]);
    }
  }
});

test('a long URL in the notice text wraps inside the dialog', async ({ page }) => {
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await openHome(page);
    await page.getByTestId('emergency-notice-banner').tap();
    const dialog = page.getByTestId('emergency-notice-dialog');
    await expect(dialog.locator('.emergency-notice-body').first()).toContainText('请沿河群众立即转移');
    const overflow = await dialog.evaluate((element) =>
      [element, ...element.querySelectorAll('*')].filter((part) => part.scrollWidth > part.clientWidth).map((part) => part.className),
    );
    expect(overflow, `${size.width}x${size.height}`).toEqual([]);
    await page.getByTestId('emergency-notice-close').tap();
  }
});

test('modals cover sticky year headers', async ({ page }) => {
  test.setTimeout((IDLE_TIMEOUT_SECONDS + 30) * 1000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openHome(page);
  const household = [...server.households].sort((a, b) => b.paymentCount - a.paymentCount)[0]!;
  await lookUp(page, household.idNumbers[0]!);
  await expect(page.locator('.year-header').first()).toBeVisible();

  await page.getByTestId('emergency-notice-banner').tap();
  const dialog = page.getByTestId('emergency-notice-dialog');
  await expect(dialog).toBeVisible();
  expect(await coveredPoints(dialog)).toEqual([]);

  // The idle warning comes over the open dialog.
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  expect(await coveredPoints(warning)).toEqual([]);
});

test('open dialog follows the idle rules', async ({ page }) => {
  test.setTimeout((IDLE_TIMEOUT_SECONDS * 2 + ATTRACT_AFTER_SECONDS + 30) * 1000);
  await openHome(page);
  await page.getByTestId('emergency-notice-banner').tap();
  const dialog = page.getByTestId('emergency-notice-dialog');
  await expect(dialog).toBeVisible();

  // Past the attract wait the idle warning shows instead of the loop, and "continue" keeps the text.
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await warning.getByRole('button').tap();
  await expect(warning).toHaveCount(0);
  await expect(dialog).toBeVisible();

  // Left alone, the reset closes the dialog and the home menu shows.
  await expect(warning).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(dialog).toHaveCount(0, { timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
});

test('dialog from the loop closes to home', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS * 2 + 30) * 1000);
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await openHome(page);
    const attract = page.getByTestId('attract');
    await expect(attract).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });

    await page.getByTestId('emergency-notice-banner').tap();
    const dialog = page.getByTestId('emergency-notice-dialog');
    await expect(dialog).toBeVisible();
    expect(await coveredPoints(dialog), `${size.width}x${size.height}`).toEqual([]);

    await page.getByTestId('emergency-notice-close').tap();
    await expect(dialog).toHaveCount(0);
    await expect(attract).toHaveCount(0);
    await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  }
});

test('swipe on the loop strip leaves the loop', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 30) * 1000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openHome(page);
  const attract = page.getByTestId('attract');
  await expect(attract).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });

  const strip = (await page.getByTestId('emergency-notice-banner').boundingBox())!;
  await swipe(page, { x: strip.x + strip.width / 2, y: strip.y + strip.height / 2 }, { x: 0, y: 400 });
  await expect(attract).toHaveCount(0);
  await expect(page.getByTestId('emergency-notice-dialog')).toHaveCount(0);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  // The swipe pressed nothing on the home menu that came up under it.
  await expect(page.locator('[data-view="home"]')).toBeVisible();
});
