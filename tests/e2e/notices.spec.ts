// Emergency notices in Debian's Chromium against `minsheng serve`: the county publishes a notice
// with `minsheng notice publish`, the terminal fetches it with `minsheng sync --notices-only`,
// and the banner shows on the screens of terminals in the notice's region only. The page's
// clock is driven by Playwright, so the banner's appearance at the start and its disappearance
// at the end are checked without waiting in real time. Writes the README screenshot of the banner.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { runCli } from '../helpers/cli.js';
import { COUNTY_CODE } from './kiosk-server.js';
import { useKioskServer } from './kiosk-session.js';
import { expectElderlyFriendly, measure, saveScreenshot, waitForFonts } from './screen-checks.js';

const server = useKioskServer({ screenshots: true });
const HOUR_MS = 60 * 60 * 1000;

// startKioskServer keeps the keys and the bundle folder beside the kiosk's data folder.
function serverFolder(name: 'keys' | 'bundle'): string {
  return path.join(path.dirname(server.dataDir), name);
}

async function cli(args: string[]): Promise<void> {
  const result = await runCli(args);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
}

interface NoticeSpec {
  id: string;
  region: string;
  title: string;
  startOffsetMs: number;
  endOffsetMs: number;
}

/** Publishes a notice into the bundle folder and fetches it into the kiosk's data folder. */
async function publishAndFetch(notice: NoticeSpec): Promise<void> {
  const now = Date.now();
  await cli([
    'notice', 'publish',
    '--id', notice.id,
    '--region', notice.region,
    '--title', notice.title,
    '--body', `${notice.title}。7月2日8时至18时，请储备生活用水，相互转告。`,
    '--start', new Date(now + notice.startOffsetMs).toISOString(),
    '--end', new Date(now + notice.endOffsetMs).toISOString(),
    '--key', path.join(serverFolder('keys'), 'publisher.key'),
    '--out', serverFolder('bundle'),
  ]);
  await syncNotices();
}

async function endAndFetch(id: string): Promise<void> {
  await cli(['notice', 'end', '--id', id, '--key', path.join(serverFolder('keys'), 'publisher.key'), '--out', serverFolder('bundle')]);
  await syncNotices();
}

async function syncNotices(): Promise<void> {
  await cli(['sync', '--notices-only', '--source', serverFolder('bundle'), '--trust', path.join(serverFolder('keys'), 'publisher.pub'), '--data-dir', server.dataDir]);
}

async function openHome(page: Page): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
}

test('county notice shows as a banner and opens in full', async ({ page }) => {
  await publishAndFetch({ id: 'water-cut', region: COUNTY_CODE, title: '城区停水通知', startOffsetMs: -HOUR_MS, endOffsetMs: 2 * HOUR_MS });
  await openHome(page);

  const banner = page.getByTestId('emergency-notice-banner');
  await expect(banner).toContainText('紧急通知');
  await expect(banner).toContainText('城区停水通知');
  await waitForFonts(page);
  expectElderlyFriendly(await measure(page));
  await saveScreenshot(page, 'notice-banner.zh-CN.png');

  await banner.tap();
  const dialog = page.getByTestId('emergency-notice-dialog');
  await expect(dialog.locator('.emergency-notice-title')).toHaveText('城区停水通知');
  await expect(dialog.locator('.emergency-notice-body')).toContainText('请储备生活用水');
  await expect(dialog.locator('.emergency-notice-window')).toContainText('至');
  expectElderlyFriendly(await measure(page));

  await page.getByTestId('emergency-notice-close').tap();
  await expect(dialog).toHaveCount(0);

  // The banner stays on the boards too.
  await page.locator('[data-tile="village-affairs"]').tap();
  await expect(banner).toContainText('城区停水通知');

  await endAndFetch('water-cut');
});

test('notice of another township does not show', async ({ page }) => {
  const township = [...server.regionNames.keys()].find((code) => code.length === 9)!;
  await publishAndFetch({ id: 'road-closed', region: township, title: '乡道封闭通知', startOffsetMs: -HOUR_MS, endOffsetMs: HOUR_MS });
  await openHome(page);

  // The terminal's home region is the whole county, which the township's notice does not contain.
  await expect(page.getByTestId('emergency-notice-banner')).toHaveCount(0);
  await endAndFetch('road-closed');
});

test('banner appears at start and disappears at end', async ({ page }) => {
  await page.clock.install({ time: new Date() });
  await publishAndFetch({ id: 'power-cut', region: COUNTY_CODE, title: '计划停电通知', startOffsetMs: HOUR_MS, endOffsetMs: 2 * HOUR_MS });
  await openHome(page);
  const banner = page.getByTestId('emergency-notice-banner');
  await expect(banner).toHaveCount(0);

  await page.clock.fastForward(HOUR_MS + 60_000);
  await expect(banner).toContainText('计划停电通知');

  await page.clock.fastForward(HOUR_MS);
  await expect(banner).toHaveCount(0);
  await endAndFetch('power-cut');
});

test.describe('a terminal whose clock runs behind, in another OS time zone', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('shows the current notice, with its times in China time', async ({ page }) => {
    // Two days behind the newest signed time that the kiosk's sync has seen.
    await page.clock.install({ time: new Date(Date.now() - 2 * 24 * HOUR_MS) });
    const start = new Date(Date.now() - HOUR_MS);
    await publishAndFetch({ id: 'clock-behind', region: COUNTY_CODE, title: '防汛转移通知', startOffsetMs: -HOUR_MS, endOffsetMs: 2 * HOUR_MS });
    await openHome(page);

    const banner = page.getByTestId('emergency-notice-banner');
    await expect(banner).toContainText('防汛转移通知');
    await banner.tap();
    // The start as China time (UTC+8) to the minute, e.g. 07:00.
    const chinaHourMinute = new Date(start.getTime() + 8 * HOUR_MS).toISOString().slice(11, 16);
    await expect(page.getByTestId('emergency-notice-dialog').locator('.emergency-notice-window')).toContainText(chinaHourMinute);
    await page.getByTestId('emergency-notice-close').tap();
    await endAndFetch('clock-behind');
  });
});
