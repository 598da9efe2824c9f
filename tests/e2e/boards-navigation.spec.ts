// How the region picker scopes the boards, how the idle timeout restores the home region, and
// the search screen with typed, suggested, one-character and four-character queries, in Debian's
// Chromium with touch against `minsheng serve` on demo data. Expected counts come from the demo
// CSV files.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { pinyin } from 'pinyin-pro';
import { COUNTY_CODE, IDLE_TIMEOUT_SECONDS } from './kiosk-server.js';
import { boardCountPattern, shownLayer, tapLetters, useKioskServer } from './kiosk-session.js';

type Row = Record<string, string>;

const server = useKioskServer();

test.beforeEach(async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${countyName()}`);
});

function countyName(): string {
  return server.regionNames.get(COUNTY_CODE)!;
}

/**
 * True when a row of `rowRegion` is shown for `scope`: the region itself, a region under it, or
 * one above it down to the county.
 */
function inScope(rowRegion: string, scope: string): boolean {
  return rowRegion.startsWith(scope) || (scope.startsWith(rowRegion) && rowRegion.length >= COUNTY_CODE.length);
}

function villageNotices(): Row[] {
  return server.readDemoCsv('notices.csv').filter((row) => row.board === '村务公开');
}

function projects(): Row[] {
  return server.readDemoCsv('projects.csv');
}

/** Opens a board from home and returns the locator of its count line. */
async function boardCount(page: Page, board: string): Promise<Locator> {
  await page.locator(`[data-tile="${board}"]`).tap();
  await expect(shownLayer(page).getByTestId('board-screen')).toHaveAttribute('data-board', board);
  return shownLayer(page).getByTestId('board-count');
}

test('drilling down to a village narrows the boards', async ({ page }) => {
  await page.getByTestId('change-region').tap();
  const layer = shownLayer(page);
  await expect(layer.getByTestId('breadcrumbs')).toHaveText(countyName());

  // The first township on screen, then its village with the most projects in scope.
  const township = layer.getByTestId('region-children').locator('.region-button').first();
  const townshipCode = (await township.getAttribute('data-region'))!;
  await township.tap();
  await expect(layer.getByTestId('breadcrumbs')).toContainText(server.regionNames.get(townshipCode)!);
  const shownVillages = await layer.getByTestId('region-children').locator('.region-button').evaluateAll((buttons) =>
    buttons.map((button) => button.getAttribute('data-region')!),
  );
  const scopedProjects = (code: string) => projects().filter((row) => inScope(row.region_code!, code)).length;
  const village = [...shownVillages].sort((a, b) => scopedProjects(b) - scopedProjects(a))[0]!;
  expect(village.startsWith(townshipCode)).toBe(true);
  expect(scopedProjects(village)).toBeLessThan(projects().length);

  await layer.locator(`.region-button[data-region="${village}"]`).tap();
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${server.regionNames.get(village)}`);

  await expect(await boardCount(page, 'projects')).toHaveText(boardCountPattern(scopedProjects(village)));
  // Every line belongs to the village or to its township.
  for (const meta of await shownLayer(page).locator('.board-row-meta').allTextContents()) {
    expect([server.regionNames.get(village), server.regionNames.get(townshipCode)]).toContain(meta.split(' · ')[0]);
  }

  // Back to the county from the region bar of the board: the whole county's projects again.
  await shownLayer(page).getByTestId('change-region').tap();
  await shownLayer(page).getByTestId('breadcrumbs').getByRole('button', { name: countyName() }).tap();
  await shownLayer(page).getByTestId('pick-whole').tap();
  await expect(shownLayer(page).getByTestId('board-count')).toHaveText(boardCountPattern(projects().length));
});

