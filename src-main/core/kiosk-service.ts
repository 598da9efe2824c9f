// KioskApi implementation that both hosts serve (Electron over IPC, the browser host over HTTP).
// It keeps the current snapshot open read-only and detects when sync swaps the current pointer.
// Before each call it compares the pointer file's identity with the one it read, and reopens the
// snapshot on a change. Until then it keeps reading the old, complete version.
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dataAge } from '../../src-shared/data-age.js';
import {
  FacetsRequestSchema,
  FinanceSummaryRequestSchema,
  ListRequestSchema,
  RecordRequestSchema,
  SearchRequestSchema,
  SuggestRequestSchema,
} from '../../src-shared/boards-api.js';
import { KioskSettingsSchema, LookupResultSchema, SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { createBoardsReader } from './boards/reader.js';
import type { BoardsReader } from './boards/reader.js';
import { findScopeRegion } from './boards/region-scope.js';
import { pointerPath, searchCacheDir } from './data-folder/layout.js';
import { pointerOrNull, readPointer, snapshotFileOf } from './data-folder/pointer.js';
import { checkSnapshotSound } from './data-folder/startup-check.js';
import type { Pointer } from './data-folder/pointer.js';
import { effectiveNow, readSyncState } from './data-folder/state.js';
import { createLogger } from './log.js';
import { lookupHousehold } from './lookup.js';
import { currentNotices } from './notices/current-notices.js';
import type { PrintOutput } from './printing/print-job.js';
import type { ReportingKeys } from './reports/commission-key.js';
import { createReportsService } from './reports/reports-service.js';
import type { SnapshotAccess, UploadSettings } from './reports/reports-service.js';
import type { ReportUploader } from './reports/uploader.js';
import { startSnapshotSearch } from './search/background-search.js';
import type { PendingSnapshotSearch } from './search/background-search.js';
import type { SnapshotSearch } from './search/snapshot-search.js';
import { META_KEYS, SUPPORTED_SNAPSHOT_FORMATS, isSupportedSnapshotFormat } from './snapshot/schema.js';
import { openSnapshot, readMeta, readSnapshotInfo } from './store.js';
import type { SqliteDatabase } from './store.js';

export { lookupHousehold } from './lookup.js';

const log = createLogger('kiosk-service');

export interface KioskServiceOptions {
  /** The terminal's data folder. Before the first sync it may contain no snapshot yet. */
  dataDir: string;
  settings: KioskSettings;
  /** The terminal's clock; tests set it. */
  clock?: () => Date;
  /**
   * The commission key and upload address from reportingKeysOf(); null or absent means the
   * kiosk takes no reports on screen. When given, the service uploads the outbox in the background.
   */
  reporting?: ReportingKeys | null;
  /** Uploader and outbox settings for tests; a kiosk uses the defaults. */
  upload?: UploadSettings;
  /** The host's printer; null or absent means print() returns not-configured. */
  printOutput?: PrintOutput | null;
}

export type KioskService = KioskApi & {
  /**
   * Closes the snapshot, terminates a running search index build and stops the report uploader.
   * Resolves when an upload in flight has been aborted and the outbox is closed.
   */
  close(): Promise<void>;
  /** The report uploader, or null when reporting is off or the outbox could not be opened yet. */
  reportUploader(): ReportUploader | null;
  /**
   * Waits for the open snapshot's search index. Returns where the index is kept, or null when
   * there is no snapshot or the service was closed meanwhile.
   */
  searchIndexReady(): Promise<SnapshotSearch['storage'] | null>;
};

// A search that waited for an index of a snapshot replaced meanwhile moves to the new one, this
// many times at most, so that a pointer that keeps changing cannot hold a request forever.
const MAX_SEARCH_SNAPSHOTS = 3;

interface OpenSnapshot {
  db: SqliteDatabase;
  pointer: Pointer;
  identity: string;
  boards: BoardsReader;
  /** The configured home region, or the county when the snapshot does not have it. */
  homeRegionCode: string;
  /** Started when the snapshot opens, because building its index takes seconds. */
  search: PendingSnapshotSearch;
}

// Inode and device change on a rename into place. Mtime and size cover file systems whose
// inode numbers are not stable, such as some FAT and network mounts.
function identityOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.mtimeMs}:${stats.size}`;
}

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Opens the snapshot a pointer names, or returns null (and logs why) when the file is not a
 * snapshot this build can read. The kiosk then shows "no data" until the next sync replaces it,
 * instead of failing every lookup with an SQL error.
 */
function openUsableSnapshot(file: string): SqliteDatabase | null {
  let db: SqliteDatabase | undefined;
  try {
    db = openSnapshot(file);
    const format = readMeta(db).get(META_KEYS.format);
    if (!isSupportedSnapshotFormat(format)) {
      log.error({ file, format, supported: SUPPORTED_SNAPSHOT_FORMATS }, 'installed snapshot has an unsupported format; waiting for a sync');
      db.close();
      return null;
    }
    return db;
  } catch (error) {
    log.error({ file, err: error }, 'installed snapshot cannot be opened; waiting for a sync');
    db?.close();
    return null;
  }
}

/** True for SQLite's errors about a damaged database file. */
function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function createKioskService(options: KioskServiceOptions): KioskService {
  const settings = KioskSettingsSchema.parse(options.settings);
  const clock = options.clock ?? (() => new Date());
  let current: OpenSnapshot | null = null;
  // Identity of a file that could not be used, so it is tried (and logged) once, not per call.
  let unusableIdentity: string | null = null;
  // Settles when the index worker of the last closed snapshot has exited. The next build waits for it.
  let searchBuildExit: Promise<void> = Promise.resolve();
  let serviceClosed = false;

  function closeCurrent(): void {
    if (current) searchBuildExit = current.search.close();
    current?.db.close();
    current = null;
  }

  function describeOpen(db: SqliteDatabase, pointer: Pointer, identity: string, file: string): OpenSnapshot {
    let homeRegionCode = settings.homeRegionCode;
    if (!homeRegionCode.startsWith(pointer.regionCode) || findScopeRegion(db, homeRegionCode) === null) {
      // A terminal moved to another county, a code missing from the snapshot, or `serve` with
      // no config: open the boards on the county rather than on an empty region.
      if (homeRegionCode.startsWith(pointer.regionCode)) {
        log.warn({ homeRegionCode, version: pointer.version }, 'home region is not in the snapshot; the boards open on the county');
      }
      homeRegionCode = pointer.regionCode;
    }
    return {
      db,
      pointer,
      identity,
      boards: createBoardsReader(db, { flagThresholdFen: settings.financeFlagThresholdFen }),
      homeRegionCode,
      search: startSnapshotSearch({
        db,
        snapshotFile: file,
        cacheDir: searchCacheDir(options.dataDir),
        snapshotId: `${pointer.version}-${pointer.contentDigest}`,
        after: searchBuildExit,
      }),
    };
  }

  /** Returns the open snapshot, reopening it when the pointer changed, or null when there is none. */
  function snapshot(): OpenSnapshot | null {
    // A closed service opens nothing again, so no index worker starts after close().
    if (serviceClosed) return null;

    const pointerFile = pointerPath(options.dataDir, 'current');
    const stats = statOrNull(pointerFile);
    if (!stats) {
      if (current) log.warn({ dataDir: options.dataDir }, 'current pointer disappeared; closing the snapshot');
      closeCurrent();
      return null;
    }

    const identity = identityOf(stats);
    if (current?.identity === identity) return current;
    if (unusableIdentity === identity) return null;

    const reopening = current !== null;
    closeCurrent();
    const read = readPointer(options.dataDir, 'current');
    if (read.status !== 'ok') {
      if (read.status === 'invalid') log.error({ file: pointerFile, problem: read.problem }, 'current pointer is damaged; waiting for a sync');
      unusableIdentity = identity;
      return null;
    }
    const file = snapshotFileOf(options.dataDir, read.pointer);
    const db = openUsableSnapshot(file);
    if (!db) return switchToPrevious(read.pointer, identity, 'the current snapshot cannot be opened');
    current = describeOpen(db, read.pointer, identity, file);
    log.info({ file: read.pointer.file, version: read.pointer.version, reopening }, 'opened snapshot');
    return current;
  }

  /**
   * Replaces a damaged open snapshot by the sound previous one of the same county, keyed to the
   * same pointer identity. Returns null, and marks the pointer unusable, when there is none.
   */
  function switchToPrevious(damaged: Pointer, identity: string, problem: string): OpenSnapshot | null {
    log.error({ file: damaged.file, version: damaged.version, problem }, 'snapshot is damaged; trying the previous one');
    closeCurrent();
    const previous = pointerOrNull(options.dataDir, 'previous');
    const file = previous === null ? null : snapshotFileOf(options.dataDir, previous);
    if (previous === null || file === null || previous.regionCode !== damaged.regionCode || checkSnapshotSound(file) !== null) {
      unusableIdentity = identity;
      return null;
    }
    const db = openUsableSnapshot(file);
    if (!db) {
      unusableIdentity = identity;
      return null;
    }
    current = describeOpen(db, previous, identity, file);
    log.warn({ version: previous.version }, 'serving the previous snapshot until the next install');
    return current;
  }

  /**
   * Runs a read on the open snapshot; returns `empty` when there is none. A read that finds the
   * file damaged after it was opened (a failing disk) is retried on the previous version, so
   * villagers keep getting results until sync reinstalls the file.
   */
  function readSnapshot<T>(read: (open: OpenSnapshot) => T, empty: T): T {
    const open = snapshot();
    if (!open) return empty;
    try {
      return read(open);
    } catch (error) {
      if (!isDamageError(error)) throw error;
      const fallback = switchToPrevious(open.pointer, open.identity, (error as Error).message);
      return fallback ? read(fallback) : empty;
    }
  }

  /**
   * Runs a query on the open snapshot's search index, or returns `empty` when there is no
   * snapshot. It awaits the index build, so the event loop stays free meanwhile. Every call
   * during one build awaits the same promise. A snapshot replaced during the wait sends the
   * query to the new snapshot's index. A build that fails on a damaged snapshot file moves the
   * kiosk to the previous snapshot, as readSnapshot does.
   */
  async function querySearch<T>(query: (search: SnapshotSearch) => T, empty: T): Promise<T> {
    for (let attempt = 0; attempt < MAX_SEARCH_SNAPSHOTS; attempt++) {
      const open = snapshot();
      if (!open) return empty;

      let search: SnapshotSearch | null;
      try {
        search = await open.search.ready;
      } catch (error) {
        if (snapshot() !== open) continue;
        if (!isDamageError(error)) throw error;
        switchToPrevious(open.pointer, open.identity, (error as Error).message);
        continue;
      }

      if (serviceClosed) return empty;
      if (snapshot() !== open || !search) continue;
      return query(search);
    }

    log.warn({ attempts: MAX_SEARCH_SNAPSHOTS }, 'the snapshot changed during every search index build, so the search returns no results');
    return empty;
  }

  const snapshotAccess: SnapshotAccess = {
    read: (read, empty) => readSnapshot((open) => read(open.db, { version: open.pointer.version, dataAsOf: readSnapshotInfo(open.db).dataAsOf }), empty),
  };
  const reports = createReportsService({
    dataDir: options.dataDir,
    settings,
    reporting: options.reporting ?? null,
    upload: options.upload ?? {},
    printOutput: options.printOutput ?? null,
    snapshot: snapshotAccess,
    clock,
  });

  return {
    async getSettings(): Promise<KioskSettings> {
      const open = snapshot();
      return open ? { ...settings, homeRegionCode: open.homeRegionCode } : settings;
    },

    async getSnapshotInfo(): Promise<SnapshotInfo | null> {
      const open = snapshot();
      if (!open) return null;
      const now = effectiveNow(clock(), readSyncState(options.dataDir).state);
      return SnapshotInfoSchema.parse({
        ...readSnapshotInfo(open.db),
        expiresAt: open.pointer.expiresAt,
        ...dataAge(open.pointer.createdAt, open.pointer.expiresAt, now),
      });
    },

    async lookupHousehold(idNumber: string): Promise<LookupResult> {
      return readSnapshot((open) => LookupResultSchema.parse(lookupHousehold(open.db, idNumber)), { status: 'no-data' });
    },

    async getRegions() {
      return readSnapshot((open) => open.boards.getRegions(), []);
    },

    async listRecords(request) {
      const parsed = ListRequestSchema.parse(request);
      return readSnapshot((open) => open.boards.listRecords(parsed), { total: 0, offset: parsed.offset, items: [], sources: [] });
    },

    async getFacets(request) {
      const parsed = FacetsRequestSchema.parse(request);
      return readSnapshot((open) => open.boards.getFacets(parsed), { years: [], periods: [], categories: [] });
    },

    async getRecord(request) {
      const parsed = RecordRequestSchema.parse(request);
      return readSnapshot((open) => open.boards.getRecord(parsed), null);
    },

    async getFinanceSummary(request) {
      const parsed = FinanceSummaryRequestSchema.parse(request);
      const empty = {
        ...parsed,
        incomeFen: 0,
        expenditureFen: 0,
        months: [],
        categories: [],
        flagThresholdFen: settings.financeFlagThresholdFen,
        flaggedCount: 0,
        sources: [],
      };
      return readSnapshot((open) => open.boards.getFinanceSummary(parsed), empty);
    },

    async search(request) {
      const parsed = SearchRequestSchema.parse(request);
      return querySearch((search) => search.search(parsed), { query: parsed.query, hits: [], more: false });
    },

    async suggestTerms(request) {
      const parsed = SuggestRequestSchema.parse(request);
      return querySearch((search) => search.suggest(parsed), { terms: [] });
    },

    async getDocument(name: string) {
      return readSnapshot((open) => open.boards.getDocument(name), null);
    },

    async searchIndexReady() {
      return querySearch((search) => search.storage, null);
    },

    // The home region that getSettings returns names where the terminal stands: the configured one,
    // or the snapshot's county when the configured one is not in the snapshot (serve without
    // --config). The time is the sync's trusted floor, so a clock that runs behind still shows them.
    async getEmergencyNotices() {
      const homeRegionCode = snapshot()?.homeRegionCode ?? settings.homeRegionCode;
      const { state } = readSyncState(options.dataDir);
      const notices = currentNotices(options.dataDir, homeRegionCode, effectiveNow(clock(), state));
      return { notices, timeFloor: state.newestSignedTime ?? null };
    },

    fileReport: (draft) => reports.fileReport(draft),
    getCaseStatus: (request) => reports.getCaseStatus(request),
    print: (request) => reports.print(request),
    reportUploader: () => reports.uploader(),

    async close(): Promise<void> {
      serviceClosed = true;
      closeCurrent();
      await reports.close();
    },
  };
}
