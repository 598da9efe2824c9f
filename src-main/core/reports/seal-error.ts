// The error of sealing and opening reports. `code` lets the caller pick its own message: a wrong
// key needs another key file, while a tampered or truncated envelope needs a fresh upload.
export type SealErrorCode =
  | 'invalid-input'
  | 'truncated'
  | 'malformed'
  | 'unsupported-version'
  | 'unsupported-algorithm'
  | 'wrong-key'
  | 'tampered';

export class SealError extends Error {
  constructor(
    readonly code: SealErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealError';
  }
}
