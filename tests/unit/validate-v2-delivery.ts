// A small valid delivery of all 14 version 2 files and their documents, on top of the version 1
// sample files, for the version 2 validation tests. Rows are objects by column, so a test changes
// one cell and can tell the line it lands on: row i of a file is on line i + 2.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileSpecV2 } from '../../src-main/publisher/standard-v2/column-spec.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { makeIdNumber, writeSampleDataset } from '../helpers/publisher-data.js';

export type Row = Record<string, string>;
export type Rows = Record<string, Row[]>;

/** The instant the tests validate at: 2025-06-01 in China. */
export const NOW = new Date('2025-06-01T04:00:00Z');

export const HEAD_ID_NUMBER = makeIdNumber('431226', '19650312', 11);
export const VILLAGE = '431226101201';
export const TOWNSHIP = '431226101';
export const COUNTY = '431226';

const SOURCE = { department: '县乡村振兴局', published_on: '2025-05-01' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const PDF = Buffer.from('%PDF-1.4\n%generated for a test\n%%EOF\n');

/** Returns fresh rows of every version 2 file; every row is valid. */
export function validRows(): Rows {
  return {
    'projects.csv': [
      {
        project_id: 'XM-001',
        name: '岩门村通组公路硬化',
        region_code: VILLAGE,
        category: '道路交通',
        year: '2024',
        funding_source: '中央财政衔接推进乡村振兴补助资金',
        funding_amount: '500000',
        planning_budget_amount: '520,000.50',
        tender_procurement_method_details: '公开招标',
        tender_period_start_date: '2024-03-01',
        tender_number_of_tenderers: '5',
        award_date: '2024-03-20',
        award_supplier_name: '王建国',
        award_supplier_kind: 'person',
        award_value_amount: '498000',
        contract_date_signed: '2024-03-25',
        contract_value_amount: '498000.00',
        contract_period_start_date: '2024-04-01',
        contract_period_end_date: '2025-12-31',
        quality_standard: '达到《公路工程质量检验评定标准》合格等级',
        planned_start_date: '2024-04-01',
        planned_end_date: '2025-10-31',
        acceptance_result: '',
        acceptance_date: '',
        responsible_unit: '锦和镇人民政府',
        contact_name: '李明华',
        ...SOURCE,
      },
      {
        project_id: 'XM-002',
        name: '锦和镇集镇污水管网',
        region_code: TOWNSHIP,
        category: '人居环境',
        year: '2023',
        funding_source: '县级财政',
        funding_amount: '80000',
        planning_budget_amount: '80000',
        tender_procurement_method_details: '',
        tender_period_start_date: '',
        tender_number_of_tenderers: '',
        award_date: '2023-05-02',
        award_supplier_name: '麻阳锦江建设有限公司',
        award_supplier_kind: 'organization',
        award_value_amount: '79000',
        contract_date_signed: '',
        contract_value_amount: '',
        contract_period_start_date: '',
        contract_period_end_date: '',
        quality_standard: '',
        planned_start_date: '2023-06-01',
        planned_end_date: '2023-12-31',
        acceptance_result: '合格',
        acceptance_date: '2024-01-15',
        responsible_unit: '锦和镇人民政府',
        contact_name: '',
        ...SOURCE,
      },
    ],
    'project_progress.csv': [
      {
        report_id: 'JD-001',
        project_id: 'XM-001',
        report_date: '2024-06-30',
        stage: '在建',
        progress_percent: '40',
        amount_paid: '200000',
        description: '路基完成',
        photo_file: 'xm-001-1.jpg',
        ...SOURCE,
      },
      {
        report_id: 'JD-002',
        project_id: 'XM-001',
        report_date: '2024-12-31',
        stage: '在建',
        progress_percent: '80',
        amount_paid: '',
        description: '路面浇筑完成八成',
        photo_file: '',
        ...SOURCE,
      },
    ],
    'fund_allocations.csv': [
      {
        allocation_id: 'FP-001',
        item_code: 'GDDL',
        batch: '2025年第一批',
        year: '2025',
        village_code: VILLAGE,
        allocation_method: '按确权面积每亩105元',
        policy_basis: '《关于全面推开农业“三项补贴”改革工作的通知》',
        recipient_count: '120',
        recipient_unit: '户',
        total_amount: '12600.00',
        allocated_on: '2025-03-10',
        department: '县农业农村局',
        published_on: '2025-03-15',
      },
    ],
    'poverty_households.csv': [
      {
        household_id: 'PH-001',
        head_id_number: HEAD_ID_NUMBER,
        head_name: '张三丰',
        village_code: VILLAGE,
        household_size: '4',
        registered_year: '2015',
        poverty_cause: '因病',
        exit_year: '2019',
        monitoring_status: '未纳入监测',
        ...SOURCE,
      },
    ],
    'poverty_measures.csv': [
      {
        measure_id: 'CS-001',
        household_id: 'PH-001',
        year: '2018',
        measure_type: '产业帮扶',
        description: '发放油茶苗 200 株',
        amount: '3000',
        implemented_on: '2018-04-02',
        ...SOURCE,
      },
    ],
    'finance_entries.csv': [
      {
        entry_id: 'CW-001',
        village_code: VILLAGE,
        period: '2025-03',
        entry_date: '2025-03-12',
        direction: '收入',
        category: '发包及上交收入',
        summary: '鱼塘承包费',
        amount: '6000',
        voucher_number: '记-003',
        approver_role: '村委会主任',
        counterparty_name: '刘大海',
        counterparty_kind: 'person',
        department: '锦和镇农村经营管理站',
        published_on: '2025-04-05',
      },
      {
        entry_id: 'CW-002',
        village_code: VILLAGE,
        period: '2025-03',
        entry_date: '2025-03-20',
        direction: '支出',
        category: '公益支出',
        summary: '购买路灯',
        amount: '1,580.40',
        voucher_number: '记-007',
        approver_role: '村委会主任',
        counterparty_name: '麻阳光明电器有限公司',
        counterparty_kind: 'organization',
        department: '锦和镇农村经营管理站',
        published_on: '2025-04-05',
      },
    ],
    'finance_balances.csv': [
      {
        balance_id: 'ZW-001',
        village_code: VILLAGE,
        as_of: '2025-03-31',
        balance_type: '债务',
        counterparty_name: '赵六',
        counterparty_kind: 'person',
        amount: '15000',
        arose_on: '2023-08-01',
        reason: '借款修路',
        ...SOURCE,
      },
    ],
    'collective_assets.csv': [
      {
        asset_id: 'ZC-001',
        village_code: VILLAGE,
        name: '村部鱼塘',
        asset_class: '资源性资产',
        category: '水面',
        quantity: '12.50',
        quantity_unit: '亩',
        book_value: '80000',
        acquired_on: '2008-05-01',
        status: '发包',
        ...SOURCE,
      },
    ],
    'asset_contracts.csv': [
      {
        contract_id: 'HT-001',
        asset_id: 'ZC-001',
        contract_type: '承包',
        counterparty_name: '刘大海',
        counterparty_kind: 'person',
        signed_on: '2023-01-05',
        start_date: '2023-02-01',
        end_date: '2028-01-31',
        annual_amount: '6000',
        total_amount: '30000',
        payment_terms: '每年一月底前付清当年承包费',
        approval: '村民代表会议表决通过',
        ...SOURCE,
      },
    ],
    'notices.csv': [
      {
        notice_id: 'GG-001',
        region_code: VILLAGE,
        board: '村务公开',
        category: '财务公开',
        title: '2025年第一季度村级财务公开',
        issuer: '岩门村村务监督委员会',
        issued_on: '2025-04-10',
        body_file: 'gg-001.md',
      },
      {
        notice_id: 'GG-002',
        region_code: TOWNSHIP,
        board: '政务公开',
        category: '',
        title: '关于开展春季防火的通知',
        issuer: '锦和镇人民政府',
        issued_on: '2025-02-01',
        body_file: 'gg-002.txt',
      },
    ],
    'notice_attachments.csv': [{ notice_id: 'GG-001', file_name: 'gg-001-fj.pdf', title: '收支明细表' }],
    'complaint_outcomes.csv': [
      {
        case_number: 'TS-2025-001',
        category: '低保评定',
        region_code: VILLAGE,
        received_on: '2025-02-10',
        outcome: '部分属实',
        outcome_summary: '已责令村委会重新评议',
        replied_on: '2025-03-05',
        text_file: 'ts-001.md',
        department: '县纪委监委',
        published_on: '2025-03-10',
      },
      {
        case_number: 'TS-2025-002',
        category: '工程质量',
        region_code: COUNTY,
        received_on: '2025-03-01',
        outcome: '不属实',
        outcome_summary: '经核查，工程质量合格',
        replied_on: '2025-03-20',
        text_file: '',
        department: '县纪委监委',
        published_on: '2025-03-25',
      },
    ],
    'accountability_notices.csv': [
      {
        notice_number: '麻纪通〔2025〕3号',
        region_code: COUNTY,
        title: '关于违规发放补贴问题的通报',
        issuer: '中共麻阳苗族自治县纪律检查委员会',
        published_on: '2025-04-01',
        category: '违规发放补贴',
        person_name: '孙七',
        person_position: '某村会计',
        sanction: '党内警告',
        text_file: 'wz-001.txt',
      },
    ],
    'report_progress.csv': [
      { case_number: '25021012345671', stage: 'received', updated_on: '2025-02-10', reply: '', department: '县纪委监委', published_on: '2025-05-01' },
      { case_number: '2503 0276 5432 10', stage: 'investigating', updated_on: '2025-03-03', reply: '', department: '县纪委监委', published_on: '2025-05-01' },
      {
        case_number: '25041500000018',
        stage: 'replied',
        updated_on: '2025-04-28',
        reply: '经核查，该户2024年耕地地力保护补贴少发120元，已于4月25日补发到位。',
        department: '县纪委监委',
        published_on: '2025-05-01',
      },
      {
        case_number: '25050580808083',
        stage: 'closed',
        updated_on: '2025-05-20',
        reply: '经核查，反映的问题不属实，已当面答复。',
        department: '县纪委监委',
        published_on: '2025-05-25',
      },
    ],
  };
}

/** Returns fresh contents of the documents/ folder that validRows names. */
export function validDocuments(): Record<string, string | Buffer> {
  return {
    'gg-001.md': '# 2025年第一季度村级财务公开\n\n收入 6,000.00 元，支出 1,580.40 元。\n\n![鱼塘现场](xm-001-2.png)\n',
    'gg-002.txt': '各村：\r\n春季防火期间禁止野外用火。\r\n',
    'gg-001-fj.pdf': PDF,
    'xm-001-1.jpg': JPEG,
    'xm-001-2.png': PNG,
    'ts-001.md': '经调查，反映的问题**部分属实**。',
    'wz-001.txt': '\uFEFF某村会计孙七违规发放补贴，给予党内警告处分。',
  };
}

/** Quotes a CSV field that contains a comma, a quote or a line break. */
function quoteField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the rows of one file as CSV text with the spec's header. */
export function csvText(spec: FileSpecV2, rows: Row[]): string {
  const header = spec.columns.map((column) => column.name);
  const lines = rows.map((row) => header.map((name) => quoteField(row[name] ?? '')).join(','));
  return [header.join(','), ...lines].join('\n') + '\n';
}

/**
 * Writes the version 1 sample files, the given version 2 files (absent ones are not written) and
 * the documents/ folder (none when `documents` is null) into `dir`.
 */
export function writeDelivery(dir: string, rows: Partial<Rows> = validRows(), documents: Record<string, string | Buffer> | null = validDocuments()): void {
  writeSampleDataset(dir);
  for (const spec of V2_FILE_SPECS) {
    const fileRows = rows[spec.name];
    if (fileRows !== undefined) writeFileSync(path.join(dir, spec.name), csvText(spec, fileRows));
  }
  if (documents === null) return;

  mkdirSync(path.join(dir, 'documents'), { recursive: true });
  for (const [name, content] of Object.entries(documents)) writeFileSync(path.join(dir, 'documents', name), content);
}
