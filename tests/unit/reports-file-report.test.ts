// fileReport through the kiosk service. A filed report is sealed in the outbox file and opens
// with the commission's private key to exactly what was filed, and the outbox files contain no
// plaintext. Bad drafts, a terminal without a key and a full or read-only disk get a clear result.
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseCaseNumber } from '../../src-shared/case-number.js';
import { FileReportResultSchema } from '../../src-shared/reports-api.js';
import { ConfigError } from '../../src-main/core/config.js';
import { OUTBOX_FILE, REPORTS_FOLDER, outboxPath } from '../../src-main/core/data-folder/layout.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { readCommissionKey } from '../../src-main/core/reports/commission-key.js';
import { InvalidDraftError } from '../../src-main/core/reports/file-report.js';
import { openOutbox } from '../../src-main/core/reports/outbox.js';
import { ReportContentSchema } from '../../src-main/core/reports/report-content.js';
import { DAMAGED_OUTBOX_SUFFIX } from '../../src-main/core/reports/outbox-keeper.js';
import { openReport } from '../../src-main/core/reports/seal.js';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';
import { DRAFT, FILED_AT, REPORTING_SETTINGS, REPORT_PHONE, REPORT_TEXT, makeCommissionKeys, reportingService } from './reports-fixture.js';
import type { CommissionKeys } from './reports-fixture.js';

let temp: ReturnType<typeof makeTempDir>;
let keys: CommissionKeys;
let service: KioskService | null;
let mount: TmpfsMount | null;

beforeEach(() => {
  temp = makeTempDir('minsheng-file-report-');
  keys = makeCommissionKeys(temp.dir);
  service = null;
  mount = null;
});

afterEach(async () => {
  await service?.close();
  mount?.remove();
  temp.remove();
});

function dataDir(): string {
  return path.join(temp.dir, 'data');
}

function storedEntries(): ReturnType<ReturnType<typeof openOutbox>['due']> {
  const outbox = openOutbox(outboxPath(dataDir()));
  try {
    return outbox.due(Number.MAX_SAFE_INTEGER, 100);
  } finally {
    outbox.close();
  }
}

