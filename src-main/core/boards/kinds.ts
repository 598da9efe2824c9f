// Mapping of each record kind onto its snapshot table for lists, filters and facets. Every SQL
// fragment here is a constant of this file; request values only ever reach SQL as parameters.
import type { RecordKind } from '../../../src-shared/boards-api.js';
import type { RegionLevel } from '../../../src-shared/region-code.js';

/** Column that the `year` filter and the year facet read. */
export type YearColumn =
  // An INTEGER year column: the filter is an equality.
  | { column: string; form: 'integer' }
  // A YYYY-MM-DD or YYYY-MM text column: the filter is a range, so the index order holds.
  | { column: string; form: 'text' };

export interface KindSpec {
  table: string;
  /** Primary key column, the last term of the list order. */
  id: string;
  region: string;
  /** Levels the kind's rows may have, from data standard version 2. */
  rowLevels: readonly RegionLevel[];
  /** Columns of the list order, newest first (DESC), before the id; they follow the indexes. */
  order: readonly string[];
  year: YearColumn;
  /** Expression of the category filter and facet; null rows are not offered as a facet. */
  category: string;
  /** Columns shown as the data source. */
  department: string;
  publishedOn: string;
}

export const KIND_SPECS: Record<RecordKind, KindSpec> = {
  project: {
    table: 'projects',
    id: 'project_id',
    region: 'region_code',
    rowLevels: ['township', 'village'],
    order: ['year', 'planned_start_date'],
    year: { column: 'year', form: 'integer' },
    category: 'category',
    department: 'department',
    publishedOn: 'published_on',
  },
  'fund-allocation': {
    table: 'fund_allocations',
    id: 'allocation_id',
    region: 'village_code',
    rowLevels: ['village'],
    order: ['year', 'allocated_on'],
    year: { column: 'year', form: 'integer' },
    // The subsidy item's name: villagers know the item by name, not by code.
    category: '(SELECT name FROM subsidy_items WHERE subsidy_items.item_code = fund_allocations.item_code)',
    department: 'department',
    publishedOn: 'published_on',
  },
  'poverty-household': {
    table: 'poverty_households',
    id: 'household_id',
    region: 'village_code',
    rowLevels: ['village'],
    order: ['registered_year'],
    year: { column: 'registered_year', form: 'integer' },
    category: 'poverty_cause',
    department: 'department',
    publishedOn: 'published_on',
  },
  'finance-entry': {
    table: 'finance_entries',
    id: 'entry_id',
    region: 'village_code',
    rowLevels: ['village'],
    order: ['period', 'entry_date'],
    year: { column: 'period', form: 'text' },
    category: 'category',
    department: 'department',
    publishedOn: 'published_on',
  },
  'finance-balance': {
    table: 'finance_balances',
    id: 'balance_id',
    region: 'village_code',
    rowLevels: ['village'],
    order: ['as_of'],
    year: { column: 'as_of', form: 'text' },
    category: 'balance_type',
    department: 'department',
    publishedOn: 'published_on',
  },
  'collective-asset': {
    table: 'collective_assets',
    id: 'asset_id',
    region: 'village_code',
    rowLevels: ['village'],
    // Assets without an acquisition date come last.
    order: ['acquired_on'],
    year: { column: 'acquired_on', form: 'text' },
    category: 'asset_class',
    department: 'department',
    publishedOn: 'published_on',
  },
  notice: {
    table: 'notices',
    id: 'notice_id',
    region: 'region_code',
    rowLevels: ['township', 'village'],
    order: ['issued_on'],
    year: { column: 'issued_on', form: 'text' },
    category: 'category',
    // A notice names its issuing body and date instead of a delivering department.
    department: 'issuer',
    publishedOn: 'issued_on',
  },
  'complaint-outcome': {
    table: 'complaint_outcomes',
    id: 'case_number',
    region: 'region_code',
    rowLevels: ['county', 'township', 'village'],
    order: ['replied_on'],
    year: { column: 'replied_on', form: 'text' },
    category: 'outcome',
    department: 'department',
    publishedOn: 'published_on',
  },
  'accountability-notice': {
    table: 'accountability_notices',
    id: 'notice_number',
    region: 'region_code',
    rowLevels: ['county', 'township', 'village'],
    order: ['published_on'],
    year: { column: 'published_on', form: 'text' },
    category: 'category',
    department: 'issuer',
    publishedOn: 'published_on',
  },
};
