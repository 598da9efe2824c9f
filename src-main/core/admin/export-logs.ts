// Export of the logs to a USB stick for a technician to take away: every file in the data
// folder's logs folder (the kiosk log, the incident log, the supervisor's log) and the current
// diagnostics as JSON, each line redacted, into <stick>/minsheng-logs/<terminal ID>-<UTC time>/.
// Each file is written durably, so a stick pulled right after the result shows keeps what it reports.
import { readdir, stat } from 'node:fs/promises';
import { mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AdminActionResult, Diagnostics } from '../../../src-shared/admin-api.js';
import { fsyncFolder, writeFileDurably } from '../data-folder/fsync.js';
import { logsDir } from '../data-folder/layout.js';
import { createLogger } from '../log.js';
import { mountCandidates } from '../sync/usb-source.js';
import { readTailLines } from '../tail-lines.js';
import { redactPersonalData } from '../redaction.js';
import { shownLogLine } from './log-tail.js';

const log = createLogger('admin-export-logs');

export const EXPORT_FOLDER = 'minsheng-logs';
// The newest part of each log file is exported. The kiosk log is not rotated, so after months it
// may be far larger than a technician needs or a small stick holds.
export const MAX_EXPORT_BYTES_PER_FILE = 8 * 1024 * 1024;

/**
 * Returns true when `folder` is a mount point: its file system differs from its parent's. A
 * stick is mounted at such a folder, while the folders around it (/media/<user>) are not.
 */
function isMountPoint(folder: string): boolean {
  try {
    return statSync(folder).dev !== statSync(path.dirname(folder)).dev;
  } catch {
    return false;
  }
}

// File systems that sticks and memory cards come formatted with.
const REMOVABLE_FILE_SYSTEMS = new Set(['vfat', 'msdos', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'iso9660', 'udf']);

export interface MountEntry {
  mountPoint: string;
  /** The device's major:minor numbers, such as 8:17. */
  device: string;
  fileSystem: string;
}

/** Parses /proc/self/mountinfo: "36 35 98:0 / /mnt1 rw,noatime master:1 - ext3 /dev/root rw". */
export function parseMountInfo(text: string): MountEntry[] {
  const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return text
    .split('\n')
    .filter((line) => line.includes(' - '))
    .map((line) => {
      const [before, after] = line.split(' - ') as [string, string];
      const fields = before.split(' ');
      return { mountPoint: unescape(fields[4] ?? ''), device: fields[2] ?? '', fileSystem: after.split(' ')[0] ?? '' };
    });
}

/**
 * Returns true when Linux reports the mount as removable: a stick's file system (FAT, exFAT,
 * NTFS), or a block device whose disk has /sys/.../removable set to 1. A tmpfs or a second
 * internal disk mounted at /mnt/data is not a stick.
 */
export function isRemovableMount(entry: MountEntry, sysRoot = '/sys'): boolean {
  if (REMOVABLE_FILE_SYSTEMS.has(entry.fileSystem)) return true;
  let device: string;
  try {
    device = realpathSync(path.join(sysRoot, 'dev', 'block', entry.device));
  } catch {
    return false;
  }
  // A partition's flag is on its disk, the folder above it.
  for (const folder of [device, path.dirname(device)]) {
    try {
      if (readFileSync(path.join(folder, 'removable'), 'utf8').trim() === '1') return true;
    } catch {
      // No flag here; try the disk.
    }
  }
  return false;
}

function removableOnLinux(mountPoint: string): boolean {
  if (process.platform !== 'linux') return true;
  let entries: MountEntry[];
  try {
    entries = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  } catch {
    return true;
  }
  const entry = entries.findLast((candidate) => candidate.mountPoint === mountPoint);
  return entry !== undefined && isRemovableMount(entry);
}

/**
 * Returns the first mounted medium under the roots, in the order the USB import searches, or
 * null. With `removableOnly`, on Linux only a mount the system reports as removable counts; the
 * tests, which mount tmpfs sticks under roots of their own, turn it off.
 */
