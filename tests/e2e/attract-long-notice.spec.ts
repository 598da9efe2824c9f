// The attract loop with deliberately long notices, in Debian's Chromium: a Chinese notice whose
// title and text run far past their lines, and one whose title and text hold a long URL and long
// English words. Titles and excerpts end after whole lines, and no text runs past its card, in
// zh-CN and en, at 1920x1080, 1366x768, 1280x1024 and 1080x1920. The same holds under the
// emergency notice strip, with an issuer's name long enough to take two lines.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';
import { COUNTY_CODE } from './kiosk-server.js';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { useKioskServer } from './kiosk-session.js';
import { waitForFonts } from './screen-checks.js';

// The smallest wait the terminal config accepts.
const ATTRACT_AFTER_SECONDS = 10;

const LONG_URL = `https://www.example.gov.cn/${'publicdisclosure'.repeat(5)}/index.html`;

const LONG_NOTICES = [
  {
    id: 'ZZ-LONG-1',
    issuer: '锦和镇人民政府'.concat('乡村振兴衔接资金项目实施领导小组办公室'.repeat(2)),
    title: '关于'.concat('锦和镇二〇二四年度衔接推进乡村振兴补助资金项目实施情况及资金使用明细'.repeat(3), '的公示'),
    body: '根据上级有关文件要求，现将本年度项目实施情况公示如下。'.repeat(30),
  },
  {
    id: 'ZZ-LONG-2',
    title: `Supercalifragilisticexpialidociousnessdisclosurenotice ${LONG_URL}`,
    body: `See ${LONG_URL} and Pneumonoultramicroscopicsilicovolcanoconiosisdisclosures${'x'.repeat(80)} for details.`,
  },
];

/**
 * Adds the long notices to the demo data, dated on the newest notice's day so they are the first
 * two of the loop. Their ids sort after the demo's, so they come first on that day.
 */
function addLongNotices(dataDir: string): void {
  const csv = path.join(dataDir, 'notices.csv');
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
  const firstRow = rows[0]!.split(',');
  const newestDate = rows.map((row) => row.split(',')[6]!).sort().at(-1)!;

  for (const notice of LONG_NOTICES) {
    const bodyFile = `${notice.id}.md`;
    writeFileSync(path.join(dataDir, 'documents', bodyFile), `${notice.body}\n`);
    const fields = [notice.id, firstRow[1], '政务公开', '', notice.title, 'issuer' in notice ? notice.issuer : firstRow[5], newestDate, bodyFile];
    appendFileSync(csv, `${fields.join(',')}\n`);
  }
}

interface Overflow {
  element: string;
  problem: string;
}

/** Lists every text element of the notice cards that runs past its own box or past its card. */
function findOverflows(page: Page): Promise<Overflow[]> {
  return page.locator('[data-testid="attract-slide"]').evaluateAll((cards) => {
    const found: Overflow[] = [];
    for (const card of cards) {
      const style = getComputedStyle(card);
      const box = card.getBoundingClientRect();
      const innerBottom = box.bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
      const innerRight = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);

      if (card.scrollWidth > card.clientWidth) found.push({ element: 'card', problem: `scrollWidth ${card.scrollWidth} > clientWidth ${card.clientWidth}` });
      if (card.scrollHeight > card.clientHeight) found.push({ element: 'card', problem: `scrollHeight ${card.scrollHeight} > clientHeight ${card.clientHeight}` });

      for (const text of card.children) {
        // A part hidden at this screen size takes no room.
        if (getComputedStyle(text).display === 'none') continue;
        const name = text.className;
        const textBox = text.getBoundingClientRect();
        if (text.scrollWidth > text.clientWidth) found.push({ element: name, problem: `scrollWidth ${text.scrollWidth} > clientWidth ${text.clientWidth}` });
        if (textBox.right > innerRight + 0.5) found.push({ element: name, problem: `right ${textBox.right} past the card's ${innerRight}` });
        if (textBox.bottom > innerBottom + 0.5) found.push({ element: name, problem: `bottom ${textBox.bottom} past the card's ${innerBottom}` });
      }
    }
    return found;
  });
}