describe('fileReport', () => {
  it('stores a sealed report that opens to the filed content', async () => {
    service = reportingService(dataDir(), keys);

    const result = FileReportResultSchema.parse(await service.fileReport(DRAFT));

    if (result.status !== 'filed') throw new Error(`expected filed, got ${result.status}`);
    const entries = storedEntries();
    expect(entries).toHaveLength(1);
    const opened = openReport(entries[0]!.sealed, keys.privateKey);
    expect(opened.idempotencyKey).toBe(entries[0]!.idempotencyKey);
    expect(ReportContentSchema.parse(JSON.parse(Buffer.from(opened.plaintext).toString('utf8')))).toEqual({
      format: 1,
      caseNumber: result.receipt.caseNumber,
      filedAt: FILED_AT.toISOString(),
      terminalId: 'jinhe-01',
      terminalName: '锦和镇便民服务中心 1 号机',
      category: DRAFT.category,
      record: DRAFT.record,
      regionCode: DRAFT.regionCode,
      text: REPORT_TEXT,
      phone: REPORT_PHONE,
      language: 'zh-CN',
      snapshotVersion: null,
    });
  });

  it('returns a receipt with a valid case number', async () => {
    service = reportingService(dataDir(), keys);

    const result = await service.fileReport(DRAFT);

    if (result.status !== 'filed') throw new Error(`expected filed, got ${result.status}`);
    expect(parseCaseNumber(result.receipt.caseNumber)).toEqual({ ok: true, caseNumber: result.receipt.caseNumber });
    const local = FILED_AT;
    const yymmdd = `${String(local.getFullYear() % 100).padStart(2, '0')}${String(local.getMonth() + 1).padStart(2, '0')}${String(local.getDate()).padStart(2, '0')}`;
    expect(result.receipt.caseNumber.startsWith(yymmdd)).toBe(true);
    expect(result.receipt.filedAt).toBe(FILED_AT.toISOString());
    expect(result.receipt.terminalId).toBe('jinhe-01');
    expect(result.receipt.trackUrl).toBe(`https://report.example/track?county=431226&case=${result.receipt.caseNumber}`);
  });

  it('gives each filing its own case number and key', async () => {
    service = reportingService(dataDir(), keys);

    const first = await service.fileReport(DRAFT);
    const second = await service.fileReport(DRAFT);

    if (first.status !== 'filed' || second.status !== 'filed') throw new Error('expected two filings');
    expect(first.receipt.caseNumber).not.toBe(second.receipt.caseNumber);
    const entries = storedEntries();
    expect(new Set(entries.map((entry) => entry.idempotencyKey)).size).toBe(2);
  });

  it('leaves no plaintext in the outbox files', async () => {
    service = reportingService(dataDir(), keys);
    await service.fileReport(DRAFT);
    await service.fileReport({ ...DRAFT, text: `${REPORT_TEXT}（第二次）` });
    await service.close();
    service = null;

    const folder = path.join(dataDir(), REPORTS_FOLDER);
    const files = readdirSync(folder);
    expect(files).toContain(OUTBOX_FILE);
    for (const name of files) {
      const bytes = readFileSync(path.join(folder, name));
      expect(bytes.includes(Buffer.from(REPORT_TEXT, 'utf8')), `${name} contains the report text`).toBe(false);
      expect(bytes.includes(Buffer.from(REPORT_PHONE, 'utf8')), `${name} contains the phone number`).toBe(false);
      expect(bytes.includes(Buffer.from('P2024000123', 'utf8')), `${name} contains the record ID`).toBe(false);
    }
  });

  it('returns not-configured without a commission key', async () => {
    service = reportingService(dataDir(), keys, { reporting: null });

    expect(await service.fileReport(DRAFT)).toEqual({ status: 'not-configured' });
    expect(existsSync(outboxPath(dataDir()))).toBe(false);
  });

  it.each([
    ['no consent', { ...DRAFT, consent: false }],
    ['empty text', { ...DRAFT, text: '   ' }],
    ['text over 2000 characters', { ...DRAFT, text: '多'.repeat(2001) }],
    ['a phone number of 10 digits', { ...DRAFT, phone: '1390000123' }],
    ['an unknown category', { ...DRAFT, category: 'rumour' }],
    ['a region code of 7 digits', { ...DRAFT, regionCode: '4312261' }],
    ['a missing language', { ...DRAFT, language: undefined }],
    ['a string', 'report'],
  ])('rejects a draft with %s', async (_case, draft) => {
    service = reportingService(dataDir(), keys);

    await expect(service.fileReport(draft as never)).rejects.toBeInstanceOf(InvalidDraftError);
    expect(storedEntries()).toEqual([]);
  });

  it('keeps the text and phone out of a rejection', async () => {
    service = reportingService(dataDir(), keys);

    const error = await service.fileReport({ ...DRAFT, phone: '1390000123', text: `${REPORT_TEXT}${'多'.repeat(2000)}` }).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as Error).message).toContain('phone');
    expect((error as Error).message).not.toContain('1390000123');
    expect((error as Error).message).not.toContain(REPORT_TEXT);
  });
});

