// Targeted poverty alleviation (精准扶贫): the registered households of each village and the
// assistance measures each household received.
import { SOURCE_COLUMNS } from './column-spec.js';
import type { FileSpecV2 } from './column-spec.js';

export const POVERTY_CAUSES = [
  '因病',
  '因残',
  '因学',
  '因灾',
  '缺土地',
  '缺水',
  '缺技术',
  '缺劳力',
  '缺资金',
  '交通条件落后',
  '自身发展动力不足',
  '其他',
] as const;

// Monitoring for relapse into poverty: households not monitored, the three kinds of monitored
// household, and households whose risk has been removed.
export const MONITORING_STATUSES = [
  '未纳入监测',
  '脱贫不稳定户',
  '边缘易致贫户',
  '突发严重困难户',
  '风险已消除',
] as const;

export const MEASURE_TYPES = [
  '产业帮扶',
  '就业帮扶',
  '教育帮扶',
  '健康帮扶',
  '住房安全保障',
  '饮水安全保障',
  '兜底保障',
  '小额信贷',
  '其他',
] as const;

export const POVERTY_HOUSEHOLDS_FILE: FileSpecV2 = {
  name: 'poverty_households.csv',
  titleZh: '脱贫户和监测户',
  columns: [
    { name: 'household_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'head_id_number', type: 'id_number', required: true, unique: true, personal: { masking: 'person_key' } },
    { name: 'head_name', type: 'text', required: true, maxLength: 50, personal: { masking: 'mask_name' } },
    { name: 'village_code', type: 'region_code', required: true, regionLevels: ['village'] },
    { name: 'household_size', type: 'integer', required: true, min: 1, max: 30, unit: '人' },
    { name: 'registered_year', type: 'year', required: true, min: 2014, max: 2100 },
    { name: 'poverty_cause', type: 'enum', required: false, values: POVERTY_CAUSES },
    { name: 'exit_year', type: 'year', required: false, min: 2014, max: 2100 },
    { name: 'monitoring_status', type: 'enum', required: true, values: MONITORING_STATUSES },
    ...SOURCE_COLUMNS,
  ],
};

export const POVERTY_MEASURES_FILE: FileSpecV2 = {
  name: 'poverty_measures.csv',
  titleZh: '帮扶措施',
  columns: [
    { name: 'measure_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    {
      name: 'household_id',
      type: 'identifier',
      required: true,
      maxLength: 64,
      references: 'poverty_households.csv:household_id',
    },
    { name: 'year', type: 'year', required: true, min: 2014, max: 2100 },
    { name: 'measure_type', type: 'enum', required: true, values: MEASURE_TYPES },
    { name: 'description', type: 'text', required: true, maxLength: 200 },
    { name: 'amount', type: 'money', required: false },
    { name: 'implemented_on', type: 'date', required: false },
    ...SOURCE_COLUMNS,
  ],
};
