// The lines of a list page: one query per kind that reads the page's rows by id, with the
// region's name, in the shape of ListItem.
import type { ListItem, RecordKind } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { KIND_SPECS } from './kinds.js';

// Each kind selects id, title, two subtitle parts, date, amountFen, direction and status.
const ITEM_COLUMNS: Record<RecordKind, string> = {
  project: `projects.name AS title, category AS part1, award_supplier_name AS part2, planned_start_date AS date,
    planning_budget_amount_fen AS amountFen, NULL AS direction,
    (SELECT stage FROM project_progress WHERE project_progress.project_id = projects.project_id
      ORDER BY report_date DESC, report_id DESC LIMIT 1) AS status`,
  'fund-allocation': `(SELECT name FROM subsidy_items WHERE subsidy_items.item_code = fund_allocations.item_code) AS title,
    batch AS part1, allocation_method AS part2, allocated_on AS date, total_amount_fen AS amountFen,
    NULL AS direction, NULL AS status`,
  'poverty-household': `head_name AS title, poverty_cause AS part1, NULL AS part2, CAST(registered_year AS TEXT) AS date,
    NULL AS amountFen, NULL AS direction, monitoring_status AS status`,
  'finance-entry': `summary AS title, category AS part1, voucher_number AS part2, entry_date AS date,
    amount_fen AS amountFen, direction, NULL AS status`,
  'finance-balance': `counterparty_name AS title, balance_type AS part1, reason AS part2, as_of AS date,
    amount_fen AS amountFen, NULL AS direction, balance_type AS status`,
  'collective-asset': `collective_assets.name AS title, asset_class AS part1, category AS part2, coalesce(acquired_on, '') AS date,
    book_value_fen AS amountFen, NULL AS direction, status`,
  notice: `title, issuer AS part1, category AS part2, issued_on AS date, NULL AS amountFen, NULL AS direction,
    NULL AS status`,
  'complaint-outcome': `outcome_summary AS title, category AS part1, case_number AS part2, replied_on AS date,
    NULL AS amountFen, NULL AS direction, outcome AS status`,
  'accountability-notice': `title, issuer AS part1, category AS part2, published_on AS date, NULL AS amountFen,
    NULL AS direction, sanction AS status`,
};

interface ItemRow {
  id: string;
  title: string | null;
  part1: string | null;
  part2: string | null;
  date: string;
  regionName: string;
  amountFen: number | null;
  direction: '收入' | '支出' | null;
  status: string | null;
}

/** Reads the items of `ids` and returns them in the order of `ids`. */
export function readListItems(db: SqliteDatabase, kind: RecordKind, ids: string[], flagThresholdFen: number): ListItem[] {
  if (ids.length === 0) return [];
  const spec = KIND_SPECS[kind];

  const sql = `SELECT ${spec.table}.${spec.id} AS id, ${ITEM_COLUMNS[kind]},
      coalesce(regions.name, ${spec.table}.${spec.region}) AS regionName
    FROM ${spec.table} LEFT JOIN regions ON regions.code = ${spec.table}.${spec.region}
    WHERE ${spec.table}.${spec.id} IN (SELECT value FROM json_each(?))`;
  const rows = db.prepare(sql).all(JSON.stringify(ids)) as ItemRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));

  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (row === undefined) return [];
    return [
      {
        id: row.id,
        title: row.title ?? '',
        subtitle: [row.part1, row.part2].filter((part) => part !== null && part !== '').join(' · '),
        date: row.date,
        regionName: row.regionName,
        amountFen: row.amountFen,
        direction: row.direction,
        status: row.status,
        flagged: kind === 'finance-entry' && row.amountFen !== null && row.amountFen > flagThresholdFen,
      },
    ];
  });
}
