// The content digest: a digest of the rows of a SQLite file, independent of its page layout.
// A snapshot rebuilt by applying a delta has other pages than the publisher's full file, but
// the same rows, so both give the same digest and the kiosk can check one against the other.
import type { Database } from 'better-sqlite3';
import { createHasher } from '../crypto/hash.js';
import type { HashAlgorithm, Hasher } from '../crypto/hash-types.js';
import { quoteIdentifier, readTableLayouts } from './table-layout.js';

// Tags of the serialisation. Every value carries its storage class, so NULL, the integer 1, the
// real 1.0, the text '1' and the blob x'31' all hash differently.
const TAG_TABLE = 0x54; // 'T'
const TAG_ROW = 0x52; // 'R'
const TAG_END = 0x45; // 'E'
const TAG_NULL = 0x00;
const TAG_INTEGER = 0x01;
const TAG_REAL = 0x02;
const TAG_TEXT = 0x03;
const TAG_BLOB = 0x04;

// Rows are collected into chunks of about this size before hashing, because one hasher call
// per value would dominate the time for a million rows.
const CHUNK_BYTES = 64 * 1024;

/** Serialises values into fixed-size chunks and feeds each full chunk to the hasher. */
class ChunkedWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly hasher: Hasher) {}

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.used++] = value;
  }

  int64(value: bigint): void {
    this.reserve(8);
    this.buffer.writeBigInt64BE(value, this.used);
    this.used += 8;
  }

  float64(value: number): void {
    this.reserve(8);
    this.buffer.writeDoubleBE(value, this.used);
    this.used += 8;
  }

  /** Writes a 4-byte big-endian length and then the bytes; SQLite values are below 2^31 bytes. */
  bytes(value: Uint8Array): void {
    this.reserve(4 + value.length);
    this.buffer.writeUInt32BE(value.length, this.used);
    this.used += 4;
    this.buffer.set(value, this.used);
    this.used += value.length;
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'utf8'));
  }

  flush(): void {
    if (this.used === 0) return;
    this.hasher.update(this.buffer.subarray(0, this.used));
    // The hasher may keep a reference to the bytes it was given, so start a fresh buffer.
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, this.buffer.length));
    this.used = 0;
  }
}

function writeValue(writer: ChunkedWriter, value: unknown): void {
  if (value === null) {
    writer.byte(TAG_NULL);
  } else if (typeof value === 'bigint') {
    writer.byte(TAG_INTEGER);
    writer.int64(value);
  } else if (typeof value === 'number') {
    writer.byte(TAG_REAL);
    writer.float64(value);
  } else if (typeof value === 'string') {
    writer.byte(TAG_TEXT);
    writer.text(value);
  } else if (Buffer.isBuffer(value)) {
    writer.byte(TAG_BLOB);
    writer.bytes(value);
  } else {
    throw new TypeError(`unexpected SQLite value of type ${typeof value}`);
  }
}

/**
 * Computes the digest of every row of every table (sorted by name, sqlite_* excluded), with
 * rows in primary-key order. A table without a primary key is ordered by all its columns.
 * Table and column names are part of the digest; indexes, triggers and page layout are not.
 * Reads the rows one at a time, so memory stays flat for a million-row snapshot.
 */
export function contentDigest(db: Database, algorithm: HashAlgorithm): string {
  const hasher = createHasher(algorithm);
  const writer = new ChunkedWriter(hasher);

  for (const table of readTableLayouts(db)) {
    writer.byte(TAG_TABLE);
    writer.text(table.name);
    writer.int64(BigInt(table.columns.length));
    for (const column of table.columns) writer.text(column.name);

    const columns = table.columns.map((column) => quoteIdentifier(column.name));
    const orderColumns = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdentifier) : columns;
    // Integers come back as bigint and reals as number, which keeps 1 and 1.0 apart.
    const rows = db
      .prepare(`SELECT ${columns.join(', ')} FROM main.${quoteIdentifier(table.name)} ORDER BY ${orderColumns.join(', ')}`)
      .raw(true)
      .safeIntegers(true)
      .iterate() as IterableIterator<unknown[]>;
    for (const row of rows) {
      writer.byte(TAG_ROW);
      for (const value of row) writeValue(writer, value);
    }
    writer.byte(TAG_END);
  }

  writer.flush();
  return hasher.digestHex();
}