/** Returns the rendered line count and whether the text was cut, for one part of a long notice. */
function clampOf(page: Page, title: string, part: 'title' | 'excerpt') {
  return page
    .locator('[data-testid="attract-slide"]')
    .filter({ has: page.locator('.attract-title', { hasText: title }) })
    .locator(`.attract-${part}`)
    .evaluate((element) => {
      const lineHeight = parseFloat(getComputedStyle(element).lineHeight);
      return { lines: element.clientHeight / lineHeight, cut: element.scrollHeight > element.clientHeight };
    });
}

/** Checks every card at each screen size: no text past its card, and each title cut after whole lines. */
async function expectWholeCards(page: Page): Promise<void> {
  // A portrait screen has room for four lines of title, a landscape one for two.
  for (const { titleLines, ...size } of [
    { width: 1920, height: 1080, titleLines: 2 },
    { width: 1366, height: 768, titleLines: 2 },
    { width: 1280, height: 1024, titleLines: 2 },
    { width: 1080, height: 1920, titleLines: 4 },
  ]) {
    await page.setViewportSize(size);
    expect(await findOverflows(page), `${size.width}x${size.height}`).toEqual([]);

    for (const notice of LONG_NOTICES) {
      const title = await clampOf(page, notice.title, 'title');
      expect(title.cut, `${notice.id} title at ${size.width}x${size.height}`).toBe(true);
      expect(title.lines, `${notice.id} title at ${size.width}x${size.height}`).toBeCloseTo(titleLines, 2);
    }
  }
}

/** Publishes a county-wide emergency notice and fetches it into the kiosk's data folder. */
async function publishEmergencyNotice(dataDir: string): Promise<void> {
  const folder = (name: string) => path.join(path.dirname(dataDir), name);
  const now = Date.now();
  for (const args of [
    ['notice', 'publish', '--id', 'strip', '--region', COUNTY_CODE, '--title', '城区停水通知', '--body', '城区今日停水，请储备生活用水。',
      '--start', new Date(now - 60_000).toISOString(), '--end', new Date(now + 3_600_000).toISOString(),
      '--key', path.join(folder('keys'), 'publisher.key'), '--out', folder('bundle')],
    ['sync', '--notices-only', '--source', folder('bundle'), '--trust', path.join(folder('keys'), 'publisher.pub'), '--data-dir', dataDir],
  ]) {
    const result = await runCli(args);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  }
}

for (const language of ['zh-CN', 'en'] as const) {
  test.describe(`attract long notices in ${language}`, () => {
    const server = useKioskServer({
      config: { language, kiosk: { attractAfterSeconds: ATTRACT_AFTER_SECONDS } },
      prepareData: addLongNotices,
    });

    async function openLoop(page: Page): Promise<void> {
      // Still frames: no cross-fade or ring caught halfway.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1920, height: 1080 });

      await page.goto(server.url);
      await expect(page.locator('[data-tile="lookup"]')).toBeVisible();
      await expect(page.getByTestId('attract')).toBeVisible({ timeout: (ATTRACT_AFTER_SECONDS + 10) * 1000 });
      await expect(page.locator('[data-testid="attract-slide"][data-shown="true"] .attract-title')).toHaveText(LONG_NOTICES[1]!.title);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await waitForFonts(page);
    }

    test(`long notices stay inside their cards (${language})`, async ({ page }) => {
      test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
      await openLoop(page);
      await expectWholeCards(page);

      // At 1920x1080 the excerpt shows too, in whole lines, at most three.
      await page.setViewportSize({ width: 1920, height: 1080 });
      for (const notice of LONG_NOTICES) {
        const excerpt = await clampOf(page, notice.title, 'excerpt');
        expect(excerpt.lines, `${notice.id} excerpt`).toBeCloseTo(Math.round(excerpt.lines), 2);
        expect(excerpt.lines, `${notice.id} excerpt`).toBeLessThanOrEqual(3);
      }
    });

    test(`long notices under the notice strip (${language})`, async ({ page }) => {
      test.setTimeout((ATTRACT_AFTER_SECONDS + 10) * 1000 * 2);
      await publishEmergencyNotice(server.dataDir);
      await openLoop(page);
      await expect(page.getByTestId('emergency-notice-banner')).toBeVisible();
      await expectWholeCards(page);
    });
  });
}
