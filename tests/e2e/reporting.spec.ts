// The reporting screens in Chromium through the browser host. The QR codes of a payment, a
// project, a finance entry and a notice decode (jsQR over a screenshot of the code) to exactly
// the address buildReportUrl builds. 查进度 shows a case of the demo snapshot. Every new screen
// passes the elderly checks, shows every button whole, and is saved as a screenshot in portrait,
// landscape and at 1366x768.
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { QRCode as DecodedQrCode } from 'jsqr';
import { PNG } from 'pngjs';
import { BOARDS_HTTP_PATHS, RecordDetailSchema } from '../../src-shared/boards-api.js';
import type { RecordKind } from '../../src-shared/boards-api.js';
import { buildReportUrl } from '../../src-shared/report-url.js';
import { shownLayer, useKioskServer } from './kiosk-session.js';
import { boxesOf, expectElderlyFriendly, inside, measure, saveScreenshot, smallestGap, waitForFonts } from './screen-checks.js';

// jsqr's module.exports is the decoder function itself, which its type declarations describe as
// a module namespace, so the default import does not type-check under NodeNext.
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => DecodedQrCode | null;

const CONFIG_DIR = path.resolve(import.meta.dirname, '../../kiosk-config');
// Nothing is ever sent to these addresses: they only go into the QR codes.
const REPORT_URL = 'https://jubao.example.gov.cn/report?county=431226';
const TRACK_URL = 'https://jubao.example.gov.cn/track';
// A loopback port with nothing listening, so uploads fail and reports stay in the outbox.
const UNREACHABLE_UPLOAD_URL = 'http://127.0.0.1:9/upload';
const TERMINAL_ID = 'e2e-01';
// The kiosk's screen sizes: portrait and landscape 1080p, and 1366x768.
const SCREEN_SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
];
// The smallest QR code a phone at arm's length reads from a 1080p screen, in CSS pixels.
const MIN_QR_PIXELS = 240;

const server = useKioskServer({
  screenshots: true,
  config: {
    reporting: {
      reportUrl: REPORT_URL,
      trackUrl: TRACK_URL,
      commissionKey: path.join(CONFIG_DIR, 'demo-commission.pub.pem'),
      uploadUrl: UNREACHABLE_UPLOAD_URL,
    },
  },
});

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('[data-tile="report"]')).toBeVisible();
});

/** Decodes the QR code image inside `panel` from a screenshot of it. */
async function decodeQr(panel: Locator): Promise<string> {
  const image = panel.getByTestId('qr-code').locator('img');
  await expect(image).toBeVisible();
  const box = await image.boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(MIN_QR_PIXELS);

  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (code === null) throw new Error('jsQR found no QR code in the screenshot of the panel');
  return code.data;
}

/**
 * Buttons of the view on screen that are cut off by the window, or that lie below the visible
 * part of the screen's scrolling body, so a villager would not see them without scrolling.
 */
async function hiddenButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const layer = document.querySelector('.view-layer:not([hidden])');
    if (!layer) return ['no view on screen'];
    const body = layer.querySelector('.report-body')?.getBoundingClientRect();

    return [...layer.querySelectorAll('button')]
      .filter((button) => button.getClientRects().length > 0)
      .filter((button) => {
        const box = button.getBoundingClientRect();
        if (box.left < 0 || box.top < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight) return true;
        return body !== undefined && button.closest('.report-body') !== null && box.bottom > body.bottom + 0.5;
      })
      .map((button) => (button.textContent ?? '').trim() || (button.getAttribute('aria-label') ?? '?'));
  });
}

/** Sizes of the on-screen keyboard's keys and the smallest gap between two of them. */
async function keyboardKeys(page: Page) {
  const boxes = await boxesOf(page, '.view-layer:not([hidden]) .hg-button');
  const small = boxes.filter((box) => box.right - box.left < 60 || box.bottom - box.top < 60).length;
  return { count: boxes.length, small, minimumGap: smallestGap(boxes) };
}

async function recordRegion(page: Page, kind: RecordKind, id: string): Promise<string> {
  const response = await page.request.post(new URL(BOARDS_HTTP_PATHS.getRecord, server.url).toString(), { data: { kind, id } });
  return RecordDetailSchema.parse(await response.json()).regionCode;
}

