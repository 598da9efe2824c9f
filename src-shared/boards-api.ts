// The disclosure boards' part of the KioskApi: region picker, board lists with filters, record
// details, the village finance summary, full-text search and delivered documents. Like
// kiosk-api.ts, both hosts and the renderer parse every value with these schemas.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Regions

export const RegionLevelSchema = z.enum(['province', 'city', 'county', 'township', 'village']);

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: RegionLevelSchema,
  // Lower-case pinyin initials, such as "zjpc". A name with polyphonic characters has each
  // spelling, separated by spaces: "cs zs" when the first character reads chang or zhang.
  initials: z.string(),
});
export type Region = z.infer<typeof RegionSchema>;

// ---------------------------------------------------------------------------------------------
// Lists

/**
 * Kinds of record a board lists. A board screen shows one or more kinds as tabs:
 * - 民生项目和资金: project, fund-allocation
 * - 精准扶贫: poverty-household
 * - 村级财务: finance-entry, finance-balance, collective-asset
 * - 村务公开 / 党务政务公开: notice (filter noticeBoard)
 * - 投诉和问责: complaint-outcome, accountability-notice
 */
export const RECORD_KINDS = [
  'project',
  'fund-allocation',
  'poverty-household',
  'finance-entry',
  'finance-balance',
  'collective-asset',
  'notice',
  'complaint-outcome',
  'accountability-notice',
] as const;
export const RecordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKindSchema>;

export const NOTICE_BOARD_VALUES = ['党务公开', '政务公开', '村务公开'] as const;

/**
 * Years a list filter, a year facet and the finance summary accept. Collective assets carry
 * acquisition dates decades back, so the range starts well before the platform's own records.
 */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;
const YearSchema = z.number().int().min(YEAR_MIN).max(YEAR_MAX);

/** A county (6 digits), township (9) or village (12) code; other lengths are no region level. */
export const RegionCodeSchema = z
  .string()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, { error: 'must be a county (6 digits), township (9 digits) or village (12 digits) code' });

export const ListFiltersSchema = z.object({
  // Rows without a year (an asset with no acquisition date) are listed only when no year is set.
  year: YearSchema.optional(),
  // YYYY-MM, finance entries only.
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' })
    .optional(),
  // The kind's category column (project category, finance category, measure cause, notice category, outcome...).
  category: z.string().max(50).optional(),
  // Notices only.
  noticeBoard: z.enum(NOTICE_BOARD_VALUES).optional(),
  // Finance entries only: only entries above the terminal's flag threshold.
  flaggedOnly: z.boolean().optional(),
});
export type ListFilters = z.infer<typeof ListFiltersSchema>;

/** Filters that only some kinds have; a request that sets one for another kind is invalid. */
export const KIND_ONLY_FILTERS = {
  period: ['finance-entry'],
  flaggedOnly: ['finance-entry'],
  noticeBoard: ['notice'],
} as const satisfies Partial<Record<keyof ListFilters, readonly RecordKind[]>>;

// Adds an issue for every kind-only filter that `filters` sets although `kind` does not have it.
function checkKindFilters(kind: RecordKind, filters: Partial<Record<string, unknown>>, path: string[], context: z.RefinementCtx): void {
  for (const [filter, kinds] of Object.entries(KIND_ONLY_FILTERS)) {
    if (filters[filter] === undefined || (kinds as readonly RecordKind[]).includes(kind)) continue;
    context.addIssue({
      code: 'custom',
      path: [...path, filter],
      message: `applies only to kind ${kinds.join(', ')}, not to ${kind}; remove it`,
    });
  }
}

/**
 * Region scope of every list, facet and search request: records of the region itself, of every
 * region under it, and of its township and county above it (a village's villagers also see
 * their township's notices and the county's accountability notices).
 */
export const ListRequestSchema = z
  .object({
    kind: RecordKindSchema,
    regionCode: RegionCodeSchema,
    filters: ListFiltersSchema.default({}),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(500),
  })
  .superRefine((request, context) => checkKindFilters(request.kind, request.filters, ['filters'], context));
export type ListRequest = z.input<typeof ListRequestSchema>;

/** Origin of a list's or record's data (department and publication date), shown on every screen. */
export const SourceSchema = z.object({
  department: z.string(),
  // YYYY-MM-DD
  publishedOn: z.string(),
});
export type Source = z.infer<typeof SourceSchema>;

