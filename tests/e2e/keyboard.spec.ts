// The on-screen Chinese keyboard in Chromium, on a page of its own (tests/e2e/keyboard-page).
// Vite builds the page and its preview server serves it on 127.0.0.1. The tests cover typing by
// taps, key and text sizes for elderly users at the kiosk's screen sizes, and the screenshots.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { REPO_ROOT } from '../helpers/cli.js';
import { freePort, makeTempDir } from '../helpers/temp.js';
import { boxesOf, inside, saveScreenshot, smallestGap, waitForFonts } from './screen-checks.js';

let server: PreviewServer | undefined;
let baseUrl = '';
const output = makeTempDir('minsheng-keyboard-page-');

test.beforeAll(async () => {
  const config = {
    configFile: false as const,
    root: path.join(REPO_ROOT, 'tests', 'e2e', 'keyboard-page'),
    base: './',
    logLevel: 'warn' as const,
    plugins: [react()],
    build: { outDir: output.dir, emptyOutDir: true },
  };
  await build(config);

  const port = await freePort();
  server = await preview({ ...config, preview: { host: '127.0.0.1', port, strictPort: true } });
  baseUrl = `http://127.0.0.1:${port}/`;
});

test.afterAll(async () => {
  await server?.close();
  output.remove();
});

async function openKeyboard(page: Page, query = ''): Promise<void> {
  await page.goto(`${baseUrl}${query}`);
  await page.locator('[data-skbtn="q"]').waitFor();
  await waitForFonts(page);
}

async function tapKeys(page: Page, keys: string[]): Promise<void> {
  for (const key of keys) await page.locator(`[data-skbtn="${key}"]`).click();
}

/** Boxes and font sizes of the keyboard's keys and candidate buttons, and its smallest text. */
async function measureKeyboard(page: Page) {
  const measured = await page.evaluate(() => {
    const keys = [...document.querySelectorAll<HTMLElement>('.hg-button, .chinese-text-input button')].map((key) => {
      const box = key.getBoundingClientRect();
      return {
        key: key.dataset.skbtn ?? key.textContent ?? '',
        left: box.left,
        top: box.top,
        right: box.right,
        bottom: box.bottom,
        width: box.width,
        height: box.height,
        fontSize: parseFloat(getComputedStyle(key).fontSize),
      }
    });

    const texts = [...document.querySelectorAll('.chinese-text-input *')]
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .filter((element) => element.getBoundingClientRect().width > 0)
      .map((element) => ({ text: element.textContent!.trim().slice(0, 20), size: parseFloat(getComputedStyle(element).fontSize) }));

    return { keys, texts };
  });

  // Smallest edge-to-edge distance between two keys of simple-keyboard.
  const boxes = await boxesOf(page, '.hg-button');
  return { ...measured, minimumGap: smallestGap(boxes), keyCount: boxes.length };
}

