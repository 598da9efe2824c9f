// The PDF printer when Chromium is missing or does not finish: a "failed" result with the reason,
// and nothing left in the output folder.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPdfPrinter } from '../../src-main/browser-host/pdf-printer.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import { makeTempDir } from '../helpers/temp.js';
import { printContext } from '../unit/printing-fixtures.js';

const job = renderPrintJob({ document: 'test' }, printContext, { language: 'zh-CN', layout: 'a4' });

let temp: ReturnType<typeof makeTempDir>;
let outDir: string;

beforeEach(() => {
  temp = makeTempDir();
  outDir = path.join(temp.dir, 'pdf');
});

afterEach(() => temp.remove());

describe('PDF printer failures', () => {
  it('reports a missing Chromium', async () => {
    const chromiumPath = path.join(temp.dir, 'no-chromium-here');
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(result.status).toBe('failed');
    expect(result.status === 'failed' ? result.reason : '').toContain(`with ${chromiumPath} failed: spawn ${chromiumPath} ENOENT`);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('kills Chromium after the timeout', async () => {
    // One millisecond is far less than Chromium needs to start, so the run always times out.
    const result = await createPdfPrinter({ outDir, timeoutMs: 1 }).print(job);

    expect(result.status).toBe('failed');
    expect(result.status === 'failed' ? result.reason : '').toMatch(/^Chromium timed out after 1 ms printing \d{8}-\d{6}-\d{3}-test-a4\.pdf$/);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('reads the Chromium path from MINSHENG_CHROMIUM', async () => {
    const chromiumPath = path.join(temp.dir, 'chromium-from-env');
    const previous = process.env.MINSHENG_CHROMIUM;
    process.env.MINSHENG_CHROMIUM = chromiumPath;
    try {
      const result = await createPdfPrinter({ outDir }).print(job);
      expect(result.status === 'failed' ? result.reason : '').toContain(`spawn ${chromiumPath} ENOENT`);
    } finally {
      if (previous === undefined) delete process.env.MINSHENG_CHROMIUM;
      else process.env.MINSHENG_CHROMIUM = previous;
    }
  });

  it('keeps two same-time jobs apart', async () => {
    const printer = createPdfPrinter({ outDir, clock: () => new Date(2026, 4, 12, 9, 5, 30, 7) });

    const first = await printer.print(job);
    const second = await printer.print(job);

    expect(first).toEqual({ status: 'printed', layout: 'a4', output: '20260512-090530-007-test-a4.pdf' });
    expect(second).toEqual({ status: 'printed', layout: 'a4', output: '20260512-090530-007-test-a4-2.pdf' });
    expect(existsSync(path.join(outDir, '20260512-090530-007-test-a4-2.pdf'))).toBe(true);
  });

  it('keeps concurrent same-time jobs apart', async () => {
    const printer = createPdfPrinter({ outDir, clock: () => new Date(2026, 4, 12, 9, 5, 30, 8) });

    const results = await Promise.all([printer.print(job), printer.print(job)]);

    const names = results.map((result) => (result.status === 'printed' ? result.output : result.status));
    expect(names.sort()).toEqual(['20260512-090530-008-test-a4-2.pdf', '20260512-090530-008-test-a4.pdf']);
    expect(readdirSync(outDir).sort()).toEqual(names);
  });
});