/** One line of a board list: the same shape for every kind, so one virtualised list serves all. */
export const ListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  // Second line: village and category, supplier, summary...
  subtitle: z.string(),
  // The date the list is ordered by: YYYY-MM-DD, YYYY-MM or YYYY.
  date: z.string(),
  regionName: z.string(),
  amountFen: z.number().int().nonnegative().nullable(),
  // '收入' / '支出' for finance entries, so the screen can show the direction in words and sign.
  direction: z.enum(['收入', '支出']).nullable(),
  // Short status in the data's own words: project stage, monitoring status, complaint outcome.
  status: z.string().nullable(),
  // Finance entries above the terminal's flag threshold.
  flagged: z.boolean(),
});
export type ListItem = z.infer<typeof ListItemSchema>;

export const ListPageSchema = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  items: z.array(ListItemSchema),
  // Distinct departments of the whole filtered list, each with its latest publication date,
  // newest first, at most five.
  sources: z.array(SourceSchema),
});
export type ListPage = z.infer<typeof ListPageSchema>;

export const FacetsRequestSchema = z
  .object({
    kind: RecordKindSchema,
    regionCode: RegionCodeSchema,
    noticeBoard: z.enum(NOTICE_BOARD_VALUES).optional(),
  })
  .superRefine((request, context) => checkKindFilters(request.kind, { noticeBoard: request.noticeBoard }, [], context));
export type FacetsRequest = z.input<typeof FacetsRequestSchema>;

/**
 * Filter values that occur in the scope, so the screen offers no filter that finds nothing.
 * Every value is one that ListRequestSchema accepts. Rows without a year are in the scope's
 * unfiltered list only, as no year value selects them.
 */
export const FacetsSchema = z.object({
  // Newest first, within YEAR_MIN to YEAR_MAX.
  years: z.array(z.number().int()),
  // YYYY-MM, newest first; finance entries only, empty otherwise.
  periods: z.array(z.string()),
  categories: z.array(z.object({ value: z.string(), count: z.number().int().nonnegative() })),
});
export type Facets = z.infer<typeof FacetsSchema>;

// ---------------------------------------------------------------------------------------------
// Details

const Money = z.number().int().nonnegative();
const NullableMoney = Money.nullable();

export const ProjectProgressSchema = z.object({
  reportDate: z.string(),
  stage: z.string(),
  progressPercent: z.number().int(),
  amountPaidFen: NullableMoney,
  description: z.string(),
  photoFile: z.string().nullable(),
});

export const ProjectDetailSchema = z.object({
  kind: z.literal('project'),
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  year: z.number().int(),
  fundingSource: z.string(),
  fundingAmountFen: Money,
  budgetAmountFen: Money,
  procurementMethod: z.string().nullable(),
  tenderStartDate: z.string().nullable(),
  numberOfTenderers: z.number().int().nullable(),
  awardDate: z.string().nullable(),
  supplierName: z.string().nullable(),
  awardValueFen: NullableMoney,
  contractDateSigned: z.string().nullable(),
  contractValueFen: NullableMoney,
  contractStartDate: z.string().nullable(),
  contractEndDate: z.string().nullable(),
  qualityStandard: z.string().nullable(),
  plannedStartDate: z.string(),
  plannedEndDate: z.string(),
  acceptanceResult: z.string().nullable(),
  acceptanceDate: z.string().nullable(),
  responsibleUnit: z.string(),
  contactName: z.string().nullable(),
  // Oldest first.
  progress: z.array(ProjectProgressSchema),
  source: SourceSchema,
});

export const FundAllocationDetailSchema = z.object({
  kind: z.literal('fund-allocation'),
  id: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  batch: z.string(),
  year: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  allocationMethod: z.string(),
  policyBasis: z.string(),
  recipientCount: z.number().int(),
  recipientUnit: z.string(),
  totalAmountFen: Money,
  allocatedOn: z.string(),
  source: SourceSchema,
});

export const PovertyHouseholdDetailSchema = z.object({
  kind: z.literal('poverty-household'),
  id: z.string(),
  maskedHeadName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  householdSize: z.number().int(),
  registeredYear: z.number().int(),
  povertyCause: z.string().nullable(),
  exitYear: z.number().int().nullable(),
  monitoringStatus: z.string(),
  // Newest year first.
  measures: z.array(
    z.object({
      year: z.number().int(),
      measureType: z.string(),
      description: z.string(),
      amountFen: NullableMoney,
      implementedOn: z.string().nullable(),
    }),
  ),
  source: SourceSchema,
});

