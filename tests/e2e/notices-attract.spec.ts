// The emergency notice strip over the attract loop, in Debian's Chromium: the strip sits above
// the loop's header and covers neither the app title nor the data date, in landscape and
// portrait and on the smaller screens.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import { runCli } from '../helpers/cli.js';
import { COUNTY_CODE } from './kiosk-server.js';
import { useKioskServer } from './kiosk-session.js';
import { waitForFonts } from './screen-checks.js';

// The smallest wait the terminal config accepts.
const ATTRACT_AFTER_SECONDS = 10;
const HOUR_MS = 60 * 60 * 1000;

const server = useKioskServer({ config: { kiosk: { attractAfterSeconds: ATTRACT_AFTER_SECONDS } } });

async function box(locator: Locator): Promise<{ top: number; bottom: number }> {
  const found = await locator.boundingBox();
  expect(found).not.toBeNull();
  return { top: found!.y, bottom: found!.y + found!.height };
}

test('the notice strip leaves the attract header visible', async ({ page }) => {
  test.setTimeout((ATTRACT_AFTER_SECONDS + 20) * 1000);
  const folder = (name: string) => path.join(path.dirname(server.dataDir), name);
  const now = Date.now();
  const flags = ['--id', 'attract-water', '--region', COUNTY_CODE, '--title', '城区停水通知', '--body', '城区今日停水，请储备生活用水。'];
  const times = ['--start', new Date(now - HOUR_MS).toISOString(), '--end', new Date(now + 2 * HOUR_MS).toISOString()];
  for (const args of [
    ['notice', 'publish', ...flags, ...times, '--key', path.join(folder('keys'), 'publisher.key'), '--out', folder('bundle')],
    ['sync', '--notices-only', '--source', folder('bundle'), '--trust', path.join(folder('keys'), 'publisher.pub'), '--data-dir', server.dataDir],
  ]) {
    const result = await runCli(args);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
  await expect(page.getByTestId('attract')).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });
  const banner = page.getByTestId('emergency-notice-banner');
  await expect(banner).toContainText('城区停水通知');
  await waitForFonts(page);

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    const label = `${size.width}x${size.height}`;
    const strip = await box(banner);
    for (const selector of ['.attract-app-title', '.attract-data-as-of']) {
      expect((await box(page.locator(selector))).top, `${selector} at ${label}`).toBeGreaterThanOrEqual(strip.bottom);
    }
    // The strip's fixed height holds its text whole.
    const clipped = await banner.evaluate((element) => element.scrollHeight > element.clientHeight);
    expect(clipped, label).toBe(false);
  }

  await runCli(['notice', 'end', '--id', 'attract-water', '--key', path.join(folder('keys'), 'publisher.key'), '--out', folder('bundle')]);
});
