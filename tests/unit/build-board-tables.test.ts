// The board tables in a real snapshot file: every table and document written, the poverty heads
// pseudonymised, rows in key order, the same bytes for the same input, bad rows rejected.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePersonKey } from '../../src-main/core/lookup-key.js';
import type { LookupKeyParams } from '../../src-main/core/lookup-key.js';
import { BOARD_TABLE_NAMES } from '../../src-main/publisher/build-board-tables.js';
import { buildSnapshot } from '../../src-main/publisher/build-snapshot.js';
import type { SnapshotCounts } from '../../src-main/publisher/build-snapshot.js';
import { PublishError } from '../../src-main/publisher/publish-error.js';
import { regionInitials } from '../../src-main/publisher/region-initials.js';
import type { DatasetV2, TableRow } from '../../src-main/publisher/standard-v2/dataset.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import type { Dataset } from '../../src-main/publisher/validate-dataset.js';
import {
  HEAD_IN_PERSONS,
  HEAD_NOT_IN_PERSONS,
  PDF_BYTES,
  PHOTO_BYTES,
  sampleBoards,
} from '../helpers/board-data.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

// The smallest cost the schema accepts, so the test derives keys quickly.
const LOOKUP_KEY: LookupKeyParams = { algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '5a'.repeat(16) };

const temp = makeTempDir('minsheng-board-tables-');
afterAll(() => temp.remove());

let dataset: Dataset;
let boards: DatasetV2;

beforeAll(async () => {
  const dataDir = path.join(temp.dir, 'data');
  writeSampleDataset(dataDir);
  dataset = await validateDataset(dataDir, { now: new Date('2024-07-01T00:00:00Z') });
  expect(dataset.errors).toEqual([]);
  boards = sampleBoards(path.join(dataDir, 'documents'));
});

function personKeyOf(idNumber: string): string {
  return derivePersonKey(idNumber, LOOKUP_KEY);
}

let fileNumber = 0;

/** Builds a snapshot of the sample households with `v2` into a new file. */
function build(v2: DatasetV2 | null): { file: string; counts: SnapshotCounts } {
  fileNumber += 1;
  const file = path.join(temp.dir, `snapshot-${fileNumber}.sqlite`);
  const counts = buildSnapshot(file, {
    dataset,
    county: dataset.county!,
    personKeys: dataset.persons.map((person) => personKeyOf(person.idNumber)),
    v2,
    personKeyOf,
    version: 1,
    createdAt: '2024-07-01T00:00:00.000Z',
    dataAsOf: dataset.dataAsOf!,
    lookupKey: LOOKUP_KEY,
  });
  return { file, counts };
}

function readRows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Returns the boards with `rows` in place of one table's rows. */
function withTable(table: string, rows: readonly TableRow[]): DatasetV2 {
  return { ...boards, tables: new Map([...boards.tables, [table, rows]]) };
}

