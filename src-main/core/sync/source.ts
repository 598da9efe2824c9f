// Bundle sources: a web server (http-source.ts) or a local folder such as a mounted USB stick
// (dir-source.ts). Both read a file of the bundle by its bare name and never accept
// more bytes than the caller allows, so a hostile or broken server cannot fill the disk.
import { fileURLToPath } from 'node:url';

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

/** True for an http(s) URL; every other accepted --source value is a folder. */
export function isUrlSource(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** A --source value with a scheme other than http, https or file (ftp://, smb://, …). */
export class UnsupportedSourceError extends Error {
  constructor(readonly value: string) {
    super(`unsupported source ${value}: use an http:// or https:// URL, a folder path or a file:// URL`);
    this.name = 'UnsupportedSourceError';
  }
}

export type SourceLocation = { kind: 'url'; url: string } | { kind: 'folder'; folder: string };

/**
 * Classifies a --source value. Only http(s) values are URLs, and a file:// URL names a local
 * folder. A value with any other scheme is rejected, because it would otherwise be read as a
 * relative folder such as ./ftp:/host.
 */
export function parseSourceValue(value: string): SourceLocation {
  if (isUrlSource(value)) return { kind: 'url', url: value };

  if (/^file:\/\//i.test(value)) {
    try {
      return { kind: 'folder', folder: fileURLToPath(value) };
    } catch {
      // A file URL with a remote host or a bad escape names no local folder.
      throw new UnsupportedSourceError(value);
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new UnsupportedSourceError(value);
  return { kind: 'folder', folder: value };
}
