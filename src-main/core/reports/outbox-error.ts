// The error of the report outbox. `code` lets a caller pick its own catalog message, because
// core modules do not translate.
export type OutboxErrorCode = 'invalid-input' | 'not-found' | 'unreadable' | 'newer-schema';

export class OutboxError extends Error {
  constructor(
    message: string,
    readonly code: OutboxErrorCode,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}
