// One board list: a virtualised column of fixed-height rows, each row one tap target. Only
// the rows on screen are in the DOM, and their pages are fetched as they scroll into view, so
// a ledger of 100,000 entries scrolls like one of 100.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import type { ListItem } from '../../src-shared/boards-api.js';
import { fixedValueLabel, subtitleLabel } from './fixed-values.js';
import { formatAmount, formatDate, formatDirectedAmount } from './format.js';
import type { ListState, PagedRecords } from './paged-records.js';

// Row height in CSS pixels, including the 16 px gap between rows. boards.css gives
// .board-row-slot the same height, so Virtuoso can place rows without measuring them.
export const ROW_HEIGHT = 148;

// Rows rendered before the list has measured its viewport, so the first screen fills at once.
const INITIAL_ROWS = 8;

export interface RecordListProps {
  records: PagedRecords;
  state: ListState;
  listKey: string;
  // The list is taller than the browser can scroll, even with a year chosen.
  tooLong?: boolean;
  onOpen(item: ListItem): void;
  // Given when filters are chosen: an empty list then offers to clear them.
  onClearFilters?: () => void;
}

export function RecordRow({ item, onOpen }: { item: ListItem; onOpen(item: ListItem): void }) {
  const { t, i18n } = useTranslation();

  const amount =
    item.amountFen === null
      ? null
      : item.direction
        ? formatDirectedAmount(t, item.direction, item.amountFen)
        : formatAmount(t, item.amountFen);

  const meta = [item.regionName, formatDate(item.date, i18n.language)].filter((part) => part !== '').join(' · ');

  return (
    <button
      type="button"
      className={item.direction === '支出' ? 'board-row board-row--expenditure' : 'board-row'}
      data-testid="board-row"
      data-id={item.id}
      onClick={() => onOpen(item)}
    >
      <span className="board-row-main">
        <span className="board-row-title">{item.title}</span>
        {item.subtitle !== '' && <span className="board-row-subtitle">{subtitleLabel(t, item.subtitle)}</span>}
        <span className="board-row-meta">{meta}</span>
      </span>
      <span className="board-row-side">
        {amount !== null && (
          <span className="board-row-amount" data-testid="board-row-amount">
            {amount}
          </span>
        )}
        {item.flagged && (
          <span className="flag-badge" data-testid="flag-badge">
            <span aria-hidden="true">⚠ </span>
            {t('boards.list.flagged')}
          </span>
        )}
        {item.status !== null && item.status !== '' && <span className="board-row-status">{fixedValueLabel(t, item.status)}</span>}
      </span>
    </button>
  );
}

function PlaceholderRow() {
  const { t } = useTranslation();
  return (
    <div className="board-row board-row--placeholder" data-testid="board-row-placeholder">
      {t('boards.list.rowLoading')}
    </div>
  );
}

export function RecordList({ records, state, listKey, tooLong = false, onOpen, onClearFilters }: RecordListProps) {
  const { t } = useTranslation();
  // "Swipe for more" is only true while rows remain below the screen.
  const [atBottom, setAtBottom] = useState(false);
  const [allFit, setAllFit] = useState(false);
  const scrollerRef = useRef<HTMLElement | null>(null);

  if (state.status === 'loading') {
    return (
      <p className="board-state" data-testid="board-loading">
        {t('boards.list.loading')}
      </p>
    );
  }

  if (state.status === 'error') {
    return (
      <div className="board-state board-state--problem" data-testid="board-error">
        <p>
          <span aria-hidden="true">⚠ </span>
          {t('boards.list.error')}
        </p>
        <button type="button" className="big-button" onClick={() => records.retry()}>
          {t('boards.list.retry')}
        </button>
      </div>
    );
  }

  if (state.total === 0) {
    return (
      <div className="board-state" data-testid="board-empty">
        <p>{onClearFilters ? t('boards.list.emptyFiltered') : t('boards.list.empty')}</p>
        {onClearFilters && (
          <button type="button" className="big-button" data-testid="clear-filters" onClick={onClearFilters}>
            {t('boards.list.clearFilters')}
          </button>
        )}
      </div>
    );
  }

  const rows = state.total.toLocaleString('en-US');

  return (
    <div className="board-list-frame">
      <p className="board-count" data-testid="board-count">
        {atBottom || allFit ? t('boards.list.countOnly', { rows }) : t('boards.list.count', { rows })}
      </p>
      {tooLong && (
        <p className="board-too-long" data-testid="board-too-long">
          <span aria-hidden="true">⚠ </span>
          {t('boards.list.tooLong')}
        </p>
      )}
      <Virtuoso
        // A new query starts at the top of its own list.
        key={listKey}
        className="board-list"
        data-testid="board-list"
        totalCount={state.total}
        fixedItemHeight={ROW_HEIGHT}
        initialItemCount={Math.min(state.total, INITIAL_ROWS)}
        increaseViewportBy={ROW_HEIGHT * 4}
        rangeChanged={(range) => records.requestRange(range.startIndex, range.endIndex)}
        atBottomStateChange={setAtBottom}
        scrollerRef={(element) => {
          scrollerRef.current = element instanceof HTMLElement ? element : null;
        }}
        totalListHeightChanged={(height) => setAllFit(scrollerRef.current !== null && height <= scrollerRef.current.clientHeight)}
        itemContent={(index) => {
          const item = records.itemAt(index);
          return <div className="board-row-slot">{item ? <RecordRow item={item} onOpen={onOpen} /> : <PlaceholderRow />}</div>;
        }}
      />
    </div>
  );
}
