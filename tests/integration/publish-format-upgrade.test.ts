// The first format-4 publication after format 3: report_progress changes the schema, so publish
// ships no delta from the format-3 version, and a kiosk holding that version installs the full
// payload and can then read case progress. The format-3 bundle is made from a real publication by
// dropping the table, as the publisher of format 3 wrote it.
// Runs real `minsheng` processes, so it needs `npm run build:main` first.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashBytes } from '../../src-main/core/crypto/hash.js';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { readCaseStatus } from '../../src-main/core/reports/case-status.js';
import { MANIFEST_FILE, ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest, SignedManifest } from '../../src-main/core/snapshot/manifest.js';
import { openSnapshot, readMeta } from '../../src-main/core/store.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { buildDelta, DeltaNotPossible } from '../../src-main/publisher/build-delta.js';
import { CASE_REPLIED, CASE_REPLY, writeSampleBoardFiles } from '../helpers/board-data.js';
import { runCli } from '../helpers/cli.js';
import { contentDigestOfFile, makeTestKeys, signAll } from '../helpers/make-bundle.js';
import type { TestKeys } from '../helpers/make-bundle.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-format-upgrade-');
afterAll(() => temp.remove());

const dataDir = path.join(temp.dir, 'data');
const outDir = path.join(temp.dir, 'bundle');
const kioskDir = path.join(temp.dir, 'kiosk');
const keyFile = path.join(temp.dir, 'publisher.key');
let keys: TestKeys;

function readManifest(): Manifest {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(outDir, MANIFEST_FILE), 'utf8')));
}

function publish() {
  return runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', outDir, '--lang', 'en'], { timeoutMs: 300_000 });
}

function sync() {
  return syncOnce({ source: outDir, trust: { kind: 'publisher-keys', keys: [keys.publicKey] }, dataDir: kioskDir });
}

/** Rewrites the published bundle as the format-3 publisher would have written it, and signs it again. */
function downgradeToFormatThree(): string {
  const manifest = readManifest();
  const payloadPath = path.join(outDir, manifest.signed.payload.path);
  const sqliteFile = path.join(temp.dir, 'format-3.sqlite');
  writeFileSync(sqliteFile, gunzipSync(readFileSync(payloadPath)));

  const db = new Database(sqliteFile);
  db.exec('DROP TABLE report_progress');
  db.prepare("UPDATE meta SET value = '3' WHERE key = 'format'").run();
  db.exec('VACUUM');
  db.close();

  const sqlite = readFileSync(sqliteFile);
  const payload = gzipSync(sqlite);
  writeFileSync(payloadPath, payload);
  const algorithm = manifest.signed.hashAlgorithm;
  const signed: SignedManifest = {
    ...manifest.signed,
    snapshotFormat: 3,
    contentDigest: contentDigestOfFile(sqliteFile, algorithm),
    payload: {
      ...manifest.signed.payload,
      length: payload.length,
      digest: hashBytes(algorithm, payload),
      sqliteLength: sqlite.length,
      sqliteDigest: hashBytes(algorithm, sqlite),
    },
  };
  writeFileSync(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(signAll(signed, [keys]), null, 2)}\n`);
  return sqliteFile;
}

let formatThreeFile: string;

beforeAll(async () => {
  keys = makeTestKeys();
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  writeSampleDataset(dataDir);
  writeSampleBoardFiles(dataDir);

  const first = await publish();
  expect(first.code, first.stderr).toBe(0);
  formatThreeFile = downgradeToFormatThree();
  expect(await sync()).toMatchObject({ status: 'installed', version: 1 });
});

describe('publishing format 4 over format 3', () => {
  it('ships the full payload only', async () => {
    const result = await publish();

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Delta: none, because the snapshot schema changed');
    const manifest = readManifest();
    expect(manifest.signed.version).toBe(2);
    expect(manifest.signed.snapshotFormat).toBe(4);
    expect(manifest.signed.delta).toBeUndefined();
  });

  it('finds no delta between the two schemas', () => {
    const manifest = readManifest();
    const formatFourFile = path.join(temp.dir, 'format-4.sqlite');
    writeFileSync(formatFourFile, gunzipSync(readFileSync(path.join(outDir, manifest.signed.payload.path))));

    const outcome = (() => {
      try {
        buildDelta(formatThreeFile, formatFourFile, path.join(temp.dir, 'delta.sqlite'));
        return 'built';
      } catch (error) {
        if (error instanceof DeltaNotPossible) return error.code;
        throw error;
      }
    })();
    expect(outcome).toBe('schemaChanged');
  });

  it('installs on the format-3 kiosk', async () => {
    expect(await sync()).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });

    const installed = openSnapshot(snapshotFileOf(kioskDir, pointerOrNull(kioskDir, 'current')!));
    try {
      expect(readMeta(installed).get('format')).toBe('4');
      expect(readCaseStatus(installed, CASE_REPLIED)).toEqual({ stage: 'replied', updatedOn: '2024-05-30', reply: CASE_REPLY, department: '县纪委监委' });
    } finally {
      installed.close();
    }
  });
});
