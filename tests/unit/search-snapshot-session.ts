// Opens the search fixture snapshot and its index once per test file, for the snapshot search
// and suggestion tests.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeSearchSnapshot } from './search-snapshot-fixture.js';

/**
 * Registers hooks that write the fixture snapshot and open its search index before the file's
 * tests and close both after them. Returns a SnapshotSearch that calls the open index, so call
 * its methods only inside tests.
 */
export function useSearchSnapshot(): SnapshotSearch {
  const temp = makeTempDir();
  let snapshot: SqliteDatabase | undefined;
  let searcher: SnapshotSearch | undefined;

  const opened = (): SnapshotSearch => {
    if (!searcher) throw new Error('The search fixture is not open: call its methods only inside tests of the file that called useSearchSnapshot().');
    return searcher;
  };

  beforeAll(() => {
    const file = path.join(temp.dir, 'snapshot.sqlite');
    writeSearchSnapshot(file);
    snapshot = openSnapshot(file);
    searcher = openSnapshotSearch({ db: snapshot, cacheDir: path.join(temp.dir, 'search-cache'), snapshotId: '7-abc' });
  });

  afterAll(() => {
    searcher?.close();
    snapshot?.close();
    temp.remove();
  });

  return {
    search: (request) => opened().search(request),
    suggest: (request) => opened().suggest(request),
    get storage() {
      return opened().storage;
    },
    close: () => opened().close(),
  };
}
