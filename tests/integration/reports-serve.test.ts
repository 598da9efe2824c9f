// `minsheng serve --config` with reporting and printing configured, as a child process. A report
// filed over HTTP is sealed, uploaded to a loopback receiver started here, and opens with the
// commission's private key. A print request writes a PDF to the data folder, and a missing key
// file stops the start. Needs the compiled CLI: npm run build:main.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPORTS_HTTP_PATHS } from '../../src-shared/reports-api.js';
import { KIOSK_RESULT_SCHEMAS as RESULTS } from '../../src-shared/kiosk-api-results.js';
import { printedDir } from '../../src-main/core/data-folder/layout.js';
import { generateRecipientKeyPair, openReport, parseRecipientPrivateKeyPem } from '../../src-main/core/reports/seal.js';
import { CLI, runCli } from '../helpers/cli.js';
import { freePort, makeTempDir } from '../helpers/temp.js';
import { DRAFT, REPORT_TEXT } from '../unit/reports-fixture.js';

const temp = makeTempDir('minsheng-reports-serve-');
const keyPair = generateRecipientKeyPair('x25519');
const received: Buffer[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    received.push(Buffer.concat(chunks));
    response.writeHead(201, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'stored', receivedAt: new Date().toISOString() }));
  });
});

function writeConfig(name: string, reporting: Record<string, unknown>): string {
  const file = path.join(temp.dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      terminalId: 'jinhe-01',
      terminalName: 'Jinhe 1',
      regionCode: '431226',
      dataDir: 'data',
      sync: { source: '.', trust: 'pub.pem' },
      reporting,
      printer: { layout: 'a4' },
    }),
  );
  return file;
}

beforeAll(async () => {
  writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(temp.dir, 'commission.pub.pem'), keyPair.publicKeyPem);
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  temp.remove();
});

describe('minsheng serve with reporting', () => {
  it('uploads a filed report to the receiver', async () => {
    const uploadUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/reports`;
    const config = writeConfig('reporting.json', { reportUrl: 'https://report.example/', commissionKey: 'commission.pub.pem', uploadUrl });
    const dataDir = path.join(temp.dir, 'data');
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--data-dir', dataDir, '--static', temp.dir, '--config', config], {
      env: { ...process.env, MINSHENG_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    try {
      await vi.waitFor(() => expect(output).toContain('Ctrl+C'), { timeout: 30_000, interval: 50 });
      const post = async (pathname: string, body: unknown) => {
        const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return response.json();
      };

      const filed = RESULTS.fileReport.parse(await post(REPORTS_HTTP_PATHS.fileReport, DRAFT));
      if (filed.status !== 'filed') throw new Error(`expected filed, got ${filed.status}: ${output}`);

      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 30_000, interval: 50 });
      const opened = openReport(received[0]!, parseRecipientPrivateKeyPem(keyPair.privateKeyPem));
      const content = JSON.parse(Buffer.from(opened.plaintext).toString('utf8'));
      expect(content.caseNumber).toBe(filed.receipt.caseNumber);
      expect(content.text).toBe(REPORT_TEXT);

      const printed = RESULTS.print.parse(await post(REPORTS_HTTP_PATHS.print, { document: 'test', language: 'zh-CN' }));
      if (printed.status !== 'printed') throw new Error(`expected printed, got ${JSON.stringify(printed)}`);
      expect(printed.layout).toBe('a4');
      const pdf = path.join(printedDir(dataDir), printed.output);
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
    expect(output).not.toContain(REPORT_TEXT);
    expect(output).not.toContain(DRAFT.phone!);
  });

  it('exits 1 without the commission key file', async () => {
    const config = writeConfig('missing-key.json', {
      reportUrl: 'https://report.example/',
      commissionKey: 'keys/absent.pem',
      uploadUrl: 'http://127.0.0.1:9/reports',
    });

    const result = await runCli(['serve', '--data-dir', path.join(temp.dir, 'data-2'), '--static', temp.dir, '--config', config]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the commission key file ${path.join(temp.dir, 'keys', 'absent.pem')}`);
  });
});
