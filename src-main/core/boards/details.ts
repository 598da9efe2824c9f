// One record with its child rows, by kind and id, checked against the contract's schema.
import { RecordDetailSchema } from '../../../src-shared/boards-api.js';
import type { RecordDetail, RecordKind } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';
import { readCollectiveAsset, readFinanceBalance, readFinanceEntry } from './details-finance.js';
import { readAccountabilityNotice, readComplaintOutcome, readNotice } from './details-notices.js';
import { readFundAllocation, readPovertyHousehold, readProject } from './details-projects.js';

/** Reads a record; null when the snapshot has no record of that kind and id. */
export function readRecord(db: SqliteDatabase, kind: RecordKind, id: string, flagThresholdFen: number): RecordDetail | null {
  const detail = readByKind(db, kind, id, flagThresholdFen);
  return detail === null ? null : RecordDetailSchema.parse(detail);
}

function readByKind(db: SqliteDatabase, kind: RecordKind, id: string, flagThresholdFen: number): RecordDetail | null {
  switch (kind) {
    case 'project':
      return readProject(db, id);
    case 'fund-allocation':
      return readFundAllocation(db, id);
    case 'poverty-household':
      return readPovertyHousehold(db, id);
    case 'finance-entry':
      return readFinanceEntry(db, id, flagThresholdFen);
    case 'finance-balance':
      return readFinanceBalance(db, id);
    case 'collective-asset':
      return readCollectiveAsset(db, id);
    case 'notice':
      return readNotice(db, id);
    case 'complaint-outcome':
      return readComplaintOutcome(db, id);
    case 'accountability-notice':
      return readAccountabilityNotice(db, id);
  }
}
