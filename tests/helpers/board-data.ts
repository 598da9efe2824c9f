// Small disclosure-board deliveries (data standard version 2) on the sample county of
// publisher-data.ts: every board table with a few rows, in two forms. `sampleBoards` is the
// validated form the snapshot builder takes; `writeSampleBoardFiles` writes the CSV files and
// documents/ folder a county would deliver. All names, ID numbers and texts are made up.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ColumnSpec } from '../../src-main/publisher/standard-v2/column-spec.js';
import type { CellValue, DatasetV2, TableRow } from '../../src-main/publisher/standard-v2/dataset.js';
import { DOCUMENTS_FOLDER, V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { makeIdNumber, SAMPLE_PERSONS } from './publisher-data.js';

export const TOWNSHIP = '431226101';
export const VILLAGE = '431226101201';
export const OTHER_VILLAGE = '431226101202';

/** A poverty household head who is in persons.csv, and one who is not. */
export const HEAD_IN_PERSONS = SAMPLE_PERSONS[3]!.idNumber;
export const HEAD_NOT_IN_PERSONS = makeIdNumber('431226', '19580909', 77);

// A 1x1 grey PNG and a one-page PDF: real formats, so a viewer could open them.
export const PHOTO_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

export const NOTICE_BODY = '# 2024年村级公益事业项目公示\n\n村民代表会议通过，修建村道 1.2 公里。';
export const NOTICE_BODY_CHANGED = '# 2024年村级公益事业项目公示（更正）\n\n村民代表会议通过，修建村道 1.5 公里。';
export const ACCOUNTABILITY_TEXT = '经查，某村会计在低保资金发放中把关不严，给予诫勉谈话。';
/** Case numbers of report_progress (valid by Luhn), and one no row carries. */
export const CASE_REPLIED = '24050831415929';
export const CASE_INVESTIGATING = '24052065358973';
export const CASE_NOT_PUBLISHED = '24051393238469';
export const CASE_REPLY = '经核查，该户2023年度低保金少发2个月，已于5月28日补发。';
export const COMPLAINT_TEXT = '经核实，该户低保金已于2024年5月补发到位。';

const SOURCE = { department: '县农业农村局', published_on: '2024-06-01' };

/** Writes the documents of the sample into `documentsDir` and returns the validated boards. */
export function sampleBoards(documentsDir: string, options: { noticeBody?: string; withoutProject?: string } = {}): DatasetV2 {
  mkdirSync(documentsDir, { recursive: true });
  writeFileSync(path.join(documentsDir, 'road-2024-06.png'), PHOTO_BYTES);
  writeFileSync(path.join(documentsDir, 'notice-1-budget.pdf'), PDF_BYTES);

  const projects: TableRow[] = [
    project('PRJ-2024-002', '岩门村饮水安全巩固提升工程', VILLAGE, '农村饮水', 32_000_000),
    project('PRJ-2024-001', '锦和镇岩门村通组公路硬化', VILLAGE, '道路交通', 85_000_000),
    project('PRJ-2024-003', '楠木村村人居环境整治', OTHER_VILLAGE, '人居环境', 12_000_000),
  ].filter((row) => row.project_id !== options.withoutProject);

  const progress: TableRow[] = [
    {
      report_id: 'RPT-002', project_id: 'PRJ-2024-001', report_date: '2024-06-15', stage: '在建', progress_percent: 60,
      amount_paid_fen: 40_000_000, description: '路基完成，开始铺设水泥路面', photo_file: 'road-2024-06.png', ...SOURCE,
    },
    {
      report_id: 'RPT-001', project_id: 'PRJ-2024-001', report_date: '2024-05-10', stage: '在建', progress_percent: 20,
      amount_paid_fen: null, description: '开工', photo_file: null, ...SOURCE,
    },
  ];

  const povertyHouseholds: TableRow[] = [
    {
      household_id: 'PH-002', head_id_number: HEAD_NOT_IN_PERSONS, head_name: '王*华', village_code: VILLAGE, household_size: 3,
      registered_year: 2014, poverty_cause: '因病', exit_year: 2019, monitoring_status: '脱贫不稳定户', ...SOURCE,
    },
    {
      household_id: 'PH-001', head_id_number: HEAD_IN_PERSONS, head_name: '欧*娜', village_code: OTHER_VILLAGE, household_size: 1,
      registered_year: 2015, poverty_cause: null, exit_year: null, monitoring_status: '未纳入监测', ...SOURCE,
    },
  ];

  const tables = new Map<string, readonly TableRow[]>([
    ['projects', projects],
    ['project_progress', options.withoutProject === 'PRJ-2024-001' ? [] : progress],
    ['fund_allocations', [
      {
        allocation_id: 'FA-2024-01', item_code: 'NCDB', batch: '2024年第二季度', year: 2024, village_code: VILLAGE,
        allocation_method: '按保障人数核定', policy_basis: '《社会救助暂行办法》', recipient_count: 12, recipient_unit: '人',
        total_amount_fen: 1_296_000, allocated_on: '2024-04-02', ...SOURCE,
      },
    ]],
    ['poverty_households', povertyHouseholds],
    ['poverty_measures', [
      {
        measure_id: 'PM-001', household_id: 'PH-002', year: 2024, measure_type: '产业帮扶', description: '发放油茶苗 200 株',
        amount_fen: 60_000, implemented_on: '2024-03-20', ...SOURCE,
      },
    ]],
    ['finance_entries', [
      {
        entry_id: 'FE-0002', village_code: VILLAGE, period: '2024-05', entry_date: '2024-05-21', direction: '支出', category: '公益支出',
        summary: '购买路灯', amount_fen: 1_250_000, voucher_number: '记-05-014', approver_role: '村党支部书记',
        counterparty_name: '麻阳县光明灯具店', counterparty_kind: 'organization', ...SOURCE,
      },
      {
        entry_id: 'FE-0001', village_code: VILLAGE, period: '2024-05', entry_date: '2024-05-03', direction: '收入', category: '补助收入',
        summary: '上级转移支付', amount_fen: 5_000_000, voucher_number: '记-05-001', approver_role: '村委会主任',
        counterparty_name: null, counterparty_kind: null, ...SOURCE,
      },
    ]],
    ['finance_balances', [
      {
        balance_id: 'FB-001', village_code: VILLAGE, as_of: '2024-05-31', balance_type: '债务', counterparty_name: '张*丰',
        counterparty_kind: 'person', amount_fen: 300_000, arose_on: '2023-11-02', reason: '垫付修路材料款', ...SOURCE,
      },
    ]],
    ['collective_assets', [
      {
        asset_id: 'CA-001', village_code: VILLAGE, name: '村集体林地', asset_class: '资源性资产', category: '林地', quantity: '120.5',
        quantity_unit: '亩', book_value_fen: null, acquired_on: null, status: '发包', ...SOURCE,
      },
    ]],
    ['asset_contracts', [
      {
        contract_id: 'AC-001', asset_id: 'CA-001', contract_type: '承包', counterparty_name: '李*', counterparty_kind: 'person',
        signed_on: '2022-01-10', start_date: '2022-01-10', end_date: '2031-12-31', annual_amount_fen: 600_000,
        total_amount_fen: 6_000_000, payment_terms: '每年1月底前缴清', approval: '村民代表会议表决通过', ...SOURCE,
      },
    ]],
    ['notices', [
      {
        notice_id: 'N-2024-001', region_code: VILLAGE, board: '村务公开', category: '项目公示', title: '2024年村级公益事业项目公示',
        issuer: '岩门村村民委员会', issued_on: '2024-05-30', body_format: 'markdown', body: options.noticeBody ?? NOTICE_BODY,
      },
      {
        notice_id: 'N-2024-000', region_code: TOWNSHIP, board: '政务公开', category: null, title: '锦和镇2024年防汛工作安排',
        issuer: '锦和镇人民政府', issued_on: '2024-04-12', body_format: 'text', body: '各村做好防汛值班。',
      },
    ]],
    ['notice_attachments', [{ notice_id: 'N-2024-001', file_name: 'notice-1-budget.pdf', title: '项目预算表' }]],
    ['complaint_outcomes', [
      {
        case_number: 'TS-2024-0031', category: '低保', region_code: VILLAGE, received_on: '2024-05-06', outcome: '属实',
        outcome_summary: '已补发', replied_on: '2024-05-28', text_format: 'text', text: COMPLAINT_TEXT, ...SOURCE,
      },
    ]],
    ['accountability_notices', [
      {
        notice_number: 'WZ-2024-05', region_code: '431226', title: '关于3起民生领域问题的通报', issuer: '中共麻阳苗族自治县纪律检查委员会',
        published_on: '2024-06-03', category: '民生资金', person_name: '杨*', person_position: '某村会计', sanction: '诫勉谈话',
        text_format: 'text', text: ACCOUNTABILITY_TEXT,
      },
    ]],
    ['report_progress', [
      { case_number: CASE_REPLIED, stage: 'replied', updated_on: '2024-05-30', reply: CASE_REPLY, department: '县纪委监委', published_on: '2024-06-01' },
      { case_number: CASE_INVESTIGATING, stage: 'investigating', updated_on: '2024-05-27', reply: null, department: '县纪委监委', published_on: '2024-06-01' },
    ]],
  ]);

  return {
    tables,
    documents: [
      { name: 'road-2024-06.png', mediaType: 'image/png', path: path.join(documentsDir, 'road-2024-06.png') },
      { name: 'notice-1-budget.pdf', mediaType: 'application/pdf', path: path.join(documentsDir, 'notice-1-budget.pdf') },
    ],
  };
}

function project(projectId: string, name: string, regionCode: string, category: string, amountFen: number): TableRow {
  return {
    project_id: projectId, name, region_code: regionCode, category, year: 2024, funding_source: '中央财政衔接推进乡村振兴补助资金',
    funding_amount_fen: amountFen, planning_budget_amount_fen: amountFen, tender_procurement_method_details: '公开招标',
    tender_period_start_date: '2024-03-01', tender_number_of_tenderers: 4, award_date: '2024-03-20',
    award_supplier_name: '怀化市路桥建设有限公司', award_supplier_kind: 'organization', award_value_amount_fen: amountFen - 1_000_000,
    contract_date_signed: '2024-03-25', contract_value_amount_fen: amountFen - 1_000_000, contract_period_start_date: '2024-04-01',
    contract_period_end_date: '2024-10-31', quality_standard: '合格', planned_start_date: '2024-04-01', planned_end_date: '2024-10-31',
    acceptance_result: null, acceptance_date: null, responsible_unit: '锦和镇人民政府', contact_name: '向*', ...SOURCE,
  };
}

// Validation masks names, so the CSV carries a full name that masks back to the sample's: the
// masked characters become 小 (王*华 -> 王小华 -> 王*华).
function unmask(value: CellValue): CellValue {
  return typeof value === 'string' ? value.replaceAll('*', '小') : value;
}

function yuan(fen: CellValue): string {
  return typeof fen === 'number' ? (fen / 100).toFixed(2) : '';
}

function quoteCell(value: CellValue): string {
  if (value === null) return '';
  return `"${String(value).replaceAll('"', '""')}"`;
}

/** Writes the text of a notice body, complaint reply or accountability notice and returns its file name. */
function writeTextFile(documentsDir: string, name: string, format: CellValue, text: CellValue): string | null {
  if (typeof text !== 'string') return null;
  const fileName = `${name}${format === 'markdown' ? '.md' : '.txt'}`;
  writeFileSync(path.join(documentsDir, fileName), text);
  return fileName;
}

/** Returns a CSV cell of `column` from the snapshot form of the row. */
function csvCell(column: ColumnSpec, row: TableRow, documentsDir: string): CellValue {
  if (column.type === 'money') return yuan(row[`${column.name}_fen`] ?? null);
  if (column.personal?.masking === 'mask_name') return unmask(row[column.name] ?? null);
  if (column.name === 'body_file') return writeTextFile(documentsDir, `notice-${String(row.notice_id)}`, row.body_format ?? null, row.body ?? null);
  if (column.name === 'text_file') {
    const id = String(row.case_number ?? row.notice_number);
    return writeTextFile(documentsDir, `text-${id}`, row.text_format ?? null, row.text ?? null);
  }
  return row[column.name] ?? null;
}

/**
 * Writes the sample boards as a county delivers them into `dataDir`: one CSV file per version 2
 * file (money in yuan, full names) and documents/ with the photos, PDFs and text files.
 */
export function writeSampleBoardFiles(dataDir: string, options: Parameters<typeof sampleBoards>[1] = {}): DatasetV2 {
  const documentsDir = path.join(dataDir, DOCUMENTS_FOLDER);
  const boards = sampleBoards(documentsDir, options);

  for (const spec of V2_FILE_SPECS) {
    const rows = boards.tables.get(spec.name.replace(/\.csv$/, '')) ?? [];
    const lines = [spec.columns.map((column) => column.name).join(',')];
    for (const row of rows) lines.push(spec.columns.map((column) => quoteCell(csvCell(column, row, documentsDir))).join(','));
    writeFileSync(path.join(dataDir, spec.name), `${lines.join('\n')}\n`);
  }
  return boards;
}
