// `minsheng receive` and `minsheng reports export|keygen` through the built command: keys made by
// keygen seal reports that travel through a spawned receiver and come out of the export intact.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecipientKeyPem } from '../../src-main/core/reports/seal.js';
import type { SealAlgorithm } from '../../src-main/core/reports/seal.js';
import type { ReportContent } from '../../src-main/core/reports/report-content.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import { UPLOAD_HEADERS } from '../../src-main/core/reports/upload-protocol.js';
import { HEARTBEAT_CONTENT_TYPE } from '../../src-shared/fleet-api.js';
import { FLEET_TERMINAL_ID, sampleHeartbeat } from '../helpers/fleet-terminal.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { startReceiveProcess } from './receive-process.js';
import { commissionKeys, reportContent, sealContent, upload, uploadHeaders } from './receiver-client.js';

const temp = makeTempDir('minsheng-receiver-cli-');
afterAll(() => temp.remove());

let folderCounter = 0;
function newFolder(name: string): string {
  folderCounter += 1;
  return path.join(temp.dir, `${name}-${folderCounter}`);
}

function sha256OfFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Parses the CSV the export writes: BOM, CRLF, RFC 4180 quotes. */
function readCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF'), `${file} starts with a BOM`).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  return rows;
}

/** Makes a key pair with the CLI, then stores `contents` sealed for it through a receiver. */
async function storeReports(algorithm: SealAlgorithm, contents: ReportContent[]) {
  const keyDir = newFolder(`keys-${algorithm}`);
  const keygen = await runCli(['reports', 'keygen', '--algorithm', algorithm, '--out', keyDir]);
  expect(keygen.stderr).toBe('');
  expect(keygen.code).toBe(0);

  const publicKey = parseRecipientKeyPem(readFileSync(path.join(keyDir, 'commission.pub.pem'), 'utf8'));
  const dbFile = path.join(newFolder('db'), 'reports.sqlite');
  const receiver = await startReceiver({ dbFile, commissionKey: publicKey, port: 0 });
  const keys: string[] = [];
  try {
    for (const content of contents) {
      const { envelope, idempotencyKey } = sealContent(content, publicKey);
      const result = await upload(receiver.url, envelope, uploadHeaders(envelope, idempotencyKey));
      expect(result.httpStatus).toBe(201);
      keys.push(idempotencyKey);
    }
  } finally {
    await receiver.close();
  }
  return { keyDir, dbFile, keys, privateKeyFile: path.join(keyDir, 'commission.key.pem') };
}

