// The browser host's printer: headless Chromium prints each job's HTML to a PDF file in an
// output folder. The county preview and the end-to-end tests read these files where the
// Electron host would feed paper. A receipt takes two runs: one measures the content over the
// DevTools pipe, and one prints it on a page that long (receipt-page.ts). Each run has its own
// timeout, after which a hanging Chromium is killed. A print counts only when the PDF is
// complete, so a full disk or a crash never passes as printed. The files are readable by the
// kiosk's user only and are deleted after a day.
import { spawn } from 'node:child_process';
import type { StdioOptions } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { PrintResult } from '../../src-shared/reports-api.js';
import { createLogger } from '../core/log.js';
import type { PrintJob, PrintOutput } from '../core/printing/print-job.js';
import { DEFAULT_PRINT_TIMEOUT_MS, createLoggedPrinter, printFailed } from '../core/printing/print-output.js';
import { measureContentHeightPx, receiptPageHeightMm, withReceiptPageHeight } from '../core/printing/receipt-page.js';
import { connectDevtoolsPipe } from './devtools-pipe.js';
import type { DevtoolsPipe } from './devtools-pipe.js';
import { checkPdfComplete, chromiumFailure } from './pdf-check.js';

const log = createLogger('pdf-printer');

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** PDFs older than this are deleted at the next print: a day covers the preview and the tests. */
export const PDF_RETENTION_MS = 24 * 60 * 60 * 1000;

// Names this printer gives its files (see fileTimeStamp); pruning deletes nothing else.
const PDF_NAME = /^\d{8}-\d{6}-\d{3}-[a-z0-9-]+\.pdf$/;

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

export interface ChromiumRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderr: string;
  /** Reason the DevTools conversation of a run failed, or null. */
  devtoolsError: string | null;
}

// Chromium logs many harmless lines (D-Bus is absent on a kiosk). The first and last parts are
// kept, because a write error comes early and a crash report late.
const STDERR_KEEP = 16_000;

// Chromium starts helper processes, so it runs in its own process group and a timeout ends the
// whole group. With `talk`, Chromium also gets the DevTools pipe on descriptors 3 and 4. A failed
// conversation ends the group too, and the run resolves once both Chromium and `talk` have ended.
function runChromium(
  chromiumPath: string,
  args: string[],
  timeoutMs: number,
  talk?: (pipe: DevtoolsPipe) => Promise<void>,
): Promise<ChromiumRun> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = talk ? ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'ignore', 'pipe'];
    const child = spawn(chromiumPath, args, { stdio, detached: true });
    let head = '';
    let tail = '';
    let timedOut = false;
    let devtoolsError: string | null = null;

    const killGroup = (): void => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };

    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (head.length < STDERR_KEEP) head += chunk.slice(0, STDERR_KEEP - head.length);
      tail = (tail + chunk).slice(-STDERR_KEEP);
    });

    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);

    // Every command and wait of the conversation rejects once the pipe closes, so it settles by
    // the time Chromium has exited.
    let conversation: Promise<void> = Promise.resolve();
    if (talk && child.stdio[3] && child.stdio[4]) {
      const pipe = connectDevtoolsPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
      conversation = talk(pipe).catch((error: unknown) => {
        devtoolsError = error instanceof Error ? error.message : String(error);
        killGroup();
      });
    }

    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(timer);
      void conversation.then(() => resolve({ exitCode, signal, timedOut, stderr: `${head}\n${tail}`, devtoolsError }));
    });
  });
}

