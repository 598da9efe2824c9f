// The attract loop in Debian's Chromium with touch, against `minsheng serve` on demo data. It
// starts on the untouched home screen after the configured wait and shows the county's newest
// notices in turn with the data date and the prompt. One tap or swipe on it returns to the home
// menu without pressing the tile under the finger. Also writes the README screenshots of the loop at
// 1920x1080 and 1080x1920.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ATTRACT_NOTICE_COUNT } from '../../src-renderer/attract/attract-notices.js';
import { useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, measure, saveScreenshot, waitForFonts } from './screen-checks.js';

// The smallest wait the terminal config accepts.
const ATTRACT_AFTER_SECONDS = 10;
// Each notice shows for 8 seconds; this leaves room for a slow start of the loop.
const SLIDE_TIMEOUT_MS = 20_000;

const server = useKioskServer({ screenshots: true, config: { kiosk: { attractAfterSeconds: ATTRACT_AFTER_SECONDS } } });

/** Titles of the county's newest notices, in the boards' order: issued_on, then notice_id, both descending. */
function newestNoticeTitles(): string[] {
  const notices = server.readDemoCsv('notices.csv');
  // SQLite compares text by code units, as < does, not by locale.
  const descending = (a: string, b: string) => {
    if (a === b) return 0;
    return a < b ? 1 : -1;
  };
  notices.sort((a, b) => descending(a.issued_on!, b.issued_on!) || descending(a.notice_id!, b.notice_id!));
  return notices.slice(0, ATTRACT_NOTICE_COUNT).map((notice) => notice.title!);
}

async function openHome(page: Page): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
}

async function waitForAttract(page: Page): Promise<void> {
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });
  await expect(page.locator('[data-testid="attract-slide"][data-shown="true"]')).toHaveCount(1);
}

test('attract loop shows the newest notices', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 + SLIDE_TIMEOUT_MS * 2);
  const titles = newestNoticeTitles();
  await openHome(page);
  await expect(page.getByTestId('attract')).toHaveCount(0);

  await waitForAttract(page);
  const shownSlide = page.locator('[data-testid="attract-slide"][data-shown="true"]');
  await expect(shownSlide.locator('.attract-title')).toHaveText(titles[0]!);
  await expect(page.getByTestId('attract-position')).toHaveText(`第 1 条，共 ${titles.length} 条`);
  await expect(page.getByTestId('attract-data-as-of')).toContainText('数据截至 20');
  await expect(page.getByTestId('attract-prompt')).toHaveText('轻触屏幕开始');

  // The next notice follows by itself.
  await expect(page.getByTestId('attract-position')).toHaveText(`第 2 条，共 ${titles.length} 条`, { timeout: SLIDE_TIMEOUT_MS });
  await expect(shownSlide.locator('.attract-title')).toHaveText(titles[1]!);
});

/** Opens the home screen, waits for the loop and returns where the lookup tile is under it. */
async function attractOverLookupTile(page: Page) {
  await openHome(page);
  const tile = await page.locator('[data-tile="lookup"]').boundingBox();
  if (!tile) throw new Error('the lookup tile has no box on the home screen');

  await waitForAttract(page);
  return tile;
}

/** Checks that the loop has closed onto the home menu and that no tile under it was pressed. */
async function expectHomeUntouched(page: Page): Promise<void> {
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  await expect(page.locator('.view-layer')).toHaveCount(1);
  await expect(page.locator('.view-layer')).toHaveAttribute('data-view', 'home');
  await expect(page.getByTestId('id-display')).toHaveCount(0);
}

test('one tap returns home without pressing a tile', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
  const tile = await attractOverLookupTile(page);
  // Where the lookup tile was: a tap that reached the home menu would open the lookup.
  await page.touchscreen.tap(tile.x + tile.width / 2, tile.y + tile.height / 2);

  await expectHomeUntouched(page);

  // Left untouched again, the home screen starts the loop again.
  await waitForAttract(page);
});

test('swipe returns home without pressing a tile', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
  const tile = await attractOverLookupTile(page);
  // Playwright's touchscreen only taps, so the drag goes through Chromium's input domain. It
  // starts 100 px below the lookup tile's centre and ends 100 px above it.
  const x = tile.x + tile.width / 2;
  const y = tile.y + tile.height / 2 + 100;
  const input = await page.context().newCDPSession(page);
  await input.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= 10; step += 1) {
    await input.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - step * 20 }] });
  }
  await input.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

  await expectHomeUntouched(page);
});

test('attract cross-fade stops for reduced motion', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
  const transition = () => page.locator('.attract-slide').first().evaluate((slide) => getComputedStyle(slide).transitionDuration);
  const animation = () => page.getByTestId('attract-prompt').evaluate((prompt) => getComputedStyle(prompt).animationName);

  await openHome(page);
  await waitForAttract(page);
  expect(await transition()).toBe('1.2s');
  expect(await animation()).toBe('attract-ring');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await transition()).toBe('0s');
  expect(await animation()).toBe('none');
});

/** Checks that the notice and the prompt fit the screen without overlapping. */
async function expectFits(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const card = await page.locator('[data-testid="attract-slide"][data-shown="true"]').boundingBox();
  const prompt = await page.getByTestId('attract-prompt').boundingBox();
  if (!card || !prompt) throw new Error('the attract screen shows no notice or no prompt');

  expect(card.y).toBeGreaterThanOrEqual(0);
  expect(card.y + card.height).toBeLessThanOrEqual(prompt.y);
  expect(prompt.y + prompt.height).toBeLessThanOrEqual(viewport.height);
  expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
}

test('attract screen fits every screen size', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
  // Still frames: no cross-fade or ring caught halfway.
  await page.emulateMedia({ reducedMotion: 'reduce' });

  await openHome(page);
  await waitForAttract(page);
  await waitForFonts(page);
  expectElderlyFriendly(await measure(page));
  await expectFits(page);
  await saveScreenshot(page, 'attract-1920x1080.png');

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1280, height: 1024 },
    { width: 1080, height: 1920 },
  ]) {
    await page.setViewportSize(size);
    expectElderlyFriendly(await measure(page));
    await expectFits(page);
  }
  await saveScreenshot(page, 'attract-1080x1920.png');
});
