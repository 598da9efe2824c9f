// The kiosk screens in Debian's Chromium with touch at 1920x1080, and their layout at 1366x768 and
// 1280x1024, against `minsheng serve` over a snapshot made by the real publish and sync commands.
// Home is the menu; the household lookup opens from its first tile. The menu, region picker and
// search screen are also laid out at 1080x1920 portrait. Also writes the README screenshots.
import { expect, test } from '@playwright/test';
import type { Page, Route } from '@playwright/test';
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { IDLE_TIMEOUT_SECONDS, startExpiredKioskServer } from './kiosk-server.js';
import { useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, inside, measure, overlaps, saveScreenshot, waitForFonts } from './screen-checks.js';
import type { DemoHousehold, ExpiredKioskServer } from './kiosk-server.js';

const server = useKioskServer({ screenshots: true });

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('data-info')).toContainText('2024');
});

/** Returns the household with the most payments, so the list has to scroll. */
function largestHousehold(): DemoHousehold {
  return [...server.households].sort((a, b) => b.paymentCount - a.paymentCount || a.householdId.localeCompare(b.householdId))[0]!;
}

/** Opens the household lookup from the home menu. */
async function openLookup(page: Page): Promise<void> {
  await page.locator('[data-tile="lookup"]').tap();
  await expect(page.getByTestId('id-display')).toBeVisible();
}

async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.locator(`[data-key="${key}"]`).tap();
}

test('finds a household by tapping the keypad', async ({ page }) => {
  await openLookup(page);
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
  await saveScreenshot(page, 'result.png');
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByText('Total paid')).toBeVisible();
  await waitForFonts(page);
  await saveScreenshot(page, 'result-en.png');

  // A keyboard user sees where focus is on the scrolling list, inside its panel's edge.
  const scroller = page.getByTestId('payment-list');
  await scroller.evaluate((element) => {
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '0');
  });
  // A key press first, so Chromium treats the following focus as keyboard focus.
  await page.keyboard.press('Shift');
  await scroller.focus();
  const ring = await scroller.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: style.outlineWidth, offset: style.outlineOffset };
  });
  expect(ring).toEqual({ style: 'solid', width: '4px', offset: '-4px' });

  await page.getByRole('button', { name: /Done/ }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生监督自助查询');
  await openLookup(page);
  await expect(page.getByTestId('id-display')).toHaveText('');
});

test('locks the keypad while a lookup runs', async ({ page }) => {
  const [first, second] = [...server.households].sort((a, b) => a.householdId.localeCompare(b.householdId));
  const idNumber = first!.idNumbers[0]!;

  // Hold the lookup until the checks below have run, as a slow host would.
  let release!: () => void;
  const lookupReleased = new Promise<void>((resolve) => (release = resolve));
  let lookups = 0;
  await page.route('**/api/lookup', async (route: Route) => {
    lookups += 1;
    await lookupReleased;
    await route.continue();
  });
  await openLookup(page);

  await tapKeys(page, idNumber);
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('searching')).toBeVisible();
  await expect(page.locator('[data-key="search"]')).toHaveText('⏳查询中');
  for (const key of await page.locator('.keypad button').all()) await expect(key).toBeDisabled();

  // Taps on the locked keys change nothing: the number stays the one being looked up.
  await page.locator('[data-key="clear"]').tap({ force: true });
  await page.locator(`[data-key="${second!.idNumbers[0]![0]}"]`).tap({ force: true });
  await expect(page.getByTestId('id-display')).toHaveText(idNumber);

  release();
  await expect(page.getByTestId('grand-total')).toHaveAttribute('data-fen', String(first!.totalFen));
  await expect(page.getByTestId('members').locator('li')).toHaveCount(first!.idNumbers.length);
  expect(lookups).toBe(1);

  await page.getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByTestId('id-display')).toHaveText(idNumber);
  await page.unroute('**/api/lookup');
});

test('keeps search disabled for a bad checksum', async ({ page }) => {
  await openLookup(page);
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
  await openLookup(page);
  const first17 = '43122619500101999';
  await tapKeys(page, first17 + computeCheckCharacter(first17));
  await page.locator('[data-key="search"]').tap();

  await expect(page.getByTestId('message-not-found')).toContainText('村委会');
  await page.getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByTestId('id-display')).toHaveText(first17 + computeCheckCharacter(first17));
});

test('warns before the idle timeout and extends on request', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 4 * 1000);
  await openLookup(page);
  await tapKeys(page, '431226');

  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.getByTestId('idle-countdown')).toContainText('秒后将回到首页');
  await dialog.getByRole('button', { name: '继续使用' }).tap();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('id-display')).toHaveText('431226');

  // Untouched, the warning comes back and the session is wiped.
  await expect(dialog).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(dialog).toBeHidden();
  await openLookup(page);
  await expect(page.getByTestId('id-display')).toHaveText('');
  await expect(page.getByTestId('id-feedback')).toHaveText('请输入 18 位号码');
});