// Flags of every Chromium run. Each job gets its own profile folder in `workDir`, so concurrent
// prints never share Chromium's profile lock. Print flags such as --no-pdf-header-footer stay
// off the measuring run, because Chromium 156 then runs as a headless command and quits after
// the first page load.
function chromiumArgs(workDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${path.join(workDir, 'profile')}`,
  ];
}

const CreatedTargetSchema = z.object({ targetId: z.string() });
const AttachedSchema = z.object({ sessionId: z.string() });
const NavigatedSchema = z.object({ errorText: z.string().optional() });

/** Loads `url` in a new page over `pipe`, measures its content height in CSS px and closes Chromium. */
async function measurePage(pipe: DevtoolsPipe, url: string): Promise<number> {
  const { targetId } = CreatedTargetSchema.parse(await pipe.send('Target.createTarget', { url: 'about:blank' }));
  const { sessionId } = AttachedSchema.parse(await pipe.send('Target.attachToTarget', { targetId, flatten: true }));
  await pipe.send('Page.enable', {}, sessionId);

  const loaded = pipe.nextEvent('Page.loadEventFired', sessionId);
  // A failed navigation throws below before `loaded` is awaited, and its rejection is expected then.
  loaded.catch(() => undefined);
  const navigated = NavigatedSchema.parse(await pipe.send('Page.navigate', { url }, sessionId));
  if (navigated.errorText) throw new Error(`loading the page failed: ${navigated.errorText}`);
  await loaded;

  const heightPx = await measureContentHeightPx((method, params) => pipe.send(method, params, sessionId));
  // Chromium may close the pipe before it responds to Browser.close.
  await pipe.send('Browser.close').catch(() => undefined);
  return heightPx;
}

// Deletes this printer's PDFs older than PDF_RETENTION_MS; a file that cannot be deleted is logged.
async function pruneOldPdfs(outDir: string, now: number): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (!PDF_NAME.test(name)) continue;
    const file = path.join(outDir, name);
    try {
      if (now - (await stat(file)).mtimeMs > PDF_RETENTION_MS) await rm(file, { force: true });
    } catch (error) {
      log.warn({ err: error, file }, 'deleting an old PDF failed');
    }
  }
}

// Checked once when the printer is created, so a wrong path shows in the log at start and not
// only at the first print.
function warnIfChromiumMissing(chromiumPath: string): void {
  try {
    accessSync(chromiumPath, fsConstants.X_OK);
  } catch (error) {
    log.warn({ err: error, chromiumPath }, 'Chromium is missing or not executable; every print will fail until MINSHENG_CHROMIUM names a Chromium binary');
  }
}

/** Creates a printer that writes each job as `<time>-<document>-<layout>.pdf` into outDir. */
export function createPdfPrinter(options: PdfPrinterOptions): PrintOutput {
  const chromiumPath = options.chromiumPath ?? process.env.MINSHENG_CHROMIUM ?? DEFAULT_CHROMIUM;
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_PRINT_TIMEOUT_MS;
  const printing = new Set<string>();
  warnIfChromiumMissing(chromiumPath);

  /** Measures the content height of the page in `htmlFile`, or returns why that failed. */
  async function measureReceipt(htmlFile: string, workDir: string): Promise<{ heightPx: number } | { problem: string }> {
    const measured: { heightPx?: number } = {};
    const args = [...chromiumArgs(workDir), '--remote-debugging-pipe', 'about:blank'];
    const run = await runChromium(chromiumPath, args, timeoutMs, async (pipe) => {
      measured.heightPx = await measurePage(pipe, pathToFileURL(htmlFile).href);
    });

    if (run.timedOut) return { problem: `Chromium timed out after ${timeoutMs} ms` };
    if (measured.heightPx !== undefined) return { heightPx: measured.heightPx };
    const cause = run.devtoolsError ?? chromiumFailure(run) ?? 'Chromium exited before it measured the page';
    return { problem: `Chromium could not measure the receipt (${cause})` };
  }

  async function printJob(job: PrintJob): Promise<PrintResult> {
    await mkdir(options.outDir, { recursive: true });
    try {
      await access(options.outDir, fsConstants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const cause = code === 'EROFS' ? 'is on a read-only file system' : `is not writable (${code})`;
      return printFailed(`cannot print to PDF: the output folder ${options.outDir} ${cause}; make it writable`);
    }
    // File times are on the system clock, so pruning uses it too, not the injected clock.
    await pruneOldPdfs(options.outDir, Date.now());

    const name = freeFileName(options.outDir, `${fileTimeStamp(clock())}-${job.document}-${job.layout}`, printing);
    printing.add(name);
    const finalFile = path.join(options.outDir, name);
    const partialFile = path.join(options.outDir, `.${name}.partial`);

    const workDir = await mkdtemp(path.join(os.tmpdir(), 'minsheng-print-'));
    try {
      const htmlFile = path.join(workDir, 'page.html');
      await writeFile(htmlFile, job.html, 'utf8');

      if (job.layout === 'receipt-80mm') {
        const measured = await measureReceipt(htmlFile, workDir);
        if ('problem' in measured) return printFailed(`${measured.problem} printing ${name}`);
        await writeFile(htmlFile, withReceiptPageHeight(job.html, receiptPageHeightMm(measured.heightPx)), 'utf8');
      }

      const args = [...chromiumArgs(workDir), '--no-pdf-header-footer', `--print-to-pdf=${partialFile}`, pathToFileURL(htmlFile).href];
      const run = await runChromium(chromiumPath, args, timeoutMs);

      if (run.timedOut) return printFailed(`Chromium timed out after ${timeoutMs} ms printing ${name}`);
      const runProblem = chromiumFailure(run);
      if (runProblem !== null) return printFailed(`${runProblem} printing ${name}`);

      const written = existsSync(partialFile) ? await readFile(partialFile) : null;
      const pdfProblem = written === null ? 'Chromium exited cleanly but wrote no PDF file' : checkPdfComplete(written);
      if (pdfProblem !== null) return printFailed(`${pdfProblem}; ${name} was not printed`);

      // Receipts and statements are personal, so only the kiosk's own user may read the files.
      await chmod(partialFile, 0o600);
      await rename(partialFile, finalFile);
      return { status: 'printed', layout: job.layout, output: name };
    } finally {
      await rm(partialFile, { force: true });
      await rm(workDir, { recursive: true, force: true });
      printing.delete(name);
    }
  }

  return createLoggedPrinter({
    log,
    printJob,
    describeThrow: (job, reason) => `printing ${job.document} (${job.layout}) to PDF with ${chromiumPath} failed: ${reason}`,
    logFields: (_job, result) => ({ output: result.status === 'printed' ? result.output : null }),
  });
}