/** WCAG contrast ratio of each key's text colour on its background colour. */
async function keyContrasts(page: Page) {
  return page.evaluate(() => {
    function luminance(colour: string): number {
      const channels = (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const linear = channels.map((value) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
    }

    return [...document.querySelectorAll<HTMLElement>('.hg-button')].map((key) => {
      const style = getComputedStyle(key);
      const text = luminance(style.color);
      const background = luminance(style.backgroundColor);
      const ratio = (Math.max(text, background) + 0.05) / (Math.min(text, background) + 0.05);
      return { key: key.dataset.skbtn ?? '', ratio };
    });
  });
}

test('types 低保 by tapping pinyin', async ({ page }) => {
  await openKeyboard(page);

  await tapKeys(page, ['d', 'i', 'b', 'a', 'o']);
  await expect(page.getByTestId('keyboard-pinyin')).toHaveText('dibao');
  await page.locator('[data-testid="keyboard-candidate"][data-candidate="低保"]').click();

  await expect(page.getByTestId('page-value')).toHaveText('低保');
  await expect(page.getByTestId('keyboard-text')).toContainText('低保');
  await expect(page.getByTestId('keyboard-count')).toHaveText('已输入 2/2000 字');
  await expect(page.getByTestId('keyboard-pinyin')).toHaveCount(0);
});

test('shows the maxLength message', async ({ page }) => {
  await openKeyboard(page, '?max=3');

  await tapKeys(page, ['m', 'y', 's', 'd']);
  await page.locator('[data-testid="keyboard-candidate"][data-candidate="没有收到"]').click();

  await expect(page.getByTestId('keyboard-problem')).toHaveText('⚠ “没有收到”放不下：只能再输入 3 个字。');
  await expect(page.getByTestId('page-value')).toHaveText('');
});

for (const viewport of [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
]) {
  test(`keys fit elderly users at ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openKeyboard(page);
    await tapKeys(page, ['b', 'u']);
    await expect(page.getByTestId('keyboard-candidate').first()).toHaveText('补贴');

    const measured = await measureKeyboard(page);
    // 26 letters, backspace, and the bottom row of seven keys.
    expect(measured.keyCount).toBe(26 + 1 + 7);
    expect(measured.keys.filter((key) => key.width < 60 || key.height < 60)).toEqual([]);
    expect(measured.keys.filter((key) => key.fontSize < 24)).toEqual([]);
    expect(measured.texts.filter((entry) => entry.size < 24)).toEqual([]);
    expect(measured.minimumGap).toBeGreaterThanOrEqual(8);

    // No key may be cut off by the screen edge.
    const outside = measured.keys.filter(
      (key) => key.left < 0 || key.top < 0 || key.right > viewport.width || key.bottom > viewport.height,
    );
    expect(outside).toEqual([]);

    expect((await keyContrasts(page)).filter((key) => key.ratio < 4.5)).toEqual([]);

    await saveScreenshot(page, `keyboard-${viewport.name}.png`);
  });
}

/** Boxes of the candidate row and of the candidates on its page. */
async function candidateRow(page: Page) {
  return { row: (await boxesOf(page, '.cti-candidate-list'))[0]!, candidates: await boxesOf(page, '.cti-candidate') };
}

for (const viewport of [
  { width: 1080, height: 1920, atLeast: 8 },
  { width: 1920, height: 1080, atLeast: 8 },
  { width: 1366, height: 768, atLeast: 5 },
]) {
  test(`candidate page fills the row at ${viewport.width}x${viewport.height}`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openKeyboard(page);
    // "yi" has more single characters than any row has room for.
    await tapKeys(page, ['y', 'i']);
    await expect(page.getByTestId('keyboard-candidate').first()).toBeVisible();

    const first = await candidateRow(page);
    expect(first.candidates.length).toBeGreaterThanOrEqual(viewport.atLeast);
    // Every candidate is whole inside the row: none is cut off or needs a swipe.
    expect(first.candidates.filter((candidate) => !inside(candidate, first.row))).toEqual([]);

    // As many as fit: the next page's first candidate would not have fitted after the last one.
    await page.getByTestId('keyboard-next-page').click();
    const next = (await candidateRow(page)).candidates[0]!;
    const lastRight = first.candidates[first.candidates.length - 1]!.right;
    expect(lastRight + 10 + (next.right - next.left)).toBeGreaterThan(first.row.right);
  });
}

/**
 * Action keys whose label is drawn badly: a word broken across two lines, or text wider than the
 * key's content box. Text is measured through DOM Ranges, and a word drawn on one line has all
 * its client rects at one top.
 */
async function badActionLabels(page: Page): Promise<string[]> {
  return page.locator('.kiosk-key--action').evaluateAll((keys) =>
    keys.flatMap((key) => {
      const text = key.querySelector('span')?.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) return [`${key.textContent}: no text node`];
      const label = text.textContent ?? '';
      const problems: string[] = [];

      // The text must stay inside the key's content box, not merely inside its border.
      const style = getComputedStyle(key);
      const box = key.getBoundingClientRect();
      const contentLeft = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
      const contentRight = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
      const whole = document.createRange();
      whole.selectNodeContents(text);
      const drawn = whole.getBoundingClientRect();
      if (drawn.left < contentLeft - 0.5 || drawn.right > contentRight + 0.5) {
        problems.push(`${label}: ${Math.round(drawn.width)} px of text in ${Math.round(contentRight - contentLeft)} px of key`);
      }

      // Words end at spaces and after a slash, where a line may break ("Pinyin/" "ABC").
      for (const match of label.matchAll(/[^\s/]+\/?/g)) {
        const range = document.createRange();
        range.setStart(text, match.index);
        range.setEnd(text, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (tops.size > 1) problems.push(`${label}: "${match[0]}" broken across lines`);
      }
      return problems;
    }),
  );
}

// Taps that lead through all five key layers, starting from the layer each language opens with.
const LAYER_TOURS = [
  { language: 'en', taps: [[], ['{shift}'], ['{numbers}'], ['{letters}', '{language}'], ['{numbers}']] },
  { language: 'zh-CN', taps: [[], ['{numbers}'], ['{letters}', '{language}'], ['{shift}'], ['{numbers}']] },
];

for (const tour of LAYER_TOURS) {
  for (const viewport of [
    { width: 1080, height: 1920 },
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
  ]) {
    test(`${tour.language} key labels fit at ${viewport.width}x${viewport.height}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await openKeyboard(page, tour.language === 'en' ? '?lang=en' : '');

      for (const taps of tour.taps) {
        await tapKeys(page, taps);
        expect(await badActionLabels(page), `after tapping ${taps.join(' ') || 'nothing'}`).toEqual([]);
      }
    });
  }
}

test('numbers layer fits 1366x768', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openKeyboard(page);
  await tapKeys(page, ['{numbers}']);

  const measured = await measureKeyboard(page);
  expect(measured.keys.filter((key) => key.width < 60 || key.height < 60)).toEqual([]);
  expect(measured.keys.filter((key) => key.bottom > 768 || key.right > 1366)).toEqual([]);
});
