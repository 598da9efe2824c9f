// The error of every key and PEM parser in this folder. `code` lets a caller choose its own
// message: an encrypted key needs a different fix from a damaged or foreign one.
export type KeyErrorCode = 'invalid' | 'encrypted' | 'unsupported';

export class KeyError extends Error {
  constructor(
    message: string,
    readonly code: KeyErrorCode = 'invalid',
  ) {
    super(message);
    this.name = 'KeyError';
  }
}
