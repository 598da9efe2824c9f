// Income against expenditure per month as an SVG bar chart. The two bars of a month differ by
// fill (solid for income, hatched for expenditure) and by the letter under each bar, so the
// chart reads without colour. The legend names both in words.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceSummary } from '../../src-shared/boards-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { chartScale } from './chart-scale.js';

// The chart is drawn in a 1000 x 560 box and scaled to its column, which is 500 to 1,080 CSS
// px wide depending on the screen. Text sizes are set in screen pixels and converted to box
// units from the drawn width, so labels never shrink below 24 px. Months are plain numbers
// under a "month" axis title, so twelve of them fit even in a narrow column.
const WIDTH = 1000;
const HEIGHT = 560;
const LEFT = 120;
const RIGHT = 16;
const TOP = 56;
const BOTTOM = 96;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

// Screen sizes of the chart's text in CSS px.
const LABEL_PX = 26;
const LETTER_PX = 24;

interface MonthBars {
  month: number;
  incomeFen: number;
  expenditureFen: number;
}

/** Returns all twelve months of the year, with zero for months without entries. */
export function monthBars(summary: FinanceSummary): MonthBars[] {
  return Array.from({ length: 12 }, (_, index) => {
    const period = `${summary.year}-${String(index + 1).padStart(2, '0')}`;
    const found = summary.months.find((month) => month.period === period);
    return { month: index + 1, incomeFen: found?.incomeFen ?? 0, expenditureFen: found?.expenditureFen ?? 0 };
  });
}

export function FinanceChart({ summary }: { summary: FinanceSummary }) {
  const { t } = useTranslation();
  const hatchId = `hatch-${useId().replace(/:/g, '')}`;

  // Box units per CSS px: 1 until the chart has been laid out.
  const svgRef = useRef<SVGSVGElement>(null);
  const [unitsPerPx, setUnitsPerPx] = useState(1);
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const measure = () => {
      const width = svg.getBoundingClientRect().width;
      if (width > 0) setUnitsPerPx(WIDTH / width);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);
  // Never below the design size in box units either, so a wide chart draws them larger, not smaller.
  const label = LABEL_PX * Math.max(1, unitsPerPx);
  const letter = LETTER_PX * Math.max(1, unitsPerPx);

  const months = monthBars(summary);
  const largest = Math.max(0, ...months.map((month) => Math.max(month.incomeFen, month.expenditureFen)));
  const scale = chartScale(largest);
  const unitLabel = scale.unit === 'wanYuan' ? t('boards.finance.unitWanYuan') : t('boards.finance.unitYuan');

  const slot = PLOT_WIDTH / 12;
  const barWidth = slot * 0.36;
  // The letters under the bars repeat the legend; they are left out when they would touch.
  const showLetters = letter <= barWidth + 4;
  const y = (fen: number) => TOP + PLOT_HEIGHT - (fen / scale.maxFen) * PLOT_HEIGHT;

  return (
    <figure className="finance-chart" data-testid="finance-chart">
      <svg ref={svgRef} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('boards.finance.chartLabel', { year: summary.year })}>
        <defs>
          <pattern id={hatchId} width="12" height="12" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="12" height="12" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="12" stroke="#7a2e00" strokeWidth="6" />
          </pattern>
        </defs>

        <text x={8} y={TOP - 16} textAnchor="start" fontSize={label} fill="#111111">
          {unitLabel}
        </text>
        {scale.ticks.map((tick) => {
          const tickY = y(tick * scale.unitFen);
          return (
            <g key={tick}>
              <line x1={LEFT} x2={WIDTH - RIGHT} y1={tickY} y2={tickY} stroke="#8a8f98" strokeWidth="1" />
              <text x={LEFT - 12} y={tickY + label / 3} textAnchor="end" fontSize={label} fill="#111111">
                {tick.toLocaleString('en-US')}
              </text>
            </g>
          );
        })}

        {/* Between the tick numbers and the month numbers in the text, so the two never read as
            one long run of digits. */}
        <text x={WIDTH - RIGHT} y={TOP - 16} textAnchor="end" fontSize={label} fill="#111111">
          {t('boards.finance.monthAxis')}
        </text>
        {months.map((month, index) => {
          const x = LEFT + index * slot + slot * 0.12;
          const incomeTop = y(month.incomeFen);
          const expenditureTop = y(month.expenditureFen);
          return (
            <g key={month.month} data-testid="chart-month">
              <rect x={x} y={incomeTop} width={barWidth} height={TOP + PLOT_HEIGHT - incomeTop} fill="#0b4f9c" stroke="#111111" strokeWidth="2">
                <title>{t('boards.income', { amount: formatFenAsYuan(month.incomeFen) })}</title>
              </rect>
              <rect
                x={x + barWidth + 4}
                y={expenditureTop}
                width={barWidth}
                height={TOP + PLOT_HEIGHT - expenditureTop}
                fill={`url(#${hatchId})`}
                stroke="#111111"
                strokeWidth="2"
              >
                <title>{t('boards.expenditure', { amount: formatFenAsYuan(month.expenditureFen) })}</title>
              </rect>
              {showLetters && (
                <>
                  <text x={x + barWidth / 2} y={TOP + PLOT_HEIGHT + 28} textAnchor="middle" fontSize={letter} fill="#111111" aria-hidden="true">
                    {t('boards.finance.incomeLetter')}
                  </text>
                  <text
                    x={x + barWidth * 1.5 + 4}
                    y={TOP + PLOT_HEIGHT + 28}
                    textAnchor="middle"
                    fontSize={letter}
                    fill="#111111"
                    aria-hidden="true"
                  >
                    {t('boards.finance.expenditureLetter')}
                  </text>
                </>
              )}
              <text x={x + barWidth + 2} y={TOP + PLOT_HEIGHT + 66 + Math.max(0, label - 26)} textAnchor="middle" fontSize={label} fill="#111111">
                {t('boards.finance.month', { month: month.month })}
              </text>
            </g>
          );
        })}
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} stroke="#111111" strokeWidth="3" />
      </svg>

      <figcaption className="chart-legend">
        <span className="legend-item">
          <span className="legend-swatch legend-swatch--income" aria-hidden="true" />
          {t('boards.finance.legendIncome')}
        </span>
        <span className="legend-item">
          <span className="legend-swatch legend-swatch--expenditure" aria-hidden="true" />
          {t('boards.finance.legendExpenditure')}
        </span>
      </figcaption>
    </figure>
  );
}
