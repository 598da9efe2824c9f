// Livelihood projects (民生项目) and their progress reports. Tender, award and contract columns
// are named after the Open Contracting Data Standard 1.1 field they map to, in snake_case, so a
// county can later export the same rows as OCDS releases.
import { COUNTERPARTY_KINDS, SOURCE_COLUMNS } from './column-spec.js';
import type { FileSpecV2 } from './column-spec.js';

export const PROJECT_CATEGORIES = [
  '道路交通',
  '农村饮水',
  '农田水利',
  '住房安全',
  '产业发展',
  '人居环境',
  '教育',
  '医疗卫生',
  '养老服务',
  '其他',
] as const;

/**
 * Chinese procurement procedures (采购方式) accepted in tender_procurement_method_details, with
 * the code of the OCDS 1.1 closed codelist `method` (open, selective, limited, direct) that
 * tender.procurementMethod receives. The OCDS definitions decide the mapping: "limited" is a bid
 * by suppliers the buyer chose, "direct" a single supplier the buyer chose. No Chinese procedure
 * here prequalifies every supplier, so "selective" is not used.
 */
export const PROCUREMENT_METHODS: Readonly<Record<string, 'open' | 'selective' | 'limited' | 'direct'>> = {
  公开招标: 'open',
  邀请招标: 'limited',
  竞争性谈判: 'limited',
  竞争性磋商: 'limited',
  询价: 'limited',
  单一来源: 'direct',
};

export const PROJECT_STAGES = ['未开工', '在建', '停工', '完工', '已验收'] as const;
export const ACCEPTANCE_RESULTS = ['合格', '不合格'] as const;

export const PROJECTS_FILE: FileSpecV2 = {
  name: 'projects.csv',
  titleZh: '民生项目',
  columns: [
    { name: 'project_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'name', type: 'text', required: true, maxLength: 100, ocds: 'planning.budget.project' },
    { name: 'region_code', type: 'region_code', required: true, regionLevels: ['township', 'village'] },
    { name: 'category', type: 'enum', required: true, values: PROJECT_CATEGORIES },
    { name: 'year', type: 'year', required: true, min: 2000, max: 2100 },
    { name: 'funding_source', type: 'text', required: true, maxLength: 200, ocds: 'planning.budget.description' },
    { name: 'funding_amount', type: 'money', required: true },
    { name: 'planning_budget_amount', type: 'money', required: true, ocds: 'planning.budget.amount.amount' },
    {
      name: 'tender_procurement_method_details',
      type: 'enum',
      required: false,
      values: Object.keys(PROCUREMENT_METHODS),
      ocds: 'tender.procurementMethodDetails',
    },
    { name: 'tender_period_start_date', type: 'date', required: false, ocds: 'tender.tenderPeriod.startDate' },
    {
      name: 'tender_number_of_tenderers',
      type: 'integer',
      required: false,
      min: 0,
      max: 1000,
      unit: '家',
      ocds: 'tender.numberOfTenderers',
    },
    { name: 'award_date', type: 'date', required: false, ocds: 'awards.date' },
    {
      name: 'award_supplier_name',
      type: 'text',
      required: false,
      maxLength: 100,
      ocds: 'awards.suppliers.name',
      personal: { masking: 'mask_name', onlyWhenColumn: 'award_supplier_kind', onlyWhenValue: 'person' },
    },
    { name: 'award_supplier_kind', type: 'enum', required: false, values: COUNTERPARTY_KINDS },
    { name: 'award_value_amount', type: 'money', required: false, ocds: 'awards.value.amount' },
    { name: 'contract_date_signed', type: 'date', required: false, ocds: 'contracts.dateSigned' },
    { name: 'contract_value_amount', type: 'money', required: false, ocds: 'contracts.value.amount' },
    { name: 'contract_period_start_date', type: 'date', required: false, mayBeFuture: true, ocds: 'contracts.period.startDate' },
    { name: 'contract_period_end_date', type: 'date', required: false, mayBeFuture: true, ocds: 'contracts.period.endDate' },
    { name: 'quality_standard', type: 'text', required: false, maxLength: 500 },
    { name: 'planned_start_date', type: 'date', required: true, mayBeFuture: true },
    { name: 'planned_end_date', type: 'date', required: true, mayBeFuture: true },
    { name: 'acceptance_result', type: 'enum', required: false, values: ACCEPTANCE_RESULTS },
    { name: 'acceptance_date', type: 'date', required: false },
    { name: 'responsible_unit', type: 'text', required: true, maxLength: 100, ocds: 'buyer.name' },
    { name: 'contact_name', type: 'text', required: false, maxLength: 50, personal: { masking: 'mask_name' } },
    ...SOURCE_COLUMNS,
  ],
};

export const PROJECT_PROGRESS_FILE: FileSpecV2 = {
  name: 'project_progress.csv',
  titleZh: '项目进度',
  columns: [
    { name: 'report_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'project_id', type: 'identifier', required: true, maxLength: 64, references: 'projects.csv:project_id' },
    { name: 'report_date', type: 'date', required: true },
    { name: 'stage', type: 'enum', required: true, values: PROJECT_STAGES },
    { name: 'progress_percent', type: 'integer', required: true, min: 0, max: 100, unit: '%' },
    { name: 'amount_paid', type: 'money', required: false },
    { name: 'description', type: 'text', required: true, maxLength: 500 },
    { name: 'photo_file', type: 'file_name', required: false, extensions: ['.jpg', '.jpeg', '.png'] },
    ...SOURCE_COLUMNS,
  ],
};
