// File reads for `minsheng verify`. A folder copied off a mirror or a USB stick may contain a
// FIFO, a device or a symbolic link to one where a bundle file belongs. Reading /dev/zero never
// ends, and opening a FIFO waits for a writer, so every file is checked to be a regular file
// before any byte is read. Files are opened with O_NONBLOCK, because then opening a FIFO that
// replaced the file after the check returns at once.
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BundleRejection } from './rejection.js';
import type { RejectDetails } from './rejection.js';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const CHUNK_BYTES = 1024 * 1024;

/** Problems that only `verify` reports, on top of the reasons a terminal rejects a bundle for. */
export const VERIFY_REASONS = [
  'missing-file',
  'not-regular-file',
  'file-changed',
  'root-chain-start',
  'root-chain-gap',
  'root-not-self-signed',
  'anchor-mismatch',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

/** A failed verify check with a VERIFY_REASONS code and the values that differed. */
export class VerifyProblem extends Error {
  constructor(
    readonly reason: VerifyReason,
    readonly details: RejectDetails,
  ) {
    super(`verify check failed (${reason}): ${JSON.stringify(details)}`);
    this.name = 'VerifyProblem';
  }
}

export type FileType = 'symlink' | 'fifo' | 'directory' | 'device' | 'socket' | 'other';

/** Names the kind of a file that is not a regular one, from its lstat. */
export function fileTypeOf(stats: Stats): FileType {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isDirectory()) return 'directory';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

interface OpenedFile {
  handle: FileHandle;
  stats: Stats;
}

/**
 * Opens `file` for reading after checking that it is a regular file. With `followSymlinks`
 * false a symbolic link is rejected, even one to a regular file. `name` is the file's name in
 * the bundle, for messages.
 */
async function openRegularFile(file: string, name: string, followSymlinks: boolean): Promise<OpenedFile> {
  let checked: Stats;
  try {
    checked = followSymlinks ? await stat(file) : await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new VerifyProblem('missing-file', { file: name });
    throw error;
  }
  if (!checked.isFile()) throw new VerifyProblem('not-regular-file', { file: name, type: fileTypeOf(checked) });

  const flags = constants.O_RDONLY | constants.O_NONBLOCK | (followSymlinks ? 0 : constants.O_NOFOLLOW);
  let handle: FileHandle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    // ELOOP: a symbolic link replaced the file after the check. ENOENT: the file was deleted.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'ENOENT') throw new VerifyProblem('file-changed', { file: name });
    throw error;
  }

  const opened = await handle.stat();
  if (!opened.isFile() || opened.ino !== checked.ino || opened.dev !== checked.dev) {
    await handle.close();
    throw new VerifyProblem('file-changed', { file: name });
  }
  return { handle, stats: opened };
}

/**
 * Passes the file's bytes to `sink` in chunks, up to its size when opened. A file that grows
 * while it is read raises 'file-changed'. A file that shrinks returns fewer bytes, which the
 * caller's length check reports.
 */
async function readOpened(opened: OpenedFile, name: string, sink: (chunk: Buffer) => Promise<void> | void): Promise<number> {
  const limit = opened.stats.size;
  let position = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await opened.handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return position;

    position += bytesRead;
    if (position > limit) throw new VerifyProblem('file-changed', { file: name });
    await sink(buffer.subarray(0, bytesRead));
  }
}

/**
 * Copies a gzip file of the bundle into `destination`, so that the later checks read a copy the
 * folder cannot change. The file must be a regular file and not a symbolic link. With a signed
 * length, a file of another size is rejected as 'length-mismatch' before it is read.
 */
export async function copyRegularFile(
  folder: string,
  name: string,
  destination: string,
  signed: { length: number; label: 'payload' | 'delta' } | null,
): Promise<void> {
  const opened = await openRegularFile(path.join(folder, name), name, false);
  let output: FileHandle | null = null;
  try {
    if (signed !== null && opened.stats.size !== signed.length) {
      throw new BundleRejection('length-mismatch', { file: signed.label, expected: signed.length, actual: opened.stats.size });
    }
    const target = await open(destination, 'wx');
    output = target;
    await readOpened(opened, name, async (chunk) => {
      await target.write(chunk);
    });
  } finally {
    await output?.close();
    await opened.handle.close();
  }
}

/**
 * Reads a small file of the folder whole, following symbolic links as a terminal's folder
 * source does. A missing file raises SourceError 'not-found' and a file larger than maxBytes
 * SourceError 'too-large', as BundleSource.readFile does.
 */
export async function readRegularFile(folder: string, name: string, maxBytes: number): Promise<Buffer> {
  const file = path.join(folder, name);
  let opened: OpenedFile;
  try {
    opened = await openRegularFile(file, name, true);
  } catch (error) {
    if (error instanceof VerifyProblem && error.reason === 'missing-file') throw new SourceError('not-found', `${file} does not exist`);
    throw error;
  }

  try {
    if (opened.stats.size > maxBytes) throw new SourceError('too-large', `${file} has ${opened.stats.size} bytes, more than the allowed ${maxBytes}`);
    const chunks: Buffer[] = [];
    await readOpened(opened, name, (chunk) => void chunks.push(chunk));
    return Buffer.concat(chunks);
  } finally {
    await opened.handle.close();
  }
}

/** Creates a read-only source whose reads go through readRegularFile. Verify reads files in place, so downloads fail. */
export function createVerifySource(folder: string): BundleSource {
  const root = path.resolve(folder);
  return {
    location: root,
    readFile: (name, maxBytes) => readRegularFile(root, name, maxBytes),
    downloadFile: () => Promise.reject(new Error('verify reads bundle files in place and never downloads them')),
  };
}
