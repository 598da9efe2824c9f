// Bundle sources: a web server (http-source.ts), a local folder (dir-source.ts) or the bundle
// folder of a mounted USB stick (usb-source.ts). All read a file of the bundle by its bare name
// and never accept more bytes than the caller allows, so a hostile or broken server cannot fill
// the disk.
import { fileURLToPath } from 'node:url';

export type SourceErrorKind = 'not-found' | 'too-large' | 'network' | 'io';

/**
 * A failed read from a source. `kind` lets sync tell a bad bundle from an unreachable one.
 * `retryable` marks failures that may pass on their own, such as a 5xx status or a dropped
 * connection.
 */
export class SourceError extends Error {
  readonly retryable: boolean;
  /**
   * Catalog key and values of the translated message, set on errors a technician must act on,
   * such as no USB stick found. `message` is the English text for logs.
   */
  readonly translation?: { key: string; values: Record<string, string> };

  constructor(
    readonly kind: SourceErrorKind,
    message: string,
    options: { cause?: unknown; retryable?: boolean; translation?: { key: string; values: Record<string, string> } } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'SourceError';
    this.retryable = options.retryable ?? false;
    this.translation = options.translation;
  }
}

export interface DownloadOptions {
  /**
   * Keeps the bytes already in destinationFile and fetches only the rest. The caller verifies
   * the whole file afterwards, because a kept prefix is untrusted.
   */
  resume?: boolean;
}

export interface BundleSource {
  /** The URL or folder, for logs and messages. */
  readonly location: string;

  /** Reads a small file whole; rejects with kind 'too-large' past maxBytes. */
  readFile(name: string, maxBytes: number): Promise<Buffer>;

  /**
   * Copies a file of the bundle to destinationFile and returns its final length. Without
   * `resume` the file is created or truncated first. The file never grows past maxBytes, because
   * the copy stops with kind 'too-large' once the source offers more.
   */
  downloadFile(name: string, destinationFile: string, maxBytes: number, options?: DownloadOptions): Promise<number>;
}

/** The --source value that searches mounted removable media for the bundle folder. */
export const USB_SOURCE_VALUE = 'usb';

/** True for an http(s) URL; other accepted --source values are a folder or `usb`. */
export function isUrlSource(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** A --source value with a scheme other than http, https or file (ftp://, smb://, …). */
export class UnsupportedSourceError extends Error {
  constructor(readonly value: string) {
    super(`unsupported source ${value}: use an http:// or https:// URL, a folder path, a file:// URL or usb`);
    this.name = 'UnsupportedSourceError';
  }
}

export type SourceLocation = { kind: 'url'; url: string } | { kind: 'folder'; folder: string } | { kind: 'usb' };

/**
 * Classifies a --source value. Only http(s) values are URLs, and a file:// URL names a local
 * folder. The bare word `usb` (any case) means mounted removable media; a folder of that name is
 * still reachable as ./usb. A value with any other scheme is rejected, because it would otherwise
 * be read as a relative folder such as ./ftp:/host.
 */
export function parseSourceValue(value: string): SourceLocation {
  if (isUrlSource(value)) return { kind: 'url', url: value };
  if (value.toLowerCase() === USB_SOURCE_VALUE) return { kind: 'usb' };

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