async function lookUpHousehold(page: Page) {
  const household = server.households.find((candidate) => candidate.paymentCount >= 3)!;
  await page.locator('[data-tile="lookup"]').tap();
  for (const key of household.idNumbers[0]!) await page.locator(`[data-key="${key}"]`).tap();
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('grand-total')).toBeVisible();
  return household;
}

test('payment QR code decodes to its address', async ({ page }) => {
  const household = await lookUpHousehold(page);
  const row = page.getByTestId('payment-row').first();
  const paymentId = (await row.getAttribute('data-payment-id'))!;
  await row.tap();

  const panel = shownLayer(page).getByTestId('report-qr-panel');
  const expected = buildReportUrl(REPORT_URL, { kind: 'payment', id: paymentId, regionCode: household.villageCode }, TERMINAL_ID);
  expect(await decodeQr(panel)).toBe(expected);
});

for (const board of [
  { tile: 'projects', tab: 'tab-project', kind: 'project' as const },
  { tile: 'finance', tab: 'tab-finance-entry', kind: 'finance-entry' as const },
  { tile: 'village-affairs', tab: 'tab-notice-村务公开', kind: 'notice' as const },
]) {
  test(`${board.kind} QR code decodes to its address`, async ({ page }) => {
    await page.locator(`[data-tile="${board.tile}"]`).tap();
    const tab = shownLayer(page).getByTestId(board.tab);
    if ((await tab.count()) > 0) await tab.tap();
    const row = shownLayer(page).getByTestId('board-row').first();
    const id = (await row.getAttribute('data-id'))!;
    await row.tap();

    const panel = shownLayer(page).getByTestId('report-qr-panel');
    const expected = buildReportUrl(REPORT_URL, { kind: board.kind, id, regionCode: await recordRegion(page, board.kind, id) }, TERMINAL_ID);
    expect(await decodeQr(panel)).toBe(expected);
  });
}

test('case progress shows a demo case', async ({ page }) => {
  const cases = server.readDemoCsv('report_progress.csv');
  const replied = cases.find((row) => row.reply !== '' && row.stage === 'replied') ?? cases.find((row) => row.reply !== '')!;

  await page.locator('[data-tile="case-status"]').tap();
  for (const digit of replied.case_number!) await shownLayer(page).locator(`[data-key="${digit}"]`).tap();
  await shownLayer(page).locator('[data-key="action"]').tap();

  const found = page.getByTestId('case-found');
  await expect(found).toHaveAttribute('data-stage', replied.stage!);
  await expect(found.getByTestId('case-reply')).toHaveText(replied.reply!);
  await expect(found).toContainText(replied.updated_on!);
});

test('case progress names a short number', async ({ page }) => {
  await page.locator('[data-tile="case-status"]').tap();
  for (const digit of '250701333333') await shownLayer(page).locator(`[data-key="${digit}"]`).tap();
  await shownLayer(page).locator('[data-key="action"]').tap();
  await expect(page.getByTestId('case-problem')).toHaveText('⚠ 编号应为 14 位数字，您输入了 12 位。');
});

