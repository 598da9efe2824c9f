// The boards benchmark's county: demo data at the `county` board scale, published once with the
// board files and once with only the four version 1 files for comparison, and the full bundle
// installed into an empty terminal by sync.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair, parsePublicKeyPem } from '../src-main/core/crypto/keys.js';
import { pointerOrNull, snapshotFileOf } from '../src-main/core/data-folder/pointer.js';
import { openSnapshot } from '../src-main/core/store.js';
import { syncOnce } from '../src-main/core/sync/sync.js';
import { generateDemoData, OUTPUT_FILES } from '../src-main/publisher/demo-data/generate.js';
import type { DemoDataSummary } from '../src-main/publisher/demo-data/generate.js';
import { publish } from '../src-main/publisher/publish.js';
import type { PublishSuccess } from '../src-main/publisher/publish.js';
import { timeAsync } from './timing.js';

export interface BoardsDatasetOptions {
  work: string;
  countyCode: string;
  households: number;
  seed: number;
}

export interface BoardsDataset {
  /** The demo data folder, with the version 2 files and documents/. */
  dataDir: string;
  /** The terminal's data folder after sync, as `minsheng serve --data-dir` takes it. */
  kioskDir: string;
  /** The installed snapshot file inside kioskDir. */
  snapshotFile: string;
  rows: [string, string][];
}

async function publishTimed(dataDir: string, keyFile: string, outDir: string): Promise<{ published: PublishSuccess; ms: number }> {
  const run = await timeAsync(() => publish({ dataDir, keyFiles: [keyFile], outDir }));
  if (!run.value.ok) throw new Error(`publish of ${dataDir} failed with ${run.value.total} errors`);
  return { published: run.value, ms: run.ms };
}

function sizeText(published: PublishSuccess): string {
  return `${(published.payloadBytes / 1e6).toFixed(2)} MB gzip (SQLite ${(published.sqliteBytes / 1e6).toFixed(2)} MB)`;
}

// Tables and indexes named in the size breakdown of the installed snapshot.
const LARGEST_OBJECTS = 5;

/** Lists the largest tables and indexes of a snapshot, from SQLite's dbstat virtual table. */
function largestObjectsText(snapshotFile: string): string {
  const db = openSnapshot(snapshotFile);
  try {
    const objects = db
      .prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC LIMIT ?')
      .all(LARGEST_OBJECTS) as { name: string; bytes: number }[];
    return objects.map((object) => `${object.name} ${(object.bytes / 1e6).toFixed(1)} MB`).join(', ');
  } finally {
    db.close();
  }
}

function boardCountsText(summary: DemoDataSummary): string {
  const rows = summary.boards?.rows ?? {};
  const count = (file: string): string => (rows[file] ?? 0).toLocaleString('en-US');
  return [
    `${count('projects.csv')} projects`,
    `${count('finance_entries.csv')} ledger entries`,
    `${count('notices.csv')} notices`,
    `${count('complaint_outcomes.csv')} complaint outcomes`,
    `${count('accountability_notices.csv')} accountability notices`,
    `${summary.boards?.documents ?? 0} documents`,
  ].join(', ');
}

/** Generates, publishes (with and without boards) and installs the county; returns its table rows. */
export async function prepareBoardsDataset(options: BoardsDatasetOptions): Promise<BoardsDataset> {
  const dataDir = path.join(options.work, 'boards-data');
  const plainDataDir = path.join(options.work, 'boards-data-v1-only');
  const kioskDir = path.join(options.work, 'boards-kiosk');
  const rows: [string, string][] = [];

  // 1. Demo data with the county's volume of board data. The version 1 files are the same at
  // every board scale, so the copy without boards differs only by the board files.
  const demo = await timeAsync(() =>
    generateDemoData({ countyCode: options.countyCode, households: options.households, seed: options.seed, outDir: dataDir, boards: 'county' }),
  );
  rows.push(['boards: demo data (county scale)', `${(demo.ms / 1000).toFixed(1)} s: ${demo.value.households} households; ${boardCountsText(demo.value)}`]);

  mkdirSync(plainDataDir, { recursive: true });
  for (const file of Object.values(OUTPUT_FILES)) copyFileSync(path.join(dataDir, file), path.join(plainDataDir, file));

  // 2. Both publishes derive one scrypt key per person, so their difference is the boards' cost.
  const keys = generateKeyPair('ed25519');
  const keyFile = path.join(options.work, 'boards-publisher.key');
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(path.join(options.work, 'boards-publisher.pub'), keys.publicKeyPem);

  const withBoards = await publishTimed(dataDir, keyFile, path.join(options.work, 'boards-bundle'));
  const withoutBoards = await publishTimed(plainDataDir, keyFile, path.join(options.work, 'boards-bundle-v1-only'));
  rows.push(['boards: publish with boards', `${(withBoards.ms / 1000).toFixed(1)} s, ${sizeText(withBoards.published)}`]);
  rows.push(['boards: publish without boards', `${(withoutBoards.ms / 1000).toFixed(1)} s, ${sizeText(withoutBoards.published)}`]);

  // 3. Install the bundle with boards into an empty terminal.
  const synced = await timeAsync(() =>
    syncOnce({
      source: path.join(options.work, 'boards-bundle'),
      trust: { kind: 'publisher-keys', keys: [parsePublicKeyPem(keys.publicKeyPem)] },
      dataDir: kioskDir,
    }),
  );
  if (synced.value.status !== 'installed') throw new Error(`boards sync ended ${synced.value.status}`);
  rows.push(['boards: sync install with boards', `${synced.ms.toLocaleString('en-US', { maximumFractionDigits: 0 })} ms`]);

  const pointer = pointerOrNull(kioskDir, 'current');
  if (!pointer) throw new Error(`sync reported an install but ${kioskDir} has no valid current.json`);
  const snapshotFile = snapshotFileOf(kioskDir, pointer);
  rows.push(['boards: largest objects in the snapshot', largestObjectsText(snapshotFile)]);
  return { dataDir, kioskDir, snapshotFile, rows };
}
