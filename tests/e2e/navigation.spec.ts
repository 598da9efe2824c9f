// The home menu, the boards it opens, the region picker and the search screen in Debian's
// Chromium with touch, against `minsheng serve` over a snapshot made by the real publish and sync
// commands. Layouts are checked at 1920x1080 landscape, 1080x1920 portrait and 1366x768.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { pinyin } from 'pinyin-pro';
import { shownLayer, tapLetters, useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, inside, measure, overlaps, saveScreenshot, waitForFonts } from './screen-checks.js';

const server = useKioskServer({ screenshots: true });

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('current-region')).toContainText('当前地区：');
});

const BOARD_TILES = ['projects', 'poverty', 'finance', 'village-affairs', 'township-affairs', 'complaints'] as const;

/** Returns the boxes of the rendered elements matching the selector, and the viewport. */
async function buttonBoxes(page: Page, selector: string) {
  return page.evaluate((css) => {
    const boxes = [...document.querySelectorAll(css)]
      .filter((element) => element.getClientRects().length > 0)
      .map((element) => {
        const box = element.getBoundingClientRect();
        return { text: element.textContent ?? '', left: box.left, top: box.top, right: box.right, bottom: box.bottom };
      });
    return { boxes, viewport: { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight } };
  }, selector);
}

/** Lists the buttons matching the selector that leave the viewport or overlap one another. */
async function misplacedButtons(page: Page, selector: string): Promise<string[]> {
  const { boxes, viewport } = await buttonBoxes(page, selector);
  const outside = boxes.filter((box) => !inside(box, viewport)).map((box) => `outside: ${box.text}`);
  const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => overlaps(a, b)).map((b) => `overlap: ${a.text} / ${b.text}`));
  return [...outside, ...overlapping];
}

test('opens every board and returns home', async ({ page }) => {
  for (const tile of BOARD_TILES) {
    await page.locator(`[data-tile="${tile}"]`).tap();
    await expect(page.getByTestId('board-screen')).toHaveAttribute('data-board', tile);
    await expect(shownLayer(page).getByTestId('region-bar')).toBeVisible();
    await shownLayer(page).getByRole('button', { name: /返回/ }).tap();
    await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  }

  // The session lives in memory only.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/');
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
});

test('picks a village by its initials', async ({ page }) => {
  await page.getByTestId('change-region').tap();
  await expect(page.getByTestId('breadcrumbs')).toBeVisible();

  // Drill into the first township and read a village's name from the list.
  await page.getByTestId('region-children').locator('.region-button').first().tap();
  const village = page.getByTestId('region-children').locator('.region-button').first();
  const code = await village.getAttribute('data-region');
  const name = server.regionNames.get(code!)!;
  await expect(village).toContainText(name);

  // Its initials in the usual reading, which the snapshot lists among its alternatives.
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').slice(0, 3);
  await tapLetters(page, initials);
  const match = page.getByTestId('region-matches').locator(`[data-region="${code}"]`);
  await expect(match).toContainText(name);
  await expect(match).toContainText('属于');
  await waitForFonts(page);
  await saveScreenshot(page, 'region-picker.png');

  await match.tap();
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${name}`);

  await page.locator('[data-tile="village-affairs"]').tap();
  await shownLayer(page).getByRole('button', { name: /完成/ }).tap();
  await expect(page.getByTestId('current-region')).not.toHaveText(`当前地区：${name}`);
});

test('searches by pinyin and returns from a hit', async ({ page }) => {
  await page.locator('[data-tile="search"]').tap();
  await expect(page.getByText(/请先输入要找的字词/)).toBeVisible();

  // Candidates come from the indexed words, so each one finds something.
  await tapLetters(page, 'c');
  const candidate = page.getByTestId('candidate').first();
  await expect(candidate).toBeVisible();
  const term = (await candidate.textContent())!;
  await candidate.tap();
  await expect(page.getByTestId('search-query')).toHaveValue(term);

  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator('mark').first()).toBeVisible();
  const underline = await hits.first().locator('mark').first().evaluate((mark) => getComputedStyle(mark).textDecorationLine);
  expect(underline).toBe('underline');
  const shown = await hits.count();
  await waitForFonts(page);
  await saveScreenshot(page, 'search.png');

  await hits.first().tap();
  await expect(shownLayer(page)).toHaveAttribute('data-view', 'detail');
  await shownLayer(page).getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByTestId('search-query')).toHaveValue(term);
  await expect(hits).toHaveCount(shown);
});

test('searches what a keyboard types', async ({ page }) => {
  await page.locator('[data-tile="search"]').tap();
  await page.getByTestId('search-query').fill('没有这样的字词乙丙丁');
  await expect(page.getByTestId('search-no-hits')).toContainText('没有找到含有“没有这样的字词乙丙丁”的公开内容');
});

for (const [width, height] of [
  [1920, 1080],
  [1080, 1920],
  [1366, 768],
] as const) {
  test(`lays out the menu, picker and search at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    for (const language of ['中文', 'English']) {
      await page.getByRole('button', { name: language }).tap();
      await waitForFonts(page);
      expect(await misplacedButtons(page, '.menu-tile, .region-change-button')).toEqual([]);
      expectElderlyFriendly(await measure(page));
      if (language === '中文' && width !== 1366) await saveScreenshot(page, `menu-${width}x${height}.png`);

      await page.getByTestId('change-region').tap();
      await tapLetters(page, 'z');
      expect(await misplacedButtons(page, '.letter-key, .screen-actions .big-button')).toEqual([]);
      expectElderlyFriendly(await measure(page));
      await shownLayer(page).getByRole('button', { name: /返回|Back/ }).tap();

      await page.locator('[data-tile="search"]').tap();
      await tapLetters(page, 'c');
      await expect(page.getByTestId('candidate').first()).toBeVisible();
      expect(await misplacedButtons(page, '.letter-key, .screen-actions .big-button, .chip')).toEqual([]);
      expectElderlyFriendly(await measure(page));
      await shownLayer(page).getByRole('button', { name: /完成|Done/ }).tap();
    }
  });
}
