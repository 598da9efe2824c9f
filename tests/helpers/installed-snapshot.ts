// Puts a snapshot file into a data folder as the current one, through the product's own pointer
// install, for tests of what reads the data folder (kiosk service, hosts, query, serve) that
// should not depend on a whole sync pass. The pointer's signed values come from the snapshot's
// meta table, so they agree with the file as a sync would have made them.
import { copyFileSync } from 'node:fs';
import { ensureDataFolder, installSnapshot } from '../../src-main/core/data-folder/install.js';
import { newStagingFile } from '../../src-main/core/data-folder/layout.js';
import type { Pointer } from '../../src-main/core/data-folder/pointer.js';
import { openSnapshot, readSnapshotInfo } from '../../src-main/core/store.js';
import { contentDigestOfFile } from './make-bundle.js';

export interface InstallOverrides {
  /** The signed creation time, by default the createdAt in the snapshot's meta table. */
  createdAt?: string;
  /** The signed expiry, by default 30 days after createdAt. */
  expiresAt?: string;
  installedAt?: Date;
}

const DAY_MS = 86_400_000;

/** Copies `snapshotFile` into `dataDir` and makes it current. The old current becomes previous. */
export async function installSnapshotFile(dataDir: string, snapshotFile: string, overrides: InstallOverrides = {}): Promise<Pointer> {
  const db = openSnapshot(snapshotFile);
  let info;
  try {
    info = readSnapshotInfo(db);
  } finally {
    db.close();
  }

  await ensureDataFolder(dataDir);
  const staged = newStagingFile(dataDir, '.sqlite');
  copyFileSync(snapshotFile, staged);

  const createdAt = overrides.createdAt ?? new Date(info.createdAt).toISOString();
  const expiresAt = overrides.expiresAt ?? new Date(Date.parse(createdAt) + 30 * DAY_MS).toISOString();
  return installSnapshot(
    dataDir,
    staged,
    {
      version: info.version,
      regionCode: info.regionCode,
      regionName: info.regionName,
      hashAlgorithm: 'sha256',
      contentDigest: contentDigestOfFile(snapshotFile),
      createdAt,
      expiresAt,
    },
    overrides.installedAt ?? new Date(),
  );
}
