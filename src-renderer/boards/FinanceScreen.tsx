// The village finance overview of one year: the monthly chart, the year's totals in numbers,
// a category table for income and for expenditure, and the count of large entries with a
// button that lists them.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceSummary } from '../../src-shared/boards-api.js';
import type { KioskApi, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { FinanceChart } from './FinanceChart.js';
import { fixedValueLabel } from './fixed-values.js';
import { formatAmount, formatDate, formatDirectedAmount } from './format.js';
import { SourceLine } from './SourceLine.js';

export interface FinanceScreenProps {
  api: KioskApi;
  regionCode: string;
  snapshot: SnapshotInfo | null;
  onShowFlagged(year: number): void;
}

type Load<T> = { status: 'loading' } | { status: 'error' } | { status: 'ready'; value: T };

function CategoryTable({ summary, direction }: { summary: FinanceSummary; direction: '收入' | '支出' }) {
  const { t } = useTranslation();
  const rows = summary.categories.filter((category) => category.direction === direction);
  const total = direction === '收入' ? summary.incomeFen : summary.expenditureFen;

  return (
    <table className="category-table" data-testid={direction === '收入' ? 'income-categories' : 'expenditure-categories'}>
      <caption>{direction === '收入' ? t('boards.finance.incomeCategories') : t('boards.finance.expenditureCategories')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('boards.finance.category')}</th>
          <th scope="col">{t('boards.finance.amount')}</th>
          <th scope="col">{t('boards.finance.share')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3}>{t('boards.finance.noCategories')}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={row.category}>
              <td>{fixedValueLabel(t, row.category)}</td>
              <td className="number">{formatAmount(t, row.amountFen)}</td>
              <td className="number">{total === 0 ? '—' : `${((row.amountFen / total) * 100).toFixed(1)}%`}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function FinanceScreen({ api, regionCode, snapshot, onShowFlagged }: FinanceScreenProps) {
  const { t, i18n } = useTranslation();
  const [years, setYears] = useState<Load<number[]>>({ status: 'loading' });
  const [year, setYear] = useState<number | null>(null);
  const [summary, setSummary] = useState<Load<FinanceSummary>>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setYears({ status: 'loading' });
    api.getFacets({ kind: 'finance-entry', regionCode }).then(
      (facets) => {
        if (!current) return;
        setYears({ status: 'ready', value: facets.years });
        setYear(facets.years[0] ?? null);
      },
      () => current && setYears({ status: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [api, regionCode]);

  useEffect(() => {
    if (year === null) return;
    let current = true;
    setSummary({ status: 'loading' });
    api.getFinanceSummary({ regionCode, year }).then(
      (value) => current && setSummary({ status: 'ready', value }),
      () => current && setSummary({ status: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [api, regionCode, year]);

  if (years.status === 'loading') return <p className="board-state">{t('boards.list.loading')}</p>;
  if (years.status === 'error') return <p className="board-state board-state--problem">{t('boards.finance.error')}</p>;
  if (years.value.length === 0 || year === null) {
    return (
      <div className="finance" data-testid="finance-empty">
        <p className="board-state">{t('boards.finance.empty')}</p>
        <SourceLine sources={[]} snapshot={snapshot} />
      </div>
    );
  }

  return (
    <div className="finance" data-testid="finance-screen">
      <div className="chip-row" role="group" aria-label={t('boards.filter.year')}>
        <span className="chip-row-label">{t('boards.filter.year')}</span>
        {years.value.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={candidate === year ? 'chip chip--selected' : 'chip'}
            aria-pressed={candidate === year}
            onClick={() => setYear(candidate)}
          >
            {candidate === year && <span aria-hidden="true">✓ </span>}
            {formatDate(String(candidate), i18n.language)}
          </button>
        ))}
      </div>

      {summary.status === 'loading' && <p className="board-state">{t('boards.list.loading')}</p>}
      {summary.status === 'error' && <p className="board-state board-state--problem">{t('boards.finance.error')}</p>}
      {summary.status === 'ready' && (
        <>
          <div className="finance-body">
            <div className="finance-chart-column">
              <p className="finance-totals" data-testid="finance-totals">
                <span>{formatDirectedAmount(t, '收入', summary.value.incomeFen)}</span>
                <span>{formatDirectedAmount(t, '支出', summary.value.expenditureFen)}</span>
                <span>
                  {t('boards.finance.balance', { amount: formatFenAsYuan(summary.value.incomeFen - summary.value.expenditureFen) })}
                </span>
              </p>
              <FinanceChart summary={summary.value} />
            </div>

            <div className="finance-tables">
              <div className="flag-summary" data-testid="flag-summary">
                <p>
                  <span aria-hidden="true">⚠ </span>
                  {t('boards.finance.flaggedCount', {
                    amount: formatFenAsYuan(summary.value.flagThresholdFen),
                    entries: summary.value.flaggedCount,
                  })}
                </p>
                {summary.value.flaggedCount > 0 && (
                  <button type="button" className="big-button" data-testid="show-flagged" onClick={() => onShowFlagged(year)}>
                    {t('boards.finance.showFlagged')}
                  </button>
                )}
              </div>
              <CategoryTable summary={summary.value} direction="收入" />
              <CategoryTable summary={summary.value} direction="支出" />
            </div>
          </div>
          <SourceLine sources={summary.value.sources} snapshot={snapshot} />
        </>
      )}
    </div>
  );
}