export const FinanceEntryDetailSchema = z.object({
  kind: z.literal('finance-entry'),
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  period: z.string(),
  entryDate: z.string(),
  direction: z.enum(['收入', '支出']),
  category: z.string(),
  summary: z.string(),
  amountFen: Money,
  voucherNumber: z.string(),
  approverRole: z.string(),
  counterpartyName: z.string().nullable(),
  flagged: z.boolean(),
  source: SourceSchema,
});

export const FinanceBalanceDetailSchema = z.object({
  kind: z.literal('finance-balance'),
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  asOf: z.string(),
  balanceType: z.enum(['债权', '债务']),
  counterpartyName: z.string(),
  amountFen: Money,
  aroseOn: z.string().nullable(),
  reason: z.string(),
  source: SourceSchema,
});

export const CollectiveAssetDetailSchema = z.object({
  kind: z.literal('collective-asset'),
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  assetClass: z.string(),
  category: z.string().nullable(),
  quantity: z.string().nullable(),
  quantityUnit: z.string().nullable(),
  bookValueFen: NullableMoney,
  acquiredOn: z.string().nullable(),
  status: z.string(),
  contracts: z.array(
    z.object({
      contractId: z.string(),
      contractType: z.string(),
      counterpartyName: z.string(),
      signedOn: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      annualAmountFen: NullableMoney,
      totalAmountFen: Money,
      paymentTerms: z.string(),
      approval: z.string().nullable(),
    }),
  ),
  source: SourceSchema,
});

export const TextFormatSchema = z.enum(['markdown', 'text']);

export const NoticeDetailSchema = z.object({
  kind: z.literal('notice'),
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  board: z.enum(NOTICE_BOARD_VALUES),
  category: z.string().nullable(),
  title: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  bodyFormat: TextFormatSchema,
  // Markdown images name documents by file name; the screen fetches them with getDocument.
  body: z.string(),
  // bytes is the delivered file's size, so the screen can show it without fetching the file.
  attachments: z.array(z.object({ fileName: z.string(), title: z.string(), bytes: z.number().int().nonnegative() })),
  // issuer and issuedOn.
  source: SourceSchema,
});

export const ComplaintOutcomeDetailSchema = z.object({
  kind: z.literal('complaint-outcome'),
  id: z.string(),
  category: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  receivedOn: z.string(),
  outcome: z.string(),
  outcomeSummary: z.string(),
  repliedOn: z.string(),
  textFormat: TextFormatSchema.nullable(),
  text: z.string().nullable(),
  source: SourceSchema,
});

export const AccountabilityNoticeDetailSchema = z.object({
  kind: z.literal('accountability-notice'),
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  title: z.string(),
  issuer: z.string(),
  category: z.string(),
  personName: z.string().nullable(),
  personPosition: z.string().nullable(),
  sanction: z.string().nullable(),
  textFormat: TextFormatSchema,
  text: z.string(),
  // issuer and published_on.
  source: SourceSchema,
});

export const RecordDetailSchema = z.discriminatedUnion('kind', [
  ProjectDetailSchema,
  FundAllocationDetailSchema,
  PovertyHouseholdDetailSchema,
  FinanceEntryDetailSchema,
  FinanceBalanceDetailSchema,
  CollectiveAssetDetailSchema,
  NoticeDetailSchema,
  ComplaintOutcomeDetailSchema,
  AccountabilityNoticeDetailSchema,
]);
export type RecordDetail = z.infer<typeof RecordDetailSchema>;

export const RecordRequestSchema = z.object({ kind: RecordKindSchema, id: z.string().min(1).max(128) });
export type RecordRequest = z.infer<typeof RecordRequestSchema>;

// ---------------------------------------------------------------------------------------------
// Village finance summary

export const FinanceSummaryRequestSchema = z.object({
  // A village; a township or county sums its villages.
  regionCode: RegionCodeSchema,
  year: YearSchema,
});
export type FinanceSummaryRequest = z.infer<typeof FinanceSummaryRequestSchema>;

export const FinanceSummarySchema = z.object({
  regionCode: z.string(),
  year: z.number().int(),
  incomeFen: Money,
  expenditureFen: Money,
  // Every month of the year that has entries, oldest first.
  months: z.array(z.object({ period: z.string(), incomeFen: Money, expenditureFen: Money })),
  // Largest first within each direction.
  categories: z.array(z.object({ direction: z.enum(['收入', '支出']), category: z.string(), amountFen: Money })),
  // The terminal's threshold; entries above it are flagged.
  flagThresholdFen: Money,
  flaggedCount: z.number().int().nonnegative(),
  sources: z.array(SourceSchema),
});
export type FinanceSummary = z.infer<typeof FinanceSummarySchema>;