describe('fileReport on a failing disk', () => {
  it('returns storage-failed when the disk is full', async () => {
    mount = mountTmpfs(path.join(temp.dir, 'data'), 1024 * 1024);
    service = reportingService(dataDir(), keys);
    expect((await service.fileReport(DRAFT)).status).toBe('filed');

    // Fill every free byte, so the next write-ahead log frame cannot be written.
    writeFileSync(path.join(dataDir(), 'filler'), Buffer.alloc(mount.freeBytes()));
    const results = [];
    for (let index = 0; index < 5; index += 1) results.push((await service.fileReport(DRAFT)).status);

    expect(results).toContain('storage-failed');
    expect(results.filter((status) => status !== 'storage-failed' && status !== 'filed')).toEqual([]);
    expect(await service.getSettings()).toEqual(REPORTING_SETTINGS);
  });

  it('returns storage-failed on a read-only disk', async () => {
    mount = mountTmpfs(path.join(temp.dir, 'data'), 1024 * 1024);
    mount.remountReadOnly();
    service = reportingService(dataDir(), keys);

    expect(await service.fileReport(DRAFT)).toEqual({ status: 'storage-failed' });
    expect(await service.fileReport(DRAFT)).toEqual({ status: 'storage-failed' });
  });

  it('files again once the disk is writable', async () => {
    mount = mountTmpfs(path.join(temp.dir, 'data'), 1024 * 1024);
    mount.remountReadOnly();
    service = reportingService(dataDir(), keys);
    expect(await service.fileReport(DRAFT)).toEqual({ status: 'storage-failed' });

    mount.remountReadWrite();

    expect((await service.fileReport(DRAFT)).status).toBe('filed');
    await service.close();
    service = null;
    expect(storedEntries()).toHaveLength(1);
  });
});

/** Opens the one stored report with the commission's private key. */
function openedContent(): ReturnType<typeof ReportContentSchema.parse> {
  const [entry] = storedEntries();
  return ReportContentSchema.parse(JSON.parse(Buffer.from(openReport(entry!.sealed, keys.privateKey).plaintext).toString('utf8')));
}

describe('fileReport text checks', () => {
  it.each([
    ['a NUL', '\u0000'],
    ['zero-width spaces', '\u200b\u200b'],
    ['a bidi override and a zero-width space', '\u202e\u200b'],
    ['direction marks and a combining accent', '\u200e\u200f\u0301'],
  ])('rejects a text of only %s', async (_case, text) => {
    service = reportingService(dataDir(), keys);

    const filing = service.fileReport({ ...DRAFT, text });

    await expect(filing).rejects.toBeInstanceOf(InvalidDraftError);
    await expect(service.fileReport({ ...DRAFT, text })).rejects.toThrow('text: no visible character');
  });

  it('strips control and bidi characters', async () => {
    service = reportingService(dataDir(), keys);

    const result = await service.fileReport({
      ...DRAFT,
      text: 'a\u0000b\u0007c\u0085\u202ed\r\ne\tf',
      record: { ...DRAFT.record!, label: '\u202e耕地\u0000补贴' },
    });

    expect(result.status).toBe('filed');
    const content = openedContent();
    expect(content.text).toBe('abcd\ne\tf');
    expect(content.record!.label).toBe('耕地补贴');
  });
});

describe('fileReport region checks', () => {
  it.each([
    ['another county', { regionCode: '433122' }],
    ['a province code', { regionCode: '000000' }],
    ['a record of another county', { record: { ...DRAFT.record!, regionCode: '433122101201' } }],
  ])('rejects %s', async (_case, change) => {
    service = reportingService(dataDir(), keys);

    await expect(service.fileReport({ ...DRAFT, ...change })).rejects.toThrow("is not in this terminal's county 431226");
    expect(existsSync(outboxPath(dataDir())) ? storedEntries() : []).toEqual([]);
  });

  it('rejects a region missing from the installed snapshot', async () => {
    const snapshotFile = path.join(temp.dir, 'small.sqlite');
    writeSmallSnapshot(snapshotFile);
    await installSnapshotFile(dataDir(), snapshotFile);
    service = reportingService(dataDir(), keys, { settings: { ...REPORTING_SETTINGS, homeRegionCode: '430124' } });
    const draft = { ...DRAFT, record: null, regionCode: '430124101' };

    expect((await service.fileReport(draft)).status).toBe('filed');
    await expect(service.fileReport({ ...draft, regionCode: '430124999' })).rejects.toThrow('is not a region of the installed data');
  });
});

