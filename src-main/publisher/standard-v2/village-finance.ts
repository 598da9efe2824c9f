// Village finances (村级财务, the "three assets" 三资): income and expenditure entries, creditor
// and debtor balances, collective assets and resources, and the contracts that lease or let them.
import { COUNTERPARTY_KINDS, SOURCE_COLUMNS } from './column-spec.js';
import type { ColumnSpec, FileSpecV2 } from './column-spec.js';

export const ENTRY_DIRECTIONS = ['收入', '支出'] as const;

// Income categories come first and expenditure categories after them. An entry's category must
// belong to its direction: 收入 takes one of the first five.
export const INCOME_CATEGORIES = ['经营收入', '发包及上交收入', '投资收益', '补助收入', '其他收入'] as const;
export const EXPENDITURE_CATEGORIES = ['经营支出', '管理费用', '公益支出', '其他支出'] as const;

export const BALANCE_TYPES = ['债权', '债务'] as const;
export const ASSET_CLASSES = ['经营性资产', '非经营性资产', '资源性资产'] as const;
export const ASSET_STATUSES = ['自营', '出租', '发包', '闲置', '其他'] as const;
export const CONTRACT_TYPES = ['承包', '租赁', '出让', '其他'] as const;

// A counterparty name is masked when the row's counterparty_kind is `person`.
function counterpartyColumns(required: boolean): ColumnSpec[] {
  return [
    {
      name: 'counterparty_name',
      type: 'text',
      required,
      maxLength: 100,
      personal: { masking: 'mask_name', onlyWhenColumn: 'counterparty_kind', onlyWhenValue: 'person' },
    },
    { name: 'counterparty_kind', type: 'enum', required, values: COUNTERPARTY_KINDS },
  ];
}

export const FINANCE_ENTRIES_FILE: FileSpecV2 = {
  name: 'finance_entries.csv',
  titleZh: '村级收支明细',
  columns: [
    { name: 'entry_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'village_code', type: 'region_code', required: true, regionLevels: ['village'] },
    { name: 'period', type: 'period', required: true },
    { name: 'entry_date', type: 'date', required: true },
    { name: 'direction', type: 'enum', required: true, values: ENTRY_DIRECTIONS },
    { name: 'category', type: 'enum', required: true, values: [...INCOME_CATEGORIES, ...EXPENDITURE_CATEGORIES] },
    { name: 'summary', type: 'text', required: true, maxLength: 200 },
    { name: 'amount', type: 'money', required: true },
    { name: 'voucher_number', type: 'text', required: true, maxLength: 32 },
    { name: 'approver_role', type: 'text', required: true, maxLength: 50 },
    ...counterpartyColumns(false),
    ...SOURCE_COLUMNS,
  ],
};

export const FINANCE_BALANCES_FILE: FileSpecV2 = {
  name: 'finance_balances.csv',
  titleZh: '债权债务',
  columns: [
    { name: 'balance_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'village_code', type: 'region_code', required: true, regionLevels: ['village'] },
    { name: 'as_of', type: 'date', required: true },
    { name: 'balance_type', type: 'enum', required: true, values: BALANCE_TYPES },
    ...counterpartyColumns(true),
    { name: 'amount', type: 'money', required: true },
    { name: 'arose_on', type: 'date', required: false },
    { name: 'reason', type: 'text', required: true, maxLength: 200 },
    ...SOURCE_COLUMNS,
  ],
};

export const COLLECTIVE_ASSETS_FILE: FileSpecV2 = {
  name: 'collective_assets.csv',
  titleZh: '集体资产资源',
  columns: [
    { name: 'asset_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'village_code', type: 'region_code', required: true, regionLevels: ['village'] },
    { name: 'name', type: 'text', required: true, maxLength: 100 },
    { name: 'asset_class', type: 'enum', required: true, values: ASSET_CLASSES },
    { name: 'category', type: 'text', required: false, maxLength: 50 },
    { name: 'quantity', type: 'decimal', required: false },
    { name: 'quantity_unit', type: 'text', required: false, maxLength: 10 },
    { name: 'book_value', type: 'money', required: false },
    { name: 'acquired_on', type: 'date', required: false },
    { name: 'status', type: 'enum', required: true, values: ASSET_STATUSES },
    ...SOURCE_COLUMNS,
  ],
};

export const ASSET_CONTRACTS_FILE: FileSpecV2 = {
  name: 'asset_contracts.csv',
  titleZh: '资产资源合同',
  columns: [
    { name: 'contract_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'asset_id', type: 'identifier', required: true, maxLength: 64, references: 'collective_assets.csv:asset_id' },
    { name: 'contract_type', type: 'enum', required: true, values: CONTRACT_TYPES },
    ...counterpartyColumns(true),
    { name: 'signed_on', type: 'date', required: true },
    { name: 'start_date', type: 'date', required: true, mayBeFuture: true },
    { name: 'end_date', type: 'date', required: true, mayBeFuture: true },
    { name: 'annual_amount', type: 'money', required: false },
    { name: 'total_amount', type: 'money', required: true },
    { name: 'payment_terms', type: 'text', required: true, maxLength: 200 },
    { name: 'approval', type: 'text', required: false, maxLength: 200 },
    ...SOURCE_COLUMNS,
  ],
};
