// `minsheng publish` on a delivery with data standard version 2 files. The board tables arrive in
// the snapshot as validated and the summary counts them. A second publish with a changed notice
// and a removed project ships a delta that rebuilds the same content digest on the kiosk.
// Runs real `minsheng` processes, so it needs `npm run build:main` first.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { derivePersonKey, LookupKeyParamsSchema } from '../../src-main/core/lookup-key.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { applyDelta } from '../../src-main/core/sync/apply-delta.js';
import { BOARD_TABLE_NAMES } from '../../src-main/publisher/build-board-tables.js';
import type { DatasetV2, TableRow } from '../../src-main/publisher/standard-v2/dataset.js';
import { NOTICE_BODY_CHANGED, PDF_BYTES, PHOTO_BYTES, writeSampleBoardFiles } from '../helpers/board-data.js';
import { runCli } from '../helpers/cli.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const REMOVED_PROJECT = 'PRJ-2024-003';

const temp = makeTempDir('minsheng-publish-boards-');
afterAll(() => temp.remove());

const keyFile = path.join(temp.dir, 'publisher.key');
const dataDir = path.join(temp.dir, 'data');
const outDir = path.join(temp.dir, 'bundle');
let delivered: DatasetV2;

beforeAll(() => {
  writeFileSync(keyFile, generateKeyPair('ed25519').privateKeyPem, { mode: 0o600 });
  writeSampleDataset(dataDir);
  delivered = writeSampleBoardFiles(dataDir);
});

function readManifest(dir: string): Manifest {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
}

/** Writes the gunzipped bytes of a bundle file into the temporary folder and returns the path. */
function expand(name: string, as: string): string {
  const file = path.join(temp.dir, as);
  writeFileSync(file, gunzipSync(readFileSync(path.join(outDir, name))));
  return file;
}

function withSnapshot<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function publish(dir: string, out: string, language = 'en') {
  return runCli(['publish', '--data', dir, '--key', keyFile, '--out', out], { env: { MINSHENG_LANG: language }, timeoutMs: 300_000 });
}

/** Returns the rows the snapshot should hold: the delivered ones with head ID numbers as keys. */
function expectedRows(table: string, saltedKeyOf: (idNumber: string) => string): TableRow[] {
  return (delivered.tables.get(table) ?? []).map((row) => {
    if (table !== 'poverty_households') return { ...row };
    const { head_id_number: idNumber, ...rest } = row;
    return { ...rest, head_person_key: saltedKeyOf(String(idNumber)) };
  });
}

describe('publish with board files', () => {
  let firstManifest: Manifest;
  let firstSnapshot: string;

  it('writes every board table and counts it', async () => {
    const result = await publish(dataDir, outDir);
    expect(result.code, result.stderr).toBe(0);

    expect(result.stdout).toContain('Disclosure boards, rows per data standard version 2 file');
    expect(result.stdout).toContain('Livelihood projects (projects.csv): 3');
    expect(result.stdout).toContain('Poverty-alleviation and monitored households (poverty_households.csv): 2');
    expect(result.stdout).toContain('Documents (documents/): 2');
    // The newest publication date of a board row (the accountability notice), later than every payment.
    expect(result.stdout).toContain('Data as of: 2024-06-03');

    firstManifest = readManifest(outDir);
    firstSnapshot = expand(firstManifest.signed.payload.path, 'first.sqlite');
  }, 300_000);

  it('stores the rows as delivered', () => {
    withSnapshot(firstSnapshot, (db) => {
      const lookupKey = LookupKeyParamsSchema.parse(JSON.parse(db.prepare("SELECT value FROM meta WHERE key = 'lookup_key'").pluck().get() as string));
      const keyOf = (idNumber: string) => derivePersonKey(idNumber, lookupKey);

      for (const table of BOARD_TABLE_NAMES) {
        if (table === 'documents') continue;
        const expected = expectedRows(table, keyOf);
        const stored = db.prepare(`SELECT * FROM ${table}`).all();
        expect(stored.length, table).toBe(expected.length);
        for (const row of expected) expect(stored, table).toContainEqual(row);
      }

      const documents = db.prepare('SELECT name, bytes FROM documents').all() as { name: string; bytes: Buffer }[];
      const byName = new Map(documents.map((document) => [document.name, document.bytes]));
      expect(byName.get('road-2024-06.png')).toEqual(PHOTO_BYTES);
      expect(byName.get('notice-1-budget.pdf')).toEqual(PDF_BYTES);
    });
  });

  it('keeps ID numbers out of the payload', () => {
    const bytes = readFileSync(firstSnapshot);
    for (const row of delivered.tables.get('poverty_households')!) {
      expect(bytes.includes(Buffer.from(String(row.head_id_number))), String(row.household_id)).toBe(false);
    }
  });

  it('ships a delta for a changed notice and a removed project', async () => {
    writeSampleBoardFiles(dataDir, { noticeBody: NOTICE_BODY_CHANGED, withoutProject: REMOVED_PROJECT });
    const result = await publish(dataDir, outDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Livelihood projects (projects.csv): 2');

    const manifest = readManifest(outDir);
    const delta = manifest.signed.delta;
    expect(delta, result.stdout).toBeDefined();
    expect(delta!.baseContentDigest).toBe(firstManifest.signed.contentDigest);

    // What a kiosk on version 1 does: apply the delta to its copy and compare the content digest.
    const kioskCopy = path.join(temp.dir, 'kiosk.sqlite');
    copyFileSync(firstSnapshot, kioskCopy);
    applyDelta(kioskCopy, expand(delta!.path, 'delta.sqlite'));
    withSnapshot(kioskCopy, (db) => {
      expect(contentDigest(db, manifest.signed.hashAlgorithm)).toBe(manifest.signed.contentDigest);
      expect(db.prepare("SELECT body FROM notices WHERE notice_id = 'N-2024-001'").pluck().get()).toBe(NOTICE_BODY_CHANGED);
      expect(db.prepare('SELECT count(*) FROM projects WHERE project_id = ?').pluck().get(REMOVED_PROJECT)).toBe(0);
    });
  }, 300_000);

  it('prints the board counts in Chinese', async () => {
    const result = await publish(dataDir, path.join(temp.dir, 'bundle-zh'), 'zh-CN');
    expect(result.code, result.stderr).toBe(0);

    expect(result.stdout).toContain('公开栏数据，即第 2 版各数据文件的行数');
    expect(result.stdout).toContain('项目进度（project_progress.csv）：2');
    expect(result.stdout).toContain('问责通报（accountability_notices.csv）：1');
  }, 300_000);

  it('reports no boards without files', async () => {
    const householdsOnly = path.join(temp.dir, 'households-only');
    writeSampleDataset(householdsOnly);
    const result = await publish(householdsOnly, path.join(temp.dir, 'bundle-v1'));
    expect(result.code, result.stderr).toBe(0);

    expect(result.stdout).toContain('Disclosure boards: none');
    const manifest = readManifest(path.join(temp.dir, 'bundle-v1'));
    const snapshot = path.join(temp.dir, 'households-only.sqlite');
    writeFileSync(snapshot, gunzipSync(readFileSync(path.join(temp.dir, 'bundle-v1', manifest.signed.payload.path))));
    withSnapshot(snapshot, (db) => {
      for (const table of BOARD_TABLE_NAMES) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    });
  }, 300_000);
});
