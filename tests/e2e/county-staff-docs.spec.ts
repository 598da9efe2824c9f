// The screenshots of the county-staff guide, made the way a county worker works. A folder of
// department exports with damaged rows goes through `minsheng check` (the real CLI), and its
// report.html opens in Chromium. The corrected folder then runs in `minsheng preview`, for the
// kiosk's home screen and a looked-up household. Needs `npm run build` (CLI and screens).
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { runCli, startCli } from '../helpers/cli.js';
import type { RunningCli } from '../helpers/cli.js';
import { fixSupplement, SUPPLEMENT_FILE, writeCountyStaffFolder } from '../helpers/county-staff-folder.js';
import type { CountyStaffFolder } from '../helpers/county-staff-folder.js';
import { freePort, makeTempDir } from '../helpers/temp.js';
import { lookUp, reportPolicyViolations } from './kiosk-session.js';
import { saveScreenshot, waitForFonts } from './screen-checks.js';

const temp = makeTempDir('minsheng-county-staff-docs-');
let folder: CountyStaffFolder;

test.beforeAll(async () => {
  folder = await writeCountyStaffFolder(temp.dir);
});

test.afterAll(() => temp.remove());

/** Scrolls `target` to the top of the window, so the screenshot starts with it. */
async function scrollToTop(target: Locator): Promise<void> {
  await target.evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

test.describe('check report', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('report of a damaged folder', async ({ page }) => {
    test.setTimeout(120_000);
    const reportDir = path.join(temp.dir, 'report');
    const check = await runCli(['check', '--data', folder.dataDir, '--report', reportDir, '--mapping', folder.mappingFile], {
      env: { MINSHENG_LANG: 'zh-CN' },
    });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stderr).toContain('拒收 3 行');

    await page.goto(pathToFileURL(path.join(reportDir, 'report.html')).href);
    await waitForFonts(page);
    await expect(page.locator('h1')).toHaveText('数据检查与信息比对报告');
    await saveScreenshot(page, 'county-staff-report-summary.zh-CN.png');

    const supplement = page.locator('section.table').filter({ has: page.locator('h3', { hasText: SUPPLEMENT_FILE }) });
    await expect(supplement).toContainText('科学计数法');
    await expect(supplement).toContainText('2024-02-30');
    await scrollToTop(supplement.locator('h4', { hasText: '拒收的行' }));
    await saveScreenshot(page, 'county-staff-report-rejections.zh-CN.png');

    const warnings = page.locator('h2#warnings');
    await expect(page.locator('ol.warnings')).toHaveCount(4);
    await scrollToTop(warnings);
    await saveScreenshot(page, 'county-staff-report-warnings.zh-CN.png');
  });
});

/** Starts `minsheng preview` and resolves once it prints that it serves. */
async function startPreview(port: number): Promise<RunningCli> {
  const preview = startCli(['preview', '--data', folder.dataDir, '--mapping', folder.mappingFile, '--port', String(port)], {
    env: { MINSHENG_LANG: 'zh-CN' },
  });
  await new Promise<void>((resolve, reject) => {
    preview.child.stdout!.on('data', () => preview.stdout().includes('Ctrl+C') && resolve());
    preview.child.on('close', () => reject(new Error(`preview exited early:\n${preview.stdout()}\n${preview.stderr()}`)));
  });
  return preview;
}

async function openHome(page: Page, url: string): Promise<void> {
  await reportPolicyViolations(page);
  await page.goto(url);
  await waitForFonts(page);
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
}

test.describe('preview', () => {
  test.use({ hasTouch: true });

  test('home screen and a household', async ({ page }) => {
    test.setTimeout(120_000);
    fixSupplement(folder);
    const port = await freePort();
    const preview = await startPreview(port);
    try {
      expect(preview.stdout()).toContain('431226 麻阳苗族自治县');
      expect(preview.stdout()).toContain('这是预览，尚未发布');

      await openHome(page, `http://127.0.0.1:${port}/`);
      await expect(page.getByText('麻阳苗族自治县').first()).toBeVisible();
      await saveScreenshot(page, 'county-staff-preview-home.png');

      const household = await lookUp(page, folder.lookupIdNumber);
      expect(household.payments.length).toBeGreaterThan(0);
      await saveScreenshot(page, 'county-staff-preview-household.png');
    } finally {
      preview.child.kill('SIGINT');
      expect(await preview.exited).toBe(0);
    }
  });
});
