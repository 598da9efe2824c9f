// Filter chips of a board list: for finance entries "large amounts only" first, then year,
// month (finance entries) and category. Each row starts with "全部", which clears that filter. The
// chosen chip is marked by a tick and a filled, thicker frame, not by colour alone.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facets, ListFilters, RecordKind } from '../../src-shared/boards-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { hasMoreBelow, shownYears, wholeLinesHeight } from './filter-column.js';
import { fixedValueLabel } from './fixed-values.js';
import { formatDate } from './format.js';

export interface FilterChipsProps {
  kind: RecordKind;
  facets: Facets;
  filters: ListFilters;
  flagThresholdFen: number;
  onChange(filters: ListFilters): void;
}

function Chip({
  selected,
  onClick,
  children,
  testId,
  value,
}: {
  selected: boolean;
  onClick(): void;
  children: ReactNode;
  testId?: string;
  // Set on every chip but "全部": the value the chip chooses.
  value?: string;
}) {
  return (
    <button
      type="button"
      className={selected ? 'chip chip--selected' : 'chip'}
      aria-pressed={selected}
      data-testid={testId}
      data-value={value}
      onClick={onClick}
    >
      {selected && <span aria-hidden="true">✓ </span>}
      {children}
    </button>
  );
}

function ChipRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="chip-row" role="group" aria-label={label}>
      <span className="chip-row-label">{label}</span>
      {children}
    </div>
  );
}

/** Removes one filter, keeping the others. */
function without(filters: ListFilters, name: keyof ListFilters): ListFilters {
  const rest = { ...filters };
  delete rest[name];
  return rest;
}

// Space between the chip box and the hint under it, in CSS pixels.
const CHIP_HINT_GAP = 8;

export function FilterChips({ kind, facets, filters, flagThresholdFen, onChange }: FilterChipsProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  // Months are offered for the chosen year only: ten years of months would fill the screen.
  const periods = filters.year === undefined ? [] : facets.periods.filter((period) => period.startsWith(`${filters.year}-`));

  // A filter chosen elsewhere ("查看大额收支", the newest year of a long list) scrolls its chip
  // into the box's view, so the chip that shortened the list is visible.
  const boxRef = useRef<HTMLDivElement>(null);
  const { year, period, category, flaggedOnly } = filters;
  useEffect(() => {
    const box = boxRef.current;
    const chosen = box?.querySelector<HTMLElement>('.chip--selected[data-value]');
    if (!box || !chosen) return;
    const top = chosen.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + chosen.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top;
  }, [year, period, category, flaggedOnly]);

  // A long year list (asset acquisitions go back decades) shows its newest years and a chip
  // that opens the rest, so the box stays short.
  const [yearsExpanded, setYearsExpanded] = useState(false);
  const years = shownYears(facets.years, filters.year, yearsExpanded);

  // In the landscape side column the box fills the space left under the tabs. Its height is cut
  // down to whole chip lines, so no chip is cut in half, and a hint appears while more are below.
  const panelRef = useRef<HTMLDivElement>(null);
  const [boxHeight, setBoxHeight] = useState<number | undefined>(undefined);
  const [moreBelow, setMoreBelow] = useState(false);
  useLayoutEffect(() => {
    const panel = panelRef.current;
    const box = boxRef.current;
    if (!panel || !box) return;

    const update = () => {
      const fillsColumn = getComputedStyle(panel).getPropertyValue('--filter-fills-column').trim() === '1';
      const hint = panel.querySelector<HTMLElement>('.filter-more');
      const hintHeight = hint ? hint.offsetHeight + CHIP_HINT_GAP : 0;
      setBoxHeight(fillsColumn ? wholeLinesHeight(panel.clientHeight - hintHeight) : undefined);
      setMoreBelow(hasMoreBelow(box));
    };
    update();

    box.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(panel);
    observer?.observe(box);
    return () => {
      box.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [facets, filters, yearsExpanded]);

  const chooseYear = (chosen: number | undefined) => {
    const next = without(without(filters, 'year'), 'period');
    onChange(chosen === undefined ? next : { ...next, year: chosen });
  };

  return (
    <div className="filter-panel" ref={panelRef}>
    <div className="filter-chips" data-testid="filter-chips" ref={boxRef} style={boxHeight === undefined ? undefined : { maxHeight: boxHeight }}>
      {/* First, so "查看大额收支" on the overview lands with its chosen chip in sight. */}
      {kind === 'finance-entry' && (
        <ChipRow label={t('boards.filter.amount')}>
          <Chip selected={!filters.flaggedOnly} onClick={() => onChange(without(filters, 'flaggedOnly'))}>
            {t('boards.filter.all')}
          </Chip>
          <Chip selected={filters.flaggedOnly === true} onClick={() => onChange({ ...filters, flaggedOnly: true })} testId="flagged-only" value="flagged">
            <span aria-hidden="true">⚠ </span>
            {t('boards.filter.flaggedOnly', { amount: formatFenAsYuan(flagThresholdFen) })}
          </Chip>
        </ChipRow>
      )}

      {facets.years.length > 0 && (
        <ChipRow label={t('boards.filter.year')}>
          <Chip selected={filters.year === undefined} onClick={() => chooseYear(undefined)}>
            {t('boards.filter.all')}
          </Chip>
          {years.years.map((year) => (
            <Chip key={year} value={String(year)} selected={filters.year === year} onClick={() => chooseYear(year)}>
              {formatDate(String(year), language)}
            </Chip>
          ))}
          {years.hidden > 0 && (
            <Chip selected={false} onClick={() => setYearsExpanded(true)} testId="older-years">
              {t('boards.filter.olderYears', { years: years.hidden })}
            </Chip>
          )}
        </ChipRow>
      )}

      {periods.length > 0 && (
        <ChipRow label={t('boards.filter.period')}>
          <Chip selected={filters.period === undefined} onClick={() => onChange(without(filters, 'period'))}>
            {t('boards.filter.all')}
          </Chip>
          {periods.map((period) => (
            <Chip key={period} value={period} selected={filters.period === period} onClick={() => onChange({ ...filters, period })}>
              {formatDate(period, language)}
            </Chip>
          ))}
        </ChipRow>
      )}

      {facets.categories.length > 0 && (
        <ChipRow label={t('boards.filter.category')}>
          <Chip selected={filters.category === undefined} onClick={() => onChange(without(filters, 'category'))}>
            {t('boards.filter.all')}
          </Chip>
          {facets.categories.map((category) => (
            <Chip
              key={category.value}
              value={category.value}
              selected={filters.category === category.value}
              onClick={() => onChange({ ...filters, category: category.value })}
            >
              {t('boards.filter.categoryCount', { category: fixedValueLabel(t, category.value), rows: category.count })}
            </Chip>
          ))}
        </ChipRow>
      )}
    </div>
    {moreBelow && (
      <p className="filter-more" data-testid="filter-more">
        <span aria-hidden="true">▼ </span>
        {t('boards.filter.moreBelow')}
      </p>
    )}
    </div>
  );
}