test('wipes a shown result after the idle timeout', async ({ page }) => {
  await openLookup(page);
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 4 * 1000);
  await tapKeys(page, largestHousehold().idNumbers[0]!);
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('grand-total')).toBeVisible();

  await expect(page.locator('[data-tile="lookup"]')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  await expect(page.getByTestId('grand-total')).toHaveCount(0);
  await openLookup(page);
  await expect(page.getByTestId('id-display')).toHaveText('');
});

test('switches the screens to English', async ({ page }) => {
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Livelihood Supervision Kiosk');
  await expect(page.locator('[data-tile="lookup"]')).toContainText('My household payments');
  await openLookup(page);
  await expect(page.locator('[data-key="search"]')).toHaveText('Search');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');

  await tapKeys(page, '431226');
  await expect(page.getByTestId('id-feedback')).toHaveText('✎6 of 18 typed');
  await waitForFonts(page);
  await saveScreenshot(page, 'home-en.png');

  await page.getByRole('button', { name: '中文' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('民生监督自助查询');
  await waitForFonts(page);
  await saveScreenshot(page, 'home.png');
});

test('meets the elderly-friendly sizes', async ({ page }) => {
  expectElderlyFriendly(await measure(page));

  await openLookup(page);
  const home = await measure(page);
  expect(home.keyCount).toBe(14);
  expect(home.buttons.filter((button) => /^[0-9X]$/.test(button.text)).every((key) => key.width >= 96 && key.height >= 96)).toBe(true);
  expect(home.minimumGap).toBeGreaterThanOrEqual(12);
  expectElderlyFriendly(home);

  await tapKeys(page, largestHousehold().idNumbers[0]!);
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('payment-row').first()).toBeVisible();
  const result = await measure(page);
  expectElderlyFriendly(result);
  // The year and item headings of the payment list are among the headings measured.
  const headingTexts = result.headings.map((heading) => heading.text);
  expect(headingTexts).toContain(await page.locator('.year-title').first().textContent());
  expect(headingTexts).toContain(await page.locator('.item-name').first().textContent());
});

/** Measures the boxes of the ID display, the keypad, the data line and each typed character. */
async function measureHome(page: Page) {
  return page.evaluate(() => {
    const plain = (rect: DOMRect) => ({ left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom });
    const display = document.querySelector('[data-testid="id-display"]')!;
    const characters: ReturnType<typeof plain>[] = [];
    for (const group of display.querySelectorAll('.id-group')) {
      const text = group.firstChild!;
      for (let index = 0; index < text.textContent!.length; index += 1) {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        characters.push(plain(range.getBoundingClientRect()));
      }
    }
    return {
      display: plain(display.getBoundingClientRect()),
      keypad: plain(document.querySelector('.keypad')!.getBoundingClientRect()),
      dataInfo: plain(document.querySelector('[data-testid="data-info"]')!.getBoundingClientRect()),
      characters,
      viewport: { width: window.innerWidth, height: window.innerHeight },
    };
  });
}

/** Texts of the given elements that run over more than one line. */
async function wrappedTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const lineTops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        return lineTops.size > 1;
      })
      .map((element) => element.textContent ?? ''),
  );
}

