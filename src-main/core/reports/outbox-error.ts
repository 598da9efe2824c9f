// The error of the report outbox. `code` lets a caller pick its own catalog message, because
// core modules do not translate.
// 'damaged': the file opens, but SQLite's quick_check finds it corrupt or it is no database.
export type OutboxErrorCode = 'invalid-input' | 'not-found' | 'unreadable' | 'damaged' | 'newer-schema';

export class OutboxError extends Error {
  constructor(
    message: string,
    readonly code: OutboxErrorCode,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}
