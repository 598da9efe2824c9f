// Copying a published bundle onto a USB stick, into `<stick>/minsheng-bundles/<region code>/`,
// where the kiosk's `usb` source looks for it (core/sync/usb-source.ts). Sticks fill up, are
// write-protected, pulled early or silently corrupt data, so each file is written under a
// temporary name, flushed, renamed and read back, and the manifest goes last: a stick pulled
// halfway still holds the previous bundle or none, never a manifest without its files.
import { copyFile, readFile, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from '../core/crypto/hash.js';
import { fsyncFolder, fsyncPath, writeFileDurably } from '../core/data-folder/fsync.js';
import { makeFolder } from '../core/make-folder.js';
import { NOTICES_FILE } from '../core/notices/notices-file.js';
import { MANIFEST_FILE, ManifestSchema } from '../core/snapshot/manifest.js';
import { USB_BUNDLES_FOLDER } from '../core/sync/usb-source.js';
import { errnoOf } from '../core/sync/errno.js';
import { removeOldDataFiles } from './bundle-files.js';
import { manifestFiles } from './kept-versions.js';
import { ROOT_FILE } from './roots-copy.js';

export type UsbErrorCode = 'usbMissing' | 'usbFull' | 'usbReadOnly' | 'usbVerifyFailed' | 'usbWriteFailed';

export type UsbCopyOutcome =
  | { ok: true; dir: string; folder: string; files: string[]; bytes: number }
  | { ok: false; dir: string; folder: string; code: UsbErrorCode; params: Record<string, string | number> };

/** A failed step of the copy, with the catalog code of its message (publish:errors.<code>). */
class UsbCopyError extends Error {
  constructor(
    readonly code: UsbErrorCode,
    readonly params: Record<string, string | number>,
  ) {
    super(code);
  }
}

function codeOfWriteError(error: unknown): UsbErrorCode {
  const code = errnoOf(error);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'usbFull';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'usbReadOnly';
  return 'usbWriteFailed';
}

function reasonOf(error: unknown): string {
  return errnoOf(error) ?? (error as Error).message;
}

/**
 * Copies `name` from the bundle folder to the stick folder under a temporary name, flushes and
 * renames it, then reads it back and compares length and SHA-256 with the source.
 */
async function copyVerified(from: string, to: string, name: string): Promise<number> {
  const source = path.join(from, name);
  const target = path.join(to, name);
  const temporary = path.join(to, `.${name}.${process.pid}.tmp`);
  const expected = await hashFile(source, 'sha256');
  try {
    await copyFile(source, temporary);
    await fsyncPath(temporary, 'r+');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new UsbCopyError(codeOfWriteError(error), { file: target, reason: reasonOf(error) });
  }

  // NOTE: the read-back may be served from the page cache rather than the stick itself, so it
  // proves what the kernel has after fsync, not every sector; a kiosk checks every digest again.
  const written = await hashFile(target, 'sha256');
  if (written.length !== expected.length || written.digest !== expected.digest) {
    throw new UsbCopyError('usbVerifyFailed', { file: target, expected: expected.length, actual: written.length });
  }
  return expected.length;
}

/** Throws usbFull before any write when the stick has less free space than the files need. */
async function checkFreeSpace(dir: string, folder: string, neededBytes: number): Promise<void> {
  const stats = await statfs(folder);
  const freeBytes = stats.bavail * stats.bsize;
  if (freeBytes < neededBytes) {
    throw new UsbCopyError('usbFull', { file: dir, reason: `${neededBytes} bytes needed, ${freeBytes} free` });
  }
}

/** Removes root files of the stick folder that the bundle folder lacks, so kiosks do not walk to them. */
async function removeStaleRoots(folder: string, rootNames: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(folder)) {
    if (ROOT_FILE.test(name) && !rootNames.has(name)) await rm(path.join(folder, name), { force: true });
  }
}

/** Checks that the stick `dir` is mounted and creates the bundle folder on it. */
async function prepareStickFolder(dir: string, folder: string): Promise<void> {
  // A missing folder would put the files on the computer's own disk.
  try {
    if (!(await stat(dir)).isDirectory()) throw new UsbCopyError('usbMissing', { file: dir, reason: 'not a folder' });
  } catch (error) {
    if (error instanceof UsbCopyError) throw error;
    throw new UsbCopyError('usbMissing', { file: dir, reason: reasonOf(error) });
  }
  try {
    await makeFolder(folder);
  } catch (error) {
    throw new UsbCopyError(codeOfWriteError(error), { file: folder, reason: reasonOf(error) });
  }
}

