// Bundle sources: a web server (http-source.ts) or a local folder such as a mounted USB stick
// (dir-source.ts). Both read a file of the bundle by its bare name and never accept
// more bytes than the caller allows, so a hostile or broken server cannot fill the disk.

export type SourceErrorKind = 'not-found' | 'too-large' | 'network' | 'io';

/**
 * A failed read from a source. `kind` lets sync tell a bad bundle from an unreachable one.
 * `retryable` marks failures that may pass on their own, such as a 5xx status or a dropped
 * connection.
 */
export class SourceError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.retryable = options.retryable ?? false;
  }
}

export interface BundleSource {
  /** The URL or folder, for logs and messages. */
  readonly location: string;

  /** Reads a small file whole; rejects with kind 'too-large' past maxBytes. */
  readFile(name: string, maxBytes: number): Promise<Buffer>;

  /**
   * Copies a file of the bundle to destinationFile (created or truncated) and returns the byte
   * count. Stops with kind 'too-large' as soon as more than maxBytes arrive.
   */
  downloadFile(name: string, destinationFile: string, maxBytes: number): Promise<number>;
}

/** Picks the source for a --source value: an http(s) URL or a folder path. */
export function isUrlSource(value: string): boolean {
  return /^https?:\/\//i.test(value);
}
