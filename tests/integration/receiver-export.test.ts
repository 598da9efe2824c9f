// `minsheng reports export` and `minsheng receive` on hostile or unusual input, through the built
// command: content outside the report format, a backup in a read-only folder, a case handler's
// edited progress file, damaged and foreign databases, and errors that must name their cause.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { sealReport } from '../../src-main/core/reports/seal.js';
import type { ReportContent } from '../../src-main/core/reports/report-content.js';
import { openReceiverStore } from '../../src-main/publisher/receiver/store.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { commissionKeys, reportContent, sealContent } from './receiver-client.js';

const temp = makeTempDir('minsheng-receiver-export-');
afterAll(() => {
  for (const entry of readdirSync(temp.dir)) chmodSync(path.join(temp.dir, entry), 0o755);
  temp.remove();
});

const commission = commissionKeys('x25519');
let folderCounter = 0;

function newFolder(name: string): string {
  folderCounter += 1;
  const dir = path.join(temp.dir, `${name}-${folderCounter}`);
  mkdirSync(dir);
  return dir;
}

const keyFolder = newFolder('keys');
const privateKeyFile = path.join(keyFolder, 'commission.key.pem');
const publicKeyFile = path.join(keyFolder, 'commission.pub.pem');
writeFileSync(privateKeyFile, commission.privateKeyPem);
writeFileSync(publicKeyFile, commission.publicKeyPem);

/** Stores sealed plaintexts in a new receiver database, as the receiver would after uploads. */
function storeDatabase(plaintexts: (ReportContent | Buffer)[], folder = newFolder('db')): { dbFile: string; keys: string[] } {
  const dbFile = path.join(folder, 'reports.sqlite');
  const store = openReceiverStore(dbFile);
  const keys: string[] = [];
  plaintexts.forEach((plaintext, index) => {
    const sealed = Buffer.isBuffer(plaintext)
      ? { envelope: sealReport(plaintext, commission.publicKey, `key-${folderCounter}-${index}`), idempotencyKey: `key-${folderCounter}-${index}` }
      : sealContent(plaintext, commission.publicKey);
    store.store({
      idempotencyKey: sealed.idempotencyKey,
      envelope: sealed.envelope,
      sha256: createHash('sha256').update(sealed.envelope).digest('hex'),
      terminalId: 'HN-430124-0007',
      remoteAddress: '127.0.0.1',
      receivedAt: new Date(Date.UTC(2026, 4, 12, 1, 0, index)).toISOString(),
    });
    keys.push(sealed.idempotencyKey);
  });
  store.close();
  return { dbFile, keys };
}

function exportArgs(dbFile: string, outDir: string, ...extra: string[]): string[] {
  return ['reports', 'export', '--db', dbFile, '--key', privateKeyFile, '--out', outDir, ...extra];
}

function csvRows(file: string): string[][] {
  return parse(readFileSync(file, 'utf8'), { bom: true }) as string[][];
}

describe('export of invalid content', () => {
  it('lists content outside the format in errors.csv without its text', async () => {
    const good = reportContent();
    const { dbFile, keys } = storeDatabase([
      good,
      reportContent({ text: `举报人电话13812345678${'多'.repeat(2000)}` }),
      reportContent({ record: { kind: 'payment', id: 'P-1', regionCode: '430124', label: '标'.repeat(201) } }),
      reportContent({ phone: 'call 13812345678' }),
      Buffer.from('举报人电话13812345678，村主任克扣补贴 not json', 'utf8'),
    ]);
    const outDir = path.join(newFolder('out'), 'export');

    const result = await runCli(exportArgs(dbFile, outDir));

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Exported 1 reports');
    const errors = readFileSync(path.join(outDir, 'errors.csv'), 'utf8');
    expect(errors).not.toContain('13812345678');
    expect(errors).not.toContain('举报');
    expect(errors).not.toContain('标标');
    const rows = csvRows(path.join(outDir, 'errors.csv'));
    expect(rows[0]).toEqual(['idempotency_key', 'received_at', 'problem', 'reason']);
    expect(rows.slice(1).map((row) => [row[0], row[2]])).toEqual(keys.slice(1).map((key) => [key, 'invalid-content']));
    expect(rows[1]![3]).toContain('text: too_big');
    expect(rows[2]![3]).toContain('record.label: too_big');
    expect(rows[3]![3]).toContain('phone: invalid_format');
    expect(csvRows(path.join(outDir, 'reports.csv'))[1]![0]).toBe(good.caseNumber);
  });
});

describe('export from a backup', () => {
  it('reads a WAL backup in a read-only folder', async () => {
    const { dbFile } = storeDatabase([reportContent(), reportContent()]);
    const backupFolder = newFolder('backup');
    const backupFile = path.join(backupFolder, 'backup.sqlite');
    const source = new Database(dbFile, { readonly: true });
    await source.backup(backupFile);
    source.close();
    chmodSync(backupFolder, 0o555);
    const before = readdirSync(backupFolder);
    const outDir = path.join(newFolder('out'), 'export');

    const result = await runCli(exportArgs(backupFile, outDir));

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(backupFolder)).toEqual(before);
    expect(csvRows(path.join(outDir, 'reports.csv'))).toHaveLength(3);
  });
});

