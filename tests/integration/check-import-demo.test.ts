// The import of `minsheng check` on department exports made from demo data: every row is
// accepted, the standard folder it writes passes publish's validator, and the counts and money
// match the demo data they came from.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { runImport } from '../../src-main/publisher/check/run-import.js';
import type { ImportResult } from '../../src-main/publisher/check/run-import.js';
import { writeStandardFolder } from '../../src-main/publisher/check/write-standard-folder.js';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import { readDemoRows, writeDepartmentFolder } from '../helpers/department-files.js';
import type { DemoRows, DepartmentFolder } from '../helpers/department-files.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const KEY = Buffer.alloc(32, 7);
const t = translatorFor('en');

const temp = makeTempDir('minsheng-check-import-');
const demoDir = path.join(temp.dir, 'demo');
const departmentDir = path.join(temp.dir, 'department');
let demo: DemoRows;
let folder: DepartmentFolder;
let result: ImportResult;

beforeAll(async () => {
  await generateDemoData({ countyCode: '431226', households: 60, seed: 5, outDir: demoDir, yearFrom: 2023, yearTo: 2024, boards: 'small' }, NOW);
  demo = readDemoRows(demoDir);
  cpSync(demoDir, departmentDir, { recursive: true, filter: (source) => !/persons\.csv|payments\.csv/.test(path.basename(source)) });
  folder = await writeDepartmentFolder(demoDir, departmentDir);
  result = await runImport({ dataDir: departmentDir, now: NOW, t, idKey: KEY });
}, 120_000);
afterAll(() => temp.remove());

describe('runImport on demo department files', () => {
  it('reads every department file', () => {
    expect(result.failures).toEqual([]);
    expect(result.folderKind).toBe('department');
    expect(result.tables.map((table) => table.file).sort()).toEqual([...folder.files].sort());
  });

  it('reports each encoding and kind', () => {
    const byFile = new Map(result.tables.map((table) => [table.file, table]));
    expect(byFile.get('农业农村局发放明细.xlsx')?.encoding).toBe('xlsx');
    expect(byFile.get('民政局发放表.csv')?.encoding).toBe('gbk');
    expect(byFile.get('户籍人员花名册.csv')?.encoding).toBe('utf-8');
    expect(byFile.get('户籍人员花名册.csv')?.kind).toBe('persons');
    for (const [file, rows] of folder.paymentRows) {
      expect(byFile.get(file)?.kind, file).toBe('payments');
      expect(byFile.get(file)?.rowsRead, file).toBe(rows);
    }
  });

  it('accepts every row', () => {
    for (const table of result.tables) {
      expect(table.rowProblems, table.file).toEqual([]);
      expect(table.cellRejections, table.file).toEqual([]);
      expect(table.accepted, table.file).toBe(table.rowsRead);
    }
    expect(result.rejectedRows).toBe(0);
    expect(result.conflicts).toEqual([]);
  });

  it('keeps the demo persons, households and money', () => {
    expect(result.persons).toHaveLength(demo.persons.length);
    expect(result.payments).toHaveLength(demo.payments.length);
    expect(new Set(result.persons.map((person) => person.household_id)).size).toBe(new Set(demo.persons.map((person) => person.household_id)).size);

    const demoFen = demo.payments.reduce((sum, payment) => sum + Math.round(Number(payment.amount) * 100), 0);
    expect(result.payments.reduce((sum, payment) => sum + payment.amount_fen, 0)).toBe(demoFen);
    const demoVillage = new Map(demo.persons.map((person) => [person.id_number, person.village_code]));
    for (const person of result.persons) expect(person.village_code).toBe(demoVillage.get(person.id_number));
    const demoRelation = new Map(demo.persons.map((person) => [person.id_number, person.relation]));
    for (const person of result.persons) expect(person.relation).toBe(demoRelation.get(person.id_number));
  });

  it('derives the demo periods', () => {
    const demoPeriods = demo.payments.map((payment) => `${payment.id_number}|${payment.item_code}|${payment.paid_on}|${payment.period}`).sort();
    const periods = result.payments.map((payment) => `${payment.id_number}|${payment.item_code}|${payment.paid_on}|${payment.period}`).sort();
    expect(periods).toEqual(demoPeriods);
  });

  it('makes identifiers without ID numbers', () => {
    for (const person of result.persons) expect(person.household_id).toMatch(/^\d{12}-[0-9a-f]{16}$/);
    for (const payment of result.payments) expect(payment.payment_id).toMatch(/^[A-Z]+-[0-9a-f]{20}$/);
    expect(new Set(result.payments.map((payment) => payment.payment_id)).size).toBe(result.payments.length);
  });

  it('repeats identifiers under the same key', async () => {
    const again = await runImport({ dataDir: departmentDir, now: NOW, t, idKey: KEY });
    expect(again.payments.map((payment) => payment.payment_id)).toEqual(result.payments.map((payment) => payment.payment_id));
    expect(again.persons.map((person) => person.household_id)).toEqual(result.persons.map((person) => person.household_id));

    const otherKey = await runImport({ dataDir: departmentDir, now: NOW, t, idKey: Buffer.alloc(32, 8) });
    expect(otherKey.payments[0]!.payment_id).not.toBe(result.payments[0]!.payment_id);
  });

  it('writes a standard folder that validates', async () => {
    const outDir = path.join(temp.dir, 'standard');
    await writeStandardFolder(result, departmentDir, outDir);

    const dataset = await validateDataset(outDir, { now: NOW });
    expect(dataset.errors).toEqual([]);
    expect(dataset.persons).toHaveLength(demo.persons.length);
    expect(dataset.payments).toHaveLength(demo.payments.length);
    expect(dataset.payments.reduce((sum, payment) => sum + payment.amountFen, 0)).toBe(result.payments.reduce((sum, payment) => sum + payment.amount_fen, 0));

    for (const spec of V2_FILE_SPECS) {
      if (existsSync(path.join(demoDir, spec.name))) expect(readFileSync(path.join(outDir, spec.name))).toEqual(readFileSync(path.join(demoDir, spec.name)));
    }
    expect(existsSync(path.join(outDir, 'documents'))).toBe(existsSync(path.join(demoDir, 'documents')));
  }, 300_000);
});
