// A format-3 snapshot with rows on every disclosure board, built straight from SNAPSHOT_DDL for
// the board query and host tests. County 431226 has two townships; township 101 has villages
// 201 and 202, township 102 has village 201. All names, amounts and texts are made up.
import Database from 'better-sqlite3';
import type { LookupKeyParams } from '../../src-main/core/lookup-key.js';
import { META_KEYS, SNAPSHOT_DDL, SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';

export const COUNTY = '431226';
export const TOWNSHIP_A = '431226101';
export const TOWNSHIP_B = '431226102';
export const VILLAGE_A1 = '431226101201';
export const VILLAGE_A2 = '431226101202';
export const VILLAGE_B1 = '431226102201';
export const VILLAGES = [VILLAGE_A1, VILLAGE_A2, VILLAGE_B1] as const;

// A 1x1 PNG and a minimal PDF, so documents carry real bytes of their media type.
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface BoardSnapshotOptions {
  /** Ledger entries per village, spread over 2024 and 2025; 24 by default. */
  financeEntriesPerVillage?: number;
  /** Leave every board table empty, as a county that delivered only households. */
  emptyBoards?: boolean;
  version?: number;
}

/** Amount of ledger entry number `index` in fen: every seventh is above 10,000 yuan. */
export function financeAmountFen(index: number): number {
  return index % 7 === 0 ? 1_200_000 + index : 10_000 + (index % 100) * 1_000;
}

/** Month (1 to 12) and year of ledger entry number `index`. */
export function financePeriodOf(index: number): { year: number; month: number } {
  return { year: 2024 + (index % 2), month: (index % 12) + 1 };
}

function insertAll(db: Database.Database, table: string, rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
  for (const row of rows) statement.run(row);
}

function writeFinanceEntries(db: Database.Database, perVillage: number): void {
  const statement = db.prepare(
    `INSERT INTO finance_entries (entry_id, village_code, period, entry_date, direction, category, summary, amount_fen,
      voucher_number, approver_role, counterparty_name, counterparty_kind, department, published_on)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const village of VILLAGES) {
    for (let index = 0; index < perVillage; index += 1) {
      const { year, month } = financePeriodOf(index);
      const period = `${year}-${String(month).padStart(2, '0')}`;
      const day = String((index % 28) + 1).padStart(2, '0');
      const income = index % 3 === 0;
      const incomeCategory = index % 2 === 0 ? '补助收入' : '经营收入';
      const expenditureCategory = index % 2 === 0 ? '公益支出' : '管理费用';
      statement.run(
        `FE-${village}-${String(index).padStart(6, '0')}`,
        village,
        period,
        `${period}-${day}`,
        income ? '收入' : '支出',
        income ? incomeCategory : expenditureCategory,
        income ? '上级转移支付' : '村道维修材料款',
        financeAmountFen(index),
        `记-${String(index).padStart(5, '0')}`,
        '村务监督委员会主任',
        income ? null : '某建材有限公司',
        income ? null : 'organization',
        village === VILLAGE_B1 ? '三江乡农村经营管理站' : '城关镇农村经营管理站',
        index % 2 === 0 ? '2024-12-31' : '2025-06-30',
      );
    }
  }
}

/** Writes the snapshot file; returns nothing, the exported constants describe it. */
export function writeBoardSnapshot(file: string, options: BoardSnapshotOptions = {}): void {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.exec(SNAPSHOT_DDL);
  const params: LookupKeyParams = { algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '0f'.repeat(16) };

  db.transaction(() => {
    // 1. Meta and the region tree.
    const meta: Record<string, string> = {
      [META_KEYS.format]: String(SNAPSHOT_FORMAT),
      [META_KEYS.version]: String(options.version ?? 5),
      [META_KEYS.regionCode]: COUNTY,
      [META_KEYS.regionName]: '湖南省郴州市示例县',
      [META_KEYS.createdAt]: '2025-07-01T08:00:00Z',
      [META_KEYS.dataAsOf]: '2025-06-30',
      [META_KEYS.householdCount]: '0',
      [META_KEYS.lookupKey]: JSON.stringify(params),
    };
    insertAll(db, 'meta', Object.entries(meta).map(([key, value]) => ({ key, value })));
    insertAll(db, 'regions', [
      { code: '43', name: '湖南省', parent_code: null, level: 'province', initials: 'hns' },
      { code: COUNTY, name: '示例县', parent_code: null, level: 'county', initials: 'slx' },
      { code: TOWNSHIP_A, name: '城关镇', parent_code: COUNTY, level: 'township', initials: 'cgz' },
      { code: VILLAGE_A1, name: '张家坪村', parent_code: TOWNSHIP_A, level: 'village', initials: 'zjpc' },
      { code: VILLAGE_A2, name: '李家村', parent_code: TOWNSHIP_A, level: 'village', initials: 'ljc' },
      { code: TOWNSHIP_B, name: '三江乡', parent_code: COUNTY, level: 'township', initials: 'sjx' },
      { code: VILLAGE_B1, name: '石门村', parent_code: TOWNSHIP_B, level: 'village', initials: 'smc' },
    ]);
    insertAll(db, 'subsidy_items', [
      { item_code: 'A01', name: '耕地地力保护补贴', department: '县农业农村局', policy_basis: '《耕地地力保护补贴实施方案》' },
      { item_code: 'B02', name: '农村低保', department: '县民政局', policy_basis: '《社会救助暂行办法》' },
    ]);
    if (options.emptyBoards) return;

    // 2. Documents and every board table.
    insertAll(db, 'documents', [
      { name: 'N2-budget.pdf', media_type: 'application/pdf', bytes: PDF_BYTES },
      { name: 'P1-site.png', media_type: 'image/png', bytes: PNG_BYTES },
    ]);
    writeBoardRows(db);
    writeFinanceEntries(db, options.financeEntriesPerVillage ?? 24);
  })();
  db.close();
}

function project(id: string, region: string, year: number, start: string, extra: Record<string, unknown> = {}) {
  return {
    project_id: id, name: `${id} 村道硬化工程`, region_code: region, category: id === 'P3' ? '农村饮水' : '道路交通', year,
    funding_source: '衔接推进乡村振兴补助资金', funding_amount_fen: 50_000_000, planning_budget_amount_fen: 60_000_000,
    tender_procurement_method_details: null, tender_period_start_date: null, tender_number_of_tenderers: null,
    award_date: null, award_supplier_name: null, award_supplier_kind: null, award_value_amount_fen: null,
    contract_date_signed: null, contract_value_amount_fen: null, contract_period_start_date: null,
    contract_period_end_date: null, quality_standard: null, planned_start_date: start, planned_end_date: `${year}-12-31`,
    acceptance_result: null, acceptance_date: null, responsible_unit: '县交通运输局', contact_name: '王*',
    department: '县乡村振兴局', published_on: `${year}-03-01`, ...extra,
  };
}

function writeBoardRows(db: Database.Database): void {
  insertAll(db, 'projects', [
    project('P1', VILLAGE_A1, 2024, '2024-04-01', {
      tender_procurement_method_details: '公开招标', tender_period_start_date: '2024-02-01', tender_number_of_tenderers: 5,
      award_date: '2024-03-01', award_supplier_name: '湖南某路桥建设有限公司', award_supplier_kind: 'organization',
      award_value_amount_fen: 58_000_000, contract_date_signed: '2024-03-10', contract_value_amount_fen: 58_000_000,
      contract_period_start_date: '2024-04-01', contract_period_end_date: '2024-12-31', quality_standard: '合格',
      acceptance_result: '合格', acceptance_date: '2025-01-10',
    }),
    project('P2', TOWNSHIP_A, 2025, '2025-05-01'),
    project('P3', VILLAGE_B1, 2025, '2025-03-01'),
  ]);
  insertAll(db, 'project_progress', [
    { report_id: 'P1-R2', project_id: 'P1', report_date: '2024-12-20', stage: '完工', progress_percent: 100, amount_paid_fen: 40_000_000, description: '路面完工', photo_file: 'P1-site.png', department: '县乡村振兴局', published_on: '2024-12-25' },
    { report_id: 'P1-R1', project_id: 'P1', report_date: '2024-06-30', stage: '在建', progress_percent: 40, amount_paid_fen: null, description: '路基施工', photo_file: null, department: '县乡村振兴局', published_on: '2024-07-05' },
  ]);

  const allocation = (id: string, item: string, year: number, village: string, on: string) => ({
    allocation_id: id, item_code: item, batch: `${year}年第一批`, year, village_code: village, allocation_method: '按户定额',
    policy_basis: '《资金分配办法》', recipient_count: 12, recipient_unit: '户', total_amount_fen: 1_234_500, allocated_on: on,
    department: '县财政局', published_on: on,
  });
  insertAll(db, 'fund_allocations', [
    allocation('F1', 'A01', 2024, VILLAGE_A1, '2024-05-10'),
    allocation('F2', 'B02', 2025, VILLAGE_A2, '2025-04-02'),
    allocation('F3', 'A01', 2025, VILLAGE_B1, '2025-04-03'),
  ]);

  insertAll(db, 'poverty_households', [
    { household_id: 'PH1', head_person_key: 'a'.repeat(64), head_name: '张*丰', village_code: VILLAGE_A1, household_size: 4, registered_year: 2016, poverty_cause: '因病', exit_year: 2019, monitoring_status: '脱贫不稳定户', department: '县乡村振兴局', published_on: '2025-03-01' },
    { household_id: 'PH2', head_person_key: 'b'.repeat(64), head_name: '李*', village_code: VILLAGE_B1, household_size: 2, registered_year: 2018, poverty_cause: null, exit_year: null, monitoring_status: '未纳入监测', department: '县乡村振兴局', published_on: '2025-03-01' },
  ]);
  insertAll(db, 'poverty_measures', [
    { measure_id: 'M1', household_id: 'PH1', year: 2023, measure_type: '健康帮扶', description: '家庭医生签约', amount_fen: null, implemented_on: '2023-03-01', department: '县卫健局', published_on: '2025-03-01' },
    { measure_id: 'M2', household_id: 'PH1', year: 2024, measure_type: '产业帮扶', description: '发放鸡苗', amount_fen: 150_000, implemented_on: '2024-04-01', department: '县农业农村局', published_on: '2025-03-01' },
  ]);

  insertAll(db, 'finance_balances', VILLAGES.map((village, index) => ({
    balance_id: `B${index + 1}`, village_code: village, as_of: '2025-06-30', balance_type: index === 1 ? '债务' : '债权',
    counterparty_name: '某农业合作社', counterparty_kind: 'organization', amount_fen: 500_000 + index, arose_on: null,
    reason: '土地租金未付', department: '城关镇农村经营管理站', published_on: '2025-07-01',
  })));
  insertAll(db, 'collective_assets', [
    { asset_id: 'A1', village_code: VILLAGE_A1, name: '村部办公楼', asset_class: '非经营性资产', category: '房屋', quantity: '420.50', quantity_unit: '平方米', book_value_fen: 80_000_000, acquired_on: '2012-08-01', status: '自营', department: '城关镇农村经营管理站', published_on: '2025-07-01' },
    { asset_id: 'A2', village_code: VILLAGE_A1, name: '后山林地', asset_class: '资源性资产', category: '林地', quantity: '120', quantity_unit: '亩', book_value_fen: null, acquired_on: null, status: '发包', department: '城关镇农村经营管理站', published_on: '2025-07-01' },
  ]);
  insertAll(db, 'asset_contracts', [
    { contract_id: 'C-A2-1', asset_id: 'A2', contract_type: '承包', counterparty_name: '王*', counterparty_kind: 'person', signed_on: '2020-01-05', start_date: '2020-02-01', end_date: '2030-01-31', annual_amount_fen: 600_000, total_amount_fen: 6_000_000, payment_terms: '每年一月支付', approval: '村民代表会议通过', department: '城关镇农村经营管理站', published_on: '2025-07-01' },
  ]);

  insertAll(db, 'notices', [
    { notice_id: 'N1', region_code: TOWNSHIP_A, board: '党务公开', category: '组织建设', title: '城关镇党委关于发展党员的公示', issuer: '中共城关镇委员会', issued_on: '2025-05-20', body_format: 'text', body: '公示内容。' },
    { notice_id: 'N2', region_code: VILLAGE_A1, board: '村务公开', category: '财务公开', title: '张家坪村二〇二五年预算', issuer: '张家坪村村民委员会', issued_on: '2025-06-01', body_format: 'markdown', body: '# 预算\n\n![现场](P1-site.png)' },
    { notice_id: 'N3', region_code: TOWNSHIP_B, board: '政务公开', category: null, title: '三江乡政务公开目录', issuer: '三江乡人民政府', issued_on: '2025-04-01', body_format: 'text', body: '目录。' },
    { notice_id: 'N4', region_code: VILLAGE_A2, board: '村务公开', category: '财务公开', title: '李家村一季度收支', issuer: '李家村村民委员会', issued_on: '2025-04-15', body_format: 'text', body: '收支。' },
  ]);
  insertAll(db, 'notice_attachments', [{ notice_id: 'N2', file_name: 'N2-budget.pdf', title: '预算表' }]);

  const complaint = (id: string, region: string, replied: string, outcome: string) => ({
    case_number: id, category: '低保', region_code: region, received_on: '2025-01-02', outcome,
    outcome_summary: `${id} 经核查已整改`, replied_on: replied, text_format: id === 'C2' ? 'markdown' : null,
    text: id === 'C2' ? '**已整改**' : null, department: '县纪委监委', published_on: replied,
  });
  insertAll(db, 'complaint_outcomes', [
    complaint('C1', COUNTY, '2025-02-01', '属实'),
    complaint('C2', VILLAGE_A1, '2025-03-01', '部分属实'),
    complaint('C3', TOWNSHIP_B, '2025-04-01', '不属实'),
  ]);

  const accountability = (id: string, region: string, on: string) => ({
    notice_number: id, region_code: region, title: `${id} 关于违规发放补贴问题的通报`, issuer: '县纪委监委', published_on: on,
    category: '侵害群众利益', person_name: '赵*', person_position: '村会计', sanction: '党内警告', text_format: 'text', text: '通报全文。',
  });
  insertAll(db, 'accountability_notices', [
    accountability('AN1', COUNTY, '2025-01-15'),
    accountability('AN2', TOWNSHIP_A, '2025-02-15'),
    accountability('AN3', VILLAGE_B1, '2025-03-15'),
  ]);
}
