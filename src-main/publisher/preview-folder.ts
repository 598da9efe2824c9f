// The data folder of `minsheng preview`: the county's validated delivery built into a snapshot and
// installed, unsigned, into a throwaway kiosk data folder. The kiosk service reads it exactly as
// it reads a synced snapshot, so the worker sees what villagers will see after publishing. No key
// is used and nothing is written next to the delivery or to the content directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataFolder, installSnapshot } from '../core/data-folder/install.js';
import { newStagingFile } from '../core/data-folder/layout.js';
import { newLookupKeyParams } from '../core/lookup-key.js';
import { contentDigest } from '../core/snapshot/content-digest.js';
import type { SnapshotCounts } from './build-snapshot.js';
import type { ValidationIssue } from './issues.js';
import { buildSnapshotFromDataset } from './snapshot-from-dataset.js';
import { validateDataset } from './validate-dataset.js';

const DAY_MS = 86_400_000;
/** Version shown on the preview's screens; a kiosk never installs it, so it clashes with nothing. */
export const PREVIEW_VERSION = 1;

export interface PreviewFolder {
  ok: true;
  /** The kiosk data folder to serve. */
  dataDir: string;
  regionCode: string;
  regionName: string;
  dataAsOf: string;
  counts: SnapshotCounts;
  warnings: ValidationIssue[];
  warningCount: number;
  /** Deletes the data folder; call it when the preview stops. */
  remove(): Promise<void>;
}

export interface PreviewRejected {
  ok: false;
  errors: ValidationIssue[];
  total: number;
  warnings: ValidationIssue[];
  warningCount: number;
}

export interface PreviewOptions {
  /** A folder of the data standard (regions.csv, subsidy_items.csv, persons.csv, payments.csv, ...). */
  standardDir: string;
  now?: Date;
  errorLimit?: number;
}

/** Validates the delivery and installs its snapshot into a new temporary kiosk data folder. */
export async function buildPreviewFolder(options: PreviewOptions): Promise<PreviewFolder | PreviewRejected> {
  const now = options.now ?? new Date();
  const dataset = await validateDataset(options.standardDir, { now, issueLimit: options.errorLimit ?? 100 });
  if (dataset.errorCount > 0 || dataset.county === null || dataset.dataAsOf === null) {
    return { ok: false, errors: dataset.errors, total: dataset.errorCount, warnings: dataset.warnings, warningCount: dataset.warningCount };
  }

  const root = await mkdtemp(path.join(os.tmpdir(), 'minsheng-preview-'));
  const remove = () => rm(root, { recursive: true, force: true });
  try {
    const dataDir = path.join(root, 'data');
    await ensureDataFolder(dataDir);
    const staged = newStagingFile(dataDir, '.sqlite');
    const createdAt = now.toISOString();
    const counts = await buildSnapshotFromDataset({
      dataset: { ...dataset, county: dataset.county, dataAsOf: dataset.dataAsOf },
      sqliteFile: staged,
      version: PREVIEW_VERSION,
      createdAt,
      // A fresh salt: the preview's lookups work, and the published salt stays unknown to it.
      lookupKey: newLookupKeyParams(),
    });

    const db = new Database(staged, { readonly: true, fileMustExist: true });
    let digest: string;
    try {
      digest = contentDigest(db, 'sha256');
    } finally {
      db.close();
    }
    await installSnapshot(
      dataDir,
      staged,
      {
        version: PREVIEW_VERSION,
        regionCode: dataset.county.code,
        regionName: dataset.county.name,
        hashAlgorithm: 'sha256',
        contentDigest: digest,
        createdAt,
        expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
      },
      now,
    );

    return {
      ok: true,
      dataDir,
      regionCode: dataset.county.code,
      regionName: dataset.county.name,
      dataAsOf: dataset.dataAsOf,
      counts,
      warnings: dataset.warnings,
      warningCount: dataset.warningCount,
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
