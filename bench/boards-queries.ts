// Latency of the kiosk core's board queries on the installed county snapshot. The finance ledger
// of the township with the most entries is paged at its start, middle and end, with and without
// filters. The finance summary and the project and notice lists follow.
import type { ListFilters, ListRequest, RecordKind } from '../src-shared/boards-api.js';
import { createBoardsReader } from '../src-main/core/boards/reader.js';
import { DEFAULT_FINANCE_FLAG_FEN } from '../src-main/core/config.js';
import type { SqliteDatabase } from '../src-main/core/store.js';
import { percentile, timeSync } from './timing.js';

// The renderer fetches pages of 100 rows (PAGE_SIZE in src-renderer/boards/paged-records.ts).
const PAGE_SIZE = 100;
// A fresh reader has no cached count, so its first page also counts the list and reads its
// sources. Those first pages are timed apart from the pages that follow.
const FIRST_PAGE_SAMPLES = 10;
const PAGE_SAMPLES = 30;

/** The scope the benchmark pages through: the township with the most ledger entries. */
export interface LedgerScope {
  townshipCode: string;
  townshipName: string;
  /** The village of that township with the most ledger entries. */
  villageCode: string;
  entries: number;
  latestYear: number;
}

export function findLargestLedgerScope(db: SqliteDatabase): LedgerScope {
  const township = db
    .prepare(
      `SELECT substr(village_code, 1, 9) AS code, count(*) AS entries FROM finance_entries
       GROUP BY 1 ORDER BY entries DESC, code LIMIT 1`,
    )
    .get() as { code: string; entries: number } | undefined;
  if (!township) throw new Error('the snapshot has no finance entries; generate the demo data with --boards county');

  const village = db
    .prepare(
      `SELECT village_code AS code FROM finance_entries WHERE substr(village_code, 1, 9) = ?
       GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT 1`,
    )
    .get(township.code) as { code: string };
  const name = db.prepare('SELECT name FROM regions WHERE code = ?').get(township.code) as { name: string } | undefined;
  const year = db.prepare('SELECT max(substr(period, 1, 4)) AS year FROM finance_entries').get() as { year: string };

  return {
    townshipCode: township.code,
    townshipName: name?.name ?? township.code,
    villageCode: village.code,
    entries: township.entries,
    latestYear: Number(year.year),
  };
}

function latencyText(times: number[]): string {
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms over ${times.length}`;
}

interface ListCase {
  label: string;
  kind: RecordKind;
  regionCode: string;
  filters: ListFilters;
}

/** Times one list: first pages on fresh readers, then pages at the start, middle and end. */
function timeList(db: SqliteDatabase, listCase: ListCase): [string, string][] {
  const request = (offset: number): ListRequest => ({
    kind: listCase.kind,
    regionCode: listCase.regionCode,
    filters: listCase.filters,
    offset,
    limit: PAGE_SIZE,
  });

  const firstTimes: number[] = [];
  let total = 0;
  for (let sample = 0; sample < FIRST_PAGE_SAMPLES; sample += 1) {
    const reader = createBoardsReader(db, { flagThresholdFen: DEFAULT_FINANCE_FLAG_FEN });
    const run = timeSync(() => reader.listRecords(request(0)));
    firstTimes.push(run.ms);
    total = run.value.total;
  }
  const rows: [string, string][] = [[`${listCase.label}: first page with count`, `${latencyText(firstTimes)}; ${total.toLocaleString('en-US')} rows`]];
  if (total === 0) return rows;

  // One reader for the paging, as the kiosk service keeps one per open snapshot.
  const reader = createBoardsReader(db, { flagThresholdFen: DEFAULT_FINANCE_FLAG_FEN });
  reader.listRecords(request(0));
  const lastOffset = Math.max(0, total - PAGE_SIZE);
  // A list of one page has no middle or end apart from its start.
  const offsets: [string, number][] = [['offset 0', 0]];
  if (lastOffset > 0) {
    offsets.push([`offset ${Math.floor(lastOffset / 2).toLocaleString('en-US')}`, Math.floor(lastOffset / 2)]);
    offsets.push([`offset ${lastOffset.toLocaleString('en-US')} (end)`, lastOffset]);
  }
  for (const [name, offset] of offsets) {
    const times: number[] = [];
    for (let sample = 0; sample < PAGE_SAMPLES; sample += 1) {
      const page = timeSync(() => reader.listRecords(request(offset)));
      if (page.value.items.length === 0) throw new Error(`${listCase.label} returned no rows at offset ${offset} of ${total}`);
      times.push(page.ms);
    }
    rows.push([`${listCase.label}: ${name}`, latencyText(times)]);
  }
  return rows;
}

function timeFinanceSummary(db: SqliteDatabase, label: string, regionCode: string, year: number): [string, string] {
  const reader = createBoardsReader(db, { flagThresholdFen: DEFAULT_FINANCE_FLAG_FEN });
  const times: number[] = [];
  for (let sample = 0; sample < PAGE_SAMPLES; sample += 1) {
    times.push(timeSync(() => reader.getFinanceSummary({ regionCode, year })).ms);
  }
  return [label, latencyText(times)];
}

/** Times the board queries; returns the table rows. */
export function timeBoardQueries(db: SqliteDatabase, scope: LedgerScope, countyCode: string): [string, string][] {
  const township = scope.townshipCode;
  const year = scope.latestYear;
  const period = `${year}-06`;
  const ledger = (label: string, filters: ListFilters): ListCase => ({ label: `ledger ${label}`, kind: 'finance-entry', regionCode: township, filters });

  const cases: ListCase[] = [
    ledger('no filter', {}),
    ledger(`year ${year}`, { year }),
    ledger(`year ${year}, 公益支出`, { year, category: '公益支出' }),
    ledger(`period ${period}`, { period }),
    ledger('flagged only', { flaggedOnly: true }),
    { label: 'projects, county', kind: 'project', regionCode: countyCode, filters: {} },
    { label: 'projects, township', kind: 'project', regionCode: township, filters: {} },
    { label: 'notices, county', kind: 'notice', regionCode: countyCode, filters: {} },
    { label: 'notices 村务公开, village', kind: 'notice', regionCode: scope.villageCode, filters: { noticeBoard: '村务公开' } },
  ];

  const rows: [string, string][] = [
    ['ledger scope', `township ${scope.townshipCode} ${scope.townshipName}: ${scope.entries.toLocaleString('en-US')} ledger entries, pages of ${PAGE_SIZE}`],
  ];
  for (const listCase of cases) rows.push(...timeList(db, listCase));

  rows.push(timeFinanceSummary(db, `finance summary, township, ${year}`, township, year));
  rows.push(timeFinanceSummary(db, `finance summary, village, ${year}`, scope.villageCode, year));
  rows.push(timeFinanceSummary(db, `finance summary, county, ${year}`, countyCode, year));
  return rows;
}
