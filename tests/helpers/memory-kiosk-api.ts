// A KioskApi over fixed in-memory rows for the renderer's happy-dom tests: one county with two
// townships, a household lookup, 25 searchable notices about 低保, one filed report case and a
// printer that is not configured. It records the requests it receives, so tests can check the
// region scope the screens send and the drafts and print requests they build.
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { ListRequest, RecordDetail, Region, SearchHit, SearchRequest, SuggestRequest } from '../../src-shared/boards-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { makeCaseNumber, parseCaseNumber } from '../../src-shared/case-number.js';
import type { CaseStatus, PrintRequest, ReportDraft } from '../../src-shared/reports-api.js';
import { TEST_SETTINGS } from './kiosk-settings.js';

const FIRST17 = '43012419580312010';
export const VALID_ID = FIRST17 + computeCheckCharacter(FIRST17);

export const SNAPSHOT: SnapshotInfo = {
  version: 1,
  regionCode: '430124',
  regionName: '宁乡市',
  createdAt: '2025-07-01T00:00:00Z',
  dataAsOf: '2025-06-30',
  householdCount: 1,
  expiresAt: '2025-07-31T00:00:00Z',
  expired: false,
  ageDays: 0,
};

export const SETTINGS: KioskSettings = TEST_SETTINGS;

export const REGIONS: Region[] = [
  { code: '430124', name: '宁乡市', parentCode: null, level: 'county', initials: 'nxs' },
  { code: '430124101', name: '示例镇', parentCode: '430124', level: 'township', initials: 'slz' },
  { code: '430124101201', name: '示例村', parentCode: '430124101', level: 'village', initials: 'slc' },
  { code: '430124102', name: '枫木桥乡', parentCode: '430124', level: 'township', initials: 'fmqx' },
  // 长 reads chang or zhang, so the name has two alternatives.
  { code: '430124102201', name: '长乐村', parentCode: '430124102', level: 'village', initials: 'clc zlc' },
  { code: '430124102202', name: '张家坪村', parentCode: '430124102', level: 'village', initials: 'zjpc' },
];

export const SEARCH_HIT_COUNT = 25;

function noticeHit(index: number): SearchHit {
  return {
    kind: 'notice',
    id: `notice-${index}`,
    title: `低保资金发放公示 第${index}批`,
    titleHighlights: [[0, 2]],
    snippet: `本批低保对象共 ${index} 户，请村民监督。`,
    snippetHighlights: [[2, 4]],
    date: '2025-05-06',
    regionName: '示例村',
  };
}

/** Returns the detail of one of the searchable notices, a plain-text 低保 list of 示例村. */
export function noticeDetail(id: string): RecordDetail {
  return {
    kind: 'notice',
    id,
    regionCode: '430124101201',
    regionName: '示例村',
    board: '村务公开',
    category: '低保',
    title: '低保资金发放公示',
    issuer: '示例村村民委员会',
    issuedOn: '2025-05-06',
    bodyFormat: 'text',
    body: '本批低保对象名单如下。',
    attachments: [],
    source: { department: '示例村村民委员会', publishedOn: '2025-05-06' },
  };
}

/** The case number every filing returns; FILED_CASE_NUMBER's case is "investigating". */
export const FILED_CASE_NUMBER = makeCaseNumber(new Date(2025, 6, 1), () => 3);

export interface MemoryKioskApi extends KioskApi {
  lookups: string[];
  searches: SearchRequest[];
  suggestions: SuggestRequest[];
  lists: ListRequest[];
  drafts: ReportDraft[];
  printRequests: PrintRequest[];
}

export function memoryKioskApi(): MemoryKioskApi {
  const lookups: string[] = [];
  const searches: SearchRequest[] = [];
  const suggestions: SuggestRequest[] = [];
  const lists: ListRequest[] = [];
  const drafts: ReportDraft[] = [];
  const printRequests: PrintRequest[] = [];

  return {
    lookups,
    searches,
    suggestions,
    lists,
    drafts,
    printRequests,
    getSettings: async () => SETTINGS,
    getSnapshotInfo: async () => SNAPSHOT,
    lookupHousehold: async (idNumber: string): Promise<LookupResult> => {
      lookups.push(idNumber);
      if (idNumber !== VALID_ID) return { status: 'not-found' };
      return {
        status: 'found',
        household: {
          villageCode: '430124101201',
          villageName: '示例村',
          townshipName: '示例镇',
          countyName: '宁乡市',
          members: [
            { maskedName: '王*丰', relation: '户主', isQueried: true },
            { maskedName: '李*', relation: '配偶', isQueried: false },
            { maskedName: '王*', relation: '曾孙子女', isQueried: false },
          ],
          payments: [],
          totalFen: 0,
        },
      };
    },
    getRegions: async () => REGIONS,
    listRecords: async (request) => {
      lists.push(request);
      return { total: 0, offset: request.offset, items: [], sources: [] };
    },
    getFacets: async () => ({ years: [], periods: [], categories: [] }),
    getRecord: async (request) => (request.kind === 'notice' && request.id.startsWith('notice-') ? noticeDetail(request.id) : null),
    getFinanceSummary: async (request) => ({
      regionCode: request.regionCode,
      year: request.year,
      incomeFen: 0,
      expenditureFen: 0,
      months: [],
      categories: [],
      flagThresholdFen: SETTINGS.financeFlagThresholdFen,
      flaggedCount: 0,
      sources: [],
    }),
    search: async (request) => {
      searches.push(request);
      const offset = request.offset ?? 0;
      const limit = request.limit ?? 20;
      const hits = request.query.includes('低保')
        ? Array.from({ length: SEARCH_HIT_COUNT }, (_, index) => noticeHit(index + 1)).slice(offset, offset + limit)
        : [];
      return { query: request.query, hits, more: request.query.includes('低保') && offset + limit < SEARCH_HIT_COUNT };
    },
    suggestTerms: async (request) => {
      suggestions.push(request);
      return { terms: 'dibao'.startsWith(request.pinyin) || request.pinyin === 'db' ? ['低保', '地边'] : [] };
    },
    getDocument: async () => null,
    fileReport: async (draft) => {
      drafts.push(draft);
      return {
        status: 'filed',
        receipt: { caseNumber: FILED_CASE_NUMBER, filedAt: '2025-07-01T09:30:00.000Z', terminalId: SETTINGS.terminalId, trackUrl: null },
      };
    },
    getCaseStatus: async (request): Promise<CaseStatus> => {
      const parsed = parseCaseNumber(request.caseNumber);
      if (!parsed.ok) return { status: 'invalid', problem: parsed.problem };
      if (parsed.caseNumber !== FILED_CASE_NUMBER) return { status: 'not-yet', caseNumber: parsed.caseNumber, dataAsOf: SNAPSHOT.dataAsOf };
      return {
        status: 'found',
        caseNumber: parsed.caseNumber,
        stage: 'investigating',
        updatedOn: '2025-07-05',
        reply: null,
        department: '宁乡市纪委监委',
        dataAsOf: SNAPSHOT.dataAsOf,
      };
    },
    print: async (request) => {
      printRequests.push(request);
      return { status: 'not-configured' };
    },
    getEmergencyNotices: async () => ({ notices: [], timeFloor: null }),
  };
}
