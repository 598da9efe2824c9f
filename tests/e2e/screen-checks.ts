// Checks shared by the end-to-end specs: sizes for elderly users, and README screenshots that
// never show a full ID number.
import path from 'node:path';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../helpers/cli.js';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/**
 * Writes a README screenshot after checking that the page shows no full ID number: with all
 * whitespace removed, no run of 17 digits and a check character may appear in its text.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(text.replace(/\s+/g, '')).not.toMatch(/\d{17}[\dX]/);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

export async function waitForFonts(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

/** Sizes of every button, the smallest font of visible text, and heading sizes. */
export async function measure(page: Page) {
  const measured = await page.evaluate(() => {
    // A button of a view kept hidden under the one on screen has no layout box and cannot be tapped.
    const buttons = [...document.querySelectorAll('button')].filter((button) => button.getClientRects().length > 0).map((button) => {
      const box = button.getBoundingClientRect();
      return { text: button.textContent ?? '', width: box.width, height: box.height };
    });

    const textSizes = [...document.querySelectorAll('body *')]
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .filter((element) => element.getBoundingClientRect().width > 0)
      .map((element) => ({ text: element.textContent!.trim().slice(0, 20), size: parseFloat(getComputedStyle(element).fontSize) }));

    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => ({
      text: heading.textContent ?? '',
      size: parseFloat(getComputedStyle(heading).fontSize),
    }));

    return { buttons, textSizes, headings };
  });

  // Smallest edge-to-edge distance between two keypad keys.
  const keys = await boxesOf(page, '.keypad button');
  return { ...measured, minimumGap: smallestGap(keys), keyCount: keys.length };
}

export function expectElderlyFriendly(measured: Awaited<ReturnType<typeof measure>>) {
  expect(measured.buttons.filter((button) => button.width < 60 || button.height < 60)).toEqual([]);
  expect(measured.textSizes.filter((entry) => entry.size < 24)).toEqual([]);
  expect(measured.headings.length).toBeGreaterThan(0);
  expect(measured.headings.filter((heading) => heading.size < 40)).toEqual([]);
}

/** An element's box in viewport pixels, as getBoundingClientRect() gives it. */
export type Box = { left: number; top: number; right: number; bottom: number };

export function inside(inner: Box, outer: Box): boolean {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Boxes of the elements `selector` matches, in document order. */
export async function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    }),
  );
}

/** Smallest edge-to-edge distance between two of `boxes` (negative when two overlap); Infinity for fewer than two. */
export function smallestGap(boxes: readonly Box[]): number {
  let gap = Infinity;
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const dx = Math.max(b.left - a.right, a.left - b.right);
      const dy = Math.max(b.top - a.bottom, a.top - b.bottom);
      gap = Math.min(gap, Math.max(dx, dy));
    }),
  );
  return gap;
}