describe('export --force', () => {
  it('keeps edited progress rows and appends new cases', async () => {
    const first = reportContent();
    const { dbFile } = storeDatabase([first]);
    const outDir = path.join(newFolder('out'), 'export');
    await runCli(exportArgs(dbFile, outDir, '--department', '县纪委监委'));
    const progressFile = path.join(outDir, 'report_progress.csv');
    // A case handler's edit: stage replied, a reply and its publication date.
    const edited = readFileSync(progressFile, 'utf8').replace(',received,', ',replied,').replace(',,县纪委监委,', ',补贴已补发,县纪委监委,2026-06-01');
    writeFileSync(progressFile, edited);
    const handlersFile = readFileSync(progressFile, 'utf8');

    const second = reportContent();
    const db = storeDatabase([first, second]);
    const result = await runCli(exportArgs(db.dbFile, outDir, '--force', '--department', '县纪委监委'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('its 1 rows were kept unchanged, and 1 rows for new case numbers were appended');
    const progress = readFileSync(progressFile, 'utf8');
    expect(progress.startsWith(handlersFile)).toBe(true);
    expect(csvRows(progressFile).map((row) => [row[0], row[1]])).toEqual([
      ['case_number', 'stage'],
      [first.caseNumber, 'replied'],
      [second.caseNumber, 'received'],
    ]);
  });
});

describe('damaged databases', () => {
  /** Stores 40 reports, then overwrites one leaf page of the reports table with garbage. */
  function damagedDatabase() {
    const contents = Array.from({ length: 40 }, () => reportContent({ text: '补'.repeat(600) }));
    const { dbFile } = storeDatabase(contents);
    const db = new Database(dbFile);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'reports' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();

    const page = leaves[Math.floor(leaves.length / 2)]!.pageno;
    const fd = openSync(dbFile, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    return { dbFile, total: contents.length };
  }

  it('receive exits 1 on one', async () => {
    const { dbFile } = damagedDatabase();

    const result = await runCli(['receive', '--db', dbFile, '--commission-key', publicKeyFile, '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The report database ${dbFile} is damaged`);
    expect(result.stderr).toContain('Restore the file from the latest backup');
  });

  it('export writes every readable report', async () => {
    const { dbFile, total } = damagedDatabase();
    const outDir = path.join(newFolder('out'), 'export');

    const result = await runCli(exportArgs(dbFile, outDir));

    expect(result.code).toBe(1);
    const unreadable = Number(/but (\d+) rows could not be read/.exec(result.stderr)?.[1]);
    expect(unreadable).toBeGreaterThan(0);
    const exported = csvRows(path.join(outDir, 'reports.csv')).length - 1;
    expect(exported).toBeGreaterThan(0);
    expect(exported + unreadable).toBe(total);
  });
});

describe('foreign databases', () => {
  function foreignDatabase(ddl: string): { dbFile: string; hash: string } {
    const dbFile = path.join(newFolder('foreign'), 'other.sqlite');
    const db = new Database(dbFile);
    db.exec(ddl);
    db.close();
    return { dbFile, hash: createHash('sha256').update(readFileSync(dbFile)).digest('hex') };
  }

  it('receive exits 1 and leaves the file unchanged', async () => {
    const { dbFile, hash } = foreignDatabase('CREATE TABLE households (id TEXT)');

    const result = await runCli(['receive', '--db', dbFile, '--commission-key', publicKeyFile, '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The file ${dbFile} is not a report database of minsheng receive (it has the tables households)`);
    expect(createHash('sha256').update(readFileSync(dbFile)).digest('hex')).toBe(hash);
    expect(readdirSync(path.dirname(dbFile))).toEqual(['other.sqlite']);
  });

  it('export names a reports table of another shape', async () => {
    const { dbFile } = foreignDatabase('CREATE TABLE reports (id INTEGER, body TEXT)');

    const result = await runCli(exportArgs(dbFile, path.join(newFolder('out'), 'export')));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('its reports table has the columns id, body');
  });
});

describe('receive option errors', () => {
  it('rejects a host name for --listen', async () => {
    const result = await runCli(['receive', '--db', path.join(temp.dir, 'unused.sqlite'), '--commission-key', publicKeyFile, '--listen', 'bogus.invalid']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "bogus.invalid" for --listen: expected an IP address');
  });

  it('names an address it cannot listen on', async () => {
    // 192.0.2.1 is reserved for documentation (RFC 5737), so no interface of the test machine has it.
    const dbFile = path.join(newFolder('db'), 'reports.sqlite');

    const result = await runCli(['receive', '--db', dbFile, '--commission-key', publicKeyFile, '--listen', '192.0.2.1', '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot listen on 192.0.2.1:0:');
    expect(result.stderr).toContain('EADDRNOTAVAIL');
  });

  it('rejects an extra argument', async () => {
    const result = await runCli(['receive', '--db', 'x.sqlite', '--commission-key', publicKeyFile, 'extra']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected argument "extra"');
  });

  it.each(['/../x', '/reports/', '/a//b', '/./x'])('rejects the path %s', async (uploadPath) => {
    const result = await runCli(['receive', '--db', 'x.sqlite', '--commission-key', publicKeyFile, '--path', uploadPath]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Invalid value "${uploadPath}" for --path`);
  });

  it('names the accepted key types for an RSA key', async () => {
    const keyFile = path.join(newFolder('rsa'), 'rsa.pub.pem');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));

    const result = await runCli(['receive', '--db', 'x.sqlite', '--commission-key', keyFile, '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Only X25519 or SM2 keys are accepted');
    expect(result.stderr).not.toContain('Ed25519');
  });

  it('rejects a key file without end', async () => {
    const result = await runCli(['receive', '--db', 'x.sqlite', '--commission-key', '/dev/zero', '--port', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('larger than 65536 bytes');
  });

  it('gives the SQLite message of a failed export', async () => {
    const folderAsDb = newFolder('folder-db');

    const result = await runCli(exportArgs(folderAsDb, path.join(newFolder('out'), 'export')));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the database ${folderAsDb}: not a regular file`);
  });
});
