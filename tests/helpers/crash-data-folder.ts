// Reads what a terminal's data folder serves the way the kiosk reads it, for the crash and fuzz
// tests of sync. It covers the snapshot current.json names, its integrity and content digest, a
// lookup through the real kiosk service, and the files a pass leaves behind.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { DOWNLOADS_FOLDER, isSnapshotName, isStagingName } from '../../src-main/core/data-folder/layout.js';
import { readPointer, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import type { Pointer } from '../../src-main/core/data-folder/pointer.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { HashAlgorithm } from '../../src-main/core/crypto/hash-types.js';
import { contentDigest } from '../../src-main/core/snapshot/content-digest.js';

export interface ServedSnapshot {
  pointer: Pointer;
  /** The rows of PRAGMA quick_check joined by "; ": "ok" for a sound file. */
  quickCheck: string;
  contentDigest: string;
}

/** Reads the current pointer and checks the file it names. Throws when there is none to read. */
export function readServedSnapshot(dataDir: string, algorithm: HashAlgorithm = 'sha256'): ServedSnapshot {
  const read = readPointer(dataDir, 'current');
  if (read.status !== 'ok') throw new Error(`current.json in ${dataDir} is ${read.status}${'problem' in read ? `: ${read.problem}` : ''}`);

  const db = new Database(snapshotFileOf(dataDir, read.pointer), { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const quickCheck = rows.map((row) => row.quick_check).join('; ');
    return { pointer: read.pointer, quickCheck, contentDigest: contentDigest(db, algorithm) };
  } finally {
    db.close();
  }
}

/** Looks idNumber up through the kiosk service and returns the household total in fen, or the status when nothing is found. */
export async function lookupTotalFen(dataDir: string, idNumber: string): Promise<number | string> {
  const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
  try {
    const result = await service.lookupHousehold(idNumber);
    return result.status === 'found' ? result.household.totalFen : result.status;
  } finally {
    service.close();
  }
}

export interface FolderListing {
  snapshots: string[];
  staging: string[];
  downloads: { name: string; size: number }[];
}

/** Lists the snapshot, staging and partial download files of a data folder. */
export function listDataFolder(dataDir: string): FolderListing {
  const names = readdirSync(dataDir);
  let downloads: { name: string; size: number }[] = [];
  try {
    const folder = path.join(dataDir, DOWNLOADS_FOLDER);
    downloads = readdirSync(folder).map((name) => ({ name, size: statSync(path.join(folder, name)).size }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return {
    snapshots: names.filter(isSnapshotName).sort(),
    staging: names.filter(isStagingName).sort(),
    downloads,
  };
}

/**
 * Hashes everything that makes up the installed data: both pointers, the trust state, the
 * trusted root and every snapshot file. status.json is left out because each pass records its
 * outcome there.
 */
export function installedDataDigest(dataDir: string): string {
  const hash = createHash('sha256');
  const names = ['current.json', 'previous.json', 'state.json', 'trusted-root.json', ...listDataFolder(dataDir).snapshots];
  for (const name of names) {
    hash.update(`${name}\n`);
    try {
      hash.update(readFileSync(path.join(dataDir, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hash.update('(absent)');
    }
    hash.update('\n');
  }
  return hash.digest('hex');
}
