// Files delivered with the boards (images, PDF attachments, progress photos), read from the
// snapshot's documents table.
import type { KioskDocument } from '../../../src-shared/boards-api.js';
import type { SqliteDatabase } from '../store.js';

/** Reads a document as base64 with its media type; null when the snapshot has none of that name. */
export function readDocument(db: SqliteDatabase, name: string): KioskDocument | null {
  const row = db.prepare('SELECT name, media_type AS mediaType, bytes FROM documents WHERE name = ?').get(name) as
    | { name: string; mediaType: string; bytes: Buffer }
    | undefined;
  if (row === undefined) return null;
  return { name: row.name, mediaType: row.mediaType, dataBase64: row.bytes.toString('base64') };
}
