// The board files written by generateDemoData at the small scale: valid under data standard
// version 2, consistent with the households and payments, with every referenced document
// present and the personal-data cases the publisher has to mask.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaseNumber } from '../../src-shared/case-number.js';
import { parseYuanToFen } from '../../src-shared/money.js';
import { CASE_STAGES } from '../../src-shared/reports-api.js';
import { DEFAULT_FINANCE_FLAG_FEN } from '../../src-main/core/config.js';
import { LARGE_ENTRY_MIN_FEN } from '../../src-main/publisher/demo-data/boards/finance-ledger.js';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import type { DemoDataSummary } from '../../src-main/publisher/demo-data/generate.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import { makeTempDir } from '../helpers/temp.js';

type Row = Record<string, string>;

const COUNTY = '431226';
const HOUSEHOLDS = 400;
const NOW = new Date('2026-06-01T00:00:00Z');

const temp = makeTempDir('minsheng-demo-boards-');
let summary: DemoDataSummary;

function readRows(name: string): Row[] {
  return parse(readFileSync(path.join(temp.dir, name), 'utf8'), { columns: true }) as Row[];
}

function documentsDir(): string {
  return path.join(temp.dir, 'documents');
}

function fen(yuan: string): number {
  const parsed = parseYuanToFen(yuan);
  if (!parsed.ok) throw new Error(`not a yuan amount: ${yuan}`);
  return parsed.fen;
}

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

beforeAll(async () => {
  summary = await generateDemoData(
    { countyCode: COUNTY, households: HOUSEHOLDS, seed: 5, outDir: temp.dir, yearFrom: 2021, yearTo: 2024, boards: 'small' },
    NOW,
  );
});

afterAll(() => temp.remove());