for (const viewport of [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
]) {
  test(`reporting screens fit ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const shoot = async (name: string) => {
      await waitForFonts(page);
      expectElderlyFriendly(await measure(page));
      expect(await hiddenButtons(page), `buttons hidden on the ${name} screen`).toEqual([]);
      await saveScreenshot(page, `reporting-${name}-${viewport.width}x${viewport.height}.png`);
    };

    // A payment with its QR panel, then the flow from it.
    await lookUpHousehold(page);
    await page.getByTestId('payment-row').first().tap();
    await expect(shownLayer(page).getByTestId('qr-code').locator('img')).toBeVisible();
    await shoot('payment');

    await shownLayer(page).getByTestId('report-button').tap();
    await shoot('category');
    await page.locator('[data-category="payment-wrong"]').tap();
    await shoot('record');
    await page.locator('[data-about-record="true"]').tap();
    await page.locator('[data-phrase="amountWrong"]').tap();
    await page.locator('[data-skbtn="q"]').tap();
    await shoot('text');
    const keys = await keyboardKeys(page);
    expect(keys.count).toBe(26 + 1 + 7);
    expect(keys.small).toBe(0);
    expect(keys.minimumGap).toBeGreaterThanOrEqual(8);
    await page.locator('[data-skbtn="{bksp}"]').tap();
    await page.getByTestId('report-next').tap();
    await shoot('phone');
    await page.getByTestId('report-next').tap();
    await page.getByTestId('report-consent').tap();
    await shoot('review');
    await page.getByTestId('report-submit').tap();
    await expect(page.getByTestId('case-number')).toHaveText(/^\d{4} \d{4} \d{4} \d{2}$/);
    await expect(page.getByTestId('report-receipt').getByTestId('qr-code').locator('img')).toBeVisible();
    await shoot('receipt');

    // 查进度 with a demo case.
    await shownLayer(page).getByRole('button', { name: /完成/ }).tap();
    const demoCase = server.readDemoCsv('report_progress.csv')[0]!;
    await page.locator('[data-tile="case-status"]').tap();
    for (const digit of demoCase.case_number!) await shownLayer(page).locator(`[data-key="${digit}"]`).tap();
    await shownLayer(page).locator('[data-key="action"]').tap();
    await expect(page.getByTestId('case-found')).toBeVisible();
    await shoot('progress');

    await shownLayer(page).getByRole('button', { name: /完成/ }).tap();
    await shoot('home');
  });
}

/** Returns whether the text step's column of text and quick phrases scrolls, with its box and the phrases' boxes. */
async function writingColumn(page: Page) {
  return page.evaluate(() => {
    const layer = document.querySelector('.view-layer:not([hidden])')!;
    const column = layer.querySelector<HTMLElement>('.cti-writing')!;
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    };
    return {
      scrolls: column.scrollHeight > column.clientHeight,
      column: box(column),
      phrases: [...layer.querySelectorAll('.report-phrase')].map((phrase) => ({ text: phrase.textContent ?? '', ...box(phrase) })),
    };
  });
}

for (const viewport of SCREEN_SIZES) {
  test(`English quick phrases fit ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.getByRole('button', { name: 'English' }).tap();
    await page.locator('[data-tile="report"]').tap();
    await page.locator('[data-category="other"]').tap();
    await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'text');
    await waitForFonts(page);

    const writing = await writingColumn(page);
    expect(writing.scrolls).toBe(false);
    expect(writing.phrases).toHaveLength(7);
    expect(writing.phrases.filter((phrase) => !inside(phrase, writing.column)).map((phrase) => phrase.text)).toEqual([]);
    expectElderlyFriendly(await measure(page));
    expect(await hiddenButtons(page)).toEqual([]);
  });
}

for (const viewport of SCREEN_SIZES) {
  test(`English report steps fit ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const check = async (step: string) => {
      await waitForFonts(page);
      expectElderlyFriendly(await measure(page));
      expect(await hiddenButtons(page), `buttons hidden on the ${step} step`).toEqual([]);
    };

    await page.getByRole('button', { name: 'English' }).tap();
    await page.locator('[data-tile="report"]').tap();
    await check('category');
    await page.locator('[data-category="finance"]').tap();
    await page.locator('[data-phrase="accountsUnclear"]').tap();
    await page.getByTestId('report-next').tap();
    await page.getByTestId('report-next').tap();
    await page.getByTestId('report-consent').tap();
    await check('review');
    await page.getByTestId('report-submit').tap();
    await expect(page.getByTestId('case-number')).toBeVisible();
    await check('receipt');
  });
}

test('review keeps consent on screen at 1366x768', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.locator('[data-tile="report"]').tap();
  await page.locator('[data-category="other"]').tap();
  // About 700 characters, far more than the review's text box shows at once.
  for (let i = 0; i < 100; i += 1) await page.locator('[data-phrase="askedForMoney"]').tap();
  await page.getByTestId('report-next').tap();
  await page.getByTestId('report-next').tap();
  await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'review');

  await expect(page.getByTestId('report-submit-hint')).toBeVisible();
  expect(await hiddenButtons(page)).toEqual([]);
  await page.getByTestId('report-consent').tap();
  await expect(page.getByTestId('report-submit')).toBeEnabled();
});
