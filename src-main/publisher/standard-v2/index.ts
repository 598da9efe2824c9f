// Data standard version 2: every CSV file a county may deliver for the disclosure boards, in the
// order the docs list them. The four version 1 files (standard.ts) stay as they are and are
// delivered alongside these.
import { ACCOUNTABILITY_NOTICES_FILE, COMPLAINT_OUTCOMES_FILE } from './accountability.js';
import type { FileSpecV2 } from './column-spec.js';
import { FUND_ALLOCATIONS_FILE } from './fund-allocations.js';
import { NOTICE_ATTACHMENTS_FILE, NOTICES_FILE } from './notices.js';
import { POVERTY_HOUSEHOLDS_FILE, POVERTY_MEASURES_FILE } from './poverty-alleviation.js';
import { PROJECT_PROGRESS_FILE, PROJECTS_FILE } from './projects.js';
import { REPORT_PROGRESS_FILE } from './report-progress.js';
import {
  ASSET_CONTRACTS_FILE,
  COLLECTIVE_ASSETS_FILE,
  FINANCE_BALANCES_FILE,
  FINANCE_ENTRIES_FILE,
} from './village-finance.js';

export const DATA_STANDARD_V2_VERSION = 2;

export const V2_FILE_SPECS: readonly FileSpecV2[] = [
  PROJECTS_FILE,
  PROJECT_PROGRESS_FILE,
  FUND_ALLOCATIONS_FILE,
  POVERTY_HOUSEHOLDS_FILE,
  POVERTY_MEASURES_FILE,
  FINANCE_ENTRIES_FILE,
  FINANCE_BALANCES_FILE,
  COLLECTIVE_ASSETS_FILE,
  ASSET_CONTRACTS_FILE,
  NOTICES_FILE,
  NOTICE_ATTACHMENTS_FILE,
  COMPLAINT_OUTCOMES_FILE,
  ACCOUNTABILITY_NOTICES_FILE,
  REPORT_PROGRESS_FILE,
];

// Folder next to the CSV files that contains every file a file_name column names.
export const DOCUMENTS_FOLDER = 'documents';
