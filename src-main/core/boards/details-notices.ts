// Record details of notices, complaint outcomes and accountability notices.
import type { RecordDetail } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { withSource } from './details-projects.js';

type Row = Record<string, unknown>;

export function readNotice(db: SqliteDatabase, id: string): RecordDetail | null {
  // A notice's source is its issuing body and date of issue.
  const row = db
    .prepare(
      `SELECT 'notice' AS kind, notice_id AS id, region_code AS regionCode,
        coalesce(regions.name, region_code) AS regionName, board, category, title, issuer,
        issued_on AS issuedOn, body_format AS bodyFormat, body, issuer AS department, issued_on AS publishedOn
      FROM notices LEFT JOIN regions ON regions.code = notices.region_code
      WHERE notice_id = ?`,
    )
    .get(id) as Row | undefined;
  if (row === undefined) return null;

  // Publish rejects an attachment whose file is not delivered, so the join finds every file. The
  // LEFT JOIN still lists an attachment, with size 0, should a snapshot lack its document row.
  const attachments = db
    .prepare(
      `SELECT file_name AS fileName, title, coalesce(length(documents.bytes), 0) AS bytes
      FROM notice_attachments LEFT JOIN documents ON documents.name = notice_attachments.file_name
      WHERE notice_id = ? ORDER BY file_name`,
    )
    .all(id);
  return { ...withSource(row), attachments } as RecordDetail;
}

export function readComplaintOutcome(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'complaint-outcome' AS kind, case_number AS id, category, region_code AS regionCode,
        coalesce(regions.name, region_code) AS regionName, received_on AS receivedOn, outcome,
        outcome_summary AS outcomeSummary, replied_on AS repliedOn, text_format AS textFormat, text,
        department, published_on AS publishedOn
      FROM complaint_outcomes LEFT JOIN regions ON regions.code = complaint_outcomes.region_code
      WHERE case_number = ?`,
    )
    .get(id) as Row | undefined;
  return row === undefined ? null : (withSource(row) as RecordDetail);
}

export function readAccountabilityNotice(db: SqliteDatabase, id: string): RecordDetail | null {
  const row = db
    .prepare(
      `SELECT 'accountability-notice' AS kind, notice_number AS id, region_code AS regionCode,
        coalesce(regions.name, region_code) AS regionName, title, issuer, category, person_name AS personName,
        person_position AS personPosition, sanction, text_format AS textFormat, text,
        issuer AS department, published_on AS publishedOn
      FROM accountability_notices LEFT JOIN regions ON regions.code = accountability_notices.region_code
      WHERE notice_number = ?`,
    )
    .get(id) as Row | undefined;
  return row === undefined ? null : (withSource(row) as RecordDetail);
}
