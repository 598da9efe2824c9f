// File layout of a terminal's data folder (the config's dataDir). The folder contains the
// snapshot files, the two pointers naming the current and previous snapshot, the trust and sync
// state, and the partial downloads. Every name is defined here so that install, sync, the kiosk
// service and the status report agree on them.
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const CURRENT_POINTER = 'current.json';
export const PREVIOUS_POINTER = 'previous.json';
export const STATE_FILE = 'state.json';
export const STATUS_FILE = 'status.json';
export const TRUSTED_ROOT_FILE = 'trusted-root.json';
export const DOWNLOADS_FOLDER = 'downloads';
// The kiosk's full-text index of the current snapshot, rebuilt from the snapshot when missing.
export const SEARCH_CACHE_FOLDER = 'search-cache';

const STAGING_MARK = '.staging-';
const SNAPSHOT_FILE = /^snapshot-\d+-[0-9a-f]{12}\.sqlite$/;

export type PointerName = 'current' | 'previous';

export function pointerPath(dataDir: string, pointerName: PointerName): string {
  return path.join(dataDir, pointerName === 'current' ? CURRENT_POINTER : PREVIOUS_POINTER);
}

/** Creates a unique staging path in dataDir. Everything sync writes before install goes to such a path. */
export function newStagingFile(dataDir: string, suffix = ''): string {
  return path.join(dataDir, `${STAGING_MARK}${randomBytes(6).toString('hex')}${suffix}`);
}

export function isStagingName(name: string): boolean {
  return name.startsWith(STAGING_MARK);
}

/** Creates a unique file name for an installed snapshot of this version. */
export function newSnapshotName(version: number): string {
  return `snapshot-${version}-${randomBytes(6).toString('hex')}.sqlite`;
}

export function isSnapshotName(name: string): boolean {
  return SNAPSHOT_FILE.test(name);
}

/**
 * Returns the download path of the file with this signed digest. The download there may be
 * partial, or complete but not yet checked.
 */
export function downloadPath(dataDir: string, digest: string): string {
  return path.join(dataDir, DOWNLOADS_FOLDER, `${digest}.part`);
}

export function searchCacheDir(dataDir: string): string {
  return path.join(dataDir, SEARCH_CACHE_FOLDER);
}

// Sealed reports waiting for upload. Kept apart from the snapshots, so that a technician who
// clears the snapshot files does not delete unsent reports with them.
export const REPORTS_FOLDER = 'reports';
export const OUTBOX_FILE = 'outbox.sqlite';

export function outboxPath(dataDir: string): string {
  return path.join(dataDir, REPORTS_FOLDER, OUTBOX_FILE);
}

// The browser host's printed pages (PDF files), where Electron would feed paper.
export const PRINTED_FOLDER = 'printed';

export function printedDir(dataDir: string): string {
  return path.join(dataDir, PRINTED_FOLDER);
}

// Log files: kiosk.log from the kiosk host, incidents.jsonl from the kiosk and its supervisor.
export const LOGS_FOLDER = 'logs';
export const KIOSK_LOG_FILE = 'kiosk.log';

export function logsDir(dataDir: string): string {
  return path.join(dataDir, LOGS_FOLDER);
}

export function kioskLogPath(dataDir: string): string {
  return path.join(dataDir, LOGS_FOLDER, KIOSK_LOG_FILE);
}

// Wrong admin PINs in a row and the lockout they caused, kept across restarts.
export const ADMIN_LOCKOUT_FILE = 'admin-lockout.json';

// Fleet heartbeats waiting for the county endpoint; losing them loses no villager's data.
export const FLEET_FOLDER = 'fleet';
export const HEARTBEAT_QUEUE_FILE = 'heartbeats.sqlite';

export function heartbeatQueuePath(dataDir: string): string {
  return path.join(dataDir, FLEET_FOLDER, HEARTBEAT_QUEUE_FILE);
}
