// Screenshots of the home menu, every board list, a detail of every record kind, the village
// finance chart, the region picker and the search results, at 1080x1920 portrait and 1920x1080
// landscape, in Chinese and for a few screens in English. Each screen is checked before it is
// written: text and tap-target sizes for elderly users, nothing cut off outside the viewport, and
// a text contrast of at least 4.5:1 against the background behind it.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { shownLayer, useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, measure, saveScreenshot, waitForFonts } from './screen-checks.js';

const server = useKioskServer({ screenshots: true });

/**
 * Lists visible text, buttons and scroll areas that reach outside the viewport without a
 * scrolling or clipping ancestor to hold them, and whether the page itself scrolls.
 */
async function cutOffElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + 1) found.push(`page is ${root.scrollWidth} px wide`);
    if (root.scrollHeight > window.innerHeight + 1) found.push(`page is ${root.scrollHeight} px tall`);

    const clipsContent = (element: Element) => {
      const style = getComputedStyle(element);
      return style.overflowX !== 'visible' || style.overflowY !== 'visible';
    };
    const insideClippingAncestor = (element: Element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (clipsContent(parent)) return true;
      }
      return false;
    };
    const hasOwnText = (element: Element) =>
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');

    for (const element of document.querySelectorAll('body *')) {
      if (element.getClientRects().length === 0) continue;
      if (!(hasOwnText(element) || element instanceof HTMLButtonElement || clipsContent(element))) continue;
      if (insideClippingAncestor(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -1 || box.top < -1 || box.right > window.innerWidth + 1 || box.bottom > window.innerHeight + 1) {
        found.push(`${element.tagName.toLowerCase()}.${element.className}: ${(element.textContent ?? '').trim().slice(0, 30)}`);
      }
    }
    return found;
  });
}

/**
 * Lists visible text whose colour has a WCAG contrast ratio under 4.5:1 against the background
 * colours behind it. SVG text is judged by its fill, and background images are not considered.
 */
async function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (color: string): Rgba | null => {
      const channels = color.match(/[\d.]+/g);
      if (!color.startsWith('rgb') || !channels) return null;
      const [red, green, blue, alpha] = channels.map(Number);
      return [red!, green!, blue!, alpha ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => [
      top[0] * top[3] + bottom[0] * (1 - top[3]),
      top[1] * top[3] + bottom[1] * (1 - top[3]),
      top[2] * top[3] + bottom[2] * (1 - top[3]),
      1,
    ];
    const background = (element: Element | null): Rgba => {
      if (!element) return [255, 255, 255, 1];
      const own = parse(getComputedStyle(element).backgroundColor);
      const below = background(element.parentElement);
      return own && own[3] > 0 ? over(own, below) : below;
    };
    const luminance = ([red, green, blue]: Rgba) => {
      const linear = (channel: number) => {
        const value = channel / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
    };

    const found: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      if (!ownText || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;

      const behind = background(element instanceof SVGElement ? element.closest('svg')!.parentElement : element);
      const foreground = parse(element instanceof SVGElement ? style.fill : style.color);
      if (!foreground) continue;
      const [light, dark] = [luminance(over(foreground, behind)), luminance(behind)].sort((a, b) => b - a);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      if (ratio < 4.5) found.push(`${ratio.toFixed(2)}: ${(element.textContent ?? '').trim().slice(0, 30)}`);
    }
    return found;
  });
}

/** Checks the screen on display and writes it as docs/screenshots/boards-<name>-<orientation>.png. */
async function checkAndSave(page: Page, name: string, orientation: string): Promise<void> {
  await waitForFonts(page);
  expectElderlyFriendly(await measure(page));
  expect(await cutOffElements(page), `${name}: cut off`).toEqual([]);
  expect(await lowContrastTexts(page), `${name}: contrast`).toEqual([]);
  await saveScreenshot(page, `boards-${name}-${orientation}.png`);
}

async function openBoard(page: Page, board: string, tab?: string): Promise<void> {
  await page.locator(`[data-tile="${board}"]`).tap();
  await expect(shownLayer(page).getByTestId('board-screen')).toHaveAttribute('data-board', board);
  if (tab) await shownLayer(page).getByTestId(tab).tap();
}

/** Opens a board's list and waits for its rows. */
async function openList(page: Page, board: string, tab?: string): Promise<void> {
  await openBoard(page, board, tab);
  await expect(shownLayer(page).getByTestId('board-row').first()).toBeVisible();
  await expect(shownLayer(page).getByTestId('source-line')).toContainText('来源');
}

async function openFirstDetail(page: Page, board: string, tab?: string): Promise<void> {
  await openList(page, board, tab);
  await shownLayer(page).getByTestId('board-row').first().tap();
  await expect(shownLayer(page).getByTestId('detail-fields')).toBeVisible();
}

