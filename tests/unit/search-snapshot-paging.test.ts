// Search paging near SEARCH_MAX_OFFSET: `more` never offers a page that the request schema rejects.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_MAX_OFFSET, SearchRequestSchema } from '../../src-shared/boards-api.js';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { makeTempDir } from '../helpers/temp.js';
import { COUNTY, writeSearchSnapshot, ZHANGJIAPING } from './search-snapshot-fixture.js';
import type { FixtureNotice } from './search-snapshot-fixture.js';

// More notices with the query word than the last allowed page reaches.
const NOTICE_COUNT = SEARCH_MAX_OFFSET + 50;
const QUERY = '通知';

const temp = makeTempDir();
let snapshot: SqliteDatabase;
let searcher: SnapshotSearch;

beforeAll(() => {
  const notices: FixtureNotice[] = Array.from({ length: NOTICE_COUNT }, (_, index) => ({
    id: `M${index}`,
    region: ZHANGJIAPING,
    board: '村务公开',
    category: null,
    title: `第${index}号${QUERY}`,
    format: 'text',
    body: '内容见附件。',
    issuedOn: '2024-01-01',
  }));
  const file = path.join(temp.dir, 'snapshot.sqlite');
  writeSearchSnapshot(file, notices);
  snapshot = openSnapshot(file);
  searcher = openSnapshotSearch({ db: snapshot, cacheDir: path.join(temp.dir, 'search-cache'), snapshotId: '1-paging' });
});

afterAll(() => {
  searcher.close();
  snapshot.close();
  temp.remove();
});

describe('search paging limit', () => {
  it('offers the page at the maximum offset', () => {
    const limit = 100;
    const result = searcher.search({ query: QUERY, regionCode: COUNTY, offset: SEARCH_MAX_OFFSET - limit, limit });

    expect(result.hits).toHaveLength(limit);
    expect(result.more).toBe(true);
    expect(SearchRequestSchema.safeParse({ query: QUERY, regionCode: COUNTY, offset: SEARCH_MAX_OFFSET, limit }).success).toBe(true);
  });

  it('offers no page beyond the maximum offset', () => {
    const limit = 20;
    const result = searcher.search({ query: QUERY, regionCode: COUNTY, offset: SEARCH_MAX_OFFSET, limit });

    expect(result.hits).toHaveLength(limit);
    expect(result.more).toBe(false);
    expect(SearchRequestSchema.safeParse({ query: QUERY, regionCode: COUNTY, offset: SEARCH_MAX_OFFSET + limit, limit }).success).toBe(false);
  });

  it('never advertises a rejected page', () => {
    for (const limit of [7, 50, 100]) {
      let offset = 0;
      let more = true;
      while (more) {
        const result = searcher.search({ query: QUERY, regionCode: COUNTY, offset, limit });
        more = result.more;
        offset += limit;
        if (more) expect(SearchRequestSchema.safeParse({ query: QUERY, regionCode: COUNTY, offset, limit }).success).toBe(true);
      }
      expect(offset).toBeGreaterThan(SEARCH_MAX_OFFSET - limit);
    }
  });
});