export function findMountedMedium(roots: string[], removableOnly = false): string | null {
  return mountCandidates(roots).find((folder) => isMountPoint(folder) && (!removableOnly || removableOnLinux(folder))) ?? null;
}

/** Removes the export's folder and the minsheng-logs folder above it, each only when empty. */
function removeEmptyFolders(folder: string): void {
  for (const candidate of [folder, path.dirname(folder)]) {
    try {
      rmdirSync(candidate);
    } catch (error) {
      // Not empty: keep it and the folders above.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
  }
}

// 20261205T065335Z: sortable and free of characters FAT file systems reject.
function compactUtc(time: Date): string {
  return time.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

async function logFiles(dataDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(logsDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(logsDir(dataDir), name);
    if ((await stat(file)).isFile()) files.push(file);
  }
  return files;
}

function makeFolder(folder: string): void {
  try {
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function redactedText(lines: string[]): string {
  return lines.map((line) => `${shownLogLine(line)}\n`).join('');
}

export interface ExportLogsOptions {
  dataDir: string;
  terminalId: string;
  diagnostics: Diagnostics;
  /** Folders under which sticks are mounted (as for the USB import). */
  usbRoots: string[];
  /** Counts only mounts Linux reports as removable; off for roots a test names. */
  removableOnly?: boolean;
  now: Date;
  /** Called once the medium is chosen; tests pull the stick here. */
  afterFind?: (medium: string) => void;
}

/** Writes the export to the first mounted medium; fails with no-usb or write-failed. */
export async function exportLogs(options: ExportLogsOptions): Promise<AdminActionResult> {
  const medium = findMountedMedium(options.usbRoots, options.removableOnly ?? false);
  if (medium === null) {
    return {
      status: 'failed',
      code: 'no-usb',
      detail: `no mounted USB stick found under ${options.usbRoots.join(', ')}; plug in a stick and wait until the system shows it`,
    };
  }

  const mediumDevice = statSync(medium).dev;
  options.afterFind?.(medium);
  const folder = path.join(medium, EXPORT_FOLDER, `${options.terminalId}-${compactUtc(options.now)}`);
  // Reading the logs is the kiosk's side; a failure there is not the stick's fault and is raised.
  const files = await logFiles(options.dataDir);
  const contents = await Promise.all(files.map(async (file) => ({ name: path.basename(file), text: redactedText(await readTailLines(file, MAX_EXPORT_BYTES_PER_FILE)) })));
  // Only the text values are redacted: a byte count must not be taken for a phone number.
  const diagnosticsText = `${JSON.stringify(options.diagnostics, (_key, value: unknown) => (typeof value === 'string' ? redactPersonalData(value) : value), 2)}\n`;

  try {
    // One level at a time: a recursive mkdir reports a read-only medium as ENOENT, not EROFS.
    makeFolder(path.dirname(folder));
    makeFolder(folder);
    for (const { name, text } of contents) await writeFileDurably(path.join(folder, name), text);
    await writeFileDurably(path.join(folder, 'diagnostics.json'), diagnosticsText);
    await fsyncFolder(path.dirname(folder));
    // A stick pulled (or unmounted) during the export leaves the mount point as a plain folder
    // of the internal disk, where the writes above then succeed.
    if (statSync(folder).dev !== mediumDevice || statSync(medium).dev !== mediumDevice || !isMountPoint(medium)) {
      rmSync(folder, { recursive: true, force: true });
      removeEmptyFolders(folder);
      log.error({ folder }, 'the USB stick was removed during the log export');
      return { status: 'failed', code: 'write-failed', detail: `${folder}: the USB stick was removed during the export; plug it in again and export again` };
    }
  } catch (error) {
    log.error({ err: error, folder }, 'exporting the logs to the USB stick failed');
    // The folder is this export's own: a part of it on a full stick is of no use.
    rmSync(folder, { recursive: true, force: true });
    removeEmptyFolders(folder);
    return { status: 'failed', code: 'write-failed', detail: `${folder}: ${(error as Error).message}`.slice(0, 2000) };
  }

  log.info({ folder, files: contents.length + 1 }, 'logs exported to a USB stick');
  return { status: 'done', code: 'exported', detail: folder };
}
