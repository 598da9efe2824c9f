// Deltas between two snapshots with board tables: a changed notice, a removed project and a
// replaced photo travel as a delta, and the kiosk's copy ends with the new file's content digest.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { derivePersonKey } from '../../src-main/core/lookup-key.js';
import type { LookupKeyParams } from '../../src-main/core/lookup-key.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';
import { applyDelta } from '../../src-main/core/sync/apply-delta.js';
import { buildDelta } from '../../src-main/publisher/build-delta.js';
import { buildSnapshot } from '../../src-main/publisher/build-snapshot.js';
import type { DatasetV2 } from '../../src-main/publisher/standard-v2/dataset.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import type { Dataset } from '../../src-main/publisher/validate-dataset.js';
import { NOTICE_BODY_CHANGED, PHOTO_BYTES, sampleBoards } from '../helpers/board-data.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const LOOKUP_KEY: LookupKeyParams = { algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32, saltHex: 'a5'.repeat(16) };
const REMOVED_PROJECT = 'PRJ-2024-003';
// Bytes after the PNG end chunk give another file without building a second image.
const NEW_PHOTO_BYTES = Buffer.concat([PHOTO_BYTES, Buffer.from('second photo')]);

const temp = makeTempDir('minsheng-board-delta-');
afterAll(() => temp.remove());

let dataset: Dataset;

beforeAll(async () => {
  const dataDir = path.join(temp.dir, 'data');
  writeSampleDataset(dataDir);
  dataset = await validateDataset(dataDir, { now: new Date('2024-07-01T00:00:00Z') });
  expect(dataset.errors).toEqual([]);
});

function build(file: string, v2: DatasetV2, version: number): void {
  const personKeyOf = (idNumber: string) => derivePersonKey(idNumber, LOOKUP_KEY);
  buildSnapshot(file, {
    dataset,
    county: dataset.county!,
    personKeys: dataset.persons.map((person) => personKeyOf(person.idNumber)),
    v2,
    personKeyOf,
    version,
    createdAt: `2024-07-0${version}T00:00:00.000Z`,
    dataAsOf: dataset.dataAsOf!,
    lookupKey: LOOKUP_KEY,
  });
}

function digestOf(file: string, algorithm: HashAlgorithm = 'sha256'): string {
  const db = new Database(file, { readonly: true });
  try {
    return contentDigest(db, algorithm);
  } finally {
    db.close();
  }
}

function readDeltaRows(deltaFile: string, table: string, kind: 'upserts' | 'deletes'): Record<string, unknown>[] {
  const db = new Database(deltaFile, { readonly: true });
  try {
    const position = db.prepare('SELECT position FROM delta_tables WHERE table_name = ?').pluck().get(table) as number;
    return db.prepare(`SELECT * FROM ${kind}_${position}`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('board table delta', () => {
  const base = path.join(temp.dir, 'v1.sqlite');
  const next = path.join(temp.dir, 'v2.sqlite');
  const deltaFile = path.join(temp.dir, 'delta.sqlite');
  const kioskCopy = path.join(temp.dir, 'kiosk.sqlite');

  beforeAll(() => {
    build(base, sampleBoards(path.join(temp.dir, 'documents-1')), 1);

    const documentsDir = path.join(temp.dir, 'documents-2');
    const changed = sampleBoards(documentsDir, { noticeBody: NOTICE_BODY_CHANGED, withoutProject: REMOVED_PROJECT });
    writeFileSync(path.join(documentsDir, 'road-2024-06.png'), NEW_PHOTO_BYTES);
    build(next, changed, 2);

    buildDelta(base, next, deltaFile);
  });

  it('carries the changed notice and photo', () => {
    const notices = readDeltaRows(deltaFile, 'notices', 'upserts');
    expect(notices.map((row) => row.notice_id)).toEqual(['N-2024-001']);
    expect(notices[0]!.body).toBe(NOTICE_BODY_CHANGED);

    const documents = readDeltaRows(deltaFile, 'documents', 'upserts');
    expect(documents.map((row) => row.name)).toEqual(['road-2024-06.png']);
    expect(Buffer.compare(documents[0]!.bytes as Buffer, NEW_PHOTO_BYTES)).toBe(0);
  });

  it('deletes the removed project', () => {
    expect(readDeltaRows(deltaFile, 'projects', 'deletes')).toEqual([{ project_id: REMOVED_PROJECT }]);
    expect(readDeltaRows(deltaFile, 'projects', 'upserts')).toEqual([]);
  });

  it('rebuilds the new content digest on the kiosk', () => {
    copyFileSync(base, kioskCopy);
    expect(digestOf(kioskCopy)).toBe(digestOf(base));
    expect(digestOf(base)).not.toBe(digestOf(next));

    applyDelta(kioskCopy, deltaFile);

    expect(digestOf(kioskCopy)).toBe(digestOf(next));
    expect(digestOf(kioskCopy, 'sm3')).toBe(digestOf(next, 'sm3'));
    const db = new Database(kioskCopy, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM projects WHERE project_id = ?').pluck().get(REMOVED_PROJECT)).toBe(0);
      expect(db.prepare('SELECT bytes FROM documents WHERE name = ?').pluck().get('road-2024-06.png')).toEqual(NEW_PHOTO_BYTES);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