for (const [width, height] of [
  [1366, 768],
  [1280, 1024],
] as const) {
  test(`fits the home screen at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLookup(page);
    for (const language of ['中文', 'English']) {
      await page.getByRole('button', { name: language }).tap();
      await page.locator('[data-key="clear"]').tap({ force: true });
      await tapKeys(page, largestHousehold().idNumbers[0]!);
      await expect(page.locator('[data-key="search"]')).toBeEnabled();
      await waitForFonts(page);

      const home = await measureHome(page);
      const viewport = { left: 0, top: 0, right: home.viewport.width, bottom: home.viewport.height };
      expect(overlaps(home.display, home.keypad)).toBe(false);
      expect(home.characters).toHaveLength(18);
      expect(home.characters.filter((character) => !inside(character, home.display))).toEqual([]);
      expect(home.characters.filter((character) => !inside(character, viewport))).toEqual([]);
      expect(inside(home.dataInfo, viewport)).toBe(true);
      expectElderlyFriendly(await measure(page));
    }

    // Committed screenshots must not show a full ID number, even a generated one.
    await page.locator('[data-key="clear"]').tap({ force: true });
    await tapKeys(page, largestHousehold().idNumbers[0]!.slice(0, 6));
    await saveScreenshot(page, `home-en-${width}x${height}.png`);
  });

  test(`shows the queried member at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLookup(page);
    const household = [...server.households].sort(
      (a, b) => b.idNumbers.length - a.idNumbers.length || a.householdId.localeCompare(b.householdId),
    )[0]!;
    await tapKeys(page, household.idNumbers[household.idNumbers.length - 1]!);
    await page.locator('[data-key="search"]').tap();

    const queried = page.locator('.member--queried');
    await expect(queried).toBeVisible();
    const [row, list] = await Promise.all([queried.boundingBox(), page.getByTestId('members').boundingBox()]);
    expect(row!.y).toBeGreaterThanOrEqual(list!.y - 1);
    expect(row!.y + row!.height).toBeLessThanOrEqual(list!.y + list!.height + 1);
  });

  test(`fits the result screen at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLookup(page);
    const household = largestHousehold();
    await tapKeys(page, household.idNumbers[0]!);
    await page.locator('[data-key="search"]').tap();
    await expect(page.getByTestId('payment-row').first()).toBeVisible();

    for (const language of ['中文', 'English']) {
      await page.getByRole('button', { name: language }).tap();
      await waitForFonts(page);
      await expect(page.getByTestId('result-data-as-of')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('members').locator('li').first()).toBeInViewport({ ratio: 1 });

      // Either every member is in view, or a line gives how many are further down the list.
      const hidden = await page.getByTestId('members').evaluate((list) => {
        const bottom = list.getBoundingClientRect().bottom;
        return [...list.children].filter((member) => member.getBoundingClientRect().bottom > bottom + 1).length;
      });
      if (hidden > 0) await expect(page.getByTestId('more-members')).toContainText(String(hidden));
      else await expect(page.getByTestId('more-members')).toHaveCount(0);

      expect(await wrappedTexts(page, '.year-title, .year-subtotal, .item-count, .item-subtotal')).toEqual([]);
      const clippedRows = await page
        .getByTestId('payment-row')
        .evaluateAll((rows) => rows.filter((row) => row.scrollWidth > row.clientWidth).map((row) => row.textContent));
      expect(clippedRows).toEqual([]);
      expectElderlyFriendly(await measure(page));
    }
    await saveScreenshot(page, `result-en-${width}x${height}.png`);
  });
}

/** WCAG contrast ratio of two CSS rgb() or rgba() colours, ignoring alpha. */
function contrastRatio(first: string, second: string): number {
  const luminance = (color: string) => {
    const [red, green, blue] = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((channel) => {
        const value = Number(channel) / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * red! + 0.7152 * green! + 0.0722 * blue!;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Keypad keys that are outside the viewport, overlap the banner, or are not the topmost element at their centre. */
async function coveredKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const banner = document.querySelector('[data-testid="data-age-banner"]')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLButtonElement>('.keypad button')]
      .filter((key) => {
        const box = key.getBoundingClientRect();
        const inView = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
        const overlapsBanner = box.left < banner.right && banner.left < box.right && box.top < banner.bottom && banner.top < box.bottom;
        const topmost = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return !inView || overlapsBanner || !(topmost !== null && key.contains(topmost));
      })
      .map((key) => key.dataset.key ?? key.textContent ?? '');
  });
}

test.describe('expired data', () => {
  const AGE_DAYS = 40;
  let expired: ExpiredKioskServer;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    expired = await startExpiredKioskServer({ ageDays: AGE_DAYS, expiresInDays: 30 });
  });

  test.afterAll(async () => {
    await expired?.stop();
  });

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
  ] as const) {
    test(`shows the data-age banner at ${width}x${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(expired.url);
      await openLookup(page);
      const banner = page.getByTestId('data-age-banner');
      await expect(banner).toContainText(`数据已 ${AGE_DAYS} 天未更新，可能不是最新。`);
      await expect(banner).toContainText(`数据截至 ${expired.dataAsOf}。`);
      await expect(banner.locator('.data-age-icon')).toHaveText('⚠');
      await waitForFonts(page);

      // Text at 24 px or more, at 4.5:1 or more against the banner's own background.
      const style = await banner.evaluate((element) => {
        const text = getComputedStyle(element.querySelector('.data-age-text')!);
        return { fontSize: parseFloat(text.fontSize), color: text.color, background: getComputedStyle(element).backgroundColor };
      });
      expect(style.fontSize).toBeGreaterThanOrEqual(24);
      expect(contrastRatio(style.color, style.background)).toBeGreaterThanOrEqual(4.5);
      expectElderlyFriendly(await measure(page));

      // The banner takes its own row: every key stays in view, uncovered and usable.
      expect(await coveredKeys(page)).toEqual([]);
      const household = [...expired.households].sort((a, b) => a.householdId.localeCompare(b.householdId))[0]!;
      await tapKeys(page, household.idNumbers[0]!.slice(0, 6));
      await expect(page.getByTestId('id-display')).toHaveText(household.idNumbers[0]!.slice(0, 6));
      if (width === 1920) await saveScreenshot(page, 'expired-banner.png');

      await page.getByRole('button', { name: 'English' }).tap();
      await expect(banner).toContainText(`Data is ${AGE_DAYS} days old and may be out of date.`);
      expect(await coveredKeys(page)).toEqual([]);

      await tapKeys(page, household.idNumbers[0]!.slice(6));
      await page.locator('[data-key="search"]').tap();
      await expect(page.getByTestId('grand-total')).toHaveAttribute('data-fen', String(household.totalFen));
      await expect(banner).toBeVisible();
      await expect(page.getByTestId('result-data-as-of')).toBeInViewport({ ratio: 1 });
    });
  }
});