describe('fileReport outbox damage', () => {
  it('sets a damaged outbox aside and files into a new one', async () => {
    service = reportingService(dataDir(), keys);
    for (let index = 0; index < 30; index += 1) await service.fileReport(DRAFT);
    await service.close();

    const file = outboxPath(dataDir());
    const pageSize = 4096;
    const middlePage = Math.floor(statSync(file).size / pageSize / 2) * pageSize;
    const descriptor = openSync(file, 'r+');
    writeSync(descriptor, Buffer.alloc(pageSize, 0xa5), 0, pageSize, middlePage);
    closeSync(descriptor);

    service = reportingService(dataDir(), keys);
    expect((await service.fileReport(DRAFT)).status).toBe('filed');
    await service.close();
    service = null;

    const kept = readdirSync(path.dirname(file)).filter((name) => name.startsWith(`${OUTBOX_FILE}${DAMAGED_OUTBOX_SUFFIX}`));
    expect(kept).toHaveLength(1);
    expect(storedEntries()).toHaveLength(1);
  });

  it('files into a new outbox after the file was deleted', async () => {
    service = reportingService(dataDir(), keys);
    expect((await service.fileReport(DRAFT)).status).toBe('filed');

    const file = outboxPath(dataDir());
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    for (let index = 0; index < 3; index += 1) expect((await service.fileReport(DRAFT)).status).toBe('filed');
    await service.close();
    service = null;

    // The report filed before the deletion is copied over from the deleted file.
    expect(storedEntries()).toHaveLength(4);
  });

  it('files into the new file after the outbox was replaced', async () => {
    service = reportingService(dataDir(), keys);
    expect((await service.fileReport(DRAFT)).status).toBe('filed');

    const file = outboxPath(dataDir());
    const replacement = path.join(temp.dir, 'replacement.sqlite');
    openOutbox(replacement).close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    writeFileSync(file, readFileSync(replacement));
    expect((await service.fileReport(DRAFT)).status).toBe('filed');
    await service.close();
    service = null;

    expect(storedEntries()).toHaveLength(2);
  });
});

describe('outbox opening on the uploader timer', () => {
  it('opens and uploads once the disk is writable again', async () => {
    let uploads = 0;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        uploads += 1;
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'stored' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const uploadUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reports`;

    try {
      mount = mountTmpfs(dataDir(), 1024 * 1024);
      service = reportingService(dataDir(), keys);
      expect((await service.fileReport(DRAFT)).status).toBe('filed');
      await service.close();

      mount.remountReadOnly();
      service = reportingService(dataDir(), keys, {
        reporting: { commissionKey: keys.publicKey, uploadUrl },
        upload: { intervalMs: 50, outbox: { random: () => 0 } },
      });
      mount.remountReadWrite();

      // No report is filed, so only the uploader's timer can open the outbox and send it.
      await vi.waitFor(() => expect(uploads).toBe(1), { timeout: 10_000 });
    } finally {
      await service?.close();
      service = null;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('readCommissionKey', () => {
  const t = translatorFor('en');

  it('reads an X25519 public key', () => {
    expect(readCommissionKey(keys.publicKeyFile, t)).toEqual(keys.publicKey);
  });

  it('rejects /dev/zero without reading it all', () => {
    expect(() => readCommissionKey('/dev/zero', t)).toThrow(ConfigError);
    expect(() => readCommissionKey('/dev/zero', t)).toThrow('Cannot read the commission key file /dev/zero');
    expect(() => readCommissionKey('/dev/zero', t)).toThrow('larger than 16384 bytes');
  });

  it('names a missing file', () => {
    const file = path.join(temp.dir, 'missing.pem');

    expect(() => readCommissionKey(file, t)).toThrow(ConfigError);
    expect(() => readCommissionKey(file, t)).toThrow(file);
  });

  it.each([
    ['not a PEM file', 'hello'],
    ['an Ed25519 signing key', generateKeyPair('ed25519').publicKeyPem],
  ])('rejects %s', (_case, content) => {
    const file = path.join(temp.dir, 'wrong.pem');
    writeFileSync(file, content);

    expect(() => readCommissionKey(file, t)).toThrow(ConfigError);
    expect(() => readCommissionKey(file, t)).toThrow(/commission key file .*wrong\.pem.* is not an X25519 or SM2 public key/);
  });
});