test('initials pick a village and idle returns home', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 5 * 1000);

  // A village with its own village-affairs notices whose initials no other region shares.
  const regions = server.readDemoCsv('regions.csv');
  const initialsOf = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  const initialCounts = new Map<string, number>();
  for (const region of regions) initialCounts.set(initialsOf(region.name!), (initialCounts.get(initialsOf(region.name!)) ?? 0) + 1);
  const noticesOf = (code: string) => villageNotices().filter((row) => inScope(row.region_code!, code)).length;
  const village = regions
    .filter((region) => region.level === 'village' && initialCounts.get(initialsOf(region.name!)) === 1)
    .filter((region) => villageNotices().some((row) => row.region_code === region.code))
    .sort((a, b) => noticesOf(b.code!) - noticesOf(a.code!))[0]!;
  expect(noticesOf(village.code!)).toBeLessThan(villageNotices().length);

  await expect(await boardCount(page, 'village-affairs')).toHaveText(boardCountPattern(villageNotices().length));
  await shownLayer(page).getByTestId('change-region').tap();
  await tapLetters(page, initialsOf(village.name!));
  await expect(shownLayer(page).getByTestId('typed-letters')).toContainText(initialsOf(village.name!).toUpperCase());
  const match = shownLayer(page).getByTestId('region-matches').locator(`[data-region="${village.code}"]`);
  await expect(match).toContainText(village.name!);
  await match.tap();

  // Back on the board, now scoped to the village.
  await expect(shownLayer(page).getByTestId('current-region')).toHaveText(`当前地区：${village.name}`);
  await expect(shownLayer(page).getByTestId('board-count')).toHaveText(boardCountPattern(noticesOf(village.code!)));

  // Untouched, the session ends on the home menu in the home region: the county.
  await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 2 * 1000 });
  await expect(page.getByTestId('current-region')).toHaveText(`当前地区：${countyName()}`);
  await expect(await boardCount(page, 'village-affairs')).toHaveText(boardCountPattern(villageNotices().length));
});

/** Returns the shown hits' highlighted texts, one array of <mark> texts per hit. */
async function highlightsPerHit(page: Page): Promise<string[][]> {
  return shownLayer(page)
    .getByTestId('search-hit')
    .evaluateAll((hits) => hits.map((hit) => [...hit.querySelectorAll('mark')].map((mark) => mark.textContent ?? '')));
}

async function openSearch(page: Page): Promise<void> {
  await page.locator('[data-tile="search"]').tap();
  await expect(shownLayer(page).getByTestId('search-query')).toBeVisible();
}

test('search finds a typed two-character word', async ({ page }) => {
  await openSearch(page);
  await shownLayer(page).getByTestId('search-query').pressSequentially('低保');

  const hits = shownLayer(page).getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  for (const marks of await highlightsPerHit(page)) expect(marks).toContain('低保');

  // The first hit opens its record, and a notice's detail carries the notice's title from the CSV.
  const [kind, id] = (await hits.first().getAttribute('data-record'))!.split(':');
  const title = (await hits.first().locator('.search-hit-title').textContent())!;
  await hits.first().tap();
  const detail = shownLayer(page).getByTestId('record-detail');
  await expect(detail.locator('.record-title')).toBeVisible();
  if (kind === 'notice') {
    const notice = server.readDemoCsv('notices.csv').find((row) => row.notice_id === id)!;
    await expect(detail.locator('.record-title')).toHaveText(notice.title!);
  }
  expect(title.length).toBeGreaterThan(0);

  await shownLayer(page).getByRole('button', { name: /返回/ }).tap();
  await expect(shownLayer(page).getByTestId('search-query')).toHaveValue('低保');
});

test('search takes a pinyin suggestion', async ({ page }) => {
  await openSearch(page);
  await tapLetters(page, 'db');
  const candidate = shownLayer(page).getByTestId('candidate').filter({ hasText: /^低保$/ });
  await expect(candidate).toBeVisible();
  await candidate.tap();
  await expect(shownLayer(page).getByTestId('search-query')).toHaveValue('低保');
  await expect(shownLayer(page).getByTestId('search-hit').first()).toBeVisible();
  for (const marks of await highlightsPerHit(page)) expect(marks).toContain('低保');
});

test('search finds a village by name', async ({ page }) => {
  // A village named in a village-affairs notice title.
  const notice = villageNotices().find((row) => row.title!.includes(server.regionNames.get(row.region_code!)!))!;
  const villageName = server.regionNames.get(notice.region_code!)!;

  await openSearch(page);
  await shownLayer(page).getByTestId('search-query').fill(villageName);
  const hits = shownLayer(page).getByTestId('search-hit');
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator('.search-hit-title')).toContainText(villageName);
  await expect(hits.first().locator('mark').first()).toBeVisible();
});

test('search handles one and four characters', async ({ page }) => {
  await openSearch(page);
  const query = shownLayer(page).getByTestId('search-query');

  await query.fill('村');
  await expect(shownLayer(page).getByTestId('search-hit').first()).toBeVisible();
  for (const marks of await highlightsPerHit(page)) {
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark).toContain('村');
  }

  // The first hit shows the whole phrase (retried, so the hits of the previous query are gone);
  // every hit marks some of its characters.
  await query.fill('危房改造');
  await expect(shownLayer(page).getByTestId('search-hit').first()).toContainText('危房改造');
  for (const marks of await highlightsPerHit(page)) {
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect([...mark].every((character) => '危房改造'.includes(character))).toBe(true);
  }
});
