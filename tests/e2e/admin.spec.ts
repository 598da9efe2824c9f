// The technician's admin screen in Debian's Chromium with touch, against `minsheng serve` with an
// admin PIN in its config. The spec taps the top-right corner five times and enters a wrong PIN,
// then the right one. It reads the diagnostics, prints a test page to the browser host's PDF
// printer, checks the network against a heartbeat endpoint on 127.0.0.1, and locks. Sizes are
// checked and the README screenshots written at 1920x1080 landscape and 1080x1920 portrait.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ADMIN_HTTP_PATHS, AdminDiagnosticsResultSchema, AdminUnlockResultSchema } from '../../src-shared/admin-api.js';
import { hashPin } from '../../src-main/core/admin/pin-hash.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf.js';
import { useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, inside, measure, saveScreenshot, waitForFonts } from './screen-checks.js';

// Demo-only PIN of this test's terminal.
const PIN = '246810';
const TERMINAL_ID = 'e2e-01';

// The config useKioskServer starts the server with. The heartbeat endpoint the network check
// reaches has its address only once it listens, so the hook below, declared before
// useKioskServer's own, fills in the admin PIN hash and that address first.
const config: Record<string, unknown> = { printer: { enabled: true, layout: 'a4' } };
let heartbeat: Server;
const heartbeatRequests: string[] = [];

test.beforeAll(async () => {
  config.admin = { pinHash: hashPin(PIN), corner: 'top-right' };
  heartbeat = createServer((request, response) => {
    heartbeatRequests.push(`${request.method} ${request.url}`);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => heartbeat.listen(0, '127.0.0.1', resolve));
  const { port } = heartbeat.address() as AddressInfo;
  config.heartbeat = { url: `http://127.0.0.1:${port}/heartbeats`, intervalMinutes: 60 };
});

const server = useKioskServer({ config, screenshots: true });

test.afterAll(async () => {
  await new Promise((resolve) => heartbeat.close(resolve));
});

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
});

/** Taps the top-right corner five times, outside the language buttons of the top bar. */
async function tapCorner(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  for (let tap = 0; tap < 5; tap += 1) await page.touchscreen.tap(viewport.width - 6, 6);
}

async function typePin(page: Page, pin: string): Promise<void> {
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of pin) await pad.locator(`[data-key="${digit}"]`).tap();
}

/** Enters the right PIN on the open pad and returns the session token the host sent. */
async function unlock(page: Page): Promise<string> {
  await typePin(page, PIN);
  const response = page.waitForResponse((candidate) => new URL(candidate.url()).pathname === ADMIN_HTTP_PATHS.adminUnlock);
  await page.getByTestId('admin-pin-pad').locator('[data-key="action"]').tap();
  const result = AdminUnlockResultSchema.parse(await (await response).json());
  if (result.status !== 'unlocked') throw new Error(`the host did not unlock with the test PIN: ${result.status}`);
  await expect(page.getByTestId('admin-terminal')).toContainText(TERMINAL_ID);
  return result.token;
}

/** Lists the buttons inside the selected element that reach past the viewport's edges. */
async function buttonsOffScreen(page: Page, selector: string): Promise<string[]> {
  const { boxes, viewport } = await page.evaluate((css) => {
    const buttons = [...document.querySelectorAll(`${css} button`)].filter((button) => button.getClientRects().length > 0);
    return {
      boxes: buttons.map((button) => {
        const box = button.getBoundingClientRect();
        return { text: button.textContent ?? '', left: box.left, top: box.top, right: box.right, bottom: box.bottom };
      }),
      viewport: { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight },
    };
  }, selector);
  return boxes.filter((box) => !inside(box, viewport)).map((box) => box.text);
}

/** Lists the buttons inside the selected element whose label takes more than one line. */
async function wrappedButtons(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (css) =>
      [...document.querySelectorAll(`${css} button`)]
        .filter((button) => {
          const range = document.createRange();
          range.selectNodeContents(button);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
        })
        .map((button) => button.textContent ?? ''),
    selector,
  );
}

function pdfsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return pdfsUnder(file);
    return file.endsWith('.pdf') ? [file] : [];
  });
}