async function openFinanceChart(page: Page): Promise<void> {
  await openBoard(page, 'finance');
  await expect(shownLayer(page).getByTestId('finance-chart')).toBeVisible();
  await expect(shownLayer(page).getByTestId('chart-month')).toHaveCount(12);
}

async function openSearchResults(page: Page): Promise<void> {
  await page.locator('[data-tile="search"]').tap();
  await shownLayer(page).getByTestId('search-query').fill('低保');
  await expect(shownLayer(page).getByTestId('search-hit').first().locator('mark').first()).toBeVisible();
}

async function openRegionPicker(page: Page): Promise<void> {
  await page.getByTestId('change-region').tap();
  await shownLayer(page).getByTestId('region-children').locator('.region-button').first().tap();
  await expect(shownLayer(page).getByTestId('region-children').locator('.region-button').first()).toBeVisible();
}

const SCREENS: { name: string; open(page: Page): Promise<void> }[] = [
  { name: 'home', open: async (page) => await expect(page.locator('[data-tile="finance"]')).toBeVisible() },
  { name: 'projects', open: (page) => openList(page, 'projects') },
  { name: 'fund-allocations', open: (page) => openList(page, 'projects', 'tab-fund-allocation') },
  { name: 'poverty', open: (page) => openList(page, 'poverty') },
  { name: 'finance-chart', open: openFinanceChart },
  { name: 'finance-ledger', open: (page) => openList(page, 'finance', 'tab-finance-entry') },
  { name: 'village-affairs', open: (page) => openList(page, 'village-affairs') },
  { name: 'township-affairs', open: (page) => openList(page, 'township-affairs') },
  { name: 'complaints', open: (page) => openList(page, 'complaints') },
  { name: 'detail-project', open: (page) => openFirstDetail(page, 'projects') },
  { name: 'detail-fund-allocation', open: (page) => openFirstDetail(page, 'projects', 'tab-fund-allocation') },
  { name: 'detail-poverty-household', open: (page) => openFirstDetail(page, 'poverty') },
  { name: 'detail-finance-entry', open: (page) => openFirstDetail(page, 'finance', 'tab-finance-entry') },
  { name: 'detail-finance-balance', open: (page) => openFirstDetail(page, 'finance', 'tab-finance-balance') },
  { name: 'detail-collective-asset', open: (page) => openFirstDetail(page, 'finance', 'tab-collective-asset') },
  { name: 'detail-notice', open: (page) => openFirstDetail(page, 'village-affairs') },
  { name: 'detail-complaint-outcome', open: (page) => openFirstDetail(page, 'complaints') },
  { name: 'detail-accountability-notice', open: (page) => openFirstDetail(page, 'complaints', 'tab-accountability-notice') },
  { name: 'region-picker', open: openRegionPicker },
  { name: 'search', open: openSearchResults },
];

// Screens also written in English.
const ENGLISH_SCREENS = new Set(['home', 'finance-chart', 'detail-project', 'search']);

for (const [orientation, width, height] of [
  ['portrait', 1080, 1920],
  ['landscape', 1920, 1080],
] as const) {
  for (const screen of SCREENS) {
    test(`${screen.name} passes the checks in ${orientation}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(server.url);
      await expect(page.getByTestId('current-region')).toContainText('当前地区：');

      await screen.open(page);
      await checkAndSave(page, screen.name, orientation);

      if (ENGLISH_SCREENS.has(screen.name)) {
        await page.getByRole('button', { name: 'English' }).tap();
        await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
        await checkAndSave(page, `${screen.name}-en`, orientation);
      }
    });
  }
}

/** Counts the list rows whose whole box lies inside the list's scrolling viewport. */
async function fullyVisibleRows(page: Page): Promise<number> {
  return shownLayer(page)
    .locator('[data-virtuoso-scroller]')
    .evaluate((scroller) => {
      const frame = scroller.getBoundingClientRect();
      return [...scroller.querySelectorAll('[data-testid="board-row"]')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1;
      }).length;
    });
}

// The ledger has far more rows than any screen holds, so the count measures the layout alone.
// Portrait gives three whole lines of filter chips and a hint that more are below, which leaves
// seven whole rows.
for (const [orientation, width, height, rows] of [
  ['portrait', 1080, 1920, 7],
  ['landscape', 1920, 1080, 5],
  ['small landscape', 1366, 768, 3],
] as const) {
  test(`the ledger shows at least ${rows} whole rows in ${orientation}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto(server.url);
    await openList(page, 'finance', 'tab-finance-entry');
    await waitForFonts(page);
    expect(await fullyVisibleRows(page)).toBeGreaterThanOrEqual(rows);
  });
}
