// The renderer's Content-Security-Policy in Debian's Chromium, against `minsheng serve`. The page
// carries the strict policy in its meta tag. The browser host also sends it as a header, so
// Chromium reports each violation twice. An injected inline script, inline style and foreign
// image are each blocked and reported, and a lookup runs without any violation. The other specs
// fail on a violation through the shared console check.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startKioskServer } from './kiosk-server.js';
import type { KioskServer } from './kiosk-server.js';
import { reportPolicyViolations } from './kiosk-session.js';

let server: KioskServer;

test.use({ hasTouch: true });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startKioskServer({});
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens the kiosk and returns the console errors it logs from then on. */
async function openKiosk(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await reportPolicyViolations(page);
  await page.goto(server.url);
  await expect(page.getByTestId('data-info')).toContainText('2024');
  return errors;
}

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test('page carries the strict policy', async ({ page }) => {
  await openKiosk(page);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).not.toBeNull();
  const directives = directivesOf(policy!);

  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('style-src')).toEqual(["'self'"]);
  expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(directives.get('form-action')).toEqual(["'none'"]);
  expect(policy).not.toContain('unsafe-');
});

test('blocks and reports injected code', async ({ page }) => {
  const errors = await openKiosk(page);

  const effects = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true;';
    document.head.append(script);

    const holder = document.createElement('div');
    holder.innerHTML = '<p style="color: rgb(255, 0, 0)">styled</p>';
    document.body.append(holder);

    const image = document.createElement('img');
    // Port 9 (discard) on loopback: the policy blocks the request before it is made.
    image.src = 'http://127.0.0.1:9/tracker.png';
    document.body.append(image);

    return {
      scriptRan: (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true,
      color: getComputedStyle(holder.firstElementChild!).color,
    };
  });

  expect(effects.scriptRan).toBe(false);
  expect(effects.color).not.toBe('rgb(255, 0, 0)');
  await expect.poll(() => errors.filter((error) => error.startsWith('CSP violation:')).length).toBeGreaterThanOrEqual(3);
  const violations = errors.filter((error) => error.startsWith('CSP violation:')).join('\n');
  expect(violations).toMatch(/script-src-elem blocked inline\b/);
  expect(violations).toMatch(/style-src-attr blocked inline\b/);
  expect(violations).toMatch(/img-src blocked http:\/\/127\.0\.0\.1:9\/tracker\.png/);
});

test('lookup runs without a violation', async ({ page }) => {
  const errors = await openKiosk(page);
  const household = server.households[0]!;

  await page.locator('[data-tile="lookup"]').tap();
  for (const key of household.idNumbers[0]!) await page.locator(`[data-key="${key}"]`).tap();
  await page.locator('[data-key="search"]').tap();
  await expect(page.getByTestId('grand-total')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).tap();
  await expect(page.getByText('Total paid')).toBeVisible();

  expect(errors).toEqual([]);
});
