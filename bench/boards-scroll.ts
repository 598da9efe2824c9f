// Scrolling the finance ledger of the largest township in Debian's Chromium, against
// `minsheng serve` on the benchmark's terminal data folder. Two passes over the virtualised list:
// jumps of scrollTop from the top to the bottom, as a drag of the scroll bar does, and wheel
// steps of a few rows from the top, as a finger's swipes do. Frame intervals come from
// requestAnimationFrame in the page; blank rows are counted when each step has settled.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { BOARDS_HTTP_PATHS } from '../src-shared/boards-api.js';
import type { Page } from '@playwright/test';
import { LIST_SELECTOR, SCROLL_PROBE_SCRIPT } from './scroll-probe.js';
import type { ScrollerMetrics, SettledStep } from './scroll-probe.js';
import { percentile } from './timing.js';

// The same browser and flags as playwright.config.ts.
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const VIEWPORT = { width: 1920, height: 1080 };
const JUMP_STEPS = 100;
const WHEEL_STEPS = 200;
// Five rows of 148 px (ROW_HEIGHT in src-renderer/boards/RecordList.tsx) per wheel step.
const WHEEL_DELTA_PX = 740;
const ROW_HEIGHT_PX = 148;
// A frame this long is a visible stutter (three missed frames at 60 Hz).
const LONG_FRAME_MS = 50;
const SERVE_START_TIMEOUT_MS = 120_000;

export interface ScrollOptions {
  work: string;
  kioskDir: string;
  countyCode: string;
  townshipCode: string;
  /** Ledger entries in the township's scope, the length the list should have. */
  entries: number;
}

function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ServeProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts `minsheng serve` with a config whose boards open on the township. */
async function startServe(options: ScrollOptions): Promise<ServeProcess> {
  const configFile = path.join(options.work, 'boards-terminal.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      terminalId: 'bench-01',
      terminalName: 'bench kiosk',
      regionCode: options.countyCode,
      language: 'zh-CN',
      dataDir: options.kioskDir,
      // serve does not sync, so the source and trust file are never read.
      sync: { source: path.join(options.work, 'boards-bundle'), trust: 'boards-publisher.pub' },
      idle: { timeoutSeconds: 3600, warningSeconds: 60 },
      home: { regionCode: options.townshipCode },
    }),
  );

  const port = await freePort();
  const cli = path.join(packageRoot(), 'bin', 'minsheng.js');
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', options.kioskDir, '--port', String(port), '--config', configFile], {
    env: { ...process.env, MINSHENG_LANG: 'en', MINSHENG_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // The server must not outlive the benchmark, even when it stops with an error.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`minsheng serve printed no URL within ${SERVE_START_TIMEOUT_MS} ms:\n${output}`)), SERVE_START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`minsheng serve exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    async stop() {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Waits until the server's search index is built. The kiosk service builds it in a worker as
 * soon as it opens the snapshot, and on a 2-core machine that build would share the CPU with
 * Chromium during the scroll. The server replies to a search request only once the index is ready.
 */
async function waitForSearchIndex(url: string, regionCode: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(new URL(BOARDS_HTTP_PATHS.search, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '路', regionCode }),
  });
  if (!response.ok) throw new Error(`search request to ${url} failed with HTTP ${response.status}: ${await response.text()}`);
  return performance.now() - started;
}

async function openLedger(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('current-region').waitFor();
  await page.locator('[data-tile="finance"]').click();
  await page.getByTestId('tab-finance-entry').click();
  await page.locator(`${LIST_SELECTOR} [data-testid="board-row"]`).first().waitFor({ timeout: 60_000 });
  await page.evaluate(SCROLL_PROBE_SCRIPT);
}

function frameText(frames: number[]): string {
  const long = frames.filter((ms) => ms > LONG_FRAME_MS).length;
  return `p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, longest ${Math.max(...frames).toFixed(0)} ms; ${long} of ${frames.length} frames over ${LONG_FRAME_MS} ms`;
}

