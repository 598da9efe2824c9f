// Tables of the disclosure boards (data standard version 2), part of the snapshot contract like
// schema.ts. Each table contains the rows of one version 2 CSV file, with these conversions:
// - money columns become integer fen and gain the suffix `_fen`;
// - integer and year columns are INTEGER, decimal columns stay TEXT as written (exact);
// - personal columns arrive masked (mask_name) or as person keys (head_person_key);
// - a notice's body file becomes its text in `body`; complaint and accountability texts in `text`;
// - every file delivered in documents/ (images, PDF attachments, progress photos) is a row of
//   `documents`, so the snapshot alone is the whole disclosure.
// Region scoping relies on codes nesting by prefix (431226 > 431226101 > 431226101001).
// Each listed table has three indexes in the order of its board list (newest first): one on the
// region code itself and one on each of its 9- and 6-digit prefixes. A township's or county's
// list then reads one index range already in order, with no sort, however many rows it has.
// The query must write the prefix exactly as indexed, `substr(<column>, 1, 9)`, to use it.
// SQLite checks that condition again on every row it reads, so a prefix index also ends with the
// region column: without it each row costs a table lookup (200,000 rows: 370 ms instead of 15).

export const BOARD_TABLES_DDL = `
CREATE TABLE documents (
  name TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  bytes BLOB NOT NULL
);

CREATE TABLE projects (
  project_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  category TEXT NOT NULL,
  year INTEGER NOT NULL,
  funding_source TEXT NOT NULL,
  funding_amount_fen INTEGER NOT NULL CHECK (funding_amount_fen >= 0),
  planning_budget_amount_fen INTEGER NOT NULL CHECK (planning_budget_amount_fen >= 0),
  tender_procurement_method_details TEXT,
  tender_period_start_date TEXT,
  tender_number_of_tenderers INTEGER,
  award_date TEXT,
  award_supplier_name TEXT,
  award_supplier_kind TEXT,
  award_value_amount_fen INTEGER,
  contract_date_signed TEXT,
  contract_value_amount_fen INTEGER,
  contract_period_start_date TEXT,
  contract_period_end_date TEXT,
  quality_standard TEXT,
  planned_start_date TEXT NOT NULL,
  planned_end_date TEXT NOT NULL,
  acceptance_result TEXT,
  acceptance_date TEXT,
  responsible_unit TEXT NOT NULL,
  contact_name TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX projects_by_region ON projects (region_code, year, planned_start_date);
CREATE INDEX projects_by_township ON projects (substr(region_code, 1, 9), year, planned_start_date, region_code);
CREATE INDEX projects_by_county ON projects (substr(region_code, 1, 6), year, planned_start_date, region_code);

CREATE TABLE project_progress (
  report_id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (project_id),
  report_date TEXT NOT NULL,
  stage TEXT NOT NULL,
  progress_percent INTEGER NOT NULL,
  amount_paid_fen INTEGER,
  description TEXT NOT NULL,
  photo_file TEXT REFERENCES documents (name),
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX project_progress_by_project ON project_progress (project_id, report_date);

CREATE TABLE fund_allocations (
  allocation_id TEXT PRIMARY KEY,
  item_code TEXT NOT NULL REFERENCES subsidy_items (item_code),
  batch TEXT NOT NULL,
  year INTEGER NOT NULL,
  village_code TEXT NOT NULL REFERENCES regions (code),
  allocation_method TEXT NOT NULL,
  policy_basis TEXT NOT NULL,
  recipient_count INTEGER NOT NULL,
  recipient_unit TEXT NOT NULL,
  total_amount_fen INTEGER NOT NULL CHECK (total_amount_fen >= 0),
  allocated_on TEXT NOT NULL,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX fund_allocations_by_village ON fund_allocations (village_code, year, allocated_on);
CREATE INDEX fund_allocations_by_township ON fund_allocations (substr(village_code, 1, 9), year, allocated_on, village_code);
CREATE INDEX fund_allocations_by_county ON fund_allocations (substr(village_code, 1, 6), year, allocated_on, village_code);

-- head_person_key is the scrypt person key of the head's ID number, as in persons.
CREATE TABLE poverty_households (
  household_id TEXT PRIMARY KEY,
  head_person_key TEXT NOT NULL UNIQUE,
  head_name TEXT NOT NULL,
  village_code TEXT NOT NULL REFERENCES regions (code),
  household_size INTEGER NOT NULL,
  registered_year INTEGER NOT NULL,
  poverty_cause TEXT,
  exit_year INTEGER,
  monitoring_status TEXT NOT NULL,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX poverty_households_by_village ON poverty_households (village_code, registered_year);
CREATE INDEX poverty_households_by_township ON poverty_households (substr(village_code, 1, 9), registered_year, village_code);
CREATE INDEX poverty_households_by_county ON poverty_households (substr(village_code, 1, 6), registered_year, village_code);

CREATE TABLE poverty_measures (
  measure_id TEXT PRIMARY KEY,
  household_id TEXT NOT NULL REFERENCES poverty_households (household_id),
  year INTEGER NOT NULL,
  measure_type TEXT NOT NULL,
  description TEXT NOT NULL,
  amount_fen INTEGER,
  implemented_on TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX poverty_measures_by_household ON poverty_measures (household_id, year);

CREATE TABLE finance_entries (
  entry_id TEXT PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES regions (code),
  period TEXT NOT NULL,
  entry_date TEXT NOT NULL,
  direction TEXT NOT NULL,
  category TEXT NOT NULL,
  summary TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  voucher_number TEXT NOT NULL,
  approver_role TEXT NOT NULL,
  counterparty_name TEXT,
  counterparty_kind TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
-- The ledger list (newest first), its filters, sources and period totals read these indexes
-- alone, because a township's ledger has 100,000 rows and more.
-- entry_id is named before the filter columns so that the index order is the list order.
CREATE INDEX finance_entries_by_village ON finance_entries (village_code, period, entry_date, entry_id, direction, category, amount_fen, department, published_on);
CREATE INDEX finance_entries_by_township ON finance_entries (substr(village_code, 1, 9), period, entry_date, entry_id, direction, category, amount_fen, village_code, department, published_on);
CREATE INDEX finance_entries_by_county ON finance_entries (substr(village_code, 1, 6), period, entry_date, entry_id, direction, category, amount_fen, village_code, department, published_on);

CREATE TABLE finance_balances (
  balance_id TEXT PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES regions (code),
  as_of TEXT NOT NULL,
  balance_type TEXT NOT NULL,
  counterparty_name TEXT NOT NULL,
  counterparty_kind TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  arose_on TEXT,
  reason TEXT NOT NULL,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX finance_balances_by_village ON finance_balances (village_code, as_of);
CREATE INDEX finance_balances_by_township ON finance_balances (substr(village_code, 1, 9), as_of, village_code);
CREATE INDEX finance_balances_by_county ON finance_balances (substr(village_code, 1, 6), as_of, village_code);

CREATE TABLE collective_assets (
  asset_id TEXT PRIMARY KEY,
  village_code TEXT NOT NULL REFERENCES regions (code),
  name TEXT NOT NULL,
  asset_class TEXT NOT NULL,
  category TEXT,
  quantity TEXT,
  quantity_unit TEXT,
  book_value_fen INTEGER,
  acquired_on TEXT,
  status TEXT NOT NULL,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX collective_assets_by_village ON collective_assets (village_code, acquired_on);
CREATE INDEX collective_assets_by_township ON collective_assets (substr(village_code, 1, 9), acquired_on, village_code);
CREATE INDEX collective_assets_by_county ON collective_assets (substr(village_code, 1, 6), acquired_on, village_code);

CREATE TABLE asset_contracts (
  contract_id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES collective_assets (asset_id),
  contract_type TEXT NOT NULL,
  counterparty_name TEXT NOT NULL,
  counterparty_kind TEXT NOT NULL,
  signed_on TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  annual_amount_fen INTEGER,
  total_amount_fen INTEGER NOT NULL CHECK (total_amount_fen >= 0),
  payment_terms TEXT NOT NULL,
  approval TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX asset_contracts_by_asset ON asset_contracts (asset_id);

-- body_format is 'markdown' for a .md body file and 'text' for a .txt one.
CREATE TABLE notices (
  notice_id TEXT PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions (code),
  board TEXT NOT NULL,
  category TEXT,
  title TEXT NOT NULL,
  issuer TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  body_format TEXT NOT NULL CHECK (body_format IN ('markdown', 'text')),
  body TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX notices_by_region ON notices (region_code, issued_on);
CREATE INDEX notices_by_township ON notices (substr(region_code, 1, 9), issued_on, region_code);
CREATE INDEX notices_by_county ON notices (substr(region_code, 1, 6), issued_on, region_code);

CREATE TABLE notice_attachments (
  notice_id TEXT NOT NULL REFERENCES notices (notice_id),
  file_name TEXT NOT NULL REFERENCES documents (name),
  title TEXT NOT NULL,
  PRIMARY KEY (notice_id, file_name)
) WITHOUT ROWID;

CREATE TABLE complaint_outcomes (
  case_number TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions (code),
  received_on TEXT NOT NULL,
  outcome TEXT NOT NULL,
  outcome_summary TEXT NOT NULL,
  replied_on TEXT NOT NULL,
  text_format TEXT CHECK (text_format IN ('markdown', 'text')),
  text TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX complaint_outcomes_by_region ON complaint_outcomes (region_code, replied_on);
CREATE INDEX complaint_outcomes_by_township ON complaint_outcomes (substr(region_code, 1, 9), replied_on, region_code);
CREATE INDEX complaint_outcomes_by_county ON complaint_outcomes (substr(region_code, 1, 6), replied_on, region_code);

CREATE TABLE accountability_notices (
  notice_number TEXT PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions (code),
  title TEXT NOT NULL,
  issuer TEXT NOT NULL,
  published_on TEXT NOT NULL,
  category TEXT NOT NULL,
  person_name TEXT,
  person_position TEXT,
  sanction TEXT,
  text_format TEXT NOT NULL CHECK (text_format IN ('markdown', 'text')),
  text TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX accountability_notices_by_region ON accountability_notices (region_code, published_on);
CREATE INDEX accountability_notices_by_township ON accountability_notices (substr(region_code, 1, 9), published_on, region_code);
CREATE INDEX accountability_notices_by_county ON accountability_notices (substr(region_code, 1, 6), published_on, region_code);

-- Progress of reports filed at kiosks (查进度), from the commission's case system. A villager
-- types the case number from the receipt, so the number is the only key; the reply is written
-- for publication and holds nothing personal (publish refuses ID, phone and card numbers in it).
CREATE TABLE report_progress (
  case_number TEXT PRIMARY KEY,
  stage TEXT NOT NULL CHECK (stage IN ('received', 'investigating', 'replied', 'closed')),
  updated_on TEXT NOT NULL,
  reply TEXT,
  department TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;
`;
