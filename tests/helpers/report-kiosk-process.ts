// Starts report-kiosk.mjs (a kiosk filing numbered reports) as a child process and parses the
// lines it writes to stdout. Its JSON log lines are appended to a file for the test to count.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './cli.js';

export const REPORT_KIOSK_SCRIPT = path.join(REPO_ROOT, 'tests/helpers/report-kiosk.mjs');

export interface ReportKioskOptions {
  /** Terminal config (JSON) with reporting.commissionKey and reporting.uploadUrl. */
  config: string;
  /** Number of the first report to file, and of the last. */
  first: number;
  last: number;
  /** Seed of the child's pauses between filings. */
  seed: number;
  /** Maximum pause between two filings, in milliseconds. */
  maxPauseMs: number;
  /** UploadSettings of the kiosk service: timeoutMs, intervalMs and outbox backoff. */
  upload: { timeoutMs: number; intervalMs: number; outbox: { baseDelayMs: number; maxDelayMs: number } };
}

export type KioskLine =
  | { kind: 'ready' }
  | { kind: 'filing'; number: number }
  | { kind: 'filed'; number: number; caseNumber: string; idempotencyKey: string }
  | { kind: 'not-filed'; number: number; status: string }
  | { kind: 'done' };

export interface ReportKioskProcess {
  /** Complete lines received so far. A line cut by a kill has no newline and is left out. */
  readonly lines: KioskLine[];
  /** Calls `listener` for every complete line as it arrives. */
  onLine(listener: (line: KioskLine) => void): void;
  /** Sends SIGKILL at once, or does nothing when the process already exited. */
  kill(): void;
  /** Sends SIGTERM, so the kiosk closes its service, and waits for the exit. */
  stop(): Promise<ReportKioskExit>;
  /** Resolves once the process exited and its stdout was read to the end. */
  readonly exited: Promise<ReportKioskExit>;
}

export interface ReportKioskExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function parseLine(text: string): KioskLine {
  const [kind, number, third, fourth] = text.split(' ');
  if (kind === 'ready' || kind === 'done') return { kind };
  if (kind === 'filing') return { kind, number: Number(number) };
  if (kind === 'filed') return { kind, number: Number(number), caseNumber: third!, idempotencyKey: fourth! };
  if (kind === 'not-filed') return { kind, number: Number(number), status: third! };
  throw new Error(`report kiosk wrote an unknown line ${JSON.stringify(text)}`);
}

/** Starts the kiosk child, appending its stderr (JSON log lines) to `logFile`. */
export function startReportKiosk(options: ReportKioskOptions, logFile: string): ReportKioskProcess {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [REPORT_KIOSK_SCRIPT, JSON.stringify(options)], {
    cwd: REPO_ROOT,
    env: { ...process.env, MINSHENG_LOG_LEVEL: 'info' },
    // stdin stays open and unused. The kiosk exits when it closes, so it cannot outlive the test.
    stdio: ['pipe', 'pipe', log],
  });
  closeSync(log);

  const lines: KioskLine[] = [];
  const listeners: ((line: KioskLine) => void)[] = [];
  let pending = '';
  // stdout is a pipe by the stdio option above.
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let end = pending.indexOf('\n');
    while (end >= 0) {
      const line = parseLine(pending.slice(0, end));
      pending = pending.slice(end + 1);
      lines.push(line);
      for (const listener of listeners) listener(line);
      end = pending.indexOf('\n');
    }
  });

  const exited = new Promise<ReportKioskExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });

  return {
    lines,
    onLine: (listener) => listeners.push(listener),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
    exited,
  };
}
