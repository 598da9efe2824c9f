// The browser host's printer: headless Chromium prints each job's HTML to a PDF file in an
// output folder. The county preview and the end-to-end tests read these files where the
// Electron host would feed paper. A Chromium that hangs is killed after a timeout, and an
// interrupted print leaves only a hidden temporary file, never a half-written PDF.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintResult } from '../../src-shared/reports-api.js';
import { createLogger } from '../core/log.js';
import type { PrintJob, PrintOutput } from '../core/printing/print-job.js';

const log = createLogger('pdf-printer');

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

// NOTE: an estimate: Chromium 156 prints these one-page documents in about a second on two
// cores, and a cold start on a slow disk takes a few more.
export const DEFAULT_PRINT_TIMEOUT_MS = 60_000;

// PrintResultSchema caps the reason at 500 characters.
const MAX_REASON_LENGTH = 500;

export interface PdfPrinterOptions {
  /** Folder the PDF files are written to; created when missing. */
  outDir: string;
  /** The Chromium binary: this option, then MINSHENG_CHROMIUM, then /usr/bin/chromium. */
  chromiumPath?: string;
  /** The time in the file names; the system clock when absent. */
  clock?: () => Date;
  timeoutMs?: number;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats the time part of a PDF file name, local time to the millisecond: "20260512-090512-345". */
export function fileTimeStamp(time: Date): string {
  const date = `${time.getFullYear()}${twoDigits(time.getMonth() + 1)}${twoDigits(time.getDate())}`;
  const clock = `${twoDigits(time.getHours())}${twoDigits(time.getMinutes())}${twoDigits(time.getSeconds())}`;
  return `${date}-${clock}-${String(time.getMilliseconds()).padStart(3, '0')}`;
}

// A second job of the same document in the same millisecond gets "-2", then "-3" and so on.
// Names of jobs still printing are in `reserved`, so concurrent jobs never share one.
function freeFileName(outDir: string, stem: string, reserved: ReadonlySet<string>): string {
  const isTaken = (name: string) => reserved.has(name) || existsSync(path.join(outDir, name));
  let name = `${stem}.pdf`;
  for (let suffix = 2; isTaken(name); suffix += 1) name = `${stem}-${suffix}.pdf`;
  return name;
}

function failed(reason: string): PrintResult {
  return { status: 'failed', reason: reason.slice(0, MAX_REASON_LENGTH) };
}

interface ChromiumRun {
  exitCode: number | null;
  timedOut: boolean;
  stderrTail: string;
}

// Chromium starts helper processes, so it runs in its own process group and a timeout ends the
// whole group.
function runChromium(chromiumPath: string, args: string[], timeoutMs: number): Promise<ChromiumRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(chromiumPath, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    let timedOut = false;

    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Chromium logs many harmless lines (D-Bus is absent on a kiosk); the last ones explain a failure.
      stderr = (stderr + chunk).slice(-4000);
    });

    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);

    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, timedOut, stderrTail: stderr });
    });
  });
}

async function isPdfFile(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
  }
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

/** Creates a printer that writes each job as `<time>-<document>-<layout>.pdf` into outDir. */
export function createPdfPrinter(options: PdfPrinterOptions): PrintOutput {
  const chromiumPath = options.chromiumPath ?? process.env.MINSHENG_CHROMIUM ?? DEFAULT_CHROMIUM;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  const printing = new Set<string>();

  async function printJob(job: PrintJob): Promise<PrintResult> {
    await mkdir(options.outDir, { recursive: true });
    const name = freeFileName(options.outDir, `${fileTimeStamp(clock())}-${job.document}-${job.layout}`, printing);
    printing.add(name);
    const finalFile = path.join(options.outDir, name);
    const partialFile = path.join(options.outDir, `.${name}.partial`);

    // Each run gets its own profile folder, so concurrent prints never share Chromium's profile lock.
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-print-'));
    try {
      const htmlFile = path.join(workDir, 'page.html');
      await writeFile(htmlFile, job.html, 'utf8');

      const args = [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-pdf-header-footer',
        `--user-data-dir=${path.join(workDir, 'profile')}`,
        `--print-to-pdf=${partialFile}`,
        pathToFileURL(htmlFile).href,
      ];
      const run = await runChromium(chromiumPath, args, timeoutMs);

      if (run.timedOut) return failed(`Chromium timed out after ${timeoutMs} ms printing ${name}`);
      if (run.exitCode !== 0 || !(await isPdfFile(partialFile))) {
        return failed(`Chromium exited with code ${run.exitCode} and wrote no PDF for ${name}: ${lastLines(run.stderrTail, 3)}`);
      }

      await rename(partialFile, finalFile);
      return { status: 'printed', layout: job.layout, output: name };
    } finally {
      await rm(partialFile, { force: true });
      await rm(workDir, { recursive: true, force: true });
      printing.delete(name);
    }
  }

  return {
    async print(job) {
      let result: PrintResult;
      try {
        result = await printJob(job);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        result = failed(`printing ${job.document} (${job.layout}) to PDF with ${chromiumPath} failed: ${reason}`);
      }

      if (result.status === 'failed') {
        log.error({ document: job.document, layout: job.layout, reason: result.reason }, 'PDF printing failed');
      } else {
        log.info({ document: job.document, layout: job.layout, output: result.status === 'printed' ? result.output : null }, 'printed to PDF');
      }
      return result;
    },
  };
}