test('enters, prints, checks the network and locks', async ({ page, request }) => {
  await tapCorner(page);
  await expect(page.getByTestId('admin-pin-pad')).toBeVisible();

  // 1. A wrong PIN shows the attempts left, of the five the config allows by default.
  await typePin(page, '135790');
  await page.getByTestId('admin-pin-pad').locator('[data-key="action"]').tap();
  await expect(page.getByTestId('admin-pin-message')).toHaveText('密码不正确。再错 4 次将暂时锁定。');

  // 2. The right PIN opens the diagnostics of this terminal.
  const token = await unlock(page);
  const appVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  await expect(page.getByTestId('admin-versions')).toContainText(appVersion);
  await expect(page.getByTestId('admin-versions')).toContainText('无（浏览器模式）');
  await expect(page.getByTestId('admin-data')).toContainText('数据截至');
  await expect(page.getByTestId('admin-printer')).toContainText('✓ 就绪');

  // 3. Test print: the browser host writes a PDF test page into the data folder.
  const pdfsBefore = pdfsUnder(server.dataDir);
  await page.locator('[data-action="test-print"]').tap();
  const printResult = page.getByTestId('admin-result-test-print');
  await expect(printResult).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(printResult).toContainText('✓ 测试页已打印，请查看出纸口');
  const printed = pdfsUnder(server.dataDir).filter((file) => !pdfsBefore.includes(file));
  expect(printed).toHaveLength(1);
  expect(pdfText(printed[0]!)).toContain(TERMINAL_ID);

  // 4. Network check: the heartbeat endpoint responds, and the result names it.
  await page.locator('[data-action="network-check"]').tap();
  const networkResult = page.getByTestId('admin-result-network-check');
  await expect(networkResult).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(networkResult).toContainText('✓ 所有地址都能连通');
  await expect(networkResult).toContainText('/heartbeats: HTTP 204');
  expect(heartbeatRequests).toContain('GET /heartbeats');

  // 5. Sizes for elderly users hold on the technician's screen too.
  await waitForFonts(page);
  expectElderlyFriendly(await measure(page));

  // 6. Lock and return: home again, and the token no longer opens the diagnostics.
  await page.getByTestId('admin-lock').tap();
  await expect(page.getByTestId('admin-screen')).toHaveCount(0);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  const after = await request.post(new URL(ADMIN_HTTP_PATHS.adminDiagnostics, server.url).href, { data: { token } });
  expect(AdminDiagnosticsResultSchema.parse(await after.json())).toEqual({ status: 'expired' });
});

test('keeps each PIN key on one line at 1366x768', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await tapCorner(page);
  await typePin(page, '24');
  await waitForFonts(page);

  expect(await wrappedButtons(page, '[data-testid="admin-pin-pad"]')).toEqual([]);
  expect(await buttonsOffScreen(page, '[data-testid="admin-pin-pad"]')).toEqual([]);
  expectElderlyFriendly(await measure(page));
});

for (const [name, width, height] of [
  ['1920x1080', 1920, 1080],
  ['1080x1920', 1080, 1920],
] as const) {
  test(`lays out the PIN pad and diagnostics at ${name}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await tapCorner(page);
    await expect(page.getByTestId('admin-pin-pad')).toBeVisible();
    await typePin(page, '24');
    await waitForFonts(page);
    expectElderlyFriendly(await measure(page));
    expect(await buttonsOffScreen(page, '[data-testid="admin-pin-pad"]')).toEqual([]);
    await saveScreenshot(page, `admin-pin-${name}.png`);

    await page.getByTestId('admin-pin-pad').locator('[data-key="clear"]').tap();
    await unlock(page);
    // A result line in the screenshot, as one shows after an action.
    await page.locator('[data-action="network-check"]').tap();
    await expect(page.getByTestId('admin-result-network-check')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('admin-status')).toContainText('读取于');
    await waitForFonts(page);
    expectElderlyFriendly(await measure(page));
    expect(await buttonsOffScreen(page, '.admin-header')).toEqual([]);
    await saveScreenshot(page, `admin-diagnostics-${name}.png`);

    await page.getByTestId('admin-lock').tap();
    await expect(page.getByTestId('admin-screen')).toHaveCount(0);
  });
}
