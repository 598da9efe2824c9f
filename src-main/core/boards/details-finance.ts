// Record details of village finances: ledger entries, claims and debts, collective assets.
import type { RecordDetail } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { withSource } from './details-projects.js';

type Row = Record<string, unknown>;

export function readFinanceEntry(db: SqliteDatabase, id: string, flagThresholdFen: number): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'finance-entry' AS kind, entry_id AS id, village_code AS regionCode,
        coalesce(regions.name, village_code) AS regionName, period, entry_date AS entryDate, direction, category,
        summary, amount_fen AS amountFen, voucher_number AS voucherNumber, approver_role AS approverRole,
        counterparty_name AS counterpartyName, department, published_on AS publishedOn
      FROM finance_entries LEFT JOIN regions ON regions.code = finance_entries.village_code
      WHERE entry_id = ?`,
    )
    .get(id) as Row | undefined;
  if (row === undefined) return null;
  return { ...withSource(row), flagged: (row['amountFen'] as number) > flagThresholdFen } as RecordDetail;
}

export function readFinanceBalance(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'finance-balance' AS kind, balance_id AS id, village_code AS regionCode,
        coalesce(regions.name, village_code) AS regionName, as_of AS asOf, balance_type AS balanceType,
        counterparty_name AS counterpartyName, amount_fen AS amountFen, arose_on AS aroseOn, reason,
        department, published_on AS publishedOn
      FROM finance_balances LEFT JOIN regions ON regions.code = finance_balances.village_code
      WHERE balance_id = ?`,
    )
    .get(id) as Row | undefined;
  return row === undefined ? null : (withSource(row) as RecordDetail);
}

export function readCollectiveAsset(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'collective-asset' AS kind, asset_id AS id, village_code AS regionCode,
        coalesce(regions.name, village_code) AS regionName, collective_assets.name, asset_class AS assetClass,
        category, quantity, quantity_unit AS quantityUnit, book_value_fen AS bookValueFen,
        acquired_on AS acquiredOn, status, department, published_on AS publishedOn
      FROM collective_assets LEFT JOIN regions ON regions.code = collective_assets.village_code
      WHERE asset_id = ?`,
    )
    .get(id) as Row | undefined;
  if (row === undefined) return null;

  // Newest contract first, because villagers look for the contract in force.
  const contracts = db
    .prepare(
      `SELECT contract_id AS contractId, contract_type AS contractType, counterparty_name AS counterpartyName,
        signed_on AS signedOn, start_date AS startDate, end_date AS endDate, annual_amount_fen AS annualAmountFen,
        total_amount_fen AS totalAmountFen, payment_terms AS paymentTerms, approval
      FROM asset_contracts WHERE asset_id = ? ORDER BY start_date DESC, contract_id`,
    )
    .all(id);
  return { ...withSource(row), contracts } as RecordDetail;
}