// ---------------------------------------------------------------------------------------------
// Search

/** Character range [start, end) of a text, in UTF-16 code units as JavaScript strings index. */
export const HighlightSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

export const SEARCHABLE_KINDS = ['project', 'notice', 'complaint-outcome', 'accountability-notice'] as const;

/** Largest search offset: relevance-ranked hits beyond the first thousand are not worth paging to. */
export const SEARCH_MAX_OFFSET = 1000;

export const SearchRequestSchema = z.object({
  query: z.string().max(200),
  regionCode: RegionCodeSchema,
  // Leave it out to search every kind.
  kinds: z.array(z.enum(SEARCHABLE_KINDS)).min(1).optional(),
  offset: z.number().int().min(0).max(SEARCH_MAX_OFFSET).default(0),
  limit: z.number().int().min(1).max(100).default(20),
});
export type SearchRequest = z.input<typeof SearchRequestSchema>;

export const SearchHitSchema = z.object({
  kind: z.enum(SEARCHABLE_KINDS),
  id: z.string(),
  title: z.string(),
  titleHighlights: z.array(HighlightSchema),
  // A piece of the body around its first match (or its start), at most about 120 characters.
  // When only the labels matched (board, category, issuer, funding source...), the labels instead.
  snippet: z.string(),
  snippetHighlights: z.array(HighlightSchema),
  date: z.string(),
  regionName: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  // The query as the index understood it, after width and space folding.
  query: z.string(),
  hits: z.array(SearchHitSchema),
  // True when more hits follow this page and its next offset is at most SEARCH_MAX_OFFSET.
  more: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

/**
 * Words for the search screen's pinyin input: a villager types letters on the on-screen keyboard
 * ("dibao", or initials "db") and picks a Chinese word. Candidates come from the words of the
 * searchable records themselves, so every candidate finds something.
 */
export const SuggestRequestSchema = z.object({
  pinyin: z.string().regex(/^[a-z]{1,30}$/, { error: 'must be 1 to 30 lower-case letters a to z' }),
  regionCode: RegionCodeSchema,
  limit: z.number().int().min(1).max(50).default(12),
});
export type SuggestRequest = z.input<typeof SuggestRequestSchema>;

export const SuggestResultSchema = z.object({
  // Most frequent first.
  terms: z.array(z.string()),
});
export type SuggestResult = z.infer<typeof SuggestResultSchema>;

// ---------------------------------------------------------------------------------------------
// Documents

export const DocumentRequestSchema = z.object({ name: z.string().min(1).max(255) });

export const DocumentSchema = z.object({
  name: z.string(),
  // image/png, image/jpeg or application/pdf.
  mediaType: z.string(),
  dataBase64: z.string(),
});
export type KioskDocument = z.infer<typeof DocumentSchema>;

export interface BoardsApi {
  /** The county's regions down to villages; empty when no snapshot is installed. */
  getRegions(): Promise<Region[]>;
  listRecords(request: ListRequest): Promise<ListPage>;
  getFacets(request: FacetsRequest): Promise<Facets>;
  /** Null when the record is not in the installed snapshot. */
  getRecord(request: RecordRequest): Promise<RecordDetail | null>;
  getFinanceSummary(request: FinanceSummaryRequest): Promise<FinanceSummary>;
  search(request: SearchRequest): Promise<SearchResult>;
  suggestTerms(request: SuggestRequest): Promise<SuggestResult>;
  /** Null when the snapshot delivers no document of that name. */
  getDocument(name: string): Promise<KioskDocument | null>;
}

export const BOARDS_CHANNELS = {
  getRegions: 'kiosk:get-regions',
  listRecords: 'kiosk:list-records',
  getFacets: 'kiosk:get-facets',
  getRecord: 'kiosk:get-record',
  getFinanceSummary: 'kiosk:get-finance-summary',
  search: 'kiosk:search',
  suggestTerms: 'kiosk:suggest-terms',
  getDocument: 'kiosk:get-document',
} as const;

// The browser host takes each request as a JSON body by POST, like /api/lookup.
export const BOARDS_HTTP_PATHS = {
  getRegions: '/api/regions',
  listRecords: '/api/records/list',
  getFacets: '/api/records/facets',
  getRecord: '/api/records/get',
  getFinanceSummary: '/api/finance/summary',
  search: '/api/search',
  suggestTerms: '/api/search/suggest',
  getDocument: '/api/documents/get',
} as const;
