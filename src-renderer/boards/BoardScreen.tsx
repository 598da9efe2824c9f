// One disclosure board: big tab buttons per record kind (and the finance overview), filter
// chips from the facets of the region, the virtualised list and the source line.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facets, ListFilters, ListItem, RecordKind } from '../../src-shared/boards-api.js';
import type { KioskApi, KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { boardDefinition } from './boards.js';
import type { BoardId, BoardTab } from './boards.js';
import { FilterChips } from './FilterChips.js';
import { FinanceScreen } from './FinanceScreen.js';
import { boardTitle, tabLabel } from './labels.js';
import { decideLongList } from './long-list.js';
import { queryKey } from './paged-records.js';
import { RecordList, ROW_HEIGHT } from './RecordList.js';
import { SourceLine } from './SourceLine.js';
import { usePagedRecords } from './use-paged-records.js';

export interface BoardScreenProps {
  api: KioskApi;
  board: BoardId;
  regionCode: string;
  snapshot: SnapshotInfo | null;
  settings: KioskSettings;
  onOpenRecord(kind: RecordKind, id: string): void;
  onBack(): void;
  onDone(): void;
}

// The finance board's overview sits before its list tabs.
type TabChoice = { type: 'summary' } | { type: 'list'; index: number };

const EMPTY_FACETS: Facets = { years: [], periods: [], categories: [] };

function BoardList({
  api,
  tab,
  regionCode,
  snapshot,
  settings,
  filters,
  onFiltersChange,
  onOpenRecord,
}: {
  api: KioskApi;
  tab: BoardTab;
  regionCode: string;
  snapshot: SnapshotInfo | null;
  settings: KioskSettings;
  filters: ListFilters;
  onFiltersChange(filters: ListFilters): void;
  onOpenRecord(kind: RecordKind, id: string): void;
}) {
  const [facets, setFacets] = useState<Facets>(EMPTY_FACETS);
  const listFilters: ListFilters = tab.noticeBoard ? { ...filters, noticeBoard: tab.noticeBoard } : filters;
  const { records, state } = usePagedRecords(api, tab.kind, regionCode, listFilters);

  useEffect(() => {
    let current = true;
    setFacets(EMPTY_FACETS);
    const request = tab.noticeBoard
      ? { kind: tab.kind, regionCode, noticeBoard: tab.noticeBoard }
      : { kind: tab.kind, regionCode };
    // Without facets the list still works unfiltered, so a failure only hides the chips.
    api.getFacets(request).then(
      (value) => current && setFacets(value),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, tab.kind, tab.noticeBoard, regionCode]);

  // A list too tall for the browser to scroll to its end opens on its newest year.
  const longList =
    state.status === 'ready'
      ? decideLongList({ total: state.total, rowHeight: ROW_HEIGHT, year: filters.year, years: facets.years })
      : { action: 'show' as const };
  const chosenYear = longList.action === 'choose-year' ? longList.year : null;
  useEffect(() => {
    if (chosenYear !== null) onFiltersChange({ ...filters, year: chosenYear });
  }, [chosenYear, filters, onFiltersChange]);

  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="board-list-layout">
      <FilterChips
        kind={tab.kind}
        facets={facets}
        filters={filters}
        flagThresholdFen={settings.financeFlagThresholdFen}
        onChange={onFiltersChange}
      />
      <RecordList
        records={records}
        state={state}
        listKey={queryKey({ kind: tab.kind, regionCode, filters: listFilters })}
        tooLong={longList.action === 'ask-narrower'}
        onOpen={(item: ListItem) => onOpenRecord(tab.kind, item.id)}
        onClearFilters={filtered ? () => onFiltersChange({}) : undefined}
      />
      <SourceLine
        sources={state.sources}
        snapshot={snapshot}
        loading={state.status === 'loading'}
        empty={state.status === 'ready' && state.total === 0}
      />
    </div>
  );
}

export function BoardScreen({ api, board, regionCode, snapshot, settings, onOpenRecord, onBack, onDone }: BoardScreenProps) {
  const { t } = useTranslation();
  const definition = boardDefinition(board);
  const [choice, setChoice] = useState<TabChoice>(definition.hasFinanceSummary ? { type: 'summary' } : { type: 'list', index: 0 });
  const [filters, setFilters] = useState<ListFilters>({});

  // A new board starts on its first tab. A new region keeps the tab, but not the filters: the
  // years and categories of one region need not occur in another.
  const [shownFor, setShownFor] = useState({ board, regionCode });
  if (shownFor.board !== board || shownFor.regionCode !== regionCode) {
    if (shownFor.board !== board) setChoice(definition.hasFinanceSummary ? { type: 'summary' } : { type: 'list', index: 0 });
    setShownFor({ board, regionCode });
    setFilters({});
  }

  const chooseTab = (next: TabChoice) => {
    setChoice(next);
    setFilters({});
  };

  const tabCount = definition.tabs.length + (definition.hasFinanceSummary ? 1 : 0);
  const tab = choice.type === 'list' ? definition.tabs[choice.index] : undefined;

  return (
    <main className="board" data-testid="board-screen" data-board={board}>
      <div className="board-header">
        <h2 className="board-title">{boardTitle(t, board)}</h2>

        {tabCount > 1 && (
          <div className="board-tabs" role="tablist" aria-label={t('boards.tabs')}>
            {definition.hasFinanceSummary && (
              <button
                type="button"
                role="tab"
                className={choice.type === 'summary' ? 'board-tab board-tab--selected' : 'board-tab'}
                aria-selected={choice.type === 'summary'}
                data-testid="tab-summary"
                onClick={() => chooseTab({ type: 'summary' })}
              >
                {t('boards.finance.tab')}
              </button>
            )}
            {definition.tabs.map((candidate, index) => {
              const selected = choice.type === 'list' && choice.index === index;
              return (
                <button
                  key={`${candidate.kind}:${candidate.noticeBoard ?? ''}`}
                  type="button"
                  role="tab"
                  className={selected ? 'board-tab board-tab--selected' : 'board-tab'}
                  aria-selected={selected}
                  data-testid={candidate.noticeBoard ? `tab-${candidate.kind}-${candidate.noticeBoard}` : `tab-${candidate.kind}`}
                  onClick={() => chooseTab({ type: 'list', index })}
                >
                  {tabLabel(t, candidate)}
                </button>
              );
            })}
          </div>
        )}
      </div>

      <section className="board-body">
        {tab ? (
          <BoardList
            key={`${tab.kind}:${tab.noticeBoard ?? ''}`}
            api={api}
            tab={tab}
            regionCode={regionCode}
            snapshot={snapshot}
            settings={settings}
            filters={filters}
            onFiltersChange={setFilters}
            onOpenRecord={onOpenRecord}
          />
        ) : (
          <FinanceScreen
            api={api}
            regionCode={regionCode}
            snapshot={snapshot}
            onShowFlagged={(year) => {
              setChoice({ type: 'list', index: definition.tabs.findIndex((candidate) => candidate.kind === 'finance-entry') });
              setFilters({ year, flaggedOnly: true });
            }}
          />
        )}
      </section>

      <div className="button-row">
        <BackButton onBack={onBack} />
        <DoneButton onDone={onDone} />
      </div>
    </main>
  );
}
