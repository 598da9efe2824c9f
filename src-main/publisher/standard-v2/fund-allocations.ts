// Fund allocation (资金分配): how much of each subsidy item's batch went to each village, to how
// many recipients, by which method and on which policy.
import { SOURCE_COLUMNS } from './column-spec.js';
import type { FileSpecV2 } from './column-spec.js';

export const RECIPIENT_UNITS = ['人', '户'] as const;

export const FUND_ALLOCATIONS_FILE: FileSpecV2 = {
  name: 'fund_allocations.csv',
  titleZh: '资金分配',
  columns: [
    { name: 'allocation_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'item_code', type: 'identifier', required: true, maxLength: 32, references: 'subsidy_items.csv:item_code' },
    { name: 'batch', type: 'text', required: true, maxLength: 50 },
    { name: 'year', type: 'year', required: true, min: 2000, max: 2100 },
    { name: 'village_code', type: 'region_code', required: true, regionLevels: ['village'] },
    { name: 'allocation_method', type: 'text', required: true, maxLength: 200 },
    { name: 'policy_basis', type: 'text', required: true, maxLength: 500 },
    { name: 'recipient_count', type: 'integer', required: true, min: 0, max: 1_000_000 },
    { name: 'recipient_unit', type: 'enum', required: true, values: RECIPIENT_UNITS },
    { name: 'total_amount', type: 'money', required: true },
    { name: 'allocated_on', type: 'date', required: true },
    ...SOURCE_COLUMNS,
  ],
};