async function copyInto(bundleDir: string, dir: string, folder: string): Promise<{ files: string[]; bytes: number }> {
  // 1. The stick must be mounted.
  await prepareStickFolder(dir, folder);

  // 2. The files the new manifest names, the root chain and the emergency notices file, if the
  // folder has one, all before the manifest.
  const manifestBytes = await readFile(path.join(bundleDir, MANIFEST_FILE));
  const manifest = ManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  const bundleNames = await readdir(bundleDir);
  const rootNames = bundleNames.filter((name) => ROOT_FILE.test(name)).sort();
  const dataNames = manifestFiles(manifest);
  const names = [...rootNames, ...dataNames, ...bundleNames.filter((name) => name === NOTICES_FILE)];
  let needed = manifestBytes.length;
  for (const name of names) needed += (await stat(path.join(bundleDir, name))).size;
  await checkFreeSpace(dir, folder, needed);

  let bytes = 0;
  for (const name of names) bytes += await copyVerified(bundleDir, folder, name);

  // 3. The manifest, atomically, then read back.
  const manifestFile = path.join(folder, MANIFEST_FILE);
  try {
    await writeFileDurably(manifestFile, manifestBytes);
  } catch (error) {
    throw new UsbCopyError(codeOfWriteError(error), { file: manifestFile, reason: reasonOf(error) });
  }
  const readBack = await readFile(manifestFile);
  if (!readBack.equals(manifestBytes)) {
    throw new UsbCopyError('usbVerifyFailed', { file: manifestFile, expected: manifestBytes.length, actual: readBack.length });
  }

  // 4. Files of earlier bundles on the stick, now that the manifest no longer names them.
  await removeOldDataFiles(folder, new Set(dataNames));
  await removeStaleRoots(folder, new Set(rootNames));
  await fsyncFolder(folder);
  return { files: [...names, MANIFEST_FILE], bytes: bytes + manifestBytes.length };
}

/**
 * Copies the emergency notices file of `bundleDir` to `<dir>/minsheng-bundles/<regionCode>/` and
 * verifies it, for `minsheng notice publish | end --usb`. The bundle on the stick is left as it is.
 */
export async function copyNoticesToUsb(bundleDir: string, dir: string, regionCode: string): Promise<UsbCopyOutcome> {
  return runCopy(dir, regionCode, async (folder) => {
    await prepareStickFolder(dir, folder);
    await checkFreeSpace(dir, folder, (await stat(path.join(bundleDir, NOTICES_FILE))).size);
    const bytes = await copyVerified(bundleDir, folder, NOTICES_FILE);
    await fsyncFolder(folder);
    return { files: [NOTICES_FILE], bytes };
  });
}

async function runCopy(dir: string, regionCode: string, copy: (folder: string) => Promise<{ files: string[]; bytes: number }>): Promise<UsbCopyOutcome> {
  const folder = path.join(dir, USB_BUNDLES_FOLDER, regionCode);
  try {
    const { files, bytes } = await copy(folder);
    return { ok: true, dir, folder, files, bytes };
  } catch (error) {
    if (error instanceof UsbCopyError) return { ok: false, dir, folder, code: error.code, params: { ...error.params, dir, folder } };
    return { ok: false, dir, folder, code: codeOfWriteError(error), params: { file: folder, reason: reasonOf(error), dir, folder } };
  }
}

/**
 * Copies the bundle in `bundleDir` (manifest, the payload and deltas it names, root files, the
 * emergency notices file) to
 * `<dir>/minsheng-bundles/<regionCode>/` and verifies every file after writing. Returns the
 * outcome and never throws for a stick that is missing, full, read-only or returns other bytes.
 */
export function copyBundleToUsb(bundleDir: string, dir: string, regionCode: string): Promise<UsbCopyOutcome> {
  return runCopy(dir, regionCode, (folder) => copyInto(bundleDir, dir, folder));
}
