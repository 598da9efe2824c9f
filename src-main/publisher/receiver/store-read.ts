// Reading the receiver's database for the export without changing anything next to it. SQLite
// creates -wal and -shm files beside a WAL database even for a read-only open, and fails in a
// read-only folder such as a write-protected USB stick. The export therefore copies the file
// (and its -wal, when present) into a private temporary folder and reads the copy.
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { DatabaseDamagedError, NotReceiverDatabaseError, checkReceiverTables, isDamageError, quickCheckProblems } from './store-checks.js';
import { checkSchemaVersion, toReport } from './store.js';
import type { ReportRow, StoredReport } from './store.js';

export interface ReceiverCopy {
  /** The --db file the copy was made from. */
  readonly file: string;
  /** quick_check's problems, or null when the copy is undamaged. */
  readonly damage: string | null;
  /**
   * Yields reports first received at or after `sinceIso` (all when null), one at a time, so
   * memory does not grow with the number of reports. An undamaged database yields them oldest
   * first. A damaged one yields every row that can still be read, in row order.
   */
  reports(sinceIso: string | null): Generator<StoredReport>;
  /** Number of rows that could not be read in the last reports() pass of a damaged database. */
  readonly unreadableRows: number;
  /** Closes the copy and deletes its temporary folder. */
  close(): Promise<void>;
}

/** Thrown when --db is missing or not a regular file. */
export class DatabaseMissingError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DatabaseMissingError';
  }
}

/**
 * Copies `file` to a temporary folder and opens the copy. Throws DatabaseMissingError,
 * NotReceiverDatabaseError, or DatabaseDamagedError when not even the table list can be read.
 * A database that quick_check finds damaged still opens, with `damage` set.
 */
export async function openReceiverCopy(file: string): Promise<ReceiverCopy> {
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new DatabaseMissingError(file, 'not a regular file');
    size = stats.size;
  } catch (error) {
    if (error instanceof DatabaseMissingError) throw error;
    throw new DatabaseMissingError(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  if (size === 0) throw new NotReceiverDatabaseError(file, 'the file is empty');

  const folder = await mkdtemp(path.join(os.tmpdir(), 'minsheng-export-'));
  const copy = path.join(folder, 'reports.sqlite');
  let db: SqliteDatabase | null = null;
  try {
    await copyFile(file, copy, fsConstants.COPYFILE_FICLONE);
    await copyWalIfPresent(file, copy);

    db = new Database(copy, { fileMustExist: true });
    const damage = inspect(db, file);
    db.pragma('query_only = 1');
    return copyOver(db, file, folder, damage);
  } catch (error) {
    db?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

async function copyWalIfPresent(file: string, copy: string): Promise<void> {
  try {
    await copyFile(`${file}-wal`, `${copy}-wal`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Checks ownership and schema, then returns quick_check's problems or null. */
function inspect(db: SqliteDatabase, file: string): string | null {
  try {
    checkReceiverTables(db, file);
    checkSchemaVersion(db, file);
    const hasReports = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reports'").get();
    if (hasReports === undefined) throw new NotReceiverDatabaseError(file, 'it has no reports table');
  } catch (error) {
    if (isDamageError(error)) throw new DatabaseDamagedError(file, (error as Error).message);
    throw error;
  }

  try {
    return quickCheckProblems(db);
  } catch (error) {
    if (isDamageError(error)) return (error as Error).message;
    throw error;
  }
}

function copyOver(db: SqliteDatabase, file: string, folder: string, damage: string | null): ReceiverCopy {
  let unreadableRows = 0;

  function* orderedReports(sinceIso: string | null): Generator<StoredReport> {
    const rows =
      sinceIso === null
        ? db.prepare<[], ReportRow>('SELECT * FROM reports ORDER BY received_at, idempotency_key').iterate()
        : db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE received_at >= ? ORDER BY received_at, idempotency_key').iterate(sinceIso);
    for (const row of rows) yield toReport(row);
  }

  // A damaged b-tree page breaks any scan that crosses it. Looking each rowid up on its own walks
  // one path from the root, so a bad page costs only the rows stored on it.
  function* salvagedReports(sinceIso: string | null): Generator<StoredReport> {
    unreadableRows = 0;
    let maxRowid: number;
    try {
      maxRowid = (db.prepare('SELECT max(rowid) AS maxRowid FROM reports').get() as { maxRowid: number | null }).maxRowid ?? 0;
    } catch (error) {
      if (!isDamageError(error)) throw error;
      // NOTE: without the last rowid the salvage cannot know where to stop, so it reads none.
      unreadableRows = 1;
      return;
    }

    const byRowid = db.prepare<[number], ReportRow>('SELECT * FROM reports WHERE rowid = ?');
    for (let rowid = 1; rowid <= maxRowid; rowid += 1) {
      let row: ReportRow | undefined;
      try {
        row = byRowid.get(rowid);
      } catch (error) {
        if (!isDamageError(error)) throw error;
        unreadableRows += 1;
        continue;
      }
      if (row === undefined) continue;
      if (!isReportRow(row)) {
        unreadableRows += 1;
        continue;
      }
      if (sinceIso !== null && row.received_at < sinceIso) continue;
      yield toReport(row);
    }
  }

  return {
    file,
    damage,
    get unreadableRows() {
      return unreadableRows;
    },
    reports: (sinceIso) => (damage === null ? orderedReports(sinceIso) : salvagedReports(sinceIso)),
    async close() {
      db.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Damage can change a cell's type; a row whose cells no longer fit the schema is skipped. */
function isReportRow(row: ReportRow): boolean {
  return typeof row.idempotency_key === 'string' && Buffer.isBuffer(row.envelope) && typeof row.received_at === 'string';
}
