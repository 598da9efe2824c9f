// A valid delivery of all 14 version 2 files passes and comes out in snapshot form. The columns of
// every table match the snapshot DDL, money is fen, names are masked and bodies are text. Only
// the documents that something refers to are listed.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOARD_TABLES_DDL } from '../../src-main/core/snapshot/schema-boards.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { snapshotColumnsOfFile, tableNameOf } from '../../src-main/publisher/standard-v2/validate-snapshot-row.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import { makeTempDir } from '../helpers/temp.js';
import { HEAD_ID_NUMBER, NOW, validDocuments, validRows, writeDelivery } from './validate-v2-delivery.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function tempDir(): string {
  const temp = makeTempDir('minsheng-v2-');
  cleanups.push(temp.remove);
  return temp.dir;
}

/** Columns of every board table, as SQLite reports them for the DDL. */
function ddlColumns(): Map<string, string[]> {
  const db = new Database(':memory:');
  try {
    // The board tables refer to regions and subsidy_items, which live in schema.ts.
    db.exec('CREATE TABLE regions (code TEXT PRIMARY KEY); CREATE TABLE subsidy_items (item_code TEXT PRIMARY KEY);');
    db.exec(BOARD_TABLES_DDL);
    const tables = new Map<string, string[]>();
    for (const spec of V2_FILE_SPECS) {
      const table = tableNameOf(spec);
      const info = db.pragma(`table_info(${table})`) as Array<{ name: string }>;
      tables.set(table, info.map((column) => column.name));
    }
    return tables;
  } finally {
    db.close();
  }
}

describe('version 2 snapshot columns', () => {
  const ddl = ddlColumns();

  it.each(V2_FILE_SPECS.map((spec) => [spec.name, spec] as const))('match the DDL for %s', (_name, spec) => {
    // The person key replaces the head's ID number when the snapshot is built.
    const expected = ddl.get(tableNameOf(spec))!.map((column) => (column === 'head_person_key' ? 'head_id_number' : column));
    expect(snapshotColumnsOfFile(spec)).toEqual(expected);
  });
});

describe('valid version 2 delivery', () => {
  it('validates without errors or warnings', async () => {
    const dir = tempDir();
    writeDelivery(dir);

    const dataset = await validateDataset(dir, { now: NOW });

    expect(dataset.errors).toEqual([]);
    expect(dataset.errorCount).toBe(0);
    expect(dataset.warnings).toEqual([]);
  });

  it('returns every row of every table', async () => {
    const dir = tempDir();
    const rows = validRows();
    writeDelivery(dir, rows);

    const { v2 } = await validateDataset(dir, { now: NOW });

    expect([...v2.tables.keys()]).toEqual(V2_FILE_SPECS.map(tableNameOf));
    for (const spec of V2_FILE_SPECS) {
      const table = v2.tables.get(tableNameOf(spec))!;
      expect(table, spec.name).toHaveLength(rows[spec.name]!.length);
      for (const row of table) expect(Object.keys(row), spec.name).toEqual(snapshotColumnsOfFile(spec));
    }
  });

  it('converts cells to snapshot values', async () => {
    const dir = tempDir();
    writeDelivery(dir);

    const { v2 } = await validateDataset(dir, { now: NOW });
    const [project, township] = v2.tables.get('projects')!;
    const [income, expense] = v2.tables.get('finance_entries')!;
    const household = v2.tables.get('poverty_households')![0]!;

    expect(project!.planning_budget_amount_fen).toBe(52_000_050);
    expect(project!.year).toBe(2024);
    expect(project!.tender_number_of_tenderers).toBe(5);
    expect(project!.award_supplier_name).toBe('王*国');
    expect(project!.contact_name).toBe('李*华');
    expect(project!.acceptance_result).toBeNull();
    expect(township!.award_supplier_name).toBe('麻阳锦江建设有限公司');
    expect(income!.counterparty_name).toBe('刘*海');
    expect(expense!.counterparty_name).toBe('麻阳光明电器有限公司');
    expect(expense!.amount_fen).toBe(158_040);
    expect(household.head_id_number).toBe(HEAD_ID_NUMBER);
    expect(household.head_name).toBe('张*丰');
    expect(v2.tables.get('collective_assets')![0]!.quantity).toBe('12.50');
    expect(v2.tables.get('accountability_notices')![0]!.person_name).toBe('孙*');
  });

  it('puts body texts into the rows', async () => {
    const dir = tempDir();
    writeDelivery(dir);

    const { v2 } = await validateDataset(dir, { now: NOW });
    const [markdown, text] = v2.tables.get('notices')!;
    const [withReply, withoutReply] = v2.tables.get('complaint_outcomes')!;
    const accountability = v2.tables.get('accountability_notices')![0]!;

    expect(markdown!.body_format).toBe('markdown');
    expect(markdown!.body).toBe(validDocuments()['gg-001.md']);
    expect(text!.body_format).toBe('text');
    expect(text!.body).toBe('各村：\n春季防火期间禁止野外用火。\n');
    expect(withReply!.text_format).toBe('markdown');
    expect(withoutReply!.text_format).toBeNull();
    expect(withoutReply!.text).toBeNull();
    expect(accountability.text).toBe('某村会计孙七违规发放补贴，给予党内警告处分。');
  });

  it('lists only referenced documents', async () => {
    const dir = tempDir();
    writeDelivery(dir);
    writeFileSync(path.join(dir, 'documents', 'stray.pdf'), '%PDF-1.4\n');

    const dataset = await validateDataset(dir, { now: NOW });

    expect(dataset.v2.documents.map((document) => [document.name, document.mediaType])).toEqual([
      ['gg-001-fj.pdf', 'application/pdf'],
      ['xm-001-1.jpg', 'image/jpeg'],
      ['xm-001-2.png', 'image/png'],
    ]);
    expect(dataset.v2.documents[0]!.path).toBe(path.join(dir, 'documents', 'gg-001-fj.pdf'));
    expect(dataset.errorCount).toBe(0);
    expect(dataset.warnings.map((warning) => [warning.file, warning.code])).toEqual([
      ['documents/stray.pdf', 'validation-v2:document.unreferenced'],
    ]);
  });

  it('accepts a delivery without version 2 files', async () => {
    const dir = tempDir();
    writeDelivery(dir, {}, null);

    const dataset = await validateDataset(dir, { now: NOW });

    expect(dataset.errorCount).toBe(0);
    expect(dataset.v2.tables.size).toBe(0);
    expect(dataset.v2.documents).toEqual([]);
  });

  it('accepts some boards only', async () => {
    const dir = tempDir();
    const rows = validRows();
    writeDelivery(dir, { 'finance_entries.csv': rows['finance_entries.csv'], 'finance_balances.csv': rows['finance_balances.csv'] }, null);

    const dataset = await validateDataset(dir, { now: NOW });

    expect(dataset.errors).toEqual([]);
    expect([...dataset.v2.tables.keys()]).toEqual(['finance_entries', 'finance_balances']);
  });
});
