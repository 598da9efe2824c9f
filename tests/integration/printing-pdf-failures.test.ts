// The PDF printer when Chromium is missing, does not finish, crashes or writes a cut-off file, and
// when the output folder is full or read-only: a "failed" result naming the cause, and nothing
// left in the output folder.
import { chmodSync, existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureLogging, forwardLogLines } from '../../src-main/core/log.js';
import { mountTmpfs } from '../helpers/mount.js';
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

  it('kills a measuring Chromium after the timeout', async () => {
    const receiptJob = renderPrintJob({ document: 'test' }, printContext, { language: 'zh-CN', layout: 'receipt-80mm' });

    const result = await createPdfPrinter({ outDir, timeoutMs: 1 }).print(receiptJob);

    expect(result.status === 'failed' ? result.reason : '').toMatch(/^Chromium timed out after 1 ms printing \d{8}-\d{6}-\d{3}-test-receipt-80mm\.pdf$/);
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

// A stand-in Chromium: it writes `content` (a file to copy, cut to `bytes`) to the --print-to-pdf
// path, prints `stderr`, then exits with `exit` or kills itself with `signal`.
function fakeChromium(options: { content?: string; bytes?: number; stderr?: string; exit?: number; signal?: string }): string {
  const script = path.join(temp.dir, 'fake-chromium.sh');
  const lines = [
    '#!/bin/sh',
    'for arg in "$@"; do case "$arg" in --print-to-pdf=*) out="${arg#--print-to-pdf=}";; esac; done',
  ];
  if (options.content !== undefined) lines.push(`head -c ${options.bytes ?? 100_000_000} '${options.content}' > "$out"`);
  if (options.stderr !== undefined) lines.push(`printf '%s\\n' '${options.stderr}' >&2`);
  if (options.signal !== undefined) lines.push(`kill -${options.signal} $$`);
  lines.push(`exit ${options.exit ?? 0}`);
  writeFileSync(script, lines.join('\n') + '\n');
  chmodSync(script, 0o755);
  return script;
}

function reasonOf(result: Awaited<ReturnType<ReturnType<typeof createPdfPrinter>['print']>>): string {
  return result.status === 'failed' ? result.reason : `not failed: ${JSON.stringify(result)}`;
}

describe('PDF completeness', () => {
  let realPdf: string;

  beforeEach(async () => {
    const result = await createPdfPrinter({ outDir: path.join(temp.dir, 'real') }).print(job);
    if (result.status !== 'printed') throw new Error(`printing a real PDF failed: ${JSON.stringify(result)}`);
    realPdf = path.join(temp.dir, 'real', result.output);
  });

  it('prints a whole copied PDF', async () => {
    const chromiumPath = fakeChromium({ content: realPdf });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);
    expect(result.status).toBe('printed');
  });

  it('rejects a cut-off PDF', async () => {
    const chromiumPath = fakeChromium({ content: realPdf, bytes: 2000 });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toMatch(/^the PDF is incomplete: it does not end with %%EOF \(2000 bytes/);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('rejects a PDF header alone', async () => {
    const garbage = path.join(temp.dir, 'garbage.pdf');
    writeFileSync(garbage, '%PDF-1.4 garbage\n%%EOF\n');
    const chromiumPath = fakeChromium({ content: garbage });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toContain('the PDF is incomplete: it has no startxref');
  });

  it('rejects a PDF without pages', async () => {
    const pageless = path.join(temp.dir, 'pageless.pdf');
    const text = readFileSync(realPdf, 'latin1').replace(/\/Type \/Page\b/g, '/Type /Xage');
    writeFileSync(pageless, text, 'latin1');
    const chromiumPath = fakeChromium({ content: pageless });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toContain('the PDF has no page');
  });

  it('names a full disk from stderr', async () => {
    const stderr = `[1:2:ERROR:pdf] Failed to write file ${outDir}/x.pdf: No space left on device (28)`;
    const chromiumPath = fakeChromium({ content: realPdf, stderr });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toContain('Chromium failed to write the PDF because the disk is full');
    expect(reasonOf(result)).toContain('No space left on device (28)');
  });

  it('names the signal of a crash', async () => {
    const chromiumPath = fakeChromium({ content: realPdf, signal: 'SEGV' });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toMatch(/^Chromium was killed by SIGSEGV printing /);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('fails a receipt Chromium cannot measure', async () => {
    // The stand-in writes a whole PDF but never responds over DevTools on the measuring run.
    const chromiumPath = fakeChromium({ content: realPdf });
    const receiptJob = renderPrintJob({ document: 'test' }, printContext, { language: 'zh-CN', layout: 'receipt-80mm' });

    const result = await createPdfPrinter({ outDir, chromiumPath }).print(receiptJob);

    // Whether the write or the read side of the pipe notices first depends on timing.
    expect(reasonOf(result)).toMatch(/^Chromium could not measure the receipt \(.*DevTools pipe.*\) printing .*-test-receipt-80mm\.pdf$/);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('names the exit code of a failure', async () => {
    const chromiumPath = fakeChromium({ stderr: 'last words', exit: 3 });
    const result = await createPdfPrinter({ outDir, chromiumPath }).print(job);

    expect(reasonOf(result)).toMatch(/^Chromium exited with code 3: .*last words printing /);
  });
});

describe('PDF output folder', () => {
  it('fails on a full disk', async () => {
    // Only a prefix of the test page fits in 16 KiB, as on a full kiosk disk.
    const mount = mountTmpfs(outDir, 16 * 1024);
    try {
      const result = await createPdfPrinter({ outDir }).print(job);

      expect(reasonOf(result)).toContain('the disk is full');
      expect(readdirSync(outDir)).toEqual([]);
    } finally {
      mount.remove();
    }
  });

  it('fails on a read-only folder', async () => {
    const mount = mountTmpfs(outDir, 1024 * 1024);
    try {
      mount.remountReadOnly();
      const result = await createPdfPrinter({ outDir }).print(job);

      expect(reasonOf(result)).toBe(`cannot print to PDF: the output folder ${outDir} is on a read-only file system; make it writable`);
    } finally {
      mount.remove();
    }
  });

  it('deletes PDFs older than a day', async () => {
    const printer = createPdfPrinter({ outDir });
    const first = await printer.print(job);
    if (first.status !== 'printed') throw new Error(`first print failed: ${JSON.stringify(first)}`);

    const old = path.join(outDir, first.output);
    const dayAndAMinuteAgo = (Date.now() - 24 * 60 * 60 * 1000 - 60_000) / 1000;
    utimesSync(old, dayAndAMinuteAgo, dayAndAMinuteAgo);
    const foreign = path.join(outDir, 'notes.pdf');
    writeFileSync(foreign, 'not ours');
    utimesSync(foreign, dayAndAMinuteAgo, dayAndAMinuteAgo);

    const second = await printer.print(job);

    expect(second.status).toBe('printed');
    expect(existsSync(old)).toBe(false);
    expect(existsSync(foreign)).toBe(true);
    expect(readdirSync(outDir).sort()).toEqual(['notes.pdf', second.status === 'printed' ? second.output : ''].sort());
  });
});

describe('Chromium path check', () => {
  afterEach(() => configureLogging());

  it('warns at start when Chromium is missing', () => {
    const lines: string[] = [];
    forwardLogLines((line) => lines.push(line));
    const chromiumPath = path.join(temp.dir, 'no-chromium-here');

    createPdfPrinter({ outDir, chromiumPath });

    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string; chromiumPath?: string }).filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.chromiumPath).toBe(chromiumPath);
    expect(warnings[0]!.msg).toContain('Chromium is missing or not executable');
  });

  it('stays quiet when Chromium is there', () => {
    const lines: string[] = [];
    forwardLogLines((line) => lines.push(line));

    createPdfPrinter({ outDir });

    expect(lines.filter((line) => line.includes('"level":40'))).toEqual([]);
  });
});
