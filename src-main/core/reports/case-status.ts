// Reads the progress of one report (查进度) from the installed snapshot's report_progress table.
// Snapshot format 4 added the table. A format 3 snapshot has none, so every case in it reads as
// not yet published.
import type { Statement } from 'better-sqlite3';
import { CaseStageSchema } from '../../../src-shared/reports-api.js';
import type { CaseStage } from '../../../src-shared/reports-api.js';
import type { SqliteDatabase } from '../store.js';

/** One row of report_progress in the shape the kiosk API returns. */
export interface CaseStatusRow {
  stage: CaseStage;
  /** Date of the latest change, YYYY-MM-DD. */
  updatedOn: string;
  /** The commission's published reply; null while there is none. */
  reply: string | null;
  department: string;
}

interface ProgressRow {
  stage: string;
  updated_on: string;
  reply: string | null;
  department: string;
}

const CASE_STATUS_SQL = 'SELECT stage, updated_on, reply, department FROM report_progress WHERE case_number = ?';

// Statement of each open snapshot, prepared on its first read, or null when the snapshot has no
// report_progress table. A snapshot file never changes while open, because sync installs a new
// file and the kiosk opens that. So the cached result stays valid for the life of the connection.
const prepared = new WeakMap<SqliteDatabase, Statement<[string], ProgressRow> | null>();

function statementFor(db: SqliteDatabase): Statement<[string], ProgressRow> | null {
  const cached = prepared.get(db);
  if (cached !== undefined) return cached;

  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'report_progress'").get() !== undefined;
  const statement = hasTable ? db.prepare<[string], ProgressRow>(CASE_STATUS_SQL) : null;
  prepared.set(db, statement);
  return statement;
}

/**
 * Returns the progress of `caseNumber` (the compact 14 digits, as parseCaseNumber returns them),
 * or null when the snapshot does not carry the case or has no report_progress table (format 3).
 * Throws when a stored stage is not one of CASE_STAGES, which the table's CHECK constraint rules out.
 */
export function readCaseStatus(db: SqliteDatabase, caseNumber: string): CaseStatusRow | null {
  const statement = statementFor(db);
  if (statement === null) return null;

  const row = statement.get(caseNumber);
  if (row === undefined) return null;

  return {
    stage: CaseStageSchema.parse(row.stage),
    updatedOn: row.updated_on,
    reply: row.reply,
    department: row.department,
  };
}
