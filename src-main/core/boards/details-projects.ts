// Record details of livelihood projects, fund allocations and poverty-alleviation households.
import type { RecordDetail } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';

type Row = Record<string, unknown>;

/** Moves `department` and `publishedOn` of a row into a `source` field. */
export function withSource(row: Row): Row {
  const { department, publishedOn, ...rest } = row;
  return { ...rest, source: { department, publishedOn } };
}

export function readProject(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'project' AS kind, project_id AS id, projects.name, region_code AS regionCode,
        coalesce(regions.name, region_code) AS regionName, category, year, funding_source AS fundingSource,
        funding_amount_fen AS fundingAmountFen, planning_budget_amount_fen AS budgetAmountFen,
        tender_procurement_method_details AS procurementMethod, tender_period_start_date AS tenderStartDate,
        tender_number_of_tenderers AS numberOfTenderers, award_date AS awardDate, award_supplier_name AS supplierName,
        award_value_amount_fen AS awardValueFen, contract_date_signed AS contractDateSigned,
        contract_value_amount_fen AS contractValueFen, contract_period_start_date AS contractStartDate,
        contract_period_end_date AS contractEndDate, quality_standard AS qualityStandard,
        planned_start_date AS plannedStartDate, planned_end_date AS plannedEndDate,
        acceptance_result AS acceptanceResult, acceptance_date AS acceptanceDate,
        responsible_unit AS responsibleUnit, contact_name AS contactName, department, published_on AS publishedOn
      FROM projects LEFT JOIN regions ON regions.code = projects.region_code
      WHERE project_id = ?`,
    )
    .get(id) as Row | undefined;
  if (row === undefined) return null;

  const progress = db
    .prepare(
      `SELECT report_date AS reportDate, stage, progress_percent AS progressPercent, amount_paid_fen AS amountPaidFen,
        description, photo_file AS photoFile
      FROM project_progress WHERE project_id = ? ORDER BY report_date, report_id`,
    )
    .all(id);
  return { ...withSource(row), progress } as RecordDetail;
}

export function readFundAllocation(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'fund-allocation' AS kind, allocation_id AS id, fund_allocations.item_code AS itemCode,
        coalesce(subsidy_items.name, fund_allocations.item_code) AS itemName, batch, year,
        village_code AS regionCode, coalesce(regions.name, village_code) AS regionName,
        allocation_method AS allocationMethod, fund_allocations.policy_basis AS policyBasis,
        recipient_count AS recipientCount, recipient_unit AS recipientUnit, total_amount_fen AS totalAmountFen,
        allocated_on AS allocatedOn, fund_allocations.department, published_on AS publishedOn
      FROM fund_allocations
        LEFT JOIN subsidy_items ON subsidy_items.item_code = fund_allocations.item_code
        LEFT JOIN regions ON regions.code = fund_allocations.village_code
      WHERE allocation_id = ?`,
    )
    .get(id) as Row | undefined;
  return row === undefined ? null : (withSource(row) as RecordDetail);
}

export function readPovertyHousehold(db: SqliteDatabase, id: string): RecordDetail | null {
  // head_person_key stays in the snapshot: it serves the household lookup, never a screen.
  const row = db
    .prepare(
      `SELECT 'poverty-household' AS kind, household_id AS id, head_name AS maskedHeadName,
        village_code AS regionCode, coalesce(regions.name, village_code) AS regionName,
        household_size AS householdSize, registered_year AS registeredYear, poverty_cause AS povertyCause,
        exit_year AS exitYear, monitoring_status AS monitoringStatus, department, published_on AS publishedOn
      FROM poverty_households LEFT JOIN regions ON regions.code = poverty_households.village_code
      WHERE household_id = ?`,
    )
    .get(id) as Row | undefined;
  if (row === undefined) return null;

  const measures = db
    .prepare(
      `SELECT year, measure_type AS measureType, description, amount_fen AS amountFen, implemented_on AS implementedOn
      FROM poverty_measures WHERE household_id = ? ORDER BY year DESC, implemented_on DESC, measure_id`,
    )
    .all(id);
  return { ...withSource(row), measures } as RecordDetail;
}
