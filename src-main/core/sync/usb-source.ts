// The `usb` source: a county worker plugs in a stick whose `minsheng-bundles/<region code>/`
// folder contains a published bundle, and the terminal reads that folder as a dir source. Desktop
// systems mount removable media at /media/<user>/<label> (udisks2 on Debian),
// /run/media/<user>/<label> (udisks2 on Fedora), and people mount by hand at /mnt or
// /mnt/<label>, so the search covers each root and the folders one and two levels below it.
// Anyone can put a stick in, so on the stick only real folders and regular files count: a
// symbolic link (to /etc/shadow, say), a FIFO or a device in the bundle's place is rejected.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../log.js';
import { MANIFEST_FILE } from '../snapshot/manifest.js';
import { createDirSource } from './dir-source.js';
import { fileTypeOf } from './verify-files.js';
import type { FileType } from './verify-files.js';
import type { BundleSource } from './source.js';
import { SourceError } from './source.js';

const log = createLogger('sync');

export const DEFAULT_USB_ROOTS = ['/media', '/run/media', '/mnt'];

/** Folder at the top of the medium that contains one bundle folder per county code. */
export const USB_BUNDLES_FOLDER = 'minsheng-bundles';

/** Folder levels below a root where a medium may be mounted. */
const MOUNT_DEPTH = 2;

export interface UsbSearchOptions {
  /** County code whose bundle to read; without it, the medium must hold exactly one county. */
  regionCode?: string;
  /** Folders under which media are mounted. */
  roots?: string[];
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** A path on the stick in the bundle's place that is not a real folder or regular file. */
export class UsbNotRegularError extends SourceError {
  constructor(readonly file: string, readonly type: string) {
    super('io', `${file} on the USB stick is ${type}, not a regular file: copy the bundle itself onto the stick, not a link to it`, {
      translation: { key: 'sync:source.usbNotRegular', values: { file } },
    });
    this.name = 'UsbNotRegularError';
  }
}

const TYPE_WORDS: Record<FileType, string> = {
  symlink: 'a symbolic link',
  fifo: 'a named pipe',
  directory: 'a folder',
  device: 'a device',
  socket: 'a socket',
  other: 'a regular file',
};

function typeOf(stats: Stats): string {
  return TYPE_WORDS[fileTypeOf(stats)];
}

function lstatOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/** Lists subfolders in name order; an unreadable folder (no permission, medium just removed) has none. */
function subfolders(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return [];
  }
  return names.map((name) => path.join(folder, name)).filter(isDirectory);
}

/** Lists the folders where a medium may be mounted: each root and its subfolders to MOUNT_DEPTH. */
export function mountCandidates(roots: string[]): string[] {
  const candidates: string[] = [];
  let level = roots.filter(isDirectory);
  for (let depth = 0; depth <= MOUNT_DEPTH && level.length > 0; depth += 1) {
    candidates.push(...level);
    level = level.flatMap(subfolders);
  }
  return candidates;
}

/**
 * Lists the bundle folders found under the candidates, for one county code or for any, and the
 * paths in a bundle's place that are links or special files (the first such path of each mount).
 */
function bundleFolders(candidates: string[], regionCode: string | undefined): { found: string[]; irregular: UsbNotRegularError[] } {
  const found: string[] = [];
  const irregular: UsbNotRegularError[] = [];
  for (const mount of candidates) {
    const bundles = path.join(mount, USB_BUNDLES_FOLDER);
    const folders = regionCode === undefined ? subfolders(bundles) : [path.join(bundles, regionCode)];
    for (const folder of folders) {
      const steps = [bundles, folder, path.join(folder, MANIFEST_FILE)];
      const stats = steps.map(lstatOrNull);
      if (stats.some((entry) => entry === null)) continue;
      const bad = stats.findIndex((entry, index) => (index < 2 ? !entry!.isDirectory() : !entry!.isFile()));
      if (bad === -1) found.push(folder);
      else irregular.push(new UsbNotRegularError(steps[bad]!, typeOf(stats[bad]!)));
    }
  }
  return { found, irregular };
}

/**
 * Finds the bundle folder on mounted media, `<mount>/minsheng-bundles/<region code>/` with a
 * manifest.json in it. Throws SourceError 'not-found' naming the roots and the folder expected
 * when there is none, or when no region code is given and several counties are found. Throws
 * UsbNotRegularError when the only candidate is a link or a special file.
 */
export function findUsbBundleFolder(options: UsbSearchOptions = {}): string {
  const roots = options.roots ?? DEFAULT_USB_ROOTS;
  const { regionCode } = options;
  const { found, irregular } = bundleFolders(mountCandidates(roots), regionCode);
  const expected = path.join(USB_BUNDLES_FOLDER, regionCode ?? '<region code>', MANIFEST_FILE);

  if (found.length === 0 && irregular.length > 0) throw irregular[0]!;
  if (found.length === 0) {
    throw new SourceError(
      'not-found',
      `no USB stick or other mounted medium holds ${expected}: searched ${roots.join(', ')} and the folders up to ${MOUNT_DEPTH} levels below them. Plug in the stick and check that it holds that folder.`,
      { translation: { key: 'sync:source.usbNotFound', values: { folder: expected, roots: roots.join(', ') } } },
    );
  }

  const regions = [...new Set(found.map((folder) => path.basename(folder)))];
  if (regionCode === undefined && regions.length > 1) {
    throw new SourceError(
      'not-found',
      `mounted media hold bundles for regions ${regions.join(', ')}: set this terminal's region to choose one`,
      { translation: { key: 'sync:source.usbManyRegions', values: { regions: regions.join(', ') } } },
    );
  }

  if (found.length > 1) {
    log.warn({ chosen: found[0], ignored: found.slice(1) }, 'several media contain a bundle for this region; reading the first');
  }
  return found[0]!;
}

/** Finds the bundle folder on mounted media now and reads it as a dir source. */
export function createUsbSource(options: UsbSearchOptions = {}): BundleSource {
  const folder = findUsbBundleFolder(options);
  log.info({ folder }, 'found a bundle on removable media');
  return createDirSource(folder);
}
