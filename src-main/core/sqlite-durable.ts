// Durability settings of the SQLite files that keep villagers' reports: the kiosk's outbox and the
// county receiver's store. Both must not lose a report they have acknowledged.
import type { Database } from 'better-sqlite3';

/**
 * Switches `db` to write-ahead logging with synchronous=FULL. SQLite then syncs the WAL file at
 * every commit, so a committed transaction survives a power cut ("PRAGMA synchronous", sqlite.org).
 */
export function enableDurableWal(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}