function blankText(steps: SettledStep[]): string {
  const blankSteps = steps.filter((step) => step.blankRows > 0);
  const blankRows = steps.reduce((sum, step) => sum + step.blankRows, 0);
  const visibleRows = steps.reduce((sum, step) => sum + step.visibleRows, 0);
  const unfilled = steps.filter((step) => !step.filled).length;
  const fill = blankSteps.map((step) => step.fillMs);
  const fillText = fill.length === 0 ? '' : `; filled in p50 ${percentile(fill, 50).toFixed(0)} ms, max ${Math.max(...fill).toFixed(0)} ms`;
  return `${blankSteps.length} of ${steps.length} steps had blank rows at settle (${blankRows} of ${visibleRows} visible rows)${fillText}${unfilled > 0 ? `; ${unfilled} never filled` : ''}`;
}

async function jumpPass(page: Page): Promise<{ steps: SettledStep[]; frames: number[] }> {
  await page.evaluate('window.__scrollProbe.jumpTo(0)');
  await page.evaluate('window.__scrollProbe.startFrames()');
  const steps: SettledStep[] = [];
  for (let step = 1; step <= JUMP_STEPS; step += 1) {
    steps.push((await page.evaluate(`window.__scrollProbe.jumpTo(${step / JUMP_STEPS})`)) as SettledStep);
  }
  const frames = (await page.evaluate('window.__scrollProbe.stopFrames()')) as number[];
  return { steps, frames };
}

async function wheelPass(page: Page): Promise<{ steps: SettledStep[]; frames: number[] }> {
  await page.evaluate('window.__scrollProbe.jumpTo(0)');
  const box = await page.locator(LIST_SELECTOR).boundingBox();
  if (!box) throw new Error('the board list has no box on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);

  await page.evaluate('window.__scrollProbe.startFrames()');
  const steps: SettledStep[] = [];
  for (let step = 0; step < WHEEL_STEPS; step += 1) {
    await page.mouse.wheel(0, WHEEL_DELTA_PX);
    steps.push((await page.evaluate('window.__scrollProbe.settle()')) as SettledStep);
  }
  const frames = (await page.evaluate('window.__scrollProbe.stopFrames()')) as number[];
  return { steps, frames };
}

/** Runs both passes; returns the table rows. */
export async function timeLedgerScroll(options: ScrollOptions): Promise<[string, string][]> {
  const serve = await startServe(options);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const rows: [string, string][] = [];

  try {
    const indexMs = await waitForSearchIndex(serve.url, options.countyCode);
    rows.push(['scroll: serve start to search index ready', `${(indexMs / 1000).toFixed(1)} s (worker build, waited for before scrolling)`]);

    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    await openLedger(page, serve.url);
    const before = (await page.evaluate('window.__scrollProbe.metrics()')) as ScrollerMetrics;
    rows.push([
      'scroll: ledger list in Chromium',
      `${options.entries.toLocaleString('en-US')} rows, expected height ${(options.entries * ROW_HEIGHT_PX).toLocaleString('en-US')} px, scrollHeight ${before.scrollHeight.toLocaleString('en-US')} px, viewport ${before.clientHeight} px`,
    ]);

    const jumps = await jumpPass(page);
    const last = jumps.steps.at(-1)!;
    rows.push([`scroll: ${JUMP_STEPS} scrollTop jumps, frames`, frameText(jumps.frames)]);
    rows.push([`scroll: ${JUMP_STEPS} scrollTop jumps, blank rows`, blankText(jumps.steps)]);
    rows.push(['scroll: last row shown at the bottom', `index ${last.lastVisibleIndex.toLocaleString('en-US')} of ${(options.entries - 1).toLocaleString('en-US')}`]);

    const wheels = await wheelPass(page);
    rows.push([`scroll: ${WHEEL_STEPS} wheel steps of ${WHEEL_DELTA_PX} px, frames`, frameText(wheels.frames)]);
    rows.push([`scroll: ${WHEEL_STEPS} wheel steps of ${WHEEL_DELTA_PX} px, blank rows`, blankText(wheels.steps)]);
  } finally {
    await browser.close();
    await serve.stop();
  }
  return rows;
}