describe('buildBoardTables', () => {
  it('writes every board table', () => {
    const { file, counts } = build(boards);

    for (const table of BOARD_TABLE_NAMES) {
      const expected = table === 'documents' ? boards.documents.length : boards.tables.get(table)!.length;
      expect(counts.boardCounts[table], table).toBe(expected);
      expect(counts.boardCounts[table], table).toBeGreaterThan(0);
      const [row] = readRows(file, `SELECT count(*) AS n FROM ${table}`);
      expect(row!.n, table).toBe(expected);
    }
  });

  it('keeps values and types of a row', () => {
    const { file } = build(boards);

    const [progress] = readRows(file, "SELECT * FROM project_progress WHERE report_id = 'RPT-002'");
    expect(progress).toEqual({ ...boards.tables.get('project_progress')![0] });
    const [asset] = readRows(file, "SELECT quantity, typeof(quantity) AS type, book_value_fen FROM collective_assets");
    expect(asset).toEqual({ quantity: '120.5', type: 'text', book_value_fen: null });
    const [notice] = readRows(file, "SELECT body, body_format FROM notices WHERE notice_id = 'N-2024-001'");
    expect(notice!.body_format).toBe('markdown');
    expect(notice!.body).toContain('修建村道 1.2 公里');
  });

  it('replaces head ID numbers by person keys', () => {
    const { file } = build(boards);

    const heads = readRows(file, 'SELECT household_id, head_person_key FROM poverty_households ORDER BY household_id');
    expect(heads).toEqual([
      { household_id: 'PH-001', head_person_key: personKeyOf(HEAD_IN_PERSONS) },
      { household_id: 'PH-002', head_person_key: personKeyOf(HEAD_NOT_IN_PERSONS) },
    ]);
    // The head in persons.csv has the same key there, so a lookup finds both rows.
    const [person] = readRows(file, `SELECT count(*) AS n FROM persons WHERE person_key = '${personKeyOf(HEAD_IN_PERSONS)}'`);
    expect(person!.n).toBe(1);

    const bytes = readFileSync(file);
    for (const idNumber of [HEAD_IN_PERSONS, HEAD_NOT_IN_PERSONS]) {
      expect(bytes.includes(Buffer.from(idNumber, 'utf8')), idNumber).toBe(false);
    }
  });

  it('stores documents as exact bytes', () => {
    const { file } = build(boards);

    const documents = readRows(file, 'SELECT name, media_type, bytes FROM documents ORDER BY rowid');
    expect(documents.map((document) => document.name)).toEqual(['notice-1-budget.pdf', 'road-2024-06.png']);
    expect(documents[0]!.media_type).toBe('application/pdf');
    expect(Buffer.compare(documents[0]!.bytes as Buffer, PDF_BYTES)).toBe(0);
    expect(documents[1]!.media_type).toBe('image/png');
    expect(Buffer.compare(documents[1]!.bytes as Buffer, PHOTO_BYTES)).toBe(0);
  });

  it('gives the same bytes for the same input', () => {
    const first = build(boards);
    const reversed: DatasetV2 = {
      tables: new Map([...boards.tables].map(([table, rows]) => [table, [...rows].reverse()])),
      documents: [...boards.documents].reverse(),
    };
    const second = build(reversed);

    expect(Buffer.compare(readFileSync(first.file), readFileSync(second.file))).toBe(0);
  });

  it('fills the initials of every region', () => {
    const { file } = build(boards);

    const regions = readRows(file, 'SELECT name, initials FROM regions');
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(region.initials, String(region.name)).toBe(regionInitials(String(region.name)));
    expect(regions.find((region) => region.name === '岩门村')?.initials).toMatch(/^ymc( |$)/);
  });

  it('leaves the boards empty without version 2 files', () => {
    const { file, counts } = build(null);

    for (const table of BOARD_TABLE_NAMES) expect(counts.boardCounts[table], table).toBe(0);
    const [row] = readRows(file, 'SELECT count(*) AS n FROM projects');
    expect(row!.n).toBe(0);
  });

  it('rejects a region outside the county', () => {
    const [first, ...rest] = boards.tables.get('projects')!;
    const outside = withTable('projects', [{ ...first!, region_code: '433122100' }, ...rest]);

    let caught: unknown;
    try {
      build(outside);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PublishError);
    expect((caught as PublishError).code).toBe('boardRowRejected');
    expect((caught as PublishError).params.table).toBe('projects');
    expect((caught as PublishError).params.key).toBe(first!.project_id);
  });

  it('rejects a progress photo that is not delivered', () => {
    const [report, ...rest] = boards.tables.get('project_progress')!;
    const missingPhoto = withTable('project_progress', [{ ...report!, photo_file: 'missing.png' }, ...rest]);

    expect(() => build(missingPhoto)).toThrow(PublishError);
  });

  it('rejects a missing document file', () => {
    const [photo, ...rest] = boards.documents;
    const missing: DatasetV2 = { ...boards, documents: [{ ...photo!, path: path.join(temp.dir, 'gone.png') }, ...rest] };

    let caught: unknown;
    try {
      build(missing);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PublishError);
    expect((caught as PublishError).code).toBe('documentUnreadable');
    expect((caught as PublishError).params.name).toBe(photo!.name);
    expect((caught as PublishError).params.reason).toBe('ENOENT');
  });

  it('rejects a column the snapshot lacks', () => {
    const [first, ...rest] = boards.tables.get('notices')!;
    const extra = withTable('notices', [{ ...first!, body_file: 'n1.md' }, ...rest]);

    expect(() => build(extra)).toThrow(/notices has no column body_file/);
  });

  it('rejects a table the snapshot lacks', () => {
    expect(() => build(withTable('village_notes', []))).toThrow(/village_notes is not a board table/);
  });
});
