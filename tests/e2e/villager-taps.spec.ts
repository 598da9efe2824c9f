// Taps an elderly villager makes that must not press anything: "continue" on the idle warning or
// a tap on its dimmed backdrop, and the second tap of a double tap that leaves the attract loop.
// Also that images cannot be dragged off the page in the browser host. Debian's Chromium with
// touch, against `minsheng serve` on demo data.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { LEAVE_GUARD_MS } from '../../src-renderer/attract/use-attract-loop.js';
import { IDLE_TIMEOUT_SECONDS } from './kiosk-server.js';
import { shownLayer, useKioskServer } from './kiosk-session.js';

// The smallest wait the terminal config accepts.
const ATTRACT_AFTER_SECONDS = 10;

const server = useKioskServer({ config: { kiosk: { attractAfterSeconds: ATTRACT_AFTER_SECONDS } } });

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
});

/** Lets the page handle what a tap queued: two frames pass after the tap's events. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator(selector).first().boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('idle warning taps press nothing beneath', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 6 * 1000);
  await page.locator('[data-tile="village-affairs"]').tap();
  const board = shownLayer(page).getByTestId('board-screen');
  await expect(board.getByTestId('board-row').first()).toBeVisible();

  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  // A control sits under the button: the tap must still end on the board as it was.
  const button = warning.getByRole('button', { name: '继续使用' });
  const { x, y } = await centreOf(page, '.modal .big-button');
  const under = await page.evaluate(([px, py]) => {
    const modal = document.querySelector('.modal-backdrop') as HTMLElement;
    modal.style.visibility = 'hidden';
    const found = document.elementFromPoint(px!, py!)?.closest('button, [data-testid="board-row"]') ?? null;
    modal.style.visibility = '';
    return found !== null;
  }, [x, y]);
  expect(under).toBe(true);
  await button.tap();
  await expect(warning).toBeHidden();
  await settle(page);
  await expect(page.getByTestId('record-detail')).toHaveCount(0);
  await expect(board).toBeVisible();

  // The backdrop over the first row: the tap only keeps the session going.
  await expect(warning).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  const row = await centreOf(page, '.view-layer:not([hidden]) [data-testid="board-row"]');
  await page.touchscreen.tap(row.x, row.y);
  await expect(warning).toBeHidden();
  await settle(page);
  await expect(page.getByTestId('record-detail')).toHaveCount(0);

  // The next tap acts as usual, so the checks above could see a row open.
  await shownLayer(page).getByTestId('board-row').first().tap();
  await expect(shownLayer(page).getByTestId('record-detail')).toBeVisible();
});

test('attract double tap opens no tile', async ({ page }) => {
  const tile = await centreOf(page, '[data-tile="lookup"]');
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });

  await page.touchscreen.tap(tile.x, tile.y);
  await page.touchscreen.tap(tile.x, tile.y);
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await settle(page);
  await expect(page.locator('[data-key="search"]')).toHaveCount(0);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();

  // Once the guard is over, a tap opens the tile.
  await page.waitForTimeout(LEAVE_GUARD_MS + 200);
  await page.touchscreen.tap(tile.x, tile.y);
  await expect(page.locator('[data-key="search"]')).toBeVisible();
});

test('images are not draggable', async ({ page }) => {
  const result = await page.evaluate(() => {
    const image = document.createElement('img');
    image.alt = '';
    image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.getElementById('root')!.append(image);
    const drag = new DragEvent('dragstart', { bubbles: true, cancelable: true });
    image.dispatchEvent(drag);
    const userDrag = getComputedStyle(image).getPropertyValue('-webkit-user-drag');
    image.remove();
    return { userDrag, prevented: drag.defaultPrevented };
  });
  expect(result).toEqual({ userDrag: 'none', prevented: true });
});