describe('minsheng reports keygen', () => {
  it.each(['x25519', 'sm2'] as const)('writes a %s pair with a private file of mode 0600', async (algorithm) => {
    const dir = newFolder('keygen');

    const result = await runCli(['reports', 'keygen', '--algorithm', algorithm, '--out', dir]);

    expect(result.code).toBe(0);
    const publicKey = parseRecipientKeyPem(readFileSync(path.join(dir, 'commission.pub.pem'), 'utf8'));
    expect(publicKey.algorithm).toBe(algorithm);
    expect(statSync(path.join(dir, 'commission.key.pem')).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain(publicKey.keyId.toString('hex'));
  });

  it('rejects overwriting an existing pair', async () => {
    const dir = newFolder('keygen');
    await runCli(['reports', 'keygen', '--algorithm', 'x25519', '--out', dir]);
    const before = readFileSync(path.join(dir, 'commission.key.pem'), 'utf8');

    const result = await runCli(['reports', 'keygen', '--algorithm', 'sm2', '--out', dir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already exists');
    expect(readFileSync(path.join(dir, 'commission.key.pem'), 'utf8')).toBe(before);
  });

  it('rejects an unknown algorithm in Chinese by default', async () => {
    const result = await runCli(['reports', 'keygen', '--algorithm', 'rsa', '--out', newFolder('keygen')], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--algorithm 的值“rsa”无效');
  });
});

describe('minsheng reports export', () => {
  it.each(['x25519', 'sm2'] as const)('round trips Chinese reports sealed for %s', async (algorithm) => {
    const contents = [reportContent(), reportContent({ category: 'conduct', record: null, phone: null, text: '村干部优亲厚友，"低保"名额给了亲戚，\n请调查。' })];
    const { dbFile, keys, privateKeyFile } = await storeReports(algorithm, contents);
    const dbHash = sha256OfFile(dbFile);
    const outDir = newFolder('export');

    const result = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir, '--department', '县纪委监委']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sha256OfFile(dbFile)).toBe(dbHash);
    expect(existsSync(path.join(outDir, 'errors.csv'))).toBe(false);

    const json = JSON.parse(readFileSync(path.join(outDir, 'reports.json'), 'utf8')) as (ReportContent & { idempotencyKey: string })[];
    expect(json.map((report) => report.text)).toEqual(contents.map((content) => content.text));
    expect(json.map((report) => report.idempotencyKey)).toEqual(keys);

    const csv = readCsv(path.join(outDir, 'reports.csv'));
    expect(csv[0]![0]).toBe('case_number');
    expect(csv).toHaveLength(3);
    expect(csv[1]![0]).toBe(contents[0]!.caseNumber);
    expect(csv[1]![5]).toBe('补贴金额不对');
    expect(csv[2]![5]).toBe('干部作风问题');
    expect(csv[2]![10]).toBe(contents[1]!.text);
    expect(csv[1]![11]).toBe('13812345678');

    const progress = readCsv(path.join(outDir, 'report_progress.csv'));
    expect(progress[0]).toEqual(['case_number', 'stage', 'updated_on', 'reply', 'department', 'published_on']);
    expect(progress.slice(1).map((row) => [row[0], row[1], row[4]])).toEqual(contents.map((content) => [content.caseNumber, 'received', '县纪委监委']));
  });

  it('writes Chinese headers by default', async () => {
    const { dbFile, privateKeyFile } = await storeReports('x25519', [reportContent()]);
    const outDir = newFolder('export');

    const result = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已导出 1 条举报');
    expect(readCsv(path.join(outDir, 'reports.csv'))[0]![0]).toBe('案件编号');
  });

  it('lists reports for another key in errors.csv and exits 1', async () => {
    const { dbFile, keys } = await storeReports('x25519', [reportContent(), reportContent()]);
    const otherKey = commissionKeys('x25519');
    const otherKeyFile = path.join(newFolder('other-key'), 'other.key.pem');
    mkdirSync(path.dirname(otherKeyFile));
    writeFileSync(otherKeyFile, otherKey.privateKeyPem);
    const outDir = newFolder('export');

    const result = await runCli(['reports', 'export', '--db', dbFile, '--key', otherKeyFile, '--out', outDir]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('2 reports could not be opened');
    const errors = readCsv(path.join(outDir, 'errors.csv'));
    expect(errors.slice(1).map((row) => [row[0], row[2]])).toEqual(keys.map((key) => [key, 'wrong-key']));
    expect(readCsv(path.join(outDir, 'reports.csv'))).toHaveLength(1);
  });

  it('flags a case number shared by two reports', async () => {
    const shared = reportContent();
    const { dbFile, keys, privateKeyFile } = await storeReports('x25519', [shared, { ...shared, terminalId: 'HN-430124-0009' }, reportContent()]);
    const outDir = newFolder('export');

    const result = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(shared.caseNumber);
    const csv = readCsv(path.join(outDir, 'reports.csv'));
    expect(csv.slice(1).map((row) => row[15])).toEqual([keys[1], keys[0], '']);
    expect(readCsv(path.join(outDir, 'report_progress.csv'))).toHaveLength(3);
  });

  it('rejects a non-empty output folder without --force', async () => {
    const { dbFile, privateKeyFile } = await storeReports('x25519', [reportContent()]);
    const outDir = newFolder('export');
    await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir]);
    writeFileSync(path.join(outDir, 'errors.csv'), 'stale');

    const refused = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir]);
    const forced = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir, '--force']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already holds 4 files or folders');
    expect(forced.code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['report_progress.csv', 'reports.csv', 'reports.json']);
  });

  it('exports only reports received since --since', async () => {
    const { dbFile, privateKeyFile } = await storeReports('x25519', [reportContent()]);
    const dayText = (date: Date) =>
      `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    const today = dayText(new Date());
    const tomorrow = dayText(new Date(Date.now() + 24 * 60 * 60 * 1000));
    const todayDir = newFolder('export');
    const tomorrowDir = newFolder('export');

    const sinceToday = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', todayDir, '--since', today]);
    const sinceTomorrow = await runCli(['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', tomorrowDir, '--since', tomorrow]);

    expect(sinceToday.code).toBe(0);
    expect(readCsv(path.join(todayDir, 'reports.csv'))).toHaveLength(2);
    expect(sinceTomorrow.code).toBe(0);
    expect(readCsv(path.join(tomorrowDir, 'reports.csv'))).toHaveLength(1);
  });

  it('rejects an impossible --since date', async () => {
    const result = await runCli(['reports', 'export', '--db', 'x', '--key', 'y', '--out', newFolder('export'), '--since', '2026-02-30']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"2026-02-30" for --since');
  });

  it('names a missing database', async () => {
    const keyDir = newFolder('keys');
    await runCli(['reports', 'keygen', '--algorithm', 'x25519', '--out', keyDir]);
    const missing = path.join(temp.dir, 'no-such.sqlite');

    const result = await runCli(['reports', 'export', '--db', missing, '--key', path.join(keyDir, 'commission.key.pem'), '--out', newFolder('export')]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
  });
});

describe('minsheng receive', () => {
  it('takes an upload and stops on SIGTERM', async () => {
    const keyDir = newFolder('keys');
    await runCli(['reports', 'keygen', '--algorithm', 'sm2', '--out', keyDir]);
    const publicKey = parseRecipientKeyPem(readFileSync(path.join(keyDir, 'commission.pub.pem'), 'utf8'));
    const dbFile = path.join(newFolder('db'), 'reports.sqlite');
    const receiver = await startReceiveProcess(dbFile, [path.join(keyDir, 'commission.pub.pem')]);

    const { envelope, idempotencyKey } = sealContent(reportContent(), publicKey);
    const result = await upload(receiver.url, envelope, uploadHeaders(envelope, idempotencyKey));
    const exitCode = await receiver.stop();

    expect(result.httpStatus).toBe(201);
    expect(exitCode).toBe(0);
    expect(receiver.stdout()).toContain('The receiver has stopped.');
    expect(receiver.stderr()).toBe('');
  });

  it('takes heartbeats only without a key', async () => {
    const dbFile = path.join(newFolder('db'), 'fleet.sqlite');
    const receiver = await startReceiveProcess(dbFile, []);
    const reportsUrl = new URL('/reports', receiver.url).href;
    const heartbeat = sampleHeartbeat();
    const heartbeatBody = Buffer.from(JSON.stringify(heartbeat));
    const { envelope, idempotencyKey } = sealContent(reportContent(), commissionKeys('x25519').publicKey);

    const stored = await upload(receiver.url, heartbeatBody, uploadHeaders(heartbeatBody, heartbeat.id, { 'content-type': HEARTBEAT_CONTENT_TYPE, [UPLOAD_HEADERS.terminalId]: FLEET_TERMINAL_ID }));
    const report = await upload(reportsUrl, envelope, uploadHeaders(envelope, idempotencyKey));
    const exitCode = await receiver.stop();

    expect(receiver.url).toMatch(/\/heartbeats$/);
    expect(receiver.stdout()).toContain('for fleet heartbeats only');
    expect(receiver.stdout()).toContain(`uploads to ${reportsUrl} get 404`);
    expect(stored.httpStatus).toBe(201);
    expect(report.httpStatus).toBe(404);
    expect(report.answer.reason).toContain('started without --commission-key');
    expect(exitCode).toBe(0);
    expect(receiver.stderr()).toBe('');
  });

  it('lists the key as optional in its help', async () => {
    const result = await runCli(['receive', '--help']);

    expect(result.stdout).toContain('[--commission-key PUB.pem]');
    expect(result.stdout).toContain('Without it the receiver takes heartbeats only');
  });

  it('names an invalid commission key', async () => {
    const keyFile = path.join(newFolder('bad-key'), 'commission.pub.pem');
    mkdirSync(path.dirname(keyFile));
    writeFileSync(keyFile, 'not a key');

    const result = await runCli(['receive', '--db', path.join(temp.dir, 'unused.sqlite'), '--commission-key', keyFile, '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The key file ${keyFile} is invalid`);
  });
});