describe('demo boards validity', () => {
  it('writes all 14 version 2 files', () => {
    const names = readdirSync(temp.dir);
    for (const spec of V2_FILE_SPECS) expect(names).toContain(spec.name);
    expect(names).toContain('documents');
    expect(names.filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('passes the publisher validation without issues', async () => {
    const dataset = await validateDataset(temp.dir, { now: NOW });

    expect(dataset.errors).toEqual([]);
    expect(dataset.warnings).toEqual([]);
    for (const spec of V2_FILE_SPECS) {
      expect(dataset.v2.tables.get(spec.name.replace(/\.csv$/, ''))?.length, spec.name).toBe(summary.boards!.rows[spec.name]);
    }
  });
});

describe('demo boards referential integrity', () => {
  it('links progress reports to projects', () => {
    const projects = new Set(readRows('projects.csv').map((row) => row.project_id));
    for (const report of readRows('project_progress.csv')) expect(projects.has(report.project_id!), report.report_id).toBe(true);
  });

  it('registers poverty heads from persons.csv', () => {
    const persons = new Map(readRows('persons.csv').map((row) => [row.id_number!, row]));
    const households = readRows('poverty_households.csv');

    for (const household of households) {
      const head = persons.get(household.head_id_number!);
      expect(head, household.household_id).toBeDefined();
      expect(head!.name).toBe(household.head_name);
      expect(head!.relation).toBe('户主');
      expect(head!.household_id).toBe(household.household_id);
      expect(head!.village_code).toBe(household.village_code);
      expect(Number(household.household_size)).toBe([...persons.values()].filter((row) => row.household_id === household.household_id).length);
    }

    const ids = new Set(households.map((row) => row.household_id));
    for (const measure of readRows('poverty_measures.csv')) expect(ids.has(measure.household_id!), measure.measure_id).toBe(true);
  });

  it('sums fund allocations from payments.csv', () => {
    const villageOf = new Map(readRows('persons.csv').map((row) => [row.id_number!, row.village_code!]));
    const items = new Map(readRows('subsidy_items.csv').map((row) => [row.item_code!, row]));
    const expected = new Map<string, { fen: number; recipients: Set<string> }>();
    for (const payment of readRows('payments.csv')) {
      const item = items.get(payment.item_code!)!;
      const year = payment.period!.slice(0, 4);
      const batch = item.cadence === 'monthly' ? `${year}Q${Math.floor((Number(payment.period!.slice(5, 7)) - 1) / 3) + 1}` : year;
      const key = `FP-${payment.item_code}-${batch}-${villageOf.get(payment.id_number!)}`;
      const entry = expected.get(key) ?? { fen: 0, recipients: new Set<string>() };
      entry.fen += fen(payment.amount!);
      entry.recipients.add(payment.id_number!);
      expected.set(key, entry);
    }

    const allocations = readRows('fund_allocations.csv');
    expect(allocations).toHaveLength(expected.size);
    for (const allocation of allocations) {
      const entry = expected.get(allocation.allocation_id!);
      expect(entry, allocation.allocation_id).toBeDefined();
      expect(fen(allocation.total_amount!)).toBe(entry!.fen);
      expect(Number(allocation.recipient_count)).toBe(entry!.recipients.size);
      expect(allocation.recipient_unit).toBe(items.get(allocation.item_code!)!.unit === 'per_person' ? '人' : '户');
    }
  });

  it('links contracts to let or leased assets', () => {
    const assets = new Map(readRows('collective_assets.csv').map((row) => [row.asset_id!, row]));
    for (const contract of readRows('asset_contracts.csv')) {
      const asset = assets.get(contract.asset_id!);
      expect(asset, contract.contract_id).toBeDefined();
      expect(['出租', '发包']).toContain(asset!.status);
      expect(fen(contract.total_amount!) % fen(contract.annual_amount!)).toBe(0);
    }
  });

  it('numbers vouchers in date order', () => {
    const entries = readRows('finance_entries.csv');
    const byMonth = new Map<string, Row[]>();
    for (const entry of entries) {
      const key = `${entry.village_code}-${entry.period}`;
      byMonth.set(key, [...(byMonth.get(key) ?? []), entry]);
    }

    for (const [key, rows] of byMonth) {
      const dates = rows.map((row) => row.entry_date!);
      expect([...dates].sort(), key).toEqual(dates);
      expect(rows.map((row) => row.voucher_number)).toEqual(rows.map((_, index) => `记-${rows[0]!.period}-${String(index + 1).padStart(4, '0')}`));
    }
  });
});

describe('demo boards documents', () => {
  const referenced = new Set<string>();

  beforeAll(() => {
    const columns: [string, string][] = [
      ['project_progress.csv', 'photo_file'],
      ['notices.csv', 'body_file'],
      ['notice_attachments.csv', 'file_name'],
      ['complaint_outcomes.csv', 'text_file'],
      ['accountability_notices.csv', 'text_file'],
    ];
    for (const [file, column] of columns) {
      for (const row of readRows(file)) if (row[column]) referenced.add(row[column]);
    }
  });

  it('delivers every file a row names', () => {
    const present = new Set(readdirSync(documentsDir()));
    for (const name of referenced) expect(present.has(name), name).toBe(true);
  });

  it('delivers every image a body embeds', () => {
    const present = new Set(readdirSync(documentsDir()));
    let images = 0;
    for (const name of referenced) {
      if (!name.endsWith('.md')) continue;
      for (const match of readFileSync(path.join(documentsDir(), name), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        expect(present.has(match[1]!), `${name} embeds ${match[1]}`).toBe(true);
        images += 1;
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  it('writes valid PNG files', () => {
    const pngs = readdirSync(documentsDir()).filter((name) => name.endsWith('.png'));
    expect(pngs.some((name) => name.startsWith('cw-'))).toBe(true);
    expect(pngs.some((name) => name.startsWith('XM-'))).toBe(true);
    for (const name of pngs) {
      const bytes = readFileSync(path.join(documentsDir(), name));
      expect(bytes.subarray(0, 8).toString('hex'), name).toBe('89504e470d0a1a0a');
      expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(bytes.subarray(-8, -4).toString('latin1')).toBe('IEND');
    }
  });

  it('writes PDFs whose Chinese text poppler extracts', () => {
    const attachments = readRows('notice_attachments.csv');
    expect(attachments.length).toBeGreaterThan(0);

    for (const attachment of attachments.slice(0, 5)) {
      const file = path.join(documentsDir(), attachment.file_name!);
      const result = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.replace(/\s/g, '')).toContain(attachment.title!.replace(/^附件：/, '').replace(/\s/g, ''));
    }
  });

  it('writes PDFs that poppler renders with glyphs', () => {
    const attachment = readRows('notice_attachments.csv')[0]!;
    const file = path.join(documentsDir(), attachment.file_name!);
    const result = spawnSync('pdftoppm', ['-r', '30', '-gray', '-f', '1', '-l', '1', file], { maxBuffer: 16 * 1024 * 1024 });
    expect(result.status, result.stderr.toString()).toBe(0);

    // Binary PGM: "P5", width, height and the maximum value, each followed by whitespace.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(result.stdout.toString('latin1'));
    expect(header).not.toBeNull();
    const pixels = result.stdout.subarray(header![0].length);
    const dark = pixels.filter((value) => value < 128).length;
    expect(pixels.length).toBe(Number(header![1]) * Number(header![2]));
    expect(dark).toBeGreaterThan(100);
  });
});

describe('demo boards contents', () => {
  it('covers both counterparty kinds in every masked column', () => {
    const kinds = (file: string, column: string) => new Set(readRows(file).map((row) => row[column]).filter(Boolean));

    expect(kinds('projects.csv', 'award_supplier_kind')).toEqual(new Set(['organization', 'person']));
    expect(kinds('finance_entries.csv', 'counterparty_kind')).toEqual(new Set(['organization', 'person']));
    expect(kinds('finance_balances.csv', 'counterparty_kind')).toEqual(new Set(['organization', 'person']));
    expect(kinds('asset_contracts.csv', 'counterparty_kind')).toEqual(new Set(['organization', 'person']));
    expect(readRows('projects.csv').every((row) => row.contact_name !== '')).toBe(true);
    expect(readRows('accountability_notices.csv').every((row) => row.person_name !== '')).toBe(true);
  });

  it('names sanctioned officials only masked in texts', () => {
    for (const notice of readRows('accountability_notices.csv')) {
      const text = readFileSync(path.join(documentsDir(), notice.text_file!), 'utf8');
      expect(text, notice.notice_number).not.toContain(notice.person_name!);
    }
  });

  it('includes stalled, failed and accepted projects', () => {
    const stages = new Set(readRows('project_progress.csv').map((row) => row.stage));
    const results = countBy(readRows('projects.csv'), (row) => row.acceptance_result!);

    expect(stages).toEqual(new Set(['未开工', '在建', '停工', '完工', '已验收']));
    expect(results.get('合格')).toBeGreaterThan(results.get('不合格') ?? 0);
    expect(results.get('不合格')).toBeGreaterThan(0);
  });

  it('keeps progress and payments rising per project', () => {
    const byProject = new Map<string, Row[]>();
    for (const report of readRows('project_progress.csv')) byProject.set(report.project_id!, [...(byProject.get(report.project_id!) ?? []), report]);

    for (const [project, reports] of byProject) {
      const percents = reports.map((row) => Number(row.progress_percent));
      const paid = reports.map((row) => (row.amount_paid ? fen(row.amount_paid) : 0));
      expect([...percents].sort((a, b) => a - b), project).toEqual(percents);
      expect([...paid].sort((a, b) => a - b), project).toEqual(paid);
    }
  });

  it('flags two to five ledger entries per village and year', () => {
    const entries = readRows('finance_entries.csv');
    const flagged = entries.filter((row) => fen(row.amount!) > DEFAULT_FINANCE_FLAG_FEN);
    const perVillageYear = countBy(flagged, (row) => `${row.village_code}-${row.period!.slice(0, 4)}`);
    const villageYears = new Set(entries.map((row) => `${row.village_code}-${row.period!.slice(0, 4)}`));

    for (const row of flagged) expect(fen(row.amount!), row.entry_id).toBeGreaterThanOrEqual(LARGE_ENTRY_MIN_FEN);
    for (const key of villageYears) {
      expect(perVillageYear.get(key) ?? 0, key).toBeGreaterThanOrEqual(2);
      expect(perVillageYear.get(key) ?? 0, key).toBeLessThanOrEqual(5);
    }
  });

  it('stays within the small volumes', () => {
    const rows = summary.boards!.rows;
    const villages = summary.villages;

    // Small scale: 0.08 projects per village and year plus township projects, over 4 years.
    expect(rows['projects.csv']).toBeGreaterThan(40);
    expect(rows['projects.csv']).toBeLessThan(200);
    // About 48 ledger entries per village and year plus 2-5 large ones, over the last 2 years.
    expect(rows['finance_entries.csv']! / (villages * 2)).toBeGreaterThan(40);
    expect(rows['finance_entries.csv']! / (villages * 2)).toBeLessThan(60);
    // A few percent of households are registered for poverty alleviation.
    expect(rows['poverty_households.csv']! / HOUSEHOLDS).toBeGreaterThan(0.01);
    expect(rows['poverty_households.csv']! / HOUSEHOLDS).toBeLessThan(0.1);
    expect(rows['notices.csv']).toBeGreaterThan(300);
    expect(summary.boards!.documentBytes).toBeLessThan(3_000_000);
  });
});

describe('demo report progress', () => {
  it('covers every stage', () => {
    const stages = countBy(readRows('report_progress.csv'), (row) => row.stage!);

    for (const stage of CASE_STAGES) expect(stages.get(stage) ?? 0, stage).toBeGreaterThanOrEqual(3);
    expect([...stages.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(24);
  });

  it('numbers cases as kiosks do, within the range', () => {
    for (const row of readRows('report_progress.csv')) {
      const parsed = parseCaseNumber(row.case_number!);
      expect(parsed, row.case_number).toEqual({ ok: true, caseNumber: row.case_number });

      // YYMMDD of filing, on or before the stage date and within 2021-2024.
      const filedOn = `20${row.case_number!.slice(0, 2)}-${row.case_number!.slice(2, 4)}-${row.case_number!.slice(4, 6)}`;
      expect(filedOn >= '2021-01-01', row.case_number).toBe(true);
      expect(filedOn <= row.updated_on!, row.case_number).toBe(true);
      expect(row.updated_on! <= row.published_on!, row.case_number).toBe(true);
      expect(row.published_on! <= '2024-12-31', row.case_number).toBe(true);
    }
  });

  it('replies once a case is replied or closed', () => {
    for (const row of readRows('report_progress.csv')) {
      const answered = row.stage === 'replied' || row.stage === 'closed';
      expect(row.reply !== '', `${row.case_number} ${row.stage}`).toBe(answered);
    }
  });
});
