// The kiosk service serves the boards from the installed snapshot: home region, lists, search,
// documents, and empty results when no usable snapshot is installed.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import { BoardRequestError } from '../../src-main/core/boards/request-error.js';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { COUNTY, TOWNSHIP_A, VILLAGE_A1, writeBoardSnapshot } from '../helpers/board-snapshot.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';

const SETTINGS: KioskSettings = {
  ...TEST_SETTINGS,
  terminalName: '城关镇便民服务中心 1 号机',
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 20,
  homeRegionCode: VILLAGE_A1,
  financeFlagThresholdFen: 2_000_000,
};

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let services: KioskService[];

beforeEach(() => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  services = [];
});

afterEach(() => {
  for (const service of services) service.close();
  temp.remove();
});

function serviceWith(settings: KioskSettings): KioskService {
  const service = createKioskService({ dataDir, settings });
  services.push(service);
  return service;
}

async function installBoards(options: Parameters<typeof writeBoardSnapshot>[1] = {}) {
  const file = path.join(temp.dir, `build-${options.version ?? 5}.sqlite`);
  writeBoardSnapshot(file, options);
  return installSnapshotFile(dataDir, file);
}

describe('home region', () => {
  it('keeps a configured village of the county', async () => {
    await installBoards();

    expect((await serviceWith(SETTINGS).getSettings()).homeRegionCode).toBe(VILLAGE_A1);
  });

  it('falls back to the county for a code the snapshot lacks', async () => {
    await installBoards();

    expect((await serviceWith({ ...SETTINGS, homeRegionCode: '431226109' }).getSettings()).homeRegionCode).toBe(COUNTY);
  });

  it('opens on the county without a configured county', async () => {
    await installBoards();

    expect((await serviceWith(DEFAULT_KIOSK_SETTINGS).getSettings()).homeRegionCode).toBe(COUNTY);
  });

  it('returns the configured settings before the first install', async () => {
    expect(await serviceWith(SETTINGS).getSettings()).toEqual(SETTINGS);
  });
});

describe('board calls', () => {
  it('serves lists, details and documents', async () => {
    await installBoards();
    const service = serviceWith(SETTINGS);

    const page = await service.listRecords({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual(['N2', 'N1']);
    expect((await service.getRecord({ kind: 'accountability-notice', id: 'AN2' }))?.regionName).toBe('城关镇');
    expect((await service.getDocument('N2-budget.pdf'))?.mediaType).toBe('application/pdf');
    expect(await service.getRegions()).toHaveLength(6);
  });

  it('flags with the configured threshold', async () => {
    await installBoards();
    const service = serviceWith(SETTINGS);

    const summary = await service.getFinanceSummary({ regionCode: TOWNSHIP_A, year: 2024 });
    const flagged = await service.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, filters: { flaggedOnly: true }, offset: 0, limit: 500 });

    expect(summary.flagThresholdFen).toBe(2_000_000);
    expect(flagged.total).toBe(0);
  });

  it('searches with a two-character query', async () => {
    await installBoards();
    const service = serviceWith(SETTINGS);

    const result = await service.search({ query: '预算', regionCode: VILLAGE_A1 });

    expect(result.hits.map((hit) => hit.id)).toContain('N2');
  });

  it('suggests words that find records', async () => {
    await installBoards();
    const service = serviceWith(SETTINGS);

    const result = await service.suggestTerms({ pinyin: 'ys', regionCode: VILLAGE_A1 });

    expect(result.terms.length).toBeGreaterThan(0);
    for (const term of result.terms) expect((await service.search({ query: term, regionCode: VILLAGE_A1 })).hits.length).toBeGreaterThan(0);
  });

  it('rejects a region the snapshot lacks', async () => {
    await installBoards();
    const service = serviceWith(SETTINGS);

    // The Electron host passes these rejections on over IPC as they are.
    await expect(service.listRecords({ kind: 'notice', regionCode: '433122', offset: 0, limit: 10 })).rejects.toThrow(BoardRequestError);
    await expect(service.getFacets({ kind: 'notice', regionCode: '431226999' })).rejects.toThrow(BoardRequestError);
    await expect(service.getFinanceSummary({ regionCode: '433122', year: 2024 })).rejects.toThrow(BoardRequestError);
    await expect(service.search({ query: '预算', regionCode: '431226101999' })).rejects.toThrow(BoardRequestError);
    await expect(service.suggestTerms({ pinyin: 'ys', regionCode: '433122' })).rejects.toThrow('Region 433122 is not');
  });

  it('rejects a malformed request', async () => {
    const service = serviceWith(SETTINGS);

    await expect(service.listRecords({ kind: 'notice', regionCode: 'x', offset: 0, limit: 10 })).rejects.toThrow();
    await expect(service.getRecord({ kind: 'notice', id: '' })).rejects.toThrow();
  });
});

describe('without a usable snapshot', () => {
  it('answers empty before the first install', async () => {
    const service = serviceWith(SETTINGS);

    expect(await service.getRegions()).toEqual([]);
    expect(await service.listRecords({ kind: 'project', regionCode: VILLAGE_A1, offset: 40, limit: 20 })).toEqual({ total: 0, offset: 40, items: [], sources: [] });
    expect(await service.getFacets({ kind: 'project', regionCode: VILLAGE_A1 })).toEqual({ years: [], periods: [], categories: [] });
    expect(await service.getRecord({ kind: 'project', id: 'P1' })).toBeNull();
    expect((await service.getFinanceSummary({ regionCode: VILLAGE_A1, year: 2025 })).flagThresholdFen).toBe(2_000_000);
    expect(await service.search({ query: '预算', regionCode: VILLAGE_A1 })).toEqual({ query: '预算', hits: [], more: false });
    expect(await service.suggestTerms({ pinyin: 'ys', regionCode: VILLAGE_A1 })).toEqual({ terms: [] });
    expect(await service.getDocument('N2-budget.pdf')).toBeNull();
  });

  it('answers empty for an older snapshot format', async () => {
    const pointer = await installBoards();
    const db = new Database(snapshotFileOf(dataDir, pointer));
    db.prepare("UPDATE meta SET value = '2' WHERE key = 'format'").run();
    db.close();

    const page = await serviceWith(SETTINGS).listRecords({ kind: 'notice', regionCode: VILLAGE_A1, offset: 0, limit: 10 });

    expect(page.items).toEqual([]);
  });

  it('answers empty lists for empty board tables', async () => {
    await installBoards({ emptyBoards: true });
    const service = serviceWith(SETTINGS);

    expect((await service.listRecords({ kind: 'finance-entry', regionCode: TOWNSHIP_A, offset: 0, limit: 50 })).total).toBe(0);
    expect((await service.search({ query: '预算', regionCode: VILLAGE_A1 })).hits).toEqual([]);
  });
});
