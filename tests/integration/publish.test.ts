// keygen and publish through the real `minsheng` command: the bundle is checked byte by byte
// (hashes, signature, no plaintext ID numbers) and the snapshot opened with SQLite.
// Needs `npm run build:main` first.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../src-shared/money.js';
import { parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import { LookupKeyParamsSchema, derivePersonKey } from '../../src-main/core/lookup-key.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { ManifestSchema, signingBytes } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { runCli } from '../helpers/cli.js';
import { SAMPLE_PAYMENTS, SAMPLE_PERSONS, paymentsCsv, writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-publish-');
const keyDir = path.join(temp.dir, 'keys');
const dataDir = path.join(temp.dir, 'data');
const outDir = path.join(temp.dir, 'bundle');
const keyFile = path.join(keyDir, 'publisher.key');

function readManifest(dir: string): Manifest {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Names, sizes and hashes of every file in a folder, to show that nothing changed. */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => `${name} ${statSync(path.join(dir, name)).size} ${sha256(readFileSync(path.join(dir, name)))}`);
}

function openSnapshot(dir: string, manifest: Manifest): { db: Database.Database; raw: Buffer; gz: Buffer } {
  const gz = readFileSync(path.join(dir, manifest.signed.payload.path));
  const raw = gunzipSync(gz);
  const file = path.join(temp.dir, `check-${manifest.signed.version}.sqlite`);
  writeFileSync(file, raw);
  return { db: new Database(file, { readonly: true }), raw, gz };
}

afterAll(() => temp.remove());

describe('minsheng keygen', () => {
  it('writes a key pair and prints the key id', async () => {
    const result = await runCli(['keygen', '--out', keyDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Key ID: [0-9a-f]{64}/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(path.join(keyDir, 'publisher.pub'), 'utf8')).toContain('BEGIN PUBLIC KEY');
  });

  it('refuses to overwrite without --force', async () => {
    const before = readFileSync(keyFile, 'utf8');
    const result = await runCli(['keygen', '--out', keyDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--force');
    expect(result.stderr).toContain('publisher.key');
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('overwrites with --force', async () => {
    const otherDir = path.join(temp.dir, 'other-keys');
    await runCli(['keygen', '--out', otherDir]);
    const before = readFileSync(path.join(otherDir, 'publisher.key'), 'utf8');
    const result = await runCli(['keygen', '--out', otherDir, '--force']);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(otherDir, 'publisher.key'), 'utf8')).not.toBe(before);
    expect(statSync(path.join(otherDir, 'publisher.key')).mode & 0o777).toBe(0o600);
  });

  it('prints its usage', async () => {
    const result = await runCli(['keygen', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('minsheng keygen --out DIR');
  });
});

describe('minsheng publish', () => {
  beforeAll(() => writeSampleDataset(dataDir));

  it('writes a signed bundle of version 1', async () => {
    const result = await runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', outDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Version: 1');
    expect(result.stdout).toContain('431226 麻阳苗族自治县');
    expect(result.stdout).toContain('Households: 2, persons: 4, payments: 4');
    expect(result.stdout).toContain(path.join(outDir, 'snapshot-1.sqlite.gz'));
    expect(result.stdout).toMatch(/Elapsed: \d+\.\d s/);
    expect(readdirSync(outDir).sort()).toEqual(['manifest.json', 'snapshot-1.sqlite.gz']);
  });

  it('signs hashes and lengths that match the payload', () => {
    const manifest = readManifest(outDir);
    const { db, raw, gz } = openSnapshot(outDir, manifest);
    const rowDigest = contentDigest(db, 'sha256');
    db.close();
    expect(manifest.signed.hashAlgorithm).toBe('sha256');
    expect(manifest.signed.payload.length).toBe(gz.length);
    expect(manifest.signed.payload.digest).toBe(sha256(gz));
    expect(manifest.signed.payload.sqliteLength).toBe(raw.length);
    expect(manifest.signed.payload.sqliteDigest).toBe(sha256(raw));
    expect(manifest.signed.contentDigest).toBe(rowDigest);
    expect(manifest.signed.delta).toBeUndefined();
    expect(manifest.signed.regionCode).toBe('431226');

    const publicKey = parsePublicKeyPem(readFileSync(path.join(keyDir, 'publisher.pub'), 'utf8'));
    expect(manifest.signatures).toHaveLength(1);
    const signature = manifest.signatures[0]!;
    expect(signature.algorithm).toBe('ed25519');
    expect(signature.keyId).toBe(publicKey.keyId);
    expect(publicKey.verify(signingBytes(manifest.signed), signature.signature)).toBe(true);
    expect(Date.parse(manifest.signed.expiresAt) - Date.parse(manifest.signed.createdAt)).toBe(30 * 24 * 60 * 60 * 1000);
  });

  it('keeps ID numbers and full names out of the snapshot', () => {
    const manifest = readManifest(outDir);
    const { db, raw, gz } = openSnapshot(outDir, manifest);
    db.close();
    for (const person of SAMPLE_PERSONS) {
      for (const bytes of [raw, gz]) {
        expect(bytes.includes(Buffer.from(person.idNumber))).toBe(false);
        expect(bytes.includes(Buffer.from(person.idNumber.slice(0, 17)))).toBe(false);
        expect(bytes.includes(Buffer.from(person.idNumber.slice(6, 18)))).toBe(false);
      }
      expect(raw.includes(Buffer.from(person.name))).toBe(false);
    }
  });

  it('stores masked names, person keys and meta', () => {
    const manifest = readManifest(outDir);
    const { db } = openSnapshot(outDir, manifest);
    try {
      const meta = Object.fromEntries(
        (db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>).map((row) => [row.key, row.value]),
      );
      expect(meta.format).toBe(String(SNAPSHOT_FORMAT));
      expect(meta.version).toBe('1');
      expect(meta.region_code).toBe('431226');
      expect(meta.region_name).toBe('麻阳苗族自治县');
      expect(meta.created_at).toBe(manifest.signed.createdAt);
      expect(meta.data_as_of).toBe('2024-05-20');
      expect(meta.household_count).toBe('2');
      const params = LookupKeyParamsSchema.parse(JSON.parse(meta.lookup_key!));

      const persons = db
        .prepare('SELECT person_key, household_id, masked_name, relation, member_order FROM persons ORDER BY household_id, member_order')
        .all() as Array<{ person_key: string; household_id: string; masked_name: string; relation: string; member_order: number }>;
      expect(persons.map((row) => [row.household_id, row.masked_name, row.relation, row.member_order])).toEqual([
        ['H001', '张*丰', '户主', 1],
        ['H001', '李*', '配偶', 2],
        ['H001', '张*明', '子女', 3],
        ['H002', '欧**娜', '户主', 1],
      ]);
      const keys = new Set(persons.map((row) => row.person_key));
      for (const person of SAMPLE_PERSONS) expect(keys.has(derivePersonKey(person.idNumber, params))).toBe(true);

      const regions = db.prepare('SELECT code FROM regions ORDER BY code').all() as Array<{ code: string }>;
      expect(regions.map((row) => row.code)).toEqual(['43', '4312', '431226', '431226101', '431226101201', '431226101202']);
      const households = db.prepare('SELECT household_id, village_code FROM households ORDER BY household_id').all();
      expect(households).toEqual([
        { household_id: 'H001', village_code: '431226101201' },
        { household_id: 'H002', village_code: '431226101202' },
      ]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('stores amounts as integer fen equal to the yuan in the CSV', () => {
    const manifest = readManifest(outDir);
    const { db } = openSnapshot(outDir, manifest);
    try {
      const rows = db.prepare('SELECT payment_id, amount_fen, typeof(amount_fen) AS type FROM payments').all() as Array<{
        payment_id: string;
        amount_fen: number;
        type: string;
      }>;
      expect(rows).toHaveLength(SAMPLE_PAYMENTS.length);
      for (const payment of SAMPLE_PAYMENTS) {
        const row = rows.find((candidate) => candidate.payment_id === payment.paymentId)!;
        const [whole, decimals = ''] = payment.amount.replace(/,/g, '').split('.');
        expect(row.type).toBe('integer');
        expect(row.amount_fen).toBe(Number(whole) * 100 + Number(decimals.padEnd(2, '0')));
        const parsed = parseYuanToFen(payment.amount);
        expect(parsed.ok).toBe(true);
        expect(parsed.ok ? parsed.fen : null).toBe(row.amount_fen);
      }
      expect(rows.find((row) => row.payment_id === 'P0003')!.amount_fen).toBe(123456);
    } finally {
      db.close();
    }
  });

  it('publishes version 2 with the same salt and keeps version 1', async () => {
    const first = readManifest(outDir);
    const firstSnapshot = openSnapshot(outDir, first);
    const firstKey = (firstSnapshot.db.prepare("SELECT value FROM meta WHERE key = 'lookup_key'").get() as { value: string }).value;
    const firstPersons = firstSnapshot.db.prepare('SELECT person_key FROM persons ORDER BY person_key').all();
    firstSnapshot.db.close();

    const result = await runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', outDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Version: 2');

    const second = readManifest(outDir);
    expect(second.signed.version).toBe(2);
    expect(second.signed.payload.path).toBe('snapshot-2.sqlite.gz');
    expect(second.signed.delta?.path).toBe('delta-1-2.sqlite.gz');
    expect(second.signed.delta?.baseVersion).toBe(1);
    expect(second.signed.delta?.baseContentDigest).toBe(first.signed.contentDigest);
    expect(result.stdout).toMatch(/Delta: delta-1-2\.sqlite\.gz \(.+\) from version 1: 2 rows new or changed, 0 deleted/);
    expect(readdirSync(outDir).sort()).toEqual(['delta-1-2.sqlite.gz', 'manifest.json', 'snapshot-1.sqlite.gz', 'snapshot-2.sqlite.gz']);

    const secondSnapshot = openSnapshot(outDir, second);
    try {
      const secondKey = (secondSnapshot.db.prepare("SELECT value FROM meta WHERE key = 'lookup_key'").get() as { value: string }).value;
      expect(JSON.parse(secondKey).saltHex).toBe(JSON.parse(firstKey).saltHex);
      expect(secondSnapshot.db.prepare('SELECT person_key FROM persons ORDER BY person_key').all()).toEqual(firstPersons);
      expect((secondSnapshot.db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string }).value).toBe('2');
    } finally {
      secondSnapshot.db.close();
    }
  });

  it('lists every bad row and leaves the bundle folder unchanged', async () => {
    const badDir = path.join(temp.dir, 'bad-data');
    const rows = Array.from({ length: 120 }, (_, index) => `B${index},${SAMPLE_PERSONS[0]!.idNumber},GDDL,1.234,2024-01-01,2024,县民政局`);
    writeSampleDataset(badDir, { 'payments.csv': `${paymentsCsv()}\n${rows.join('\n')}`, 'subsidy_items.csv': undefined });
    const before = listing(outDir);
    const reportFile = path.join(temp.dir, 'errors.csv');

    const result = await runCli(['publish', '--data', badDir, '--key', keyFile, '--out', outDir, '--errors-out', reportFile]);
    expect(result.code).toBe(1);
    expect(listing(outDir)).toEqual(before);

    // The missing item file comes first; the amounts follow in line order up to the limit.
    expect(result.stderr).toContain('subsidy_items.csv — File missing');
    expect(result.stderr).toContain('payments.csv:6 amount 1.234 — The amount has more than two decimals');
    expect(result.stderr).toContain('Showing 100 of 121 errors.');
    const printed = result.stderr.split('\n').filter((line) => /^ {2}\S+\.csv/.test(line));
    expect(printed).toHaveLength(100);
    for (const person of SAMPLE_PERSONS) expect(result.stderr).not.toContain(person.idNumber);

    const report = readFileSync(reportFile, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r\n/);
    expect(report[0]).toBe('file,line,column,value,code,message_zh,message_en');
    expect(report).toHaveLength(122);
    expect(report[2]).toBe('payments.csv,6,amount,1.234,amount.tooManyDecimals,金额最多两位小数（精确到分）。,The amount has more than two decimals (the smallest unit is one fen).');
  });

  it('prints errors in Chinese by default', async () => {
    const badDir = path.join(temp.dir, 'bad-zh');
    writeSampleDataset(badDir, { 'persons.csv': 'id_numer,name,household_id,relation,village_code\n1,2,3,4,5' });
    const result = await runCli(['publish', '--data', badDir, '--key', keyFile, '--out', path.join(temp.dir, 'never')], {
      env: { MINSHENG_LANG: 'zh-CN' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('persons.csv:1');
    expect(result.stderr).toContain('表头不符合数据标准');
    expect(result.stderr).toContain('共 1 条错误');
    expect(existsSync(path.join(temp.dir, 'never'))).toBe(false);
  });

  it('rejects a public key as the signing key', async () => {
    const result = await runCli(['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.pub'), '--out', outDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a valid PEM private key (private key: this is a public key');
    expect(readManifest(outDir).signed.version).toBe(2);
  });

  it('rejects an unreadable key file', async () => {
    const result = await runCli(['publish', '--data', dataDir, '--key', path.join(keyDir, 'absent.key'), '--out', outDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot read the private key file');
    expect(result.stderr).toContain('ENOENT');
  });

  it('rejects a damaged manifest in the bundle folder', async () => {
    const damagedDir = path.join(temp.dir, 'damaged');
    await runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', damagedDir]);
    writeFileSync(path.join(damagedDir, 'manifest.json'), '{"signed":');
    const result = await runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', damagedDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('manifest.json in the output folder is invalid');
  });

  it('publishes the output of demo-data', async () => {
    const demoDir = path.join(temp.dir, 'demo');
    const generated = await runCli(['demo-data', '--county', '431226', '--out', demoDir, '--households', '30']);
    expect(generated.code, generated.stderr).toBe(0);
    const personRows = readFileSync(path.join(demoDir, 'persons.csv'), 'utf8').trim().split('\n').length - 1;
    const paymentRows = readFileSync(path.join(demoDir, 'payments.csv'), 'utf8').trim().split('\n').length - 1;

    const demoOut = path.join(temp.dir, 'demo-bundle');
    const result = await runCli(['publish', '--data', demoDir, '--key', keyFile, '--out', demoOut]);
    expect(result.code, result.stderr).toBe(0);
    const { db } = openSnapshot(demoOut, readManifest(demoOut));
    try {
      expect((db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(30);
      expect((db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n).toBe(personRows);
      expect((db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n).toBe(paymentRows);
    } finally {
      db.close();
    }
  });

  it('prints its usage', async () => {
    const result = await runCli(['publish', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--errors-out FILE');
  });

  it('rejects a missing option with exit code 2', async () => {
    const result = await runCli(['publish', '--data', dataDir, '--out', outDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--key');
  });
});
