// The disclosure boards' part of `npm run bench`: one county with board data at the `county`
// demo scale, from publish to the ledger list scrolled in Chromium.
import path from 'node:path';
import { openSnapshot } from '../src-main/core/store.js';
import { prepareBoardsDataset } from './boards-dataset.js';
import { findLargestLedgerScope, timeBoardQueries } from './boards-queries.js';
import { timeLedgerScroll } from './boards-scroll.js';
import { timeSearch } from './boards-search.js';

export interface BoardsBenchOptions {
  work: string;
  countyCode: string;
  households: number;
  seed: number;
}

/** Runs every boards step in order; returns the table rows. */
export async function runBoardsBench(options: BoardsBenchOptions): Promise<[string, string][]> {
  const dataset = await prepareBoardsDataset(options);
  const rows = [...dataset.rows];

  const db = openSnapshot(dataset.snapshotFile);
  const scope = findLargestLedgerScope(db);
  try {
    rows.push(...timeBoardQueries(db, scope, options.countyCode));

    // A cache folder of its own: the terminal's data folder stays as sync left it for the server.
    const scopes: [string, string][] = [
      ['county', options.countyCode],
      ['township', scope.townshipCode],
    ];
    rows.push(...timeSearch(db, path.join(options.work, 'boards-search-cache'), scopes));
  } finally {
    db.close();
  }

  rows.push(
    ...(await timeLedgerScroll({
      work: options.work,
      kioskDir: dataset.kioskDir,
      countyCode: options.countyCode,
      townshipCode: scope.townshipCode,
      entries: scope.entries,
    })),
  );
  return rows;
}
