// The printer wrapper both hosts share: a throw becomes a failed result with a reason the API
// takes, every job is logged with its fields, and settleWithin ends a job that never settles.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureLogging, createLogger, forwardLogLines } from '../../src-main/core/log.js';
import { renderPrintJob } from '../../src-main/core/printing/render.js';
import { createLoggedPrinter, printFailed, settleWithin } from '../../src-main/core/printing/print-output.js';
import { printContext } from './printing-fixtures.js';

const job = renderPrintJob({ document: 'test' }, printContext, { language: 'en', layout: 'receipt-80mm' });
const log = createLogger('printing-output-test');

interface LogLine {
  level: number;
  msg: string;
  document?: string;
  layout?: string;
  printer?: string;
  reason?: string;
}

function captureLogLines(): LogLine[] {
  const lines: LogLine[] = [];
  forwardLogLines((line) => lines.push(JSON.parse(line) as LogLine));
  return lines;
}

afterEach(() => {
  configureLogging();
  vi.useRealTimers();
});

describe('printFailed', () => {
  it('cuts the reason to 500 characters', () => {
    expect(printFailed('x'.repeat(600))).toEqual({ status: 'failed', reason: 'x'.repeat(500) });
  });
});

describe('createLoggedPrinter', () => {
  it('turns a throw into a failed result', async () => {
    const lines = captureLogLines();
    const printer = createLoggedPrinter({
      log,
      printJob: () => Promise.reject(new Error('no display')),
      describeThrow: (thrownFor, reason) => `opening a window for ${thrownFor.document} failed: ${reason}`,
      logFields: () => ({ printer: 'Thermal_80' }),
    });

    const result = await printer.print(job);

    expect(result).toEqual({ status: 'failed', reason: 'opening a window for test failed: no display' });
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'printing failed', document: 'test', layout: 'receipt-80mm', printer: 'Thermal_80' });
    expect(errors[0]!.reason).toBe('opening a window for test failed: no display');
  });

  it('logs a printed job at info', async () => {
    const lines = captureLogLines();
    const printer = createLoggedPrinter({
      log,
      printJob: async (printed) => ({ status: 'printed', layout: printed.layout, output: 'Thermal_80' }),
      describeThrow: () => 'unused',
    });

    expect(await printer.print(job)).toEqual({ status: 'printed', layout: 'receipt-80mm', output: 'Thermal_80' });
    const infos = lines.filter((line) => line.level === 30);
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({ msg: 'printed', document: 'test', layout: 'receipt-80mm' });
  });
});

describe('settleWithin', () => {
  it('returns the timeout result when work hangs', async () => {
    vi.useFakeTimers();
    const settled = settleWithin(new Promise<string>(() => undefined), 1000, () => 'timed out');

    await vi.advanceTimersByTimeAsync(1000);

    expect(await settled).toBe('timed out');
  });

  it('returns the work and clears its timer', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn(() => 'timed out');

    expect(await settleWithin(Promise.resolve('printed'), 1000, onTimeout)).toBe('printed');
    expect(vi.getTimerCount()).toBe(0);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
