// The setup every end-to-end spec shares: one `minsheng serve` for the whole file, touch input,
// and a failed test for any console error or uncaught page error. Also the small locators and
// taps the specs use on every screen, and the household lookup on the keypad.
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { KIOSK_HTTP_PATHS, LookupResultSchema } from '../../src-shared/kiosk-api.js';
import type { Household } from '../../src-shared/kiosk-api.js';
import { startKioskServer } from './kiosk-server.js';
import type { KioskServer, KioskServerOptions } from './kiosk-server.js';
import { SCREENSHOT_DIR } from './screen-checks.js';

export interface KioskSessionOptions extends KioskServerOptions {
  /** Creates the README screenshot folder, for specs that write screenshots. */
  screenshots?: boolean;
}

/**
 * Registers the hooks that start a kiosk server before the spec file's tests and stop it after
 * them, and returns a handle whose properties read the running server. Call it once, at the top
 * level of a spec file. A spec opens its first screen in its own `beforeEach`, which runs after
 * the one registered here.
 */
export function useKioskServer(options: KioskSessionOptions = {}): KioskServer {
  let server: KioskServer | undefined;
  let problems: string[] = [];

  const running = (): KioskServer => {
    if (!server) throw new Error('The kiosk server is not running: read it only inside tests and hooks of the spec that called useKioskServer().');
    return server;
  };

  test.use({ hasTouch: true });

  test.beforeAll(async () => {
    // Demo data, publish and sync through the real CLI take well over the default hook timeout.
    test.setTimeout(240_000);
    server = await startKioskServer({ config: options.config, prepareData: options.prepareData });
    if (options.screenshots) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test.beforeEach(async ({ page }) => {
    problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await reportPolicyViolations(page);
  });

  test.afterEach(() => {
    expect(problems).toEqual([]);
  });

  return {
    get url() {
      return running().url;
    },
    get dataDir() {
      return running().dataDir;
    },
    get households() {
      return running().households;
    },
    get regionNames() {
      return running().regionNames;
    },
    readDemoCsv: (fileName) => running().readDemoCsv(fileName),
    stop: () => running().stop(),
  };
}

/**
 * Turns every Content-Security-Policy violation on the page into a console error, so a spec's
 * console check fails on it whether or not Chromium logs the violation itself. Playwright adds
 * init scripts through DevTools, so the page's own policy does not block this one.
 */
export async function reportPolicyViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
}

/** Returns the layer of the view on screen. Views below it stay mounted but hidden. */
export function shownLayer(page: Page): Locator {
  return page.locator('.view-layer:not([hidden])');
}

/**
 * Matches the count line of a board with this many rows. The "swipe for more" hint follows the
 * count only while rows remain below the screen, and a short list may be measured as fitting a
 * moment after it first shows, so either form is right for a list this test did not size.
 */
export function boardCountPattern(rows: number): RegExp {
  return new RegExp(`^共 ${rows.toLocaleString('en-US')} 条(，向上滑动查看更多)?$`);
}

/** Taps the letters on the initials keyboard of the view on screen. */
export async function tapLetters(page: Page, letters: string): Promise<void> {
  for (const letter of letters.toUpperCase()) await shownLayer(page).locator(`[data-letter="${letter}"]`).tap();
}

/** Looks the household up on the keypad and returns the household the host sent to the screen. */
export async function lookUp(page: Page, idNumber: string): Promise<Household> {
  await page.locator('[data-tile="lookup"]').tap();
  for (const key of idNumber) await page.locator(`[data-key="${key}"]`).tap();

  const response = page.waitForResponse((candidate) => new URL(candidate.url()).pathname === KIOSK_HTTP_PATHS.lookupHousehold);
  await page.locator('[data-key="search"]').tap();
  const lookup = LookupResultSchema.parse(await (await response).json());
  if (lookup.status !== 'found') throw new Error(`the demo household was not found: ${lookup.status}`);

  await expect(page.getByTestId('grand-total')).toBeVisible();
  return lookup.household;
}
